"""``--schema auto``: tell which schema a JSON document follows, by best fit.

Every response and record schema is scored against the document: each key the
schema describes counts for it, each key it does not know and each required key
that is missing counts against it, and a ``$uri`` of the schema's own kind counts
twice. A list is scored item by item against each list schema's item schema, so
one broken record (no ``$uri``, a null, the wrong kind) does not hide what the
others say. The best fit wins, and the schema check then reports whatever in the
document does not fit it, at its pointer. Detection refuses only when two schemas
fit equally well (naming both) or none fits at all.

Request schemas (a ``PATCH`` body, the query parameters) are never guessed: a
document checked on its own is a response or a record; name them to check them.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from validator.errors import DetectError
from validator.spec import openapi, schemas

URI_WEIGHT = 2.0  # a $uri of the schema's own kind
MISSING_WEIGHT = 0.5  # a required key that is absent


@functools.cache
def request_schemas() -> frozenset[str]:
    """The schemas of request bodies and query parameters."""
    out = set()
    for api in openapi.apis():
        for op in openapi.operations(api):
            out.update(n for n in (op.request_schema(), op.query_schema()) if n)
    return frozenset(out)


@functools.cache
def candidates() -> tuple[str, ...]:
    """The schemas ``--schema auto`` chooses between: every response and record schema."""
    return tuple(n for n in schemas.names() if n not in request_schemas())


@functools.cache
def _shape(name: str) -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    props = schemas.properties(name)
    uri = props.get("$uri", {}).get("pattern")
    return frozenset(props), frozenset(schemas.load(name).get("required", [])), \
        re.compile(uri) if uri else None


def object_score(obj: Any, name: str) -> float:
    """How well an object fits object schema ``name`` (higher is better; 0 for a non-object)."""
    if not isinstance(obj, dict):
        return 0.0
    props, required, uri = _shape(name)
    keys = obj.keys()
    known = sum(1 for k in keys if k in props)
    score = known - (len(keys) - known) - MISSING_WEIGHT * len(required - keys)
    own = obj.get("$uri")
    if uri is not None and isinstance(own, str) and uri.match(own):
        score += URI_WEIGHT
    return score


def score(obj: Any, name: str) -> float:
    """How well ``obj`` fits schema ``name``: a list item by item, an object key by key."""
    item = schemas.item_schema(name)
    if item is not None:
        return sum(object_score(i, item) for i in obj) if isinstance(obj, list) else float("-inf")
    return object_score(obj, name) if isinstance(obj, dict) else float("-inf")


def fits(obj: Any) -> list[tuple[float, str]]:
    """Every candidate schema with its score, best first (ties in name order)."""
    return sorted(((score(obj, n), n) for n in candidates()), key=lambda t: (-t[0], t[1]))


def json_type(value: Any) -> str:
    """The JSON type of a parsed value: object, array, string, number, boolean or null."""
    for kind, types in (("null", type(None)), ("boolean", bool), ("number", int | float),
                        ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, types):
            return kind
    return type(value).__name__


def detect(obj: Any) -> str:
    """The schema that fits ``obj`` best; :class:`DetectError` when two fit equally or none does."""
    ranked = fits(obj)
    (best, name), (second, other) = ranked[0], ranked[1]
    if best == second and (best > 0 or (isinstance(obj, list) and not obj)):
        what = "the empty list" if isinstance(obj, list) and not obj else "the document"
        raise DetectError(f"cannot tell the schema: {what} fits {name} and {other} equally well; "
                          "pass --schema")
    if best <= 0:
        kind = json_type(obj)
        raise DetectError(f"cannot tell the schema: no schema fits this {kind} (it is not a sample or "
                          "metadata record or list, a Sample Platform page, media sample or error "
                          "envelope); pass --schema")
    return name
