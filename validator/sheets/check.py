"""``check_file``: every finding for a lab spreadsheet, each placed at its cell.

The order of work per sheet: map headers to fields; coerce each column; run the
pandera schema (enums, ranges, lengths, patterns) on the coerced frame; run the
API's own schema over each coerced column (:mod:`.upload`) so that whatever the
sheet check accepts, the API accepts; then the cross-row, cross-field and
hygiene rules. A cell with an error is reported once: later stages skip it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..config import Config
from ..findings import Finding, Report, Severity, Source
from . import coerce, frame, hygiene, lab, rules, upload
from .columns import Column, map_columns
from .read import Table, read

Progress = Callable[[str, int], None]


def check_file(path: str | Path, sheet: str | None = None, *,
               progress: Progress | None = None, config: Config | None = None) -> Report:
    """Check one CSV, TSV or XLSX file (XLSX: every sheet with a header, or ``sheet``).

    A ``config`` adds its lab rules (required fields, custom keys, header aliases).
    """
    return Report([check_source(path, sheet, progress=progress, config=config)])


def check_source(path: str | Path, sheet: str | None = None, *,
                 progress: Progress | None = None, config: Config | None = None) -> Source:
    tables = read(path, sheet)
    source = Source(str(path), upload.SCHEMA, sheets=[t.sheet for t in tables if t.sheet],
                    rows=sum(t.rows for t in tables))
    for table in tables:
        source.findings.extend(check_table(table, progress=progress, config=config))
    return source


class _Placer:
    """Turns (column, problem) into a Finding at the right cell."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.where = {"file": table.path, "sheet": table.sheet}
        self.errors: set[tuple[int, str]] = set()

    def place(self, column: Column, problem: coerce.Problem) -> Finding:
        finding = Finding.of(problem.code, problem.message, row=problem.row, column=column.header,
                             field=column.field, cell=f"{column.letter}{problem.row}",
                             value=problem.value, expected=problem.expected,
                             suggestion=problem.suggestion, **self.where)
        if finding.severity is Severity.ERROR:
            self.errors.add((problem.row, column.field))
        return finding

    def fresh(self, column: Column, problems: list[coerce.Problem]) -> list[Finding]:
        """Place the problems at cells that have no error yet."""
        return [self.place(column, p) for p in problems if (p.row, column.field) not in self.errors]


def check_table(table: Table, *, progress: Progress | None = None,
                config: Config | None = None) -> list[Finding]:
    """Every finding for one sheet."""
    step = progress or (lambda stage, rows: None)
    placer = _Placer(table)
    out = list(table.findings)
    columns, header_findings = map_columns(table.headers, table.letters, table.header_row, placer.where,
                                           lab.header_aliases(config))
    if not columns:
        out.append(_no_columns(table, placer.where))
        return out
    out += header_findings
    if table.frame.empty:
        out.append(Finding.of("no-rows", "the sheet has a header but no sample rows",
                              row=table.header_row, **placer.where))
        return out
    step("coerce", table.rows)
    values: dict[str, pd.Series] = {}
    for col in columns:
        convert, node = _converter(col)
        values[col.field], problems = convert(table.frame[col.letter], node)
        out += placer.fresh(col, problems)
    by_field = {c.field: c for c in columns}

    step("schema", table.rows)
    plain = pd.DataFrame({f: v for f, v in values.items() if f in upload.fields()}, index=table.frame.index)
    for field, problems in frame.validate(plain).items():
        out += placer.fresh(by_field[field], problems)
    out += _api_pass(columns, values, placer)

    step("rules", table.rows)
    if rules.ID_FIELD in values:
        out += placer.fresh(by_field[rules.ID_FIELD], rules.duplicate_ids(values[rules.ID_FIELD]))
    filled = {c.field: coerce.trimmed(table.frame[c.letter]).notna()
              for c in columns if c.field in (rules.LAT, rules.LON)}
    for field, problems in rules.lone_coordinates(filled).items():
        out += placer.fresh(by_field[field], problems)

    if config is not None and config.lab_rules:
        out += lab.findings(table, columns, values, config, placer.errors)

    step("hygiene", table.rows)
    out += _hygiene(table, columns, values, placer)
    return sorted(out, key=lambda f: (f.row or 0, _column_order(f.cell), f.code))


def _converter(col: Column) -> tuple[coerce.Callable, dict]:
    if col.is_custom_key:
        return coerce.as_custom_value, {}
    node = upload.fields()[col.field]
    return coerce.BY_KIND[coerce.kind(node)], node


def _api_pass(columns: list[Column], values: dict[str, pd.Series], placer: _Placer) -> list[Finding]:
    """The API schema over each coerced column; explain only what it rejects."""
    out = []
    for col in columns:
        series = values[col.field].dropna()
        if col.is_custom_json:
            cells = [(row, f"{col.field}.{k}", v) for row, obj in series.items() for k, v in obj.items()]
            for row, key, value in cells:
                if not upload.rejected(key, [value]):
                    continue
                out += _explained(col, key, int(row), value, placer)
            continue
        items = series.tolist()
        for i in upload.rejected(col.field, items):
            out += _explained(col, col.field, int(series.index[i]), items[i], placer)
    return out


def _explained(col: Column, field: str, row: int, value: object, placer: _Placer) -> list[Finding]:
    if (row, col.field) in placer.errors:
        return []
    found = [f.at(pointer=None, row=row, column=col.header, field=field, cell=f"{col.letter}{row}",
                  file=placer.table.path, sheet=placer.table.sheet)
             for f in upload.explain(field, value)]
    placer.errors.update((row, col.field) for f in found if f.severity is Severity.ERROR)
    return found


def _hygiene(table: Table, columns: list[Column], values: dict[str, pd.Series],
             placer: _Placer) -> list[Finding]:
    out = []
    for col in columns:
        raw = table.frame[col.letter]
        out += placer.fresh(col, hygiene.whitespace(raw))
        kind = "custom" if col.is_custom_key else coerce.kind(upload.fields()[col.field])
        if kind in ("text", "custom"):
            out += placer.fresh(col, hygiene.formulas(values[col.field]))
        if hygiene.is_id_field(col.field):
            out += placer.fresh(col, hygiene.mangled_ids(raw))
        if kind == "datetime":
            out += placer.fresh(col, hygiene.future_dates(values[col.field], raw))
    return out


def _no_columns(table: Table, where: dict) -> Finding:
    if len(table.headers) == 1:
        message = (f"the header came out as one column, {table.headers[0]!r}: the file is probably "
                   "split by a delimiter other than , ; tab or |")
    else:
        message = "no header names a metadata field (see samples_csv/template.csv)"
    return Finding.of("no-known-columns", message, row=table.header_row, **where)


def _column_order(cell: str | None) -> tuple[int, str]:
    letters = "".join(ch for ch in (cell or "") if ch.isalpha())
    return len(letters), letters
