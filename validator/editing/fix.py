"""``samplecheck fix``: apply the rewrites that cannot change meaning, to a copy.

The sheet check says which cells are wrong (each finding names its sheet, cell
and field); :mod:`.safe_values` says what, if anything, may be written instead.
A CSV or TSV copy is written by :mod:`.workbook` in the input's own dialect and
encoding; a workbook copy by :mod:`.xlsx_cells`, which changes only the fixed
cells inside the workbook's XML and copies every other byte of content as it was
(formulas and their cached values, styles, validations, comments, other sheets).
The input file is only read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.checks.sheets import check_source, read
from validator.checks.sheets.read import XLSX_SUFFIXES
from validator.editing.safe_values import safe_value
from validator.editing.xlsx_cells import XlsxCells
from validator.findings.model import Finding, Report
from validator.spec import fields
from validator.spec.fields import FieldSpec

if TYPE_CHECKING:
    from validator.editing.workbook import Book


@dataclass(frozen=True, slots=True)
class Change:
    """One cell rewritten: where, the field, the value before and after, and why."""

    sheet: str | None
    cell: str
    field: str | None
    before: Any
    after: Any
    reasons: tuple[str, ...]

    @property
    def location(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet else self.cell

    def describe(self) -> str:
        field = f" {self.field}" if self.field else ""
        return f"{self.location}{field}: {_show(self.before)} -> {_show(self.after)} " \
               f"({', '.join(self.reasons)})"


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _spec(field: str | None) -> FieldSpec | None:
    """The field's spec; None for a custom key or a column that names no field (trimmed only)."""
    return fields.get(fields.METADATA, field or "")


def _cells(findings: Iterable[Finding], headers: dict[str | None, int]
           ) -> dict[tuple[str | None, str], str | None]:
    """(sheet, cell) -> field, for every finding that points at a cell below its header."""
    out: dict[tuple[str | None, str], str | None] = {}
    for f in findings:
        if f.cell and f.row is not None and f.row > headers.get(f.sheet, 1):
            out.setdefault((f.sheet, f.cell), f.field)
    return out


def plan(book: Book | XlsxCells, report: Report, headers: dict[str | None, int] | None = None
         ) -> list[Change]:
    """The safe changes to the data cells ``report`` found fault with, in finding order.

    ``headers`` maps a sheet (None for CSV) to its header row; header cells are never changed.
    A workbook's formula cells and error values are never changed.
    """
    changes = []
    cells = _cells(report.findings, headers or {})
    values = book.values(cells)
    for (sheet, cell), field in cells.items():
        before = values.get((sheet, cell))
        after, reasons = safe_value(before, _spec(field))
        if reasons and after != before:
            if "decimal comma" in reasons and not book.is_csv:
                after = float(after)  # a number cell, as the workbook should have held
            changes.append(Change(sheet, cell, field, before, after, tuple(reasons)))
    return changes


def apply(book: Book | XlsxCells, changes: Iterable[Change]) -> None:
    for change in changes:
        book.set(change.sheet, change.cell, change.after)


def diff(changes: list[Change], source: str, target: str) -> str:
    """The changes as a unified-style diff, one hunk per cell."""
    lines = [f"--- {source}", f"+++ {target}"]
    for c in changes:
        lines += [f"@@ {c.location} {c.field or ''} ({', '.join(c.reasons)}) @@",
                  f"-{c.before}", f"+{c.after}"]
    return "\n".join(lines) + "\n"


@dataclass
class Result:
    changes: list[Change]
    remaining: Report | None  # the check of the written copy; None on a dry run


def _open_text(path: str | Path) -> Book:
    from validator.editing.workbook import open_book  # openpyxl: a workbook fix does not need it

    return open_book(path)


def fix(path: str | Path, out: str | Path | None, sheet: str | None = None) -> Result:
    """Check ``path``, write the safely fixed copy to ``out`` (None: write nothing), recheck it."""
    from validator.checks.sheets import check_file

    book = XlsxCells(path) if Path(path).suffix.lower() in XLSX_SUFFIXES else _open_text(path)
    try:
        tables = read(path, sheet)  # read once: the check and the header rows come from the same tables
        report = Report([check_source(path, sheet, tables=tables)])
        headers = {t.sheet: t.header_row for t in tables}
        changes = plan(book, report, headers)
        if out is None:
            return Result(changes, None)
        apply(book, changes)
        book.save(out)
    finally:
        if isinstance(book, XlsxCells):
            book.close()
    return Result(changes, check_file(str(out), sheet=sheet))
