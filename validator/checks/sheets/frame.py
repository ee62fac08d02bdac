"""A pandera schema generated from the metadata JSON Schema, and its failures as findings.

One ``pa.Column`` per constrained writable field (optional, nullable: empty
cells pass), its built-in checks compiled from :mod:`.constraints` (the one table
of column rules, read from the field specs) and named after the JSON Schema
keyword each tests, so that :mod:`validator.findings.messages` (the messages JSON
records get too) turns every ``failure_cases`` row into a finding. Enums, ranges,
lengths and patterns are checked here only: the API-schema pass leaves them out.
pandera runs on its polars backend (measured faster than its pandas backend on the
same checks: see the README); validation is lazy, so every failing cell is
reported. pandera and polars are imported only when a sheet is checked.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from validator.checks.sheets import constraints
from validator.checks.sheets.coerce import Problem, plain_number
from validator.findings import messages
from validator.spec import fields
from validator.spec.fields import FieldSpec

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl


def _plain(value: Any) -> Any:
    """91.0 -> 91, as the sheet shows it; text unchanged."""
    return plain_number(value) if isinstance(value, float) else value


@functools.cache
def dataframe_schema() -> pa.DataFrameSchema:
    """Every writable metadata field with constraints as an optional, nullable column with its checks."""
    import pandera.polars as pa

    columns = {name: pa.Column(checks=[constraints.as_pandera(c) for c in found], nullable=True,
                               required=False)
               for name, found in constraints.constraints().items()}
    return pa.DataFrameSchema(columns, strict=False)


def warm() -> None:
    """Build the schema (importing pandera and polars) in a background thread, once per process.

    Importing pandera takes about as long as parsing a large sheet, and the parser (pyarrow,
    calamine) leaves the interpreter free while it works: started before the rows are
    parsed (the batches of a large file), the import runs beside the parse. The first
    caller of :func:`dataframe_schema` waits for it.
    """
    global _warming
    with _warm_lock:
        if _warming is None and dataframe_schema.cache_info().currsize == 0:
            _warming = threading.Thread(target=_build, name="samplecheck-schema", daemon=True)
            _warming.start()


def _build() -> None:
    import polars as pl

    with contextlib.suppress(Exception):  # the caller that needs the schema raises it again
        dataframe_schema().validate(pl.DataFrame())  # the first validation loads pandera's backend


_warming: threading.Thread | None = None
_warm_lock = threading.Lock()


def _limit(spec: FieldSpec, keyword: str) -> Any:
    """What the schema says for ``keyword`` of the field (the enum list, the bound, the length...)."""
    if keyword == "enum":
        return list(spec.enum)
    return spec.schema[keyword]


def to_polars(frame: pd.DataFrame) -> pl.DataFrame:
    """The constrained columns of a pandas frame in polars: numbers as floats (NaN empty), else text."""
    import polars as pl

    schema = dataframe_schema()
    return pl.DataFrame([_polars_column(name, frame[name]) for name in frame.columns
                         if name in schema.columns])


def _polars_column(name: str, series: pd.Series) -> pl.Series:
    """One column in polars: numbers as floats (NaN empty), else text."""
    import polars as pl
    import pyarrow as pa

    if pd.api.types.is_float_dtype(series.dtype):
        return pl.from_pandas(series, nan_to_null=True).cast(pl.Float64).alias(name)
    if series.dtype == object:  # typed (XLSX) cells written out as text: few, or small
        return pl.Series(name, series.where(series.notna(), None).tolist(), dtype=pl.String)
    # a text column is Arrow memory already: no copy
    return pl.from_arrow(pa.array(series.array), rechunk=False).cast(pl.String).alias(name)


def _similar_heights(columns: list[pl.Series]) -> list[list[pl.Series]]:
    """The columns in groups of like heights (tallest first in each), so that padding a group to its
    tallest at most quadruples it: the distinct values of a repeating column stay few beside a
    column of IDs."""
    groups: list[list[pl.Series]] = []
    for column in sorted(columns, key=lambda c: -c.len()):
        if groups and column.len() * 4 >= groups[-1][0].len():
            groups[-1].append(column)
        else:
            groups.append([column])
    return groups


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
    return validate_columns({name: frame[name] for name in frame.columns})


def validate_columns(values: Mapping[str, pd.Series]) -> dict[str, list[Problem]]:
    """:func:`validate` for columns of their own lengths and keys, in as few pandera validations
    as their heights allow: one per group of like heights (:func:`_similar_heights`), each column
    padded with empty cells to its group's height (empty cells pass every check).
    """
    import polars as pl

    schema = dataframe_schema()
    columns = [_polars_column(name, series) for name, series in values.items() if name in schema.columns]
    found = [cases for group in _similar_heights(columns)
             if (cases := _failures(pl.DataFrame([c.extend_constant(None, group[0].len() - c.len())
                                                   for c in group]))) is not None]
    if not found:
        return {}
    cases = pl.concat(found, how="diagonal_relaxed")
    checks = {name: column.checks for name, column in schema.columns.items()}
    order = {name: i for i, name in enumerate(values)}
    specs = fields.writable()
    out: dict[str, list[Problem]] = {}
    found = sorted((order.get(field, -1), number, position, field)
                   for field, number, position in cases.select("column", "check_number", "index").iter_rows())
    for _, number, position, field in found:
        keyword = None if number is None or field not in checks else checks[field][int(number)].name
        if keyword not in messages.CODES or position is None:
            raise RuntimeError(f"pandera reported {keyword!r} on {field!r}, which has no finding code")
        series = values[field]
        value = _plain(series.iloc[position])
        spec = specs[field]
        said = messages.for_keyword(keyword, value, _limit(spec, keyword), field=field,
                                    aliases=spec.value_aliases)
        out.setdefault(field, []).append(Problem(int(series.index[position]), said.code, said.text, value,
                                                 said.expected, said.suggestion))
    return out
