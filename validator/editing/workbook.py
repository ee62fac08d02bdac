"""A spreadsheet opened for editing: XLSX through openpyxl, CSV/TSV as an in-memory sheet.

``fix`` and ``--annotate`` both edit cells by their A1 address. An XLSX file is
loaded with openpyxl, so its other sheets, formatting and formulas survive a
save. A CSV or TSV file becomes one openpyxl sheet of text cells and remembers
its encoding, delimiter, quoting and line ending so that :meth:`Book.save` writes
it back the same way.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from validator.checks.sheets.read import decode, delimiter, read
from validator.errors import InputError
from validator.spec.inputs import XLSX_SUFFIXES, existing_file, read_bytes

HEAD_ROWS = 30


@dataclass
class TextFormat:
    """How a CSV file was written: kept so that a fixed copy is written the same way."""

    encoding: str
    dialect: type[csv.Dialect]


class Book:
    """An XLSX workbook, or the rows of a CSV file (as an openpyxl sheet only when asked)."""

    def __init__(self, path: Path, workbook: Workbook | None = None, text: TextFormat | None = None,
                 rows: list[list[str]] | None = None) -> None:
        self.path, self.text, self.rows = path, text, rows
        self._workbook = workbook

    @property
    def is_csv(self) -> bool:
        return self.text is not None

    @property
    def workbook(self) -> Workbook:
        if self._workbook is None:
            self._workbook = _as_workbook(self.path, self.rows or [])
        return self._workbook

    def sheet(self, name: str | None = None) -> Worksheet:
        """The named sheet, or the first one (the sheet a check reads by default)."""
        if name is None:
            return self.workbook.worksheets[0]
        if name not in self.workbook.sheetnames:
            raise InputError(f"{self.path}: no sheet named {name!r}")
        return self.workbook[name]

    def value(self, sheet: str | None, ref: str) -> Any:
        """The value of cell ``ref`` (A1) of ``sheet`` (ignored for CSV); None when empty."""
        if self.rows is None:
            return self.sheet(sheet)[ref].value
        row, col = _index(ref)
        line = self.rows[row] if row < len(self.rows) else []
        return line[col] if col < len(line) and line[col] != "" else None

    def values(self, places: Iterable[tuple[str | None, str]]) -> dict[tuple[str | None, str], Any]:
        """The value of each (sheet, A1 reference) place; None when empty."""
        return {(sheet, ref): self.value(sheet, ref) for sheet, ref in places}

    def set(self, sheet: str | None, ref: str, value: Any) -> None:
        if self.rows is None:
            self.sheet(sheet)[ref].value = value
            return
        row, col = _index(ref)
        self.rows[row][col] = "" if value is None else str(value)
        self._workbook = None

    def save(self, out: str | Path, as_xlsx: bool = False) -> None:
        """Write the book to ``out`` in the input's own format (or as XLSX)."""
        try:
            if self.text is None or as_xlsx:
                self.workbook.save(out)
                return
            buf = io.StringIO(newline="")
            csv.writer(buf, dialect=self.text.dialect).writerows(self.rows or [])
            Path(out).write_bytes(buf.getvalue().encode(self.text.encoding))
        except OSError as exc:
            raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _index(ref: str) -> tuple[int, int]:
    """``B3`` -> (2, 1): zero-based row and column."""
    letters, row = coordinate_from_string(ref)
    return row - 1, column_index_from_string(letters) - 1


def _as_workbook(path: Path, rows: list[list[str]]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = path.stem[:31] or "Sheet1"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                cell = ws.cell(r, c, value)
                cell.data_type = "s"  # text stays text, "=1+1" included
    return wb


def _dialect(text: str, suffix: str) -> type[csv.Dialect]:
    """The sheet check's own delimiter, and the file's line ending."""
    lines = text[:1_000_000].splitlines(keepends=True)[:HEAD_ROWS]
    line_end = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    split = delimiter(lines, suffix)  # the same split as the check's

    class Kept(csv.excel):
        delimiter = split
        lineterminator = line_end

    return Kept


def _open_csv(path: Path) -> Book:
    data = read_bytes(str(path))
    text, encoding = decode(data, str(path))
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"  # written back with its byte-order mark
    dialect = _dialect(text, path.suffix.lower())
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect))
    return Book(path, text=TextFormat(encoding, dialect), rows=rows)


def open_book(path: str | Path) -> Book:
    """Open ``path`` (XLSX, CSV or TSV) for editing; the file itself is never written."""
    p = existing_file(path)
    if p.suffix.lower() not in XLSX_SUFFIXES:
        return _open_csv(p)
    try:
        return Book(p, openpyxl.load_workbook(p, keep_vba=p.suffix.lower() == ".xlsm"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable XLSX workbook ({exc})") from None


def print_wide(ws: Worksheet, gridlines: bool = True) -> None:
    """Print (and export to PDF) landscape, one page wide, with gridlines."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = gridlines


def header_rows(path: str | Path, sheet: str | None = None) -> dict[str | None, int]:
    """Sheet name (None for CSV) -> the row of its header, as the sheet check finds it."""
    return {t.sheet: t.header_row for t in read(path, sheet)}
