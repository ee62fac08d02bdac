"""``check_table``: every finding for one sheet, each placed at its cell (files: :mod:`.files`).

The order of work per sheet: map headers to fields; coerce each column; run the
schema's column checks (enums, ranges, lengths, patterns: :mod:`.frame`); run the
API's own schema over each coerced column (:mod:`.upload`) so that whatever the
sheet check accepts, the API accepts; then the ``rows`` checks of
:mod:`validator.checks.registry` (across rows and fields), the configuration's lab
rules, and the registry's ``column`` checks (hygiene). A cell with an error is
reported once: later stages skip it. Per-value stages run once per distinct value
of a column (:mod:`.distinct`).

A file checked in batches (:mod:`.stream`) runs :func:`check_rows` on each batch,
with the state of the cross-row rules of the whole file seeded in. Findings past
a cap per code are counted, not held (:class:`Held`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import pandas as pd

from validator.checks import registry
from validator.checks.sheets import coerce, frame, lab, upload
from validator.checks.sheets.columns import Column, map_columns
from validator.checks.sheets.distinct import Distinct
from validator.checks.sheets.read import Table
from validator.checks.sheets.values import ColumnValues
from validator.findings.model import MAX_FINDINGS, Finding, Severity, Source
from validator.findings.place import Place
from validator.spec import fields
from validator.spec.fields import METADATA, FieldSpec
from validator.spec.lab import LabSpec

Progress = Callable[[str, int], None]



class Held:
    """Findings in order, the first ``cap`` of each code held, the rest counted by code."""

    def __init__(self, cap: int = MAX_FINDINGS) -> None:
        self.cap = cap
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        counts, cap, keep = self.counts, self.cap, self.findings.append
        for f in findings:
            n = counts.get(f.code, 0) + 1
            counts[f.code] = n
            if n <= cap:
                keep(f)

    def extend(self, other: Held) -> None:
        """Another collector's findings after these (its counts past its own cap carried over)."""
        held = {}
        for f in other.findings:
            held[f.code] = held.get(f.code, 0) + 1
        self.add(other.findings)
        for code, n in other.counts.items():
            self.counts[code] = self.counts.get(code, 0) + n - held.get(code, 0)

    def source(self, path: str, **extra: object) -> Source:
        not_held = {code: n - self.cap for code, n in self.counts.items() if n > self.cap}
        return Source(path, METADATA, findings=self.findings, not_held=not_held, **extra)


class _Cells:
    """The findings of one column, made per distinct value and placed at every row holding it.

    A cell with an error is reported once: a later problem at a cell that already
    has an error is dropped. Per-value stages work on keys (see :mod:`.distinct`);
    the cross-row rules work on rows.
    """

    def __init__(self, column: Column, distinct: Distinct, where: Place) -> None:
        self.column, self.distinct = column, distinct
        self.place = column.place(where)  # the column, no row yet
        self.by_key: list[tuple[int, Finding]] = []  # (the key of the value, its finding)
        self.errors: set[int] = set()  # keys
        self.by_row: list[Finding] = []  # cross-row rules: at the spreadsheet row
        self.error_rows: set[int] = set()
        self.late = 0  # by_key findings from here on came after the cross-row rules: skip error_rows

    def add(self, problems: list[coerce.Problem]) -> None:
        """Per-value problems (``row`` is the key)."""
        self.explained((p.row, [p.finding(self.place)]) for p in problems)

    def explained(self, found: Iterable[tuple[int, list[Finding]]]) -> None:
        """Per-value findings, by key; the cell of a key that already has an error is skipped."""
        for key, findings in found:
            if key in self.errors:
                continue
            self.by_key += [(key, f) for f in findings]
            if any(f.severity is Severity.ERROR for f in findings):
                self.errors.add(key)

    def add_rows(self, problems: list[coerce.Problem]) -> None:
        """Problems of the cross-row rules, at spreadsheet rows."""
        if not problems:
            return
        skip = self.error_cells()
        for p in problems:
            if p.row in skip:
                continue
            finding = p.finding(replace(self.place, row=p.row))
            self.by_row.append(finding)
            if finding.severity is Severity.ERROR:
                skip.add(p.row)
                self.error_rows.add(p.row)
        self.late = len(self.by_key)

    def error_cells(self) -> set[int]:
        """The spreadsheet rows where this column has an error."""
        return self.distinct.rows_with(self.errors) | self.error_rows

    def findings(self) -> list[Finding]:
        """Every finding at its cell: a per-value finding once for each row holding the value."""
        out = []
        for i, (key, f) in enumerate(self.by_key):
            rows = self.distinct.rows_of(key).tolist()
            if i >= self.late and self.error_rows:
                rows = [r for r in rows if r not in self.error_rows]
            place = f.place
            out += [f.placed(replace(place, row=r)) for r in rows]
        return out + self.by_row


def check_table(table: Table, *, progress: Progress | None = None,
                config: LabSpec | None = None) -> list[Finding]:
    """Every finding for one sheet."""
    columns, out = check_header(table, config)
    if columns and table.frame.empty:
        out.append(no_rows(table))
    elif columns:
        out += check_rows(table, columns, progress=progress, config=config)
    unread = {f.row for f in table.findings if f.field in _COORDINATES}
    if unread:  # a coordinate whose cell holds no value: the lone other one is not a second finding
        out = [f for f in out if not (f.code in _LONE and f.row in unread)]
    if table.note_rows:
        out.append(_notes_finding(table))
    if table.hidden_rows:
        out = [f.at(message=f"{f.message} (row {f.row} is hidden)") if f.row in table.hidden_rows else f
               for f in out]
    return sorted(out, key=order)


