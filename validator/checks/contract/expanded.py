"""Expanded records: a reference that carries the whole record (``?expand=all``).

A sample's ``metadata`` (a metadata record's ``sample``) is ``{"$ref": ...}``, or,
expanded, the record itself with its ``$uri``. The schema of the field only says
"a reference of the right kind"; :func:`expanded` finds the expanded ones whose
kind has a schema of its own, so that the document check runs that full schema on
them, at their pointer. The fields and their kinds come from the schemas: a field
whose ``$uri`` pattern is another schema's ``$uri`` pattern.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from validator.spec import detect, schemas
from validator.spec.pointers import escape

_REFERENCE_KEYS = frozenset({"$uri", "$ref"})


@functools.cache
def targets(name: str) -> dict[str, str]:
    """Field -> the full schema of the record it refers to, for the object schema ``name``."""
    records = {schemas.properties(n).get("$uri", {}).get("pattern"): n
               for n in detect.candidates() if not schemas.item_schema(n)}
    records.pop(None, None)
    out = {}
    for field, node in schemas.properties(name).items():
        uri = node.get("properties", {}).get("$uri", {}).get("pattern")
        if field != "$uri" and uri in records:
            out[field] = records[uri]
    return out


def expanded(obj: Any, name: str) -> Iterator[tuple[Any, str, str]]:
    """``(record, its schema, pointer)`` for each expanded record held by ``obj`` (schema ``name``)."""
    item = schemas.item_schema(name)
    records = obj if item is not None and isinstance(obj, list) else [obj] if item is None else []
    fields = list(targets(item or name).items())
    if not fields:
        return
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        for field, target in fields:
            value = record.get(field)
            # a plain reference is {"$ref": ...}: one key, so only bigger objects are looked at
            if isinstance(value, dict) and len(value) > 1 and "$uri" in value \
                    and value.keys() - _REFERENCE_KEYS:
                yield value, target, f"/{i}/{escape(field)}" if item else f"/{escape(field)}"
