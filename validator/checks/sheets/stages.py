"""The sheet engine's own passes, as ``table`` checks of :mod:`validator.checks.registry`.

A ``table`` check takes the run of one sheet (:class:`SheetRun`: the table, its
columns, the run's options, and what the passes before it left: the cells and the
coerced values) and adds its findings to it. In table order: coerce each column
(:mod:`.coerce`); the schema's column checks (enums, ranges, lengths, patterns:
:mod:`.frame`); the API's own schema over each coerced column (:mod:`.upload`), so
that whatever the sheet check accepts, the API accepts; later, the configuration's
lab rules (:mod:`.lab`). A cell with an error is reported once: later passes skip
it. Per-value passes run once per distinct value of a column (:mod:`.distinct`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import replace

import pandas as pd

from validator.checks.sheets import coerce, frame, lab, parallel, upload
from validator.checks.sheets.columns import Column
from validator.checks.sheets.distinct import Distinct
from validator.checks.sheets.read import Table
from validator.checks.sheets.values import ColumnValues
from validator.findings.model import Finding, Severity
from validator.findings.place import Place
from validator.spec import fields
from validator.spec.fields import FieldSpec
from validator.spec.lab import LabSpec


class Cells:
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


class SheetRun:
    """One sheet's run: the table, its columns and options, and the state the passes share."""

    def __init__(self, table: Table, columns: list[Column], config: LabSpec | None = None,
                 seeds: dict[str, dict[str, object]] | None = None) -> None:
        self.table, self.columns, self.config, self.seeds = table, columns, config, seeds or {}
        self.where = Place(table.path, table.sheet)
        distinct = parallel.each(lambda c: Distinct.of(table.frame[c.letter]), columns, table.rows)
        self.cells = {c.field: Cells(c, d, self.where) for c, d in zip(columns, distinct, strict=True)}
        self.values: dict[str, pd.Series] = {}  # coerced, by field
        self.out: list[Finding] = []  # findings not held by a cell (the lab rules')

    @functools.cached_property
    def columns_of(self) -> dict[str, ColumnValues]:
        """Each column's values, as read and coerced, by field (what ``rows``/``column`` checks read)."""
        out = {f: ColumnValues(c.column, _kind(c.column), c.distinct, self.values[f])
               for f, c in self.cells.items()}
        for field, seeded in self.seeds.items():
            if field in out:
                out[field]._memo.update(seeded)
        return out


def coerce_columns(run: SheetRun) -> None:
    """Coerce each column to its field's kind."""
    def one(cell: Cells) -> coerce.Coerced:
        convert, node = converter(cell.column)
        return convert(cell.distinct.values, node)

    done = parallel.each(one, run.cells.values(), run.table.rows)
    for (field, cell), (values, problems) in zip(run.cells.items(), done, strict=True):
        run.values[field] = values
        cell.add(problems)


def column_schema(run: SheetRun) -> None:
    """The schema's column checks (pandera) over each coerced writable column."""
    writable = fields.writable()
    found = frame.validate_columns({f: v for f, v in run.values.items() if f in writable})
    for field, problems in found.items():
        run.cells[field].add(problems)


def api_schema(run: SheetRun) -> None:
    """The API's schema over each coerced column."""
    for cell in run.cells.values():
        cell.explained(_api_pass(cell.column, cell.place, run.values[cell.column.field]))


def lab_rules(run: SheetRun) -> None:
    """The configuration's lab rules, row by row (values and errors per row); none without one."""
    config = run.config
    if config is None or not config.lab_rules:
        return
    cells, values = run.cells, run.values
    by_row = {f: c.distinct.spread(values[f]) for f, c in cells.items()}
    errors = {(row, f) for f, c in cells.items() for row in c.error_cells()}
    run.out += lab.findings(run.table, run.columns, by_row, config, errors)


def converter(col: Column) -> tuple[coerce.Converter, FieldSpec]:
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
