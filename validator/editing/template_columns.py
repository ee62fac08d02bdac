"""The columns of the upload template: the schema's writable fields and the custom ones asked for.

Kept apart from the workbook writer (:mod:`validator.editing.template`) so that the
command line can read them without loading openpyxl. What a column allows is read
from the field specs (:mod:`validator.spec.fields`); a custom column's type is one
of the custom-key types the configuration takes too (:data:`CUSTOM_TYPES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from validator.errors import InputError
from validator.spec import fields, schemas
from validator.spec.fields import CUSTOM_PREFIX, CUSTOM_TYPES, METADATA, FieldSpec

SCHEMA = METADATA
# field kind -> the kind of template column (what the spreadsheet validates)
_COLUMN_KINDS = {"number": "number", "integer": "number", "boolean": "boolean", "date": "date",
                 "date-time": "date"}


@dataclass(frozen=True)
class Column:
    """One template column: its header and what the schema allows in it."""

    header: str
    kind: str  # text, number, date, boolean or choice
    description: str = ""
    choices: list[Any] = field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None

    @property
    def custom(self) -> bool:
        return self.header.startswith(CUSTOM_PREFIX)

    def rule(self) -> str:
        """What the column accepts, in words, for the README sheet."""
        if self.choices:
            return "one of: " + ", ".join(cell_text(c) for c in self.choices)
        if self.minimum is not None or self.maximum is not None:
            return f"a number from {self.minimum} to {self.maximum}"
        if self.max_length is not None:
            return f"text, at most {self.max_length} characters"
        return {"date": "a date (YYYY-MM-DD)", "boolean": "TRUE or FALSE",
                "number": "a number"}.get(self.kind, "text")


def column_kind(spec: FieldSpec) -> str:
    """The template column kind for a field: choice (an enum), text, number, date or boolean."""
    return "choice" if spec.enum else _COLUMN_KINDS.get(spec.kind, "text")


def schema_columns(schema: str = SCHEMA) -> list[Column]:
    """The columns a lab fills: writable scalar fields of ``schema``, in schema order."""
    out = []
    for name, spec in fields.writable(schema).items():
        if "object" in spec.types:
            continue
        kind = column_kind(spec)
        choices = list(spec.enum) or ([True, False] if kind == "boolean" else [])
        out.append(Column(name, kind, spec.description, choices, spec.minimum, spec.maximum,
                          spec.max_length))
    return out


def parse_custom(spec: str) -> Column:
    """``key`` or ``key:type`` (type one of :data:`CUSTOM_TYPES`, default text) -> a custom column."""
    key, _, kind = spec.partition(":")
    key, kind = key.strip(), (kind.strip() or "text")
    if not key or any(ch in key for ch in ".:"):
        raise InputError(f"--custom {spec!r}: give a key without '.' or ':', e.g. lab_tech:text")
    if kind not in CUSTOM_TYPES:
        raise InputError(f"--custom {spec!r}: type must be one of {', '.join(CUSTOM_TYPES)}")
    column = _COLUMN_KINDS.get(CUSTOM_TYPES[kind], "text")
    choices: list[Any] = [True, False] if column == "boolean" else []
    return Column(f"{CUSTOM_PREFIX}{key}", column, f"Custom metadata ({kind}).", choices)


def columns(custom: Iterable[str] = (), schema: str = SCHEMA) -> list[Column]:
    """Schema columns followed by the custom ones; a repeated header is an error."""
    cols = schema_columns(schema) + [parse_custom(s) for s in custom]
    seen: set[str] = set()
    for col in cols:
        if col.header in seen:
            raise InputError(f"column {col.header!r} is given twice")
        seen.add(col.header)
    return cols


def spec_version(schema: str = SCHEMA) -> str:
    """The ``x-spec-version`` the schema was generated from."""
    return str(schemas.load(schema).get("x-spec-version", "unknown"))


def cell_text(value: Any) -> str:
    """A choice as a cell shows it: booleans as TRUE/FALSE."""
    return ("TRUE" if value else "FALSE") if isinstance(value, bool) else str(value)
