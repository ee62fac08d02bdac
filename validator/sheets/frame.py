"""A pandera schema generated from the metadata JSON Schema, and its failures as findings.

Each check is named after the finding code it produces (a failure case names
its check by ``check_number``), so one table
(:data:`MESSAGES`) turns every ``failure_cases`` row into a message. Enums,
ranges, lengths and patterns are read from the schema, never restated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..pointers import show
from ..suggest import suggest
from . import upload
from .coerce import Problem, _number


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return _number(value) if isinstance(value, float) else value


def _checks(node: dict[str, Any]) -> list[pa.Check]:
    from .. import schemas

    checks = []
    allowed = schemas.enum_values(node)
    if allowed:
        checks.append(pa.Check.isin(allowed, name="enum"))
    for key, build, code in (("minimum", pa.Check.ge, "minimum"), ("maximum", pa.Check.le, "maximum"),
                             ("exclusiveMinimum", pa.Check.gt, "minimum"),
                             ("exclusiveMaximum", pa.Check.lt, "maximum")):
        if key in node:
            checks.append(build(node[key], name=code))
    if "maxLength" in node:
        checks.append(pa.Check.str_length(max_value=node["maxLength"], name="max-length"))
    if "minLength" in node:
        checks.append(pa.Check.str_length(min_value=node["minLength"], name="min-length"))
    if "pattern" in node:
        checks.append(pa.Check(lambda s, p=node["pattern"]: s.str.contains(p, regex=True),
                               element_wise=False, name="pattern"))
    return checks


@functools.cache
def dataframe_schema() -> pa.DataFrameSchema:
    """Every writable metadata field as an optional, nullable column with the schema's checks."""
    return pa.DataFrameSchema(
        {name: pa.Column(checks=_checks(node), nullable=True, required=False, coerce=False)
         for name, node in upload.fields().items() if _checks(node)},
        strict=False,
    )


def _bounds(node: dict[str, Any], code: str) -> tuple[Any, str]:
    high = code == "maximum"
    for key, strict in ((("exclusiveMaximum", True), ("maximum", False)) if high
                        else (("exclusiveMinimum", True), ("minimum", False))):
        if key in node:
            return node[key], ("<" if high else ">") + ("" if strict else "=")
    return None, ""


def _enum(field: str, node: dict[str, Any], value: Any) -> tuple[str, Any, Any]:
    from .. import schemas

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


def validate(frame: pd.DataFrame) -> dict[str, list[Problem]]:
    """field -> the problems pandera finds (every failing cell: lazy validation)."""
    schema = dataframe_schema()
    present = {k: v for k, v in schema.columns.items() if k in frame.columns}
    if not present:
        return {}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return {}
    fields = upload.fields()
    out: dict[str, list[Problem]] = {}
    for field, number, value, row in cases[["column", "check_number", "failure_case", "index"]].itertuples(
            index=False):
        code = None if pd.isna(number) else schema.columns[field].checks[int(number)].name
        if code not in MESSAGES or pd.isna(row):
            raise RuntimeError(f"pandera reported {code!r} on {field!r}, which has no finding code")
        value = _plain(value)
        message, expected, suggestion = MESSAGES[code](field, fields[field], value)
        out.setdefault(field, []).append(Problem(int(row), code, message, value, expected, suggestion))
    return out
