"""The columns of the upload template: the schema's writable fields and the custom ones asked for.

Kept apart from the workbook writer (:mod:`validator.template`) so that the
command line can read them without loading openpyxl.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from validator.errors import InputError
from validator.spec import schemas

SCHEMA = "onecodex/metadata"
CUSTOM_PREFIX = "custom."
CUSTOM_TYPES = ("text", "number", "date", "boolean")


@dataclass(frozen=True)
class Column:
    """One template column: its header and what the schema allows in it."""

    header: str
    kind: str  # one of CUSTOM_TYPES or "choice"
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
            return "one of: " + ", ".join(_cell_text(c) for c in self.choices)
        if self.minimum is not None or self.maximum is not None:
            return f"a number from {self.minimum} to {self.maximum}"
        if self.max_length is not None:
            return f"text, at most {self.max_length} characters"
        return {"date": "a date (YYYY-MM-DD)", "boolean": "TRUE or FALSE",
                "number": "a number"}.get(self.kind, "text")


def _kind(node: dict[str, Any]) -> str:
    types = schemas.allowed_types(node)
    if schemas.enum_values(node):
        return "choice"
    if node.get("format") in ("date", "date-time"):
        return "date"
    if "boolean" in types:
        return "boolean"
    if "number" in types or "integer" in types:
        return "number"
    return "text"


def schema_columns(schema: str = SCHEMA) -> list[Column]:
    """The columns a lab fills: writable scalar fields of ``schema``, in schema order."""
    out = []
    for name, node in schemas.properties(schema).items():
        if node.get("readOnly") or "object" in schemas.allowed_types(node):
            continue
        kind = _kind(node)
        choices = schemas.enum_values(node) or ([True, False] if kind == "boolean" else [])
        out.append(Column(name, kind, node.get("description", ""), choices,
                          node.get("minimum"), node.get("maximum"), node.get("maxLength")))
    return out


def parse_custom(spec: str) -> Column:
    """``key`` or ``key:type`` (type one of text, number, date, boolean) -> a custom column."""
    key, _, kind = spec.partition(":")
    key, kind = key.strip(), (kind.strip() or "text")
    if not key or any(ch in key for ch in ".:"):
        raise InputError(f"--custom {spec!r}: give a key without '.' or ':', e.g. lab_tech:text")
    if kind not in CUSTOM_TYPES:
        raise InputError(f"--custom {spec!r}: type must be one of {', '.join(CUSTOM_TYPES)}")
    choices: list[Any] = [True, False] if kind == "boolean" else []
    return Column(f"{CUSTOM_PREFIX}{key}", kind, f"Custom metadata ({kind}).", choices)


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


def _cell_text(value: Any) -> str:
    return ("TRUE" if value else "FALSE") if isinstance(value, bool) else str(value)
