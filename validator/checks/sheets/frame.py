"""A pandera schema generated from the metadata JSON Schema, and its failures as findings.

One ``pa.Column`` per constrained writable field (optional, nullable: empty
cells pass), its built-in checks named after the finding code each produces, so
one table (:data:`MESSAGES`) turns every ``failure_cases`` row into a message.
Enums, ranges, lengths and patterns are read from the schema, never restated.
Validation is lazy: every failing cell is reported. pandera is imported only
when a sheet is checked, so commands that check no sheet do not pay for it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from validator.checks.sheets import upload
from validator.checks.sheets.coerce import Problem, _number
from validator.spec import schemas
from validator.spec.pointers import show
from validator.spec.suggest import suggest

if TYPE_CHECKING:
    import pandera.pandas as pa

# JSON Schema keyword -> (pandera check builder, finding code)
_BOUNDS = (("minimum", "ge", "minimum"), ("maximum", "le", "maximum"),
           ("exclusiveMinimum", "gt", "minimum"), ("exclusiveMaximum", "lt", "maximum"))


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return _number(value) if isinstance(value, float) else value


def _checks(node: dict[str, Any]) -> list[pa.Check]:
    """pandera's built-in checks for a field's schema node, each named by its finding code."""
    import pandera.pandas as pa

    checks = []
    allowed = schemas.enum_values(node)
    if allowed:
        checks.append(pa.Check.isin(allowed, name="enum"))
    for key, build, code in _BOUNDS:
        if key in node:
            checks.append(getattr(pa.Check, build)(node[key], name=code))
    if "maxLength" in node:
        checks.append(pa.Check.str_length(max_value=node["maxLength"], name="max-length"))
    if "minLength" in node:
        checks.append(pa.Check.str_length(min_value=node["minLength"], name="min-length"))
    if "pattern" in node:  # a JSON Schema pattern is searched for, not anchored: str_contains
        checks.append(pa.Check.str_contains(node["pattern"], name="pattern"))
    return checks


@functools.cache
def dataframe_schema() -> pa.DataFrameSchema:
    """Every writable metadata field with constraints as an optional, nullable column with its checks."""
    import pandera.pandas as pa

    columns = {name: pa.Column(checks=checks, nullable=True, required=False)
               for name, node in upload.fields().items() if (checks := _checks(node))}
    return pa.DataFrameSchema(columns, strict=False)


def _bounds(node: dict[str, Any], code: str) -> tuple[Any, str]:
    high = code == "maximum"
    for key, strict in ((("exclusiveMaximum", True), ("maximum", False)) if high
                        else (("exclusiveMinimum", True), ("minimum", False))):
        if key in node:
            return node[key], ("<" if high else ">") + ("" if strict else "=")
    return None, ""


def _enum(field: str, node: dict[str, Any], value: Any) -> tuple[str, Any, Any]:
    allowed = schemas.enum_values(node)
    hint = suggest(value, allowed, node.get("x-aliases"))
    return f"{show(value)} is not a {field}", allowed, hint.value if hint else None


def _range(code: str) -> Callable[[str, dict[str, Any], Any], tuple[str, Any, Any]]:
    def make(field: str, node: dict[str, Any], value: Any) -> tuple[str, Any, Any]:
        limit, bound = _bounds(node, code)
        word = "greater than" if code == "maximum" else "less than"
        return f"{show(value)} is {word} {show(limit)}", f"{bound} {show(limit)}", None
    return make


def _length(code: str) -> Callable[[str, dict[str, Any], Any], tuple[str, Any, Any]]:
    key, more = ("maxLength", True) if code == "max-length" else ("minLength", False)

    def make(field: str, node: dict[str, Any], value: Any) -> tuple[str, Any, Any]:
        limit = node[key]
        return (f"{show(value, 40)} has {len(value)} characters, "
                f"{'more' if more else 'fewer'} than the {limit} allowed",
                f"{'at most' if more else 'at least'} {limit} characters", None)
    return make


def _pattern(field: str, node: dict[str, Any], value: Any) -> tuple[str, Any, Any]:
    return f"{show(value)} does not match {node['pattern']}", f"matching {node['pattern']}", None


MESSAGES: dict[str, Callable[[str, dict[str, Any], Any], tuple[str, Any, Any]]] = {
    "enum": _enum,
    "minimum": _range("minimum"),
    "maximum": _range("maximum"),
    "max-length": _length("max-length"),
    "min-length": _length("min-length"),
    "pattern": _pattern,
}


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
    fields = upload.fields()
    out: dict[str, list[Problem]] = {}
    for field, number, value, row in cases[["column", "check_number", "failure_case", "index"]].itertuples(
            index=False):
        code = None if pd.isna(number) else checks[field][int(number)].name
        if code not in MESSAGES or pd.isna(row):
            raise RuntimeError(f"pandera reported {code!r} on {field!r}, which has no finding code")
        value = _plain(value)
        message, expected, suggestion = MESSAGES[code](field, fields[field], value)
        out.setdefault(field, []).append(Problem(int(row), code, message, value, expected, suggestion))
    return out
