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
from validator.checks.rejected import rejected
from validator.findings.model import Finding
from validator.spec import fields
from validator.spec.fields import FieldSpec
from validator.spec.openapi import items_schema
from validator.spec.pointers import pointer, show


def _fold(value: Any, case: bool) -> Any:
    """A text as compared: as written when case counts, case-folded when it does not."""
    return value if case or not isinstance(value, str) else value.casefold()


MATCHERS: dict[str, Callable[[Any, str, bool], bool]] = {
    "equals": lambda have, want, case: _fold(have, case) == _fold(want, case),
    "contains": lambda have, want, case: isinstance(have, list)
    and _fold(want, case) in [_fold(h, case) for h in have],
    "substring": lambda have, want, case: isinstance(have, str)
    and _fold(want, case) in _fold(have, case),
}


def _matches(spec: dict[str, Any], have: Any, want: str) -> tuple[bool, Any]:
    """Whether a field value passes a filter, and what was expected.

    ``x-filter`` says what the filter means: ``field`` and either a ``values`` table
    (the parameter's enum, whose spelling the spec fixes) or a ``match`` (``equals``,
    ``contains`` for one element of an array, ``substring``). Case counts only where
    the published spec says so (``case: sensitive``); elsewhere either case is accepted.
    """
    if "values" in spec:
        expected = spec["values"].get(want)
        return expected is None or have == expected, expected
    matcher, case = spec.get("match", "equals"), spec.get("case") == "sensitive"
    word = matcher if case else f"{matcher}, either case,"
    return MATCHERS[matcher](have, want, case), f"{word} {want!r}"


def filters_honoured(ex: Exchange) -> Iterator[Finding]:
    """Returned items match the request's filters; a filter value the contract does not allow
    (``accepted-invalid-request``) and item values the schema rejected are not compared."""
    if ex.status != 200 or not ex.operation or not isinstance(ex.body, dict):
        return
    query, data = ex.operation.query_schema(), ex.body.get("data")
    if not query or not isinstance(data, list):
        return
    skipped = ex.rejected_params
    for name, field_spec in fields.fields(query).items():
        spec, want = field_spec.schema.get("x-filter"), ex.params.get(name)
        if not spec or want is None or want == "" or name in skipped:
            continue
        field = spec["field"]
        for i, item in enumerate(data):
            if not isinstance(item, dict) or field not in item or rejected(item[field]):
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
