"""Sheets as labs make them: CSV in a chosen encoding, and XLSX workbooks the way Excel and LIMS
exports look (title rows, typed cells, formulas, error values, merged cells, hidden sheets, comments,
dropdowns). Cells are written as given; nothing here checks anything.

Cell references in ``merged``, ``comments``, ``fonts`` and ``validations`` are ``"C4"`` (first sheet)
or ``"Run 2!C4"`` (the named sheet); ranges are written the same way (``"Samples!C2:C4"``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

Rows = Sequence[Sequence[object]]

RED_BOLD = Font(bold=True, color="FF0000")
# Excel's "Unicode text" (UTF-16 with a BOM, tab-separated): write_csv(path, rows, **UNICODE_TEXT)
UNICODE_TEXT = {"encoding": "utf-16", "delimiter": "\t"}
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8", delimiter: str = ",",
              line_end: str = "\r\n") -> Path:
    """Write ``rows`` as Excel saves a CSV (quoted where needed, CRLF line ends) in ``encoding``.

    Excel's "Unicode text" is ``**UNICODE_TEXT`` (UTF-16 with a BOM, tab-separated);
    "CSV UTF-8" is ``encoding="utf-8-sig"``; an older Windows export is ``encoding="cp1252"``.
    """
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def read_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    """The rows of a CSV file as text."""
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def _typed(text: str, header: object) -> object:
    """A cell as a person typing ``text`` into Excel would leave it: numbers, dates, booleans typed;
    IDs (a header naming an id) stay text."""
    name = str(header or "")
    if "id" in name.casefold().replace("_", " ").split() or name.endswith("_id"):
        return text
    if _NUMBER.fullmatch(text) and not re.match(r"-?0\d", text):
        return float(text) if "." in text else int(text)
    if _DATE.fullmatch(text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:  # 30 February stays text, as Excel leaves it
            return text
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def _place(book: openpyxl.Workbook, ref: str) -> tuple[openpyxl.worksheet.worksheet.Worksheet, str]:
    """``"C4"`` -> (first sheet, "C4"); ``"Run 2!C4"`` -> (sheet "Run 2", "C4")."""
    title, _, cell = ref.rpartition("!")
    return (book[title] if title else book.worksheets[0]), cell


def write_xlsx(path: Path, sheets: Mapping[str, Rows] | Rows, *, typed: bool = False, text: bool = False,
               header_row: int = 1, title_rows: Rows = (), merged: Collection[str] = (),
               hidden: Collection[str] = (), comments: Mapping[str, str] | None = None,
               fonts: Mapping[str, Font] | None = None, validations: Mapping[str, str] | None = None,
               ) -> Path:
    """Write a workbook: ``sheets`` maps each sheet's title to its rows, in order (a plain list of rows
    is one sheet named "Samples").

    - By default cells are stored as given: numbers, dates, booleans as such; a string starting
      with ``=`` is a formula (never calculated, so it has no cached value, as when a script wrote
      it); ``"#N/A"``, ``"#REF!"``, ``"#DIV/0!"`` ... are error values; ``None`` and ``""`` are empty.
    - ``text``: every string stays text, as pasted values do (``"=1+1"`` is not a formula).
    - ``typed``: text below the header typed as Excel types what a person enters (numbers, dates shown
      as yyyy-mm-dd, booleans); IDs stay text. Implies ``text`` for what stays a string.
    - ``title_rows``: rows above each sheet's table (a report title, notes), as LIMS exports write;
      ``header_row`` counts within ``sheets``' rows and moves down by as many.
    - ``merged``: ranges to merge (``"Samples!C2:C4"``); the value stays in the first cell.
    - ``hidden``: titles of sheets to hide.
    - ``comments``: cell -> comment text (e.g. ``"samplecheck: ignore[enum]"``).
    - ``fonts``: cell -> font (``RED_BOLD``), to see that formatting survives an edit.
    - ``validations``: range -> list formula of a dropdown, e.g. ``{"C2:C50": "=Lists!$A$1:$A$3"}``.
    """
    if not isinstance(sheets, Mapping):
        sheets = {"Samples": sheets}
    book = openpyxl.Workbook()
    book.remove(book.active)
    header_row += len(title_rows)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        rows = [*title_rows, *rows]
        headers = rows[header_row - 1] if len(rows) >= header_row else []
        for i, row in enumerate(rows, 1):
            for j, value in enumerate(row, 1):
                if value is None or value == "":
                    continue
                if typed and i > header_row and isinstance(value, str):
                    value = _typed(value, headers[j - 1] if j <= len(headers) else "")
                    if isinstance(value, dt.datetime):
                        ws.cell(i, j).number_format = "yyyy-mm-dd"
                cell = ws.cell(i, j, value)
                if (text or typed) and isinstance(value, str):
                    cell.data_type = "s"  # keep "=..." and "#N/A" as text, as a pasted value would be
        if title in hidden:
            ws.sheet_state = "hidden"
    for ref in merged:
        ws, cells = _place(book, ref)
        ws.merge_cells(cells)
    for ref, note in (comments or {}).items():
        ws, cell = _place(book, ref)
        ws[cell].comment = Comment(note, "lab")
    for ref, font in (fonts or {}).items():
        ws, cell = _place(book, ref)
        ws[cell].font = font
    for ref, formula in (validations or {}).items():
        ws, cells = _place(book, ref)
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.add(cells)
        ws.add_data_validation(rule)
    book.save(path)
    return path


def is_red_bold(cell: object) -> bool:
    """Whether ``cell`` (an openpyxl cell read back) still has the ``RED_BOLD`` font."""
    return bool(cell.font.b) and cell.font.color.rgb == "00FF0000"


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes: to show an input was not modified."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest: to show a run changed and wrote nothing."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}
