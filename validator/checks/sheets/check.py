"""``check_table``: every finding for one sheet, each placed at its cell (files: :mod:`.files`).

The order of work per sheet: map headers to fields, then run the sheet checks of
:mod:`validator.checks.registry` in table order: the engine's own passes (``table``
scope, :mod:`.stages`: coercion, the schema's column checks, the API-schema pass),
the ``rows`` checks (across rows and fields), the configuration's lab rules, and the
``column`` checks (hygiene). A cell with an error is reported once: later checks
skip it.

A file checked in batches (:mod:`.stream`) runs :func:`check_rows` on each batch,
with the state of the cross-row rules of the whole file seeded in. Findings past
a cap per code are counted, not held (:class:`Held`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from validator.checks import registry
from validator.checks.sheets import lab, parallel
from validator.checks.sheets.columns import Column, map_columns
from validator.checks.sheets.read import Table
from validator.checks.sheets.stages import SheetRun
from validator.findings.model import MAX_FINDINGS, Finding, Source
from validator.findings.place import Place
from validator.spec.fields import METADATA
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

    The registry's sheet checks run in table order (:func:`registry.sheet_checks`): the
    ``table`` passes over the run's state, the ``rows`` checks over the columns by field,
    the ``column`` checks over each column. ``seeds`` (field -> name -> value) hands the
    checks what they would otherwise work out from these rows alone
    (:meth:`ColumnValues.once`): the state of the cross-row rules over the whole file,
    when the rows are one batch of it.
    """
    step = progress or (lambda stage, rows: None)
    run = SheetRun(table, columns, config, seeds)
    stage = None
    for check in registry.sheet_checks():
        if _STAGES.get(check.name, _STAGES.get(check.scope)) != stage:
            stage = _STAGES.get(check.name, _STAGES.get(check.scope))
            step(str(stage), table.rows)
        if check.scope is registry.Scope.TABLE:
            check.run(run)
        elif check.scope is registry.Scope.ROWS:
            for field, problems in check.run(run.columns_of).items():
                run.cells[field].add_rows(problems)
        else:
            found = parallel.each(check.run, run.columns_of.values(), table.rows)
            for cell, problems in zip(run.cells.values(), found, strict=True):
                cell.add(problems)
    return run.out + [f for cell in run.cells.values() for f in cell.findings()]


# The progress stage each check reports under (by name, else by scope)
_STAGES: dict[str, str] = {"coerce": "coerce", "column-schema": "schema", "api-schema": "schema",
                           "lab-rules": "rules", registry.Scope.ROWS: "rules",
                           registry.Scope.COLUMN: "hygiene"}


def _no_columns(table: Table, where: Place) -> Finding:
    if len(table.headers) == 1:
        message = (f"the header came out as one column, {table.headers[0]!r}: the file is probably "
                   "split by a delimiter other than , ; tab or |")
    else:
        message = "no header names a metadata field (see samples_csv/template.csv)"
    return Finding.of("no-known-columns", message, place=replace(where, row=table.header_row))
