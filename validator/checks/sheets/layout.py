"""Where the table is in a sheet: its header row, a notes row under it, and where it ends.

Labs put titles, form blocks (Project / Location / Date) and pages of
instructions above the header, a row of units or instructions right under it
("YYYY-MM-DD", "decimal degrees", "choose from list"), and notes or a totals
row below the samples. This module decides, from the raw rows, which row is the
header and which rows are not samples. It works on plain lists of cell values
(text from a CSV, typed values from a workbook) and imports nothing heavy.

- **Header**: every row of the head of the sheet is scored by how many distinct
  metadata fields its short text cells name (a field's name or alias, with units
  in brackets removed), then by how many of the rows under it look like records
  of that header (as wide as it, cells under the columns it names, no header
  words of their own); the best row wins, the earliest on a tie.
- **Header notes**: the row right under the header is a notes row when its cells
  describe instead of record (at least two, and two thirds of its filled cells,
  describe a format, a unit or a choice, and none of the number or date columns
  holds a number or date).
- **End**: after a blank row, a block of rows whose first row is a note (one
  long text cell, a row starting "Total", "Notes", "Source"..., or a row of
  formulas) is notes, not samples; so is a last row starting "Total" or "Sum".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

HEAD_ROWS = 200  # the header is looked for among the first rows of a sheet
_HEADER_CELL_CHARS = 60  # a header cell is short: longer text is an instruction
_FIT_ROWS = 5

_DESCRIBES = re.compile(
    r"(?i)(\b(yyyy|dd[-/.]mm|mm[-/.]dd|decimal|degrees|choose|select|pick|dropdown|drop-down|"
    r"from (the )?list|required|optional|mandatory|e\.g|example|format|free[ -]?text|true/false|"
    r"yes/no|units?:|wgs ?84|iso ?8601|leave blank)\b|^\s*[(\[].*[)\]]\s*$)")
_NOTE_START = re.compile(
    r"(?i)^\s*(totals?|sum|subtotal|count|average|mean|notes?|comments?|remarks?|legend|key|"
    r"source|prepared|checked|signed|approved|page\s+\d|[*†#])(\b|:|\s|$)")
_TOTAL = re.compile(r"(?i)^\s*(totals?|sum|subtotal|grand total)\b")


@dataclass(frozen=True)
class Layout:
    """Row indexes (0-based, into the rows given) of the header and the header-notes row."""

    header: int
    notes_under_header: int | None = None


def filled(value: object) -> bool:
    """A cell holding something (not None, not blank text)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _header_fields(row: Sequence[object], field_for: Callable[[str], str | None]) -> dict[int, str]:
    """Column index -> field, for the short text cells of a row that name a field (first wins)."""
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i, cell in enumerate(row):
        if not isinstance(cell, str) or not cell.strip() or len(cell) > _HEADER_CELL_CHARS:
            continue
        field = field_for(cell)
        if field is not None and field not in seen:
            seen.add(field)
            out[i] = field
    return out


def find(rows: Sequence[Sequence[object]], field_for: Callable[[str], str | None],
         kind_of: Callable[[str], str]) -> Layout:
    """The header row (the best scored) and the header-notes row under it, if any.

    ``field_for`` names the field a header cell names (or None); ``kind_of`` gives
    a field's kind (``number``, ``date-time``, ``boolean``, ``string``...).
    """
    head = rows[:HEAD_ROWS]
    named = [_header_fields(row, field_for) for row in head]
    best, best_score = None, None
    for i, fields in enumerate(named):
        if not fields:
            continue
        score = (len(fields), _fit(head, i, fields, named))
        if best_score is None or score > best_score:
            best, best_score = i, score
    if best is None:
        best = next((i for i, row in enumerate(head) if any(filled(c) for c in row)), 0)
        return Layout(best)
    below = best + 1
    if below < len(rows) and describes(rows[below], named[best], kind_of):
        return Layout(best, below)
    return Layout(best)


def _fit(head: Sequence[Sequence[object]], index: int, fields: dict[int, str],
         named: list[dict[int, str]]) -> int:
    """How many of the next rows (up to a blank row) look like records under this header."""
    width = sum(1 for c in head[index] if filled(c))
    fit = 0
    for j in range(index + 1, min(len(head), index + 1 + _FIT_ROWS)):
        row = head[j]
        cells = [k for k, c in enumerate(row) if filled(c)]
        if not cells:
            break
        if len(named[j]) >= 2:  # a row of header words is another header, not a record
            continue
        if any(k in fields for k in cells) and len(cells) * 2 >= min(width, 4):
            fit += 1
    return fit


def describes(row: Sequence[object], fields: dict[int, str], kind_of: Callable[[str], str]) -> bool:
    """Whether a row's cells describe the columns (units, formats, choices) instead of recording values."""
    cells = [(k, c) for k, c in enumerate(row) if filled(c)]
    if not cells or any(not isinstance(c, str) for _, c in cells):
        return False
    describing = sum(1 for _, c in cells if _DESCRIBES.search(c))
    if describing < 2 or describing * 3 < len(cells) * 2:
        return False
    for k, c in cells:
        kind = kind_of(fields[k]) if k in fields else "string"
        if kind in ("number", "integer") and _is_number(c):
            return False
        if kind in ("date", "date-time") and re.match(r"\s*\d{4}-\d{2}-\d{2}", c):
            return False
    return True


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def is_note(row: Sequence[object], width: int, formulas: int = 0) -> bool:
    """Whether a row that follows a blank row is a note rather than a sample record.

    ``width`` is how many columns the header names; ``formulas`` how many of the
    row's cells hold formulas (a workbook's totals row).
    """
    values = [c for c in row if filled(c)]
    if not values:
        return False
    first = values[0]
    if isinstance(first, str) and _NOTE_START.match(first):
        return True
    if formulas and formulas * 2 >= len(values):
        return True
    return (len(values) == 1 and width > 1 and isinstance(first, str)
            and (len(first.split()) >= 3 or first.rstrip().endswith(":")))


def is_total(row: Sequence[object]) -> bool:
    """A totals row (first filled cell "Total", "Sum"...), which may follow the samples directly."""
    first = next((c for c in row if filled(c)), None)
    return isinstance(first, str) and bool(_TOTAL.match(first))
