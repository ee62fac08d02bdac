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
from validator.findings import messages
from validator.findings.model import Finding
from validator.spec import fields, schemas
from validator.spec.fields import CUSTOM, CUSTOM_PREFIX, METADATA, FieldSpec

# A field's kind -> the JSON type coercion gives each of its values (text, numbers, booleans)
_COERCED_TYPE = {"string": "string", "number": "number", "boolean": "boolean"}
_TIES = ("dependentRequired", "dependentSchemas", "if", "allOf", "oneOf", "anyOf", "not")


def spec(field: str) -> FieldSpec:
    """The field spec of a sheet column's field: a metadata field or a ``custom.<key>``."""
    found = fields.spec_for(field)
    if found is None:
        raise KeyError(field)
    return found


def _item_node(field: str) -> dict[str, Any]:
    closed = schemas.closed(METADATA)
    if any(k in closed for k in _TIES):  # the per-column argument above would no longer hold
        raise RuntimeError(f"{METADATA} ties fields together; the column-wise check needs updating")
    if field.startswith(CUSTOM_PREFIX):
        return closed["properties"][CUSTOM]["additionalProperties"]
    return closed["properties"][field]


def _decided(field: str) -> frozenset[str]:
    """The keywords of a field that its column checks decide."""
    from validator.checks.sheets.constraints import constraints

    return frozenset(c.keyword for c in constraints().get(field, ()))


def api_node(field: str) -> dict[str, Any]:
    """The field's schema less the keywords its column checks decide."""
    decided = _decided(field)
    return {k: v for k, v in _item_node(field).items() if k not in decided}


@functools.cache
def _validators(field: str) -> tuple[Any, Any]:
    closed = schemas.closed(METADATA)
    node = {**api_node(field), "$defs": closed.get("$defs", {})}
    column = {"type": "array", "items": api_node(field), "$defs": closed.get("$defs", {})}
    make = functools.partial(jsonschema_rs.validator_for, validate_formats=True)
    return make(column), make(node)


@functools.cache
def settled(field: str) -> bool:
    """Whether the sheet's own checks decide a field as the API would, so it needs no API pass.

    True when the field's schema says no more than a type besides what the column
    checks decide, and coercion gives every value that type (text a string, a number
    column a number, a boolean column a boolean).
    """
    if field.startswith(CUSTOM_PREFIX):
        return False
    found = spec(field)
    return found.keywords - _decided(field) <= {"type"} and _COERCED_TYPE.get(found.kind) in found.types


def rejected(field: str, values: Sequence[Any]) -> list[int]:
    """Positions in ``values`` that the API schema rejects for ``field`` (``custom.<key>`` too)."""
    column, single = _validators(field)
    if column.is_valid(list(values)):
        return []
    return [i for i, v in enumerate(values) if not single.is_valid(v)]


def explain(field: str, value: Any) -> list[Finding]:
    """The core's findings for one rejected value, without the sheet-less ``$uri``."""
    if field.startswith(CUSTOM_PREFIX):
        record: dict[str, Any] = {CUSTOM: {field.split(".", 1)[1]: value}}
    else:
        record = {field: value}
    return [f for f in records.explain(record, METADATA)
            if not (f.code == "required" and f.expected in fields.read_only())]


def _renamed(node: Any) -> set[str]:
    """Every ``x-finding-code`` in a schema node (a code, or ``{keyword: code}``)."""
    if isinstance(node, list):
        return set().union(*map(_renamed, node))
    if not isinstance(node, dict):
        return set()
    recode = node.get("x-finding-code")
    found = set(recode.values()) if isinstance(recode, dict) else {recode} if recode else set()
    return found.union(*map(_renamed, node.values()))


def codes() -> tuple[str, ...]:
    """Every code the API-schema pass can emit: one per keyword, ``schema`` for the rest, and the
    metadata schema's ``x-finding-code`` renames."""
    base = [*messages.CODES.values(), *messages.ITEM_CODES.values(), "schema"]
    return tuple(dict.fromkeys([*base, *sorted(_renamed(schemas.closed(METADATA)))]))
