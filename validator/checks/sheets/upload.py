"""The upload view of the metadata schema: what one sheet row becomes when it is sent.

A sheet has no ``$uri``, ``sample`` or ``updated_at``: those are ``readOnly`` in
``onecodex/metadata`` and dropped here, with ``$uri`` from ``required``. The
properties of the view are independent of one another (no keyword ties two
fields together), so a record is valid exactly when each of its values is valid
against its own property: each column is checked as one array in one
``jsonschema-rs`` call, and only a rejected column is explained value by value.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import jsonschema_rs

from validator.checks import records
from validator.findings.model import Finding
from validator.spec import fields, schemas
from validator.spec.fields import CUSTOM, CUSTOM_PREFIX, METADATA, FieldSpec

_TEXT_KEYWORDS = frozenset({"type", "enum", "maxLength", "minLength"})
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


@functools.cache
def _validators(field: str) -> tuple[Any, Any]:
    closed = schemas.closed(METADATA)
    node = {**_item_node(field), "$defs": closed.get("$defs", {})}
    column = {"type": "array", "items": _item_node(field), "$defs": closed.get("$defs", {})}
    make = functools.partial(jsonschema_rs.validator_for, validate_formats=True)
    return make(column), make(node)


@functools.cache
def settled(field: str) -> bool:
    """Whether the sheet's own checks decide a text field as the API would, so it needs no API pass.

    True when the field's schema says no more than: a string (or null), an enum, a
    length; the coerced text and the column checks of :mod:`.frame` settle exactly these.
    """
    if field.startswith(CUSTOM_PREFIX):
        return False
    found = spec(field)
    return found.keywords <= _TEXT_KEYWORDS and "string" in found.types


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
