"""The column rules of a sheet, compiled from the field specs: one table, several backends.

Each JSON Schema keyword a column check can decide (an enum, a bound, a length, a
pattern) of a field spec (:mod:`validator.spec.fields`) becomes a :class:`Constraint`,
named by its keyword (:mod:`validator.findings.messages` gives the finding code and
the message). The table (:func:`constraints`) is the seam between the schema and an
engine: :func:`as_pandera` compiles a constraint to a pandera check (the engine the
sheet check runs, on pandera's polars backend), :func:`as_polars` to a polars
expression and :func:`as_sql` to a SQL predicate (for a later distributed engine:
Spark SQL or DuckDB compile the same table). Every expression is true where a
value passes; an empty cell always passes (the columns are nullable).

What the table holds is checked by the column checks only: :data:`KEYWORDS` are left
out of the API-schema pass (:mod:`.upload`), so each constraint is checked once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.findings import messages
from validator.spec import fields
from validator.spec.fields import FieldSpec

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl

# JSON Schema keyword -> (the FieldSpec attribute that holds it, pandera's built-in check, its argument)
_BY_KEYWORD: dict[str, tuple[str, str, str | None]] = {
    "enum": ("enum", "isin", None),
    "minimum": ("minimum", "ge", None),
    "exclusiveMinimum": ("exclusive_minimum", "gt", None),
    "maximum": ("maximum", "le", None),
    "exclusiveMaximum": ("exclusive_maximum", "lt", None),
    "maxLength": ("max_length", "str_length", "max_value"),
    "minLength": ("min_length", "str_length", "min_value"),
    "pattern": ("pattern", "str_contains", None),  # a JSON Schema pattern is searched for, not anchored
}
KEYWORDS = frozenset(_BY_KEYWORD)
"""The keywords the column checks decide; the API-schema pass leaves them out."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """One keyword of one field: ``code`` is the finding it produces, ``limit`` its operand."""

    field: str
    keyword: str
    limit: Any

    @property
    def code(self) -> str:
        """The finding code a failure gets."""
        return messages.CODES[self.keyword]


def of_field(spec: FieldSpec) -> list[Constraint]:
    """The constraints a field spec states, in keyword order (enum, bounds, lengths, pattern)."""
    out = []
    for keyword, (attribute, _, _) in _BY_KEYWORD.items():
        limit = getattr(spec, attribute)
        if keyword == "enum" and limit:
            out.append(Constraint(spec.name, keyword, tuple(limit)))
        elif keyword != "enum" and limit is not None:
            out.append(Constraint(spec.name, keyword, limit))
    return out


@functools.cache
def constraints() -> dict[str, tuple[Constraint, ...]]:
    """Writable field -> its constraints, for every field that has any (the table)."""
    return {name: tuple(found) for name, spec in fields.writable().items() if (found := of_field(spec))}


def as_pandera(c: Constraint) -> pa.Check:
    """pandera's built-in check for a constraint, named by its keyword."""
    import pandera.polars as pa

    _, build, argument = _BY_KEYWORD[c.keyword]
    limit = list(c.limit) if c.keyword == "enum" else c.limit
    if argument:
        return getattr(pa.Check, build)(**{argument: limit}, name=c.keyword)
    return getattr(pa.Check, build)(limit, name=c.keyword)


def as_polars(c: Constraint, column: str | None = None) -> pl.Expr:
    """A polars expression, true where the value of ``column`` (the field's name) passes."""
    import polars as pl

    col = pl.col(column or c.field)
    test = {
        "enum": lambda: col.is_in(list(c.limit)),
        "minimum": lambda: col >= c.limit,
        "exclusiveMinimum": lambda: col > c.limit,
        "maximum": lambda: col <= c.limit,
        "exclusiveMaximum": lambda: col < c.limit,
        "maxLength": lambda: col.str.len_chars() <= c.limit,
        "minLength": lambda: col.str.len_chars() >= c.limit,
        "pattern": lambda: col.str.contains(c.limit),
    }[c.keyword]()
    return col.is_null() | test


def as_sql(c: Constraint, column: str | None = None) -> str:
    """A SQL predicate (ANSI, with Spark's ``rlike``), true where the value of ``column`` passes."""
    col = '"' + (column or c.field).replace('"', '""') + '"'

    def literal(value: Any) -> str:
        return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else repr(value)

    test = {
        "enum": lambda: f"{col} IN ({', '.join(map(literal, c.limit))})",
        "minimum": lambda: f"{col} >= {c.limit!r}",
        "exclusiveMinimum": lambda: f"{col} > {c.limit!r}",
        "maximum": lambda: f"{col} <= {c.limit!r}",
        "exclusiveMaximum": lambda: f"{col} < {c.limit!r}",
        "maxLength": lambda: f"char_length({col}) <= {c.limit!r}",
        "minLength": lambda: f"char_length({col}) >= {c.limit!r}",
        "pattern": lambda: f"{col} rlike {literal(c.limit)}",
    }[c.keyword]()
    return f"({col} IS NULL OR {test})"
