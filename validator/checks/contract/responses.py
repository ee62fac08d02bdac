"""Check a whole HTTP response against the published contract.

The operation is found from the API, path and method in the OpenAPI documents;
the status must be one the operation lists; the body is checked against the
schema the spec gives for that status (a list of samples, a page, the error
envelope), the headers against the header schemas, and then every exchange check of
:mod:`validator.checks.registry` (page echo, totals and links, 429 headers, filters and sort) runs.
"""

from __future__ import annotations

from typing import Any

from validator.checks import documents, registry
from validator.checks.contract import exchange as exchanges
from validator.errors import DetectError
from validator.findings.model import Finding, Report
from validator.spec import openapi, schemas
from validator.spec.detect import detect
from validator.spec.pointers import show


def check_response(response: Any, *, method: str | None = None, url: str | None = None,
                   api: str | None = None, schema: str | None = None) -> Report:
    """Check a ``requests``/``httpx`` response or a ``(status, headers, body)`` triple.

    ``method`` and ``url`` default to the response's request; ``api`` (``onecodex``
    or ``sample-platform``) is needed only when the URL's host and the query do not
    tell; ``schema`` overrides the schema the spec gives for the body.
    """
    ex = exchanges.adapt(response, method, url)
    found: list[Finding] = []
    if ex.url:
        ex.operation = openapi.find(ex.method, ex.url, api, _hints(ex))
        _, listed = ex.operation.response(ex.status)
        if not listed:
            found.append(Finding.of(
                "status-not-in-spec", f"status {ex.status} is not listed for {ex.method} "
                f"{ex.operation.template} ({ex.operation.api})", field="status", value=ex.status,
                expected=ex.operation.statuses()))
        ex.schema = schema or ex.operation.body_schema(ex.status)
        found.extend(header_findings(ex))
    else:
        ex.schema = schema or (_detected(ex.body) if ex.has_body else None)
    if isinstance(ex.body, exchanges.NotJSON):
        if ex.schema:
            found.append(Finding.of("body-not-json", f"the body is not JSON ({ex.body.reason})",
                                    pointer="", expected="a JSON document"))
    elif ex.schema and ex.has_body:
        schemas.load(ex.schema)
        found.extend(documents.findings(ex.body, ex.schema))
    elif ex.schema:
        found.append(Finding.of("body-not-json", "the body is empty", pointer="",
                                expected=f"a JSON document ({ex.schema})"))
    if ex.has_body and not isinstance(ex.body, exchanges.NotJSON):
        found.extend(registry.run_exchange(ex))
    where = f"{ex.method} {ex.url}" if ex.url else f"<response {ex.status}>"
    rows = len(ex.body) if isinstance(ex.body, list) else 1
    return Report.single(found, path=where, schema=ex.schema, rows=rows)


def _detected(body: Any) -> str | None:
    try:
        return detect(body)
    except DetectError:
        return None


def _hints(ex: exchanges.Exchange) -> tuple[str, ...]:
    """APIs the query parameters or the body point at, most telling first."""
    out: list[str] = []
    for api in openapi.apis():
        for op in openapi.operations(api):
            query = op.query_schema()
            if query and set(ex.params) & set(schemas.properties(query)) and api not in out:
                out.append(api)
    body = _detected(ex.body) if ex.has_body else None
    if body:
        out.insert(0, body.split("/", 1)[0])
    return tuple(out)


def header_findings(ex: exchanges.Exchange) -> list[Finding]:
    """Headers the spec lists for this response: present when required, of their schema."""
    out = []
    assert ex.operation is not None
    for name, header in ex.operation.headers(ex.status).items():
        spec = header["schema"]
        code = spec.get("x-finding-code", "header")
        value = ex.header(name)
        if value is None:
            if header.get("required"):
                out.append(Finding.of(code, f"header {name} is missing from a {ex.status} response",
                                      field=name, expected=_describe(spec)))
            continue
        problem = header_problem(value, spec)
        if problem:
            out.append(Finding.of(code, f"header {name}: {show(value)} {problem}", field=name,
                                  value=value, expected=_describe(spec)))
    return out


def header_problem(value: str, spec: dict[str, Any]) -> str | None:
    """Why a header value breaks its (integer or string) schema, or None."""
    if spec.get("type") != "integer":
        return None
    number = exchanges.as_int(value)
    if number is None:
        return "is not an integer"
    if "minimum" in spec and number < spec["minimum"]:
        return f"is less than {spec['minimum']}"
    if "maximum" in spec and number > spec["maximum"]:
        return f"is greater than {spec['maximum']}"
    return None


def _describe(spec: dict[str, Any]) -> str:
    text = spec.get("type", "string")
    if "minimum" in spec:
        text += f" >= {spec['minimum']}"
    if "maximum" in spec:
        text += f" <= {spec['maximum']}"
    return text
