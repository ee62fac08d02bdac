"""The configuration's lab rules on a sheet: required fields, custom keys, extra header aliases.

Rows become records keyed by field name and go through :mod:`validator.lab_rules`,
the one implementation shared with JSON records; findings are placed at the
row's cell. A required field or custom key with no column at all is one finding
on the header row, not one per row. A cell that already has an error is not
reported again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from validator.checks.lab_rules import record_findings
from validator.checks.sheets import coerce
from validator.checks.sheets.columns import Column
from validator.checks.sheets.read import Table
from validator.findings.model import Finding
from validator.findings.place import Place
from validator.spec.fields import CUSTOM_PREFIX, custom_kind
from validator.spec.lab import LabSpec
from validator.spec.suggest import compact


def header_aliases(config: LabSpec | None) -> dict[str, str]:
    """compact(header) -> field, for the configuration's ``column-aliases``."""
    if config is None:
        return {}
    return {compact(h): name for name, headers in config.column_aliases.items() for h in headers}


def _cell(value: Any) -> Any:
    return None if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)) else value


def _missing(config: LabSpec, columns: Mapping[str, Column], has_custom_json: bool,
             where: Place) -> list[Finding]:
    out = []
    origin = config.origin
    for name in config.required:
        if name not in columns:
            out.append(Finding.of("required", f"column {name!r} is required {origin}",
                                  place=replace(where, field=name), expected=name))
    if not has_custom_json:
        for key, spec in config.custom.items():
            if spec.required and CUSTOM_PREFIX + key not in columns:
                out.append(Finding.of("required", f"column 'custom.{key}' is required {origin}",
                                      place=replace(where, field=CUSTOM_PREFIX + key),
                                      expected=spec.type or "a value"))
    return out


def findings(table: Table, columns: list[Column], values: Mapping[str, pd.Series], config: LabSpec,
             errors: set[tuple[int, str]]) -> list[Finding]:
    """The lab rules over every row of one sheet."""
    by_field = {c.field: c for c in columns}
    custom_json = by_field.get(CUSTOM_PREFIX.rstrip("."))
    where = Place(table.path, table.sheet)
    out = _missing(config, by_field, custom_json is not None, replace(where, row=table.header_row))
    present = replace(config, required=tuple(f for f in config.required if f in by_field),
                      custom={k: s for k, s in config.custom.items()
                              if custom_json is not None or CUSTOM_PREFIX + k in by_field})
    if not present.lab_rules:
        return out
    series: dict[str, pd.Series] = {f: values[f] for f in present.required}
    for key, spec in present.custom.items():
        col = by_field.get(CUSTOM_PREFIX + key)
        if col is not None:  # a string key keeps the text as typed ("4.1", not 4.1)
            series[col.field] = coerce.trimmed(table.frame[col.letter]) \
                if custom_kind(spec.type or "") == "string" else values[col.field]
    for row in table.frame.index:
        record: dict[str, Any] = {f: _cell(s.at[row]) for f, s in series.items() if f in present.required}
        cell = values[custom_json.field].at[row] if custom_json is not None else None
        custom = dict(cell) if isinstance(cell, dict) else {}  # empty or not an object: reported elsewhere
        custom.update({f.removeprefix(CUSTOM_PREFIX): _cell(s.at[row]) for f, s in series.items()
                       if f.startswith(CUSTOM_PREFIX)})
        record["custom"] = custom
        for f in record_findings(record, present):
            col = by_field.get(f.field or "") or custom_json
            if col is None or (int(row), col.field) in errors:
                continue
            out.append(f.placed(replace(col.place(where, int(row)), field=f.field)))
    return out
