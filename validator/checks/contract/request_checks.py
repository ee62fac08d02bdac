"""Check a request before it is sent: query parameters and a PATCH body.

The query is checked against the schema generated from the operation's
parameters (Sample Platform ``limit``/``offset``/filters, One Codex
``page``/``per_page``), whose limits the Sample Platform server itself does not
enforce. One Codex's ``sort`` and ``where`` are JSON text: they must parse, name
fields the listed records have, and use operators the OpenAPI document allows
for the kind of field (``x-where-operators``). A PATCH body is checked against
its closed schema; a read-only sample field in it is ``read-only-field``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks import documents
from validator.checks.contract.exchange import as_int
from validator.errors import DetectError
from validator.findings.model import Finding, Report
from validator.spec import fields, openapi
from validator.spec.pointers import pointer, show
from validator.spec.suggest import closest


def check_request(method: str, url: str, params: Mapping[str, Any] | None = None,
                  body: Any = None, *, api: str | None = None) -> Report:
    """Check the query (from ``url`` and ``params``) and the JSON ``body`` of a request.

    When neither ``api``, the host, the query nor the body tells which API the path
    belongs to, the request is checked against each: what they agree on is reported,
    and when they disagree the report holds one ``no-schema`` finding naming them.
    """
    query = query_of(url, params)
    where = f"{method.upper()} {url}"
    try:
        ops = [openapi.find(method, url, api, api_hints(query))]
    except DetectError as exc:
        ops = [openapi.find(method, url, name) for name in openapi.apis()
               if openapi.matches(method, url, name)]
        verdicts = [request_findings(op, query, body) for op in ops]
        if any(v != verdicts[0] for v in verdicts):
            return Report.single([Finding.of("no-schema", str(exc))], path=where)
    op = ops[0]
    return Report.single(request_findings(op, query, body), path=where,
                         schema=(op.request_schema() if body is not None else None)
                         or op.query_schema())


def query_of(url: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The query parameters of ``url`` and ``params`` (the last of repeated values)."""
    query: dict[str, Any] = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    query.update({k: (v[-1] if isinstance(v, list | tuple) and v else v)
                  for k, v in (params or {}).items()})
    return query


def api_hints(query: Mapping[str, Any]) -> tuple[str, ...]:
    """The APIs whose operations take one of these query parameters."""
    return tuple(a for a in openapi.apis() for op in openapi.operations(a)
                 if (q := op.query_schema()) and set(query) & set(fields.fields(q)))


def request_findings(op: openapi.Operation, query: Mapping[str, Any], body: Any = None) -> list[Finding]:
    """What breaks operation ``op``'s documented parameters and body; ``field`` names the parameter."""
    found: list[Finding] = []
    name = op.query_schema()
    if name and query:
        typed = _typed(dict(query), fields.fields(name))
        found.extend(f.at(field=f.pointer.split("/")[1] if f.pointer else None)
                     for f in documents.findings(typed, name))
        found.extend(_json_clauses(op, typed, fields.fields(name)))
    body_schema = op.request_schema()
    if body_schema and body is not None:
        found.extend(_read_only(f, op) for f in documents.findings(body, body_schema))
    return found


def _typed(query: dict[str, Any], specs: dict[str, fields.FieldSpec]) -> dict[str, Any]:
    """Query text turned into the JSON types the schema gives (``"20"`` -> 20 for integers)."""
    out = {}
    for key, value in query.items():
        spec = specs.get(key)
        if isinstance(value, str) and spec is not None and fields.NUMERIC & set(spec.types):
            value = as_int(value) if as_int(value) is not None else value
        out[key] = value
    return out


def _read_only(f: Finding, op: openapi.Operation) -> Finding:
    resource = op.body_schema(200)
    field = f.pointer.rsplit("/", 1)[-1] if f.pointer else ""
    if f.code != "field-not-allowed" or not resource:
        return f
    spec = fields.get(resource, field)
    if spec is None or not spec.read_only:
        return f
    return Finding.of("read-only-field", f"{field!r} is read-only: the API reports it but does not "
                      "take it; put structured information in the sample's metadata record instead",
                      pointer=f.pointer, field=field, value=f.value, expected=f.expected)


# field kind -> the kind of field x-where-operators lists operators for
_WHERE_KINDS = {"reference": "reference", "array": "array", "date-time": "date", "date": "date",
                "number": "number", "integer": "number", "boolean": "boolean", "string": "string"}


def field_kind(item: str, name: str) -> str | None:
    """reference, string, number, date, boolean, array or None (an object such as custom)."""
    spec = fields.get(item, name)
    return None if spec is None else _WHERE_KINDS.get(spec.kind)


def _json_clauses(op: openapi.Operation, query: dict[str, Any],
                  specs: dict[str, fields.FieldSpec]) -> Iterator[Finding]:
    item = op.item_schema()
    known = list(fields.fields(item)) if item else []
    for key, spec in specs.items():
        node = spec.schema
        if not node.get("x-json-text") or not isinstance(query.get(key), str):
            continue
        try:
            clause = json.loads(query[key])
        except ValueError as exc:
            yield Finding.of("query-json", f"{key} is not JSON ({exc})", pointer=f"/{key}", field=key,
                             value=query[key], expected="a JSON object")
            continue
        if not isinstance(clause, dict):
            yield Finding.of("query-json", f"{key} is {show(clause)}, not a JSON object",
                             pointer=f"/{key}", field=key, value=clause, expected="a JSON object")
            continue
        operators = node.get("x-where-operators")
        for name, value in clause.items():
            where = pointer([key, name])
            base = name.split(".", 1)[0]
            if base not in known:
                yield Finding.of("query-field", f"{key} names {name!r}, not a field of {item}",
                                 pointer=where, field=key, value=name, expected=known,
                                 suggestion=closest(name, known))
            elif operators is None and not isinstance(value, bool):
                yield Finding.of("query-json", f"sort {name!r} is {show(value)}, not true or false",
                                 pointer=where, field=key, value=value, expected="true (descending) "
                                 "or false (ascending)")
            elif operators is not None and item and base == name:
                yield from _operators(item, name, value, node, where, key)


def _operators(item: str, name: str, value: Any, node: dict[str, Any], where: str,
               key: str) -> Iterator[Finding]:
    kind = field_kind(item, name)
    allowed = node["x-where-operators"].get(kind or "", [])
    if not isinstance(value, dict) or not allowed:
        return  # a bare value is equality (a bare id for a reference)
    ops = [k for k in value if k.startswith("$") and k not in ("$ref", "$uri")]
    for op in ops:
        if op not in allowed:
            yield Finding.of("query-operator", f"{op} does not apply to {name} ({kind} field)",
                             pointer=f"{where}/{op.replace('~', '~0')}", field=key, value=op,
                             expected=allowed, suggestion=closest(op, allowed))
        elif isinstance(value[op], list) != _takes_list(op, node):
            yield Finding.of("query-json", f"{op} takes {'a list' if _takes_list(op, node) else 'one value'}"
                             f", not {show(value[op])}", pointer=f"{where}/{op}", field=key,
                             value=value[op], expected="a JSON array" if _takes_list(op, node)
                             else "one value")


def _takes_list(op: str, node: dict[str, Any]) -> bool:
    return op in node.get("x-where-list-operators", [])
