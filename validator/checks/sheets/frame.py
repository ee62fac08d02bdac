"""A pandera schema generated from the metadata JSON Schema, and its failures as findings.

One ``pa.Column`` per constrained writable field (optional, nullable: empty
cells pass), its built-in checks named after the JSON Schema keyword each tests,
so that :mod:`validator.findings.messages` (the messages JSON records get too)
turns every ``failure_cases`` row into a finding. Enums, ranges, lengths and
patterns are read from the field specs (:mod:`validator.spec.fields`), never restated.
Validation is lazy: every failing cell is reported. pandera is imported only
when a sheet is checked, so commands that check no sheet do not pay for it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pandas as pd

from validator.checks.sheets.coerce import Problem, plain_number
from validator.findings import messages
from validator.spec import fields
from validator.spec.fields import FieldSpec

if TYPE_CHECKING:
    import pandera.pandas as pa

# JSON Schema keyword -> (the FieldSpec attribute that holds it, the pandera check builder)
_BOUNDS = (("minimum", "minimum", "ge"), ("maximum", "maximum", "le"),
           ("exclusiveMinimum", "exclusive_minimum", "gt"), ("exclusiveMaximum", "exclusive_maximum", "lt"))


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return plain_number(value) if isinstance(value, float) else value


def _checks(spec: FieldSpec) -> list[pa.Check]:
    """pandera's built-in checks for a field, each named by the JSON Schema keyword it tests."""
    import pandera.pandas as pa

    checks = []
    if spec.enum:
        checks.append(pa.Check.isin(list(spec.enum), name="enum"))
    for keyword, attribute, build in _BOUNDS:
        if (limit := getattr(spec, attribute)) is not None:
            checks.append(getattr(pa.Check, build)(limit, name=keyword))
    if spec.max_length is not None:
        checks.append(pa.Check.str_length(max_value=spec.max_length, name="maxLength"))
    if spec.min_length is not None:
        checks.append(pa.Check.str_length(min_value=spec.min_length, name="minLength"))
    if spec.pattern is not None:  # a JSON Schema pattern is searched for, not anchored: str_contains
        checks.append(pa.Check.str_contains(spec.pattern, name="pattern"))
    return checks


@functools.cache
def dataframe_schema() -> pa.DataFrameSchema:
    """Every writable metadata field with constraints as an optional, nullable column with its checks."""
    import pandera.pandas as pa

    columns = {name: pa.Column(checks=checks, nullable=True, required=False)
               for name, spec in fields.writable().items() if (checks := _checks(spec))}
    return pa.DataFrameSchema(columns, strict=False)


def _limit(spec: FieldSpec, keyword: str) -> Any:
    """What the schema says for ``keyword`` of the field (the enum list, the bound, the length...)."""
    if keyword == "enum":
        return list(spec.enum)
    return spec.schema[keyword]


def _failures(frame: pd.DataFrame) -> pd.DataFrame | None:
    """pandera's ``failure_cases`` for the frame (lazy: every failing cell), or None when it passes."""
    import pandera.pandas as pa

    schema = dataframe_schema()
    if not any(name in frame.columns for name in schema.columns):
        return None
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return None


def validate(frame: pd.DataFrame) -> dict[str, list[Problem]]:
    """field -> the problems pandera finds (every failing cell, check by check, in row order)."""
    cases = _failures(frame)
    if cases is None:
        return {}
    checks = {name: column.checks for name, column in dataframe_schema().columns.items()}
    order = list(frame.columns)
    # pandera lists a check's failures in frame order; keep that, column by column, check by check
    cases = cases.assign(_field=cases["column"].map(order.index))
    cases = cases.sort_values(["_field", "check_number"], kind="stable")
    specs = fields.writable()
    out: dict[str, list[Problem]] = {}
    for field, number, value, row in cases[["column", "check_number", "failure_case", "index"]].itertuples(
            index=False):
        keyword = None if pd.isna(number) else checks[field][int(number)].name
        if keyword not in messages.CODES or pd.isna(row):
            raise RuntimeError(f"pandera reported {keyword!r} on {field!r}, which has no finding code")
        value = _plain(value)
        spec = specs[field]
        said = messages.for_keyword(keyword, value, _limit(spec, keyword), field=field,
                                    aliases=spec.value_aliases)
        out.setdefault(field, []).append(Problem(int(row), said.code, said.text, value, said.expected,
                                                 said.suggestion))
    return out
