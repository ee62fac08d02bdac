"""Returned items honour the request's filters (Sample Platform) and sort (One Codex).

Which item field a Sample Platform filter parameter tests, and how, is written
in the OpenAPI document as ``x-filter`` on the parameter (``field`` plus
``match`` or a ``values`` table). One Codex's ``sort`` is JSON ``{field: bool}``,
true meaning descending.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from validator.checks.contract.exchange import Exchange
from validator.findings.model import Finding
from validator.spec import fields
from validator.spec.fields import FieldSpec
from validator.spec.openapi import items_schema
from validator.spec.pointers import pointer, show


def _text(v: Any) -> str:
    return str(v).casefold()


MATCHERS: dict[str, Callable[[Any, str], bool]] = {
    "equals": lambda have, want: have == want,
    "iequals": lambda have, want: isinstance(have, str) and _text(have) == _text(want),
    "icontains": lambda have, want: isinstance(have, str) and _text(want) in _text(have),
    "contains": lambda have, want: isinstance(have, list) and want in have,
}


def _matches(spec: dict[str, Any], have: Any, want: str) -> tuple[bool, Any]:
    """Whether a field value passes a filter, and what was expected."""
    if "values" in spec:
        expected = spec["values"].get(want)
        return expected is None or have == expected, expected
    matcher = spec.get("match", "equals")
    return MATCHERS[matcher](have, want), f"{matcher} {want!r}"


def filters_honoured(ex: Exchange) -> Iterator[Finding]:
    if ex.status != 200 or not ex.operation or not isinstance(ex.body, dict):
        return
    query, data = ex.operation.query_schema(), ex.body.get("data")
    if not query or not isinstance(data, list):
        return
    for name, field_spec in fields.fields(query).items():
        spec, want = field_spec.schema.get("x-filter"), ex.params.get(name)
        if not spec or want is None or want == "":
            continue
        field = spec["field"]
        for i, item in enumerate(data):
            if not isinstance(item, dict) or field not in item:
                continue
            ok, expected = _matches(spec, item[field], want)
            if not ok:
                yield Finding.of("filter-mismatch", f"{field} {show(item[field])} does not match the "
                                 f"filter {name}={want}", pointer=pointer(["data", i, field]),
                                 field=field, value=item[field], expected=expected)


def _key(value: Any, spec: FieldSpec) -> Any:
    if isinstance(value, str) and spec.kind == "date-time":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def sort_honoured(ex: Exchange) -> Iterator[Finding]:
    if ex.status != 200 or not ex.operation or not isinstance(ex.body, list) or "sort" not in ex.params:
        return
    try:
        clause = json.loads(ex.params["sort"])
    except ValueError:
        return  # check_request reports a sort that is not JSON
    if not isinstance(clause, dict) or not clause:
        return
    item = items_schema(ex.operation.body_schema(200))
    field, descending = next(iter(clause.items()))
    specs = fields.fields(item) if item else {}
    if field not in specs:
        return
    rows = [(i, _key(r.get(field), specs[field])) for i, r in enumerate(ex.body)
            if isinstance(r, dict) and r.get(field) is not None]
    for (_, before), (i, after) in itertools.pairwise(rows):
        try:
            wrong = after > before if descending else after < before
        except TypeError:
            return
        if wrong:
            word = "descending" if descending else "ascending"
            yield Finding.of("sort-order", f"{field} {show(ex.body[i][field])} breaks the {word} "
                             f"order asked for by sort={ex.params['sort']}",
                             pointer=pointer([i, field]), field=field, value=ex.body[i][field],
                             expected=f"{word} by {field}")
            return