_COORDINATES = ("location_lat", "location_lon")
_LONE = ("lat-without-lon", "lon-without-lat")


def _notes_finding(table: Table) -> Finding:
    rows = table.note_rows
    listed = ", ".join(map(str, rows[:20])) + (" ..." if len(rows) > 20 else "")
    word = "row" if len(rows) == 1 else "rows"
    return Finding.of("notes-rows", f"{len(rows)} {word} below the samples read as notes, not samples, "
                      f"and not checked: {word} {listed}", file=table.path, sheet=table.sheet,
                      row=rows[0], value=len(rows))


def check_header(table: Table, config: LabSpec | None = None) -> tuple[list[Column], list[Finding]]:
    """The columns that hold fields, and the findings about the file and its header."""
    where = Place(table.path, table.sheet)
    columns, header_findings = map_columns(table.headers, table.indices, table.header_row, where,
                                           lab.header_aliases(config))
    if not columns:
        return [], [*table.findings, _no_columns(table, where)]
    return columns, [*table.findings, *header_findings]


def no_rows(table: Table) -> Finding:
    return Finding.of("no-rows", "the sheet has a header but no sample rows",
                      place=Place(table.path, table.sheet, table.header_row))


def order(f: Finding) -> tuple[int, int, str]:
    """Findings of a sheet sort by row, then column (those without a cell first), then code."""
    place = f.place
    return place.row or 0, -1 if place.cell is None else place.col, f.code  # type: ignore[return-value]


def check_rows(table: Table, columns: list[Column], *, progress: Progress | None = None,
               config: LabSpec | None = None,
               seeds: dict[str, dict[str, object]] | None = None) -> list[Finding]:
    """The findings about the rows of a sheet (or of a batch of its rows), not sorted.

    ``seeds`` (field -> name -> value) hands the checks what they would otherwise work
    out from these rows alone (:meth:`ColumnValues.once`): the state of the cross-row
    rules over the whole file, when the rows are one batch of it.
    """
    step = progress or (lambda stage, rows: None)
    where = Place(table.path, table.sheet)
    out: list[Finding] = []
    step("coerce", table.rows)
    cells = {c.field: _Cells(c, Distinct.of(table.frame[c.letter]), where) for c in columns}
    values: dict[str, pd.Series] = {}
    for field, cell in cells.items():
        convert, node = _converter(cell.column)
        values[field], problems = convert(cell.distinct.values, node)
        cell.add(problems)

    step("schema", table.rows)
    for field, series in values.items():
        if field in fields.writable():
            for problems in frame.validate(series.to_frame(field)).values():
                cells[field].add(problems)
    for cell in cells.values():
        cell.explained(_api_pass(cell.column, cell.place, values[cell.column.field]))

    step("rules", table.rows)
    columns_of = {f: ColumnValues(c.column, _kind(c.column), c.distinct, values[f]) for f, c in cells.items()}
    for field, seeded in (seeds or {}).items():
        if field in columns_of:
            columns_of[field]._memo.update(seeded)
    for check in registry.checks(registry.Scope.ROWS):
        for field, problems in check.run(columns_of).items():
            cells[field].add_rows(problems)

    if config is not None and config.lab_rules:  # row by row: values and errors per row
        by_row = {f: c.distinct.spread(values[f]) for f, c in cells.items()}
        errors = {(row, f) for f, c in cells.items() for row in c.error_cells()}
        out += lab.findings(table, columns, by_row, config, errors)

    step("hygiene", table.rows)
    column_checks = registry.checks(registry.Scope.COLUMN)
    for field, cell in cells.items():
        cell.add([p for check in column_checks for p in check.run(columns_of[field])])
    out += [f for cell in cells.values() for f in cell.findings()]
    return out


def _converter(col: Column) -> tuple[coerce.Converter, FieldSpec]:
    spec = upload.spec(col.field)
    return coerce.BY_KIND[spec.kind], spec


def _api_pass(col: Column, place: Place, values: pd.Series) -> Iterator[tuple[int, list[Finding]]]:
    """The API schema over one coerced column; explain only what it rejects (key, findings)."""
    series = values.dropna()
    if col.is_custom_json:
        for key, obj in series.items():
            for name, value in obj.items():
                if upload.rejected(f"{col.field}.{name}", [value]):
                    yield int(key), _explained(place, f"{col.field}.{name}", value)
        return
    if upload.settled(col.field):  # the column checks have decided every value already
        return
    items = series.tolist()
    for i in upload.rejected(col.field, items):
        yield int(series.index[i]), _explained(place, col.field, items[i])


def _explained(place: Place, field: str, value: object) -> list[Finding]:
    """The API's explanation of a rejected value, moved from its JSON pointer to the column."""
    return [f.placed(replace(place, field=field)) for f in upload.explain(field, value)]


def _kind(col: Column) -> str:
    return upload.spec(col.field).kind


def _no_columns(table: Table, where: Place) -> Finding:
    if len(table.headers) == 1:
        message = (f"the header came out as one column, {table.headers[0]!r}: the file is probably "
                   "split by a delimiter other than , ; tab or |")
    else:
        message = "no header names a metadata field (see samples_csv/template.csv)"
    return Finding.of("no-known-columns", message, place=replace(where, row=table.header_row))
