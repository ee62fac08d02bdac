"""Column checks generated from the metadata JSON Schema, and their failures as findings.

Each check is named after the finding code it produces, so one table
(:data:`MESSAGES`) turns every failing cell into a message. Enums, ranges,
lengths and patterns are read from the schema, never restated. The checks are
vectorised pandas operations over a whole coerced column (empty cells pass).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import pandas as pd

from .. import schemas
from ..pointers import show
from ..suggest import suggest
from . import upload
from .coerce import Problem, _number

Check = Callable[[pd.Series], pd.Series]  # True where a (non-empty) value passes
_BOUNDS = (("minimum", operator.ge, "minimum"), ("maximum", operator.le, "maximum"),
           ("exclusiveMinimum", operator.gt, "minimum"), ("exclusiveMaximum", operator.lt, "maximum"))


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return _number(value) if isinstance(value, float) else value


def _checks(node: dict[str, Any]) -> list[tuple[str, Check]]:
    """(finding code, check) for each constraint of a field's schema node, in a fixed order."""
    checks: list[tuple[str, Check]] = []
    allowed = schemas.enum_values(node)
    if allowed:
        checks.append(("enum", lambda s: s.isin(allowed)))
    for key, compare, code in _BOUNDS:
        if key in node:
            checks.append((code, lambda s, c=compare, limit=node[key]: c(s, limit)))
    if "maxLength" in node:
        checks.append(("max-length", lambda s, n=node["maxLength"]: s.str.len() <= n))
    if "minLength" in node:
        checks.append(("min-length", lambda s, n=node["minLength"]: s.str.len() >= n))
    if "pattern" in node:
        checks.append(("pattern", lambda s, p=node["pattern"]: s.str.contains(p, regex=True)))
    return checks


@functools.cache
def column_checks() -> dict[str, list[tuple[str, Check]]]:
    """Every writable metadata field that has constraints -> its checks."""
    return {name: checks for name, node in upload.fields().items() if (checks := _checks(node))}


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


def validate(frame: pd.DataFrame) -> dict[str, list[Problem]]:
    """field -> the problems its checks find (every failing cell, check by check, in row order)."""
    fields = upload.fields()
    out: dict[str, list[Problem]] = {}
    for field, checks in column_checks().items():
        if field not in frame.columns:
            continue
        values = frame[field].dropna()
        for code, check in checks:
            failed = values[~check(values).to_numpy(dtype=bool)]
            for row, value in failed.items():
                value = _plain(value)
                message, expected, suggestion = MESSAGES[code](field, fields[field], value)
                out.setdefault(field, []).append(Problem(int(row), code, message, value, expected,
                                                         suggestion))
    return out
