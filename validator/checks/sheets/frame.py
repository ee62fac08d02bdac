"""A pandera schema generated from the metadata JSON Schema, and its failures as findings.

One ``pa.Column`` per constrained writable field (optional, nullable: empty
cells pass), its built-in checks compiled from :mod:`.constraints` (the one table
of column rules) and named after the finding code each produces, so one table
(:data:`MESSAGES`) turns every ``failure_cases`` row into a message. Enums,
ranges, lengths and patterns are read from the schema, never restated, and
checked here only: the API-schema pass leaves them out. pandera runs on its
polars backend (measured faster than its pandas backend on the same checks: see
the README); validation is lazy, so every failing cell is reported. pandera and
polars are imported only when a sheet is checked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from validator.checks.sheets import constraints, upload
from validator.checks.sheets.coerce import Problem, _number
from validator.spec import schemas
from validator.spec.pointers import show
from validator.spec.suggest import suggest

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return _number(value) if isinstance(value, float) else value


@functools.cache
def dataframe_schema() -> pa.DataFrameSchema:
    """Every writable metadata field with constraints as an optional, nullable column with its checks."""
    import pandera.polars as pa

    columns = {name: pa.Column(checks=[constraints.as_pandera(c) for c in found], nullable=True,
                               required=False)
               for name, found in constraints.constraints().items()}
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


def to_polars(frame: pd.DataFrame) -> pl.DataFrame:
    """The constrained columns of a pandas frame in polars: numbers as floats (NaN empty), else text."""
    import polars as pl
    import pyarrow as pa

    schema = dataframe_schema()
    columns = {}
    for name in frame.columns:
        if name not in schema.columns:
            continue
        series = frame[name]
        if pd.api.types.is_float_dtype(series.dtype):
            columns[name] = pl.from_pandas(series, nan_to_null=True).cast(pl.Float64)
        elif series.dtype == object:  # typed (XLSX) cells written out as text: few, or small
            columns[name] = pl.Series(name, series.where(series.notna(), None).tolist(), dtype=pl.String)
        else:  # a text column is Arrow memory already: no copy
            columns[name] = pl.from_arrow(pa.array(series.array), rechunk=False).cast(pl.String)
    return pl.DataFrame(columns)


def _failures(frame: pl.DataFrame) -> pl.DataFrame | None:
    """pandera's ``failure_cases`` for the frame (lazy: every failing cell), or None when it passes."""
    import pandera.polars as pa

    if not frame.width:
        return None
    try:
        dataframe_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return None


def validate(frame: pd.DataFrame) -> dict[str, list[Problem]]:
    """field -> the problems pandera finds (every failing cell, check by check, in row order).

    ``frame`` holds coerced values by field, its index the keys the problems are placed at.
    """
    cases = _failures(to_polars(frame))
    if cases is None:
        return {}
    checks = {name: column.checks for name, column in dataframe_schema().columns.items()}
    order = {name: i for i, name in enumerate(frame.columns)}
    fields = upload.fields()
    out: dict[str, list[Problem]] = {}
    found = sorted((order.get(field, -1), number, position, field)
                   for field, number, position in cases.select("column", "check_number", "index").iter_rows())
    for _, number, position, field in found:
        code = None if number is None or field not in checks else checks[field][int(number)].name
        if code not in MESSAGES or position is None:
            raise RuntimeError(f"pandera reported {code!r} on {field!r}, which has no finding code")
        value = _plain(frame[field].iloc[position])
        message, expected, suggestion = MESSAGES[code](field, fields[field], value)
        out.setdefault(field, []).append(Problem(int(frame.index[position]), code, message, value, expected,
                                                 suggestion))
    return out
