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
from validator.checks.contract.request_checks import api_hints, request_findings
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
    return check_exchange(exchanges.adapt(response, method, url), api=api, schema=schema)


def check_exchange(ex: exchanges.Exchange, *, api: str | None = None,
                   schema: str | None = None) -> Report:
    """Check one exchange, live or recorded: the request it carries, the status, headers and body.

    Build ``ex`` with :func:`exchange.adapt` (a live response) or :func:`exchange.recorded`
    (a HAR entry, a cassette interaction). The report has one source, named
    ``METHOD URL`` (``<response STATUS>`` without a URL). A body or URL that cannot be
    placed is one ``no-schema`` finding: an exchange that was not checked never passes.
    """
    where = f"{ex.method} {ex.url}" if ex.url else f"<response {ex.status}>"
    found: list[Finding] = []
    if ex.url:
        try:
            ex.operation = openapi.find(ex.method, ex.url, api, _hints(ex))
        except DetectError as exc:
            return Report.single([documents.unplaced(str(exc))], path=where)
        _, listed = ex.operation.response(ex.status)
        if not listed and ex.status < 500:  # a 5xx is not-a-server-error whatever is listed
            found.append(Finding.of(
                "status-not-in-spec", f"status {ex.status} is not listed for {ex.method} "
                f"{ex.operation.template} ({ex.operation.api})", field="status", value=ex.status,
                expected=ex.operation.statuses()))
        ex.schema = schema or ex.operation.body_schema(ex.status)
        ex.request_problems = request_findings(ex.operation, ex.params, ex.request_body)
        found.extend(header_findings(ex))
    else:
        ex.schema = schema or (_detected(ex.body) if ex.has_body else None)
        if not ex.schema and not isinstance(ex.body, exchanges.NotJSON):
            why = _why_unplaced(ex.body) if ex.has_body else "an empty body and no URL"
            found.append(documents.unplaced(f"nothing to check the response against: {why}; "
                                            "pass url= (and api=) or schema="))
    body_found: list[Finding] = []
    if isinstance(ex.body, exchanges.NotJSON):
        if ex.schema:
            body_found.append(Finding.of("body-not-json", f"the body is not JSON ({ex.body.reason})",
                                         pointer="", expected="a JSON document"))
    elif ex.schema and ex.has_body:
        schemas.load(ex.schema)
        body_found.extend(documents.findings(ex.body, ex.schema))
        ex.body = documents.without_rejected(ex.body, body_found)  # later rules skip those values
    elif ex.schema:
        body_found.append(Finding.of("body-not-json", "the body is empty", pointer="",
                                     expected=f"a JSON document ({ex.schema})"))
    found.extend(body_found)
    found.extend(registry.run_exchange(ex))
    rows = len(ex.body) if isinstance(ex.body, list) else 1
    return Report.single(found, path=where, schema=ex.schema, rows=rows)


def _detected(body: Any) -> str | None:
    try:
        return detect(body)
    except DetectError:
        return None


def _why_unplaced(body: Any) -> str:
    try:
        detect(body)
    except DetectError as exc:
        return str(exc).removeprefix("cannot tell the schema: ").removesuffix("; pass --schema")
    return "no schema"


def _hints(ex: exchanges.Exchange) -> tuple[str, ...]:
    """APIs the query parameters or the body point at, most telling first."""
    out = list(api_hints(ex.params))
    body = _detected(ex.body) if ex.has_body else None
    if body:
        out.insert(0, body.split("/", 1)[0])
    return tuple(dict.fromkeys(out))


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
