"""A sheet read into a :class:`Table`: the cells of its data region, placed as the program shows them.

Whatever the file (CSV, TSV, XLSX), reading ends in :func:`build`: it drops blank
rows, the notes row under the header and note rows under the samples, and empty
columns; labels the columns by letter; and places the cell facts (Excel error
values, formulas never calculated, hidden rows) in the data region.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from validator.checks.sheets import layout
from validator.checks.sheets.cells import SheetFacts
from validator.checks.sheets.columns import field_for
from validator.findings.model import Finding
from validator.findings.place import column_letter
from validator.spec import fields
from validator.spec.fields import METADATA


@dataclass
class Table:
    """One sheet: headers and values placed as the spreadsheet program shows them."""

    path: str
    sheet: str | None
    header_row: int
    headers: list[str]
    letters: list[str]
    frame: pd.DataFrame  # columns labelled by letter, index = spreadsheet row number
    indices: list[int] = field(default_factory=list)  # each column's 0-based index in the sheet
    typed: bool = False  # XLSX: values keep their cell types
    encoding: str | None = None
    delimiter: str | None = None
    findings: list[Finding] = field(default_factory=list)  # cell facts found while reading
    header_notes_row: int | None = None  # a row of units or instructions under the header
    note_rows: list[int] = field(default_factory=list)  # rows below the samples that are notes
    hidden_rows: frozenset[int] = frozenset()

    @property
    def rows(self) -> int:
        return len(self.frame)


@dataclass(frozen=True)
class Skipped:
    """A sheet (or file) not checked, and why."""

    sheet: str | None
    reason: str


@dataclass
class Sheets:
    """What reading a file gives: the tables to check, and what was skipped with the reason."""

    tables: list[Table]
    skipped: list[Skipped] = field(default_factory=list)



def _kind(field: str) -> str:
    spec = fields.get(METADATA, field)
    return spec.kind if spec is not None else "string"


def find_layout(rows: list[list[object]]) -> layout.Layout:
    """The header row and the header-notes row under it (indexes into ``rows``)."""
    return layout.find(rows, field_for, _kind)



def build(name: str, sheet: str | None, header_row: int, headers: list[str], frame: pd.DataFrame,
           *, notes_row: int | None = None, facts: SheetFacts | None = None,
           used: list[int] | None = None, **extra: object) -> Table:
    """Drop blank rows, note rows and empty columns; label columns by letter; place the cell facts."""
    width = max(len(headers), frame.shape[1])
    headers = [h.strip("\ufeff") if isinstance(h, str) else "" for h in headers]
    headers += [""] * (width - len(headers))
    for i in range(frame.shape[1], width):
        frame[i] = None
    if notes_row is not None:
        frame = frame.drop(index=notes_row, errors="ignore")
    facts = facts or SheetFacts()
    original = used or list(range(width))
    index_of = [original[i] if i < len(original) else i for i in range(width)]
    extra_findings = _fact_findings(name, sheet, header_row, headers, original, facts, frame.index)
    blank = frame.isna().all(axis=1)
    notes = _note_rows(frame, blank, headers, facts)
    frame = frame[~blank]
    if notes:
        frame = frame.drop(index=notes)
        extra_findings = [f for f in extra_findings if f.row not in set(notes)]
    keep = [i for i in range(width) if headers[i].strip() or frame[i].notna().any()
            or any(f.place.col == index_of[i] for f in extra_findings)]
    frame = frame[keep]
    letters = [column_letter(index_of[i]) for i in keep]
    frame.columns = letters
    found = list(extra.pop("findings", [])) + extra_findings
    return Table(name, sheet, header_row, [headers[i] for i in keep], letters, frame,
                 indices=[index_of[i] for i in keep],
                 findings=found, header_notes_row=notes_row, note_rows=notes,
                 hidden_rows=frozenset(r for r in facts.hidden_rows if r in frame.index), **extra)


def _fact_findings(name: str, sheet: str | None, header_row: int, headers: list[str],
                   original: list[int], facts: SheetFacts, rows: pd.Index) -> list[Finding]:
    """Excel error values and formulas never calculated, at their cells in the data region."""
    if not facts.errors and not facts.uncalculated:
        return []
    position = {c: i for i, c in enumerate(original)}
    first, last = header_row + 1, (int(rows[-1]) if len(rows) else header_row)
    out = []
    for (row, col), value in sorted(facts.errors.items()):
        i = position.get(col)
        if i is None or not first <= row <= last:
            continue
        header = headers[i] if i < len(headers) else ""
        out.append(Finding.of(
            "excel-error", f"{value} is an Excel error value: the formula or link behind this cell "
            "failed, so the cell holds no value to upload", file=name, sheet=sheet, row=row,
            column=header or None, field=field_for(header) if header else None,
            col=col, value=value))
    for row, col in sorted(facts.uncalculated):
        i = position.get(col)
        if i is None or not first <= row <= last or (row, col) in facts.errors:
            continue
        header = headers[i] if i < len(headers) else ""
        out.append(Finding.of(
            "formula-not-calculated", "the cell holds a formula that was never calculated, so its "
            "value is unknown (the file was written by a program); open and save it in Excel or "
            "LibreOffice", file=name, sheet=sheet, row=row, column=header or None,
            field=field_for(header) if header else None, col=col))
    return out


def _note_rows(frame: pd.DataFrame, blank: pd.Series, headers: list[str], facts: SheetFacts) -> list[int]:
    """Rows below the samples that are notes: blocks after a blank row whose first row is a note,
    and a last row of totals."""
    filled_rows = frame.index[~blank.to_numpy()]
    if not len(filled_rows):
        return []
    width = sum(1 for h in headers if h.strip())
    blanks = frame.index[blank.to_numpy()]
    notes: list[int] = []
    if len(blanks):
        after = np.searchsorted(filled_rows.to_numpy(), blanks.to_numpy() + 1)
        starts = sorted({int(filled_rows[i]) for i in after if i < len(filled_rows)
                         and filled_rows[i] > filled_rows[0]})
        blank_numbers = blanks.to_numpy()
        for start in starts:
            if not layout.is_note(frame.loc[start].tolist(), width, facts.formulas_by_row.get(start, 0)):
                continue
            stop = blank_numbers[blank_numbers > start]
            end = int(stop[0]) if len(stop) else int(filled_rows[-1]) + 1
            notes += [int(r) for r in filled_rows if start <= r < end]
    last = int(filled_rows[-1])
    if last not in notes and len(filled_rows) > 1 and layout.is_total(frame.loc[last].tolist()):
        notes.append(last)
    return sorted(set(notes))
