"""The upload view of the metadata schema: what one sheet row becomes when it is sent.

A sheet has no ``$uri``, ``sample`` or ``updated_at``: those are ``readOnly`` in
``onecodex/metadata`` and dropped here, with ``$uri`` from ``required``. The
properties of the view are independent of one another (no keyword ties two
fields together), so a record is valid exactly when each of its values is valid
against its own property: each column is checked as one array in one
``jsonschema-rs`` call, and only a rejected column is explained value by value.

The column checks (:mod:`.constraints`, run by pandera) decide enums, bounds,
lengths and patterns; this pass leaves those keywords out and checks only what
they cannot say (formats, types, custom values), so each constraint is checked
once. A field with nothing left for it to say skips it (:func:`settled`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import jsonschema_rs

from validator.checks import records
from validator.findings.model import Finding
from validator.spec import schemas

SCHEMA = "onecodex/metadata"
CUSTOM = "custom"
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment", "deprecated"})
# The coerced kind of a column -> the JSON type every coerced value of it has
_COERCED_TYPE = {"text": "string", "number": "number", "boolean": "boolean"}
_TIES = ("dependentRequired", "dependentSchemas", "if", "allOf", "oneOf", "anyOf", "not")


@functools.cache
def fields() -> dict[str, dict[str, Any]]:
    """Writable field -> its resolved schema."""
    return {k: v for k, v in schemas.properties(SCHEMA).items() if not v.get("readOnly")}


@functools.cache
def read_only() -> tuple[str, ...]:
    return tuple(k for k, v in schemas.properties(SCHEMA).items() if v.get("readOnly"))


def _item_node(field: str) -> dict[str, Any]:
    closed = schemas.closed(SCHEMA)
    if any(k in closed for k in _TIES):  # the per-column argument above would no longer hold
        raise RuntimeError(f"{SCHEMA} ties fields together; the column-wise check needs updating")
    if field.startswith(CUSTOM + "."):
        return closed["properties"][CUSTOM]["additionalProperties"]
    return closed["properties"][field]


def _api_node(field: str) -> dict[str, Any]:
    """The field's schema less the keywords its column checks decide."""
    from validator.checks.sheets.constraints import constraints

    decided = {c.keyword for c in constraints().get(field, ())}
    return {k: v for k, v in _item_node(field).items() if k not in decided}


@functools.cache
def _validators(field: str) -> tuple[Any, Any]:
    closed = schemas.closed(SCHEMA)
    node = {**_api_node(field), "$defs": closed.get("$defs", {})}
    column = {"type": "array", "items": _api_node(field), "$defs": closed.get("$defs", {})}
    make = functools.partial(jsonschema_rs.validator_for, validate_formats=True)
    return make(column), make(node)


@functools.cache
def settled(field: str) -> bool:
    """Whether the sheet's own checks decide a field as the API would, so it needs no API pass.

    True when the field's schema says no more than a type besides what the column
    checks decide, and coercion gives every value that type (text a string, a number
    column a number, a boolean column a boolean).
    """
    from validator.checks.sheets.coerce import kind

    if field.startswith(CUSTOM + "."):
        return False
    node = _api_node(field)
    said = {k for k in node if not k.startswith("x-") and k not in _ANNOTATIONS}
    coerced = _COERCED_TYPE.get(kind(_item_node(field)))
    return said <= {"type"} and coerced in schemas.allowed_types(node)


def rejected(field: str, values: Sequence[Any]) -> list[int]:
    """Positions in ``values`` that the API schema rejects for ``field`` (``custom.<key>`` too)."""
    column, single = _validators(field)
    if column.is_valid(list(values)):
        return []
    return [i for i, v in enumerate(values) if not single.is_valid(v)]


def explain(field: str, value: Any) -> list[Finding]:
    """The core's findings for one rejected value, without the sheet-less ``$uri``."""
    if field.startswith(CUSTOM + "."):
        record: dict[str, Any] = {CUSTOM: {field.split(".", 1)[1]: value}}
    else:
        record = {field: value}
    return [f for f in records.explain(record, SCHEMA)
            if not (f.code == "required" and f.expected in read_only())]
