"""Where a finding is: a :class:`Place`, and every way the outputs write it.

A place is structured, never text: the file; for a sheet the sheet's name, the
row as the spreadsheet program numbers it (1-based), the column's index
(0-based), the header as written and the canonical field; for JSON an RFC 6901
pointer. The renderings (an A1 cell ``E7``, ``Samples!E7``, the location of a
text line, a SARIF region, a GitHub annotation's line and column) are computed
from those parts; the only text read back into a place is a saved report's A1
cell (:meth:`Place.from_cell`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_LETTERS = 26


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, _LETTERS)
        out = chr(65 + rest) + out
    return out


def cell_parts(cell: str) -> tuple[int | None, int | None]:
    """``E7`` -> (7, 4): the row and the 0-based column of an A1 cell; (None, None) if not one."""
    text = cell.replace("$", "")
    letters = text.rstrip("0123456789")
    digits = text[len(letters):]
    if not (letters.isascii() and letters.isalpha() and 1 <= len(letters) <= 3 and digits.isdigit()):
        return None, None
    n = 0
    for letter in letters.upper():
        n = n * _LETTERS + ord(letter) - ord("A") + 1
    return int(digits), n - 1


@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding is; every part may be unknown (None)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet program numbers it
    col: int | None = None  # 0-based column index
    header: str | None = None  # the column's header as written
    field: str | None = None  # the canonical field name
    pointer: str | None = None  # RFC 6901; "" is the whole document

    @classmethod
    def from_cell(cls, cell: str | None, **parts: Any) -> Place:
        """A place from a saved report's A1 ``cell`` (``E7``) and its other parts.

        The row the report gives wins over the cell's; a cell that is not A1 text
        gives no column.
        """
        row, col = cell_parts(cell) if cell else (None, None)
        if parts.get("row") is None:
            parts["row"] = row
        return cls(col=col, **parts)

    @property
    def letter(self) -> str | None:
        """The column's letters (``E``), when the column is known."""
        return None if self.col is None else column_letter(self.col)

    @property
    def cell(self) -> str | None:
        """The A1 cell (``E7``), when both row and column are known."""
        if self.col is None or self.row is None:
            return None
        return f"{column_letter(self.col)}{self.row}"

    @property
    def sheet_cell(self) -> str | None:
        """The cell with its sheet (``Samples!E7``; ``E7`` for a CSV), when the cell is known."""
        cell = self.cell
        if cell is None:
            return None
        return f"{self.sheet}!{cell}" if self.sheet else cell

    @property
    def location(self) -> str:
        """Where, without the file: ``Samples!E7``, ``E7``, ``Samples!row 7``, ``/0/platform``, ``/``."""
        cell = self.sheet_cell
        if cell is not None:
            return cell
        if self.row is not None:
            return f"{self.sheet}!row {self.row}" if self.sheet else f"row {self.row}"
        if self.pointer is not None:
            return self.pointer or "/"
        return self.sheet or ""

    def head(self, default_file: str = "<object>") -> str:
        """The start of a ruff-style text line: ``FILE:LOCATION`` (just ``FILE`` when nowhere)."""
        where = self.location
        file = self.file or default_file
        return f"{file}:{where}" if where else file

    def line_col(self) -> tuple[int | None, int | None]:
        """The row as a 1-based line and the cell's 1-based column, for CI annotations (GitHub)."""
        return self.row, (None if self.cell is None else self.col + 1)  # type: ignore[operator]

    def region(self) -> dict[str, int] | None:
        """The SARIF region: ``startLine`` (the row) and ``startColumn`` (the cell's column)."""
        line, col = self.line_col()
        if line is None or line < 1:
            return None
        region = {"startLine": line}
        if col is not None:
            region["startColumn"] = col
        return region
