"""What the status and Content-Type of an exchange say, with Schemathesis's names.

- ``not-a-server-error`` (Schemathesis: not_a_server_error): a 5xx is an error,
  whatever the spec lists and however well formed its body;
- ``content-type-conformance`` (content_type_conformance): where the spec gives a
  JSON body for the status, the Content-Type must be JSON;
- ``accepted-invalid-request`` (negative_data_rejection): a request that breaks
  the operation's documented parameters or body, answered 2xx;
- ``rejected-valid-request`` (positive_data_acceptance): a request the contract
  allows, answered with a 4xx other than 401, 403, 404 or 429.

The last two read the request the response carries (``Exchange.request_problems``,
found by :func:`validator.checks.contract.request_checks.request_findings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus

from validator.checks.contract.exchange import Exchange
from validator.findings.model import Finding, Severity
from validator.spec.pointers import show

#: 4xx statuses a request the contract allows may still get (credentials, scope, absent, rate).
ALLOWED_REFUSALS = frozenset({401, 403, 404, 429})


def _reason(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def not_a_server_error(ex: Exchange) -> Iterator[Finding]:
    if ex.status >= 500:
        yield Finding.of("not-a-server-error", f"the server answered {_reason(ex.status)}",
                         field="status", value=ex.status, expected="a status below 500")


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def content_type_conformance(ex: Exchange) -> Iterator[Finding]:
    """Where the spec gives a JSON body. A bare triple may leave Content-Type out; a live or
    recorded response holds every header the server sent, so there a missing one counts."""
    if not ex.schema or not ex.operation or not ex.has_body:
        return
    given = ex.header("Content-Type")
    if (given is None and ex.headers_complete) or (given is not None and not _is_json(given)):
        what = "no Content-Type" if given is None else f"Content-Type {show(given)}"
        yield Finding.of("content-type-conformance", f"a {ex.status} response with a JSON body "
                         f"({ex.schema}) has {what}", field="Content-Type", value=given,
                         expected="application/json")


def request_acceptance(ex: Exchange) -> Iterator[Finding]:
    if not ex.operation:
        return
    if 200 <= ex.status < 300:
        for problem in ex.request_problems:
            if problem.severity is not Severity.ERROR:
                continue
            name = problem.field or "body"
            sent = ex.params.get(name, problem.value) if problem.field else problem.value
            yield Finding.of("accepted-invalid-request", f"the request's {name}={show(sent)} breaks "
                             f"the contract ({problem.message}) but was answered {ex.status}",
                             field=name, value=sent, expected=problem.expected)
    elif 400 <= ex.status < 500 and ex.status not in ALLOWED_REFUSALS and not any(
            p.severity is Severity.ERROR for p in ex.request_problems):
        query = "&".join(f"{k}={v}" for k, v in ex.params.items())
        yield Finding.of("rejected-valid-request", f"the server answered {_reason(ex.status)} to "
                         f"{ex.method} {ex.operation.template}{'?' + query if query else ''}, "
                         "which the contract allows", field="status", value=ex.status,
                         expected="2xx, or 401, 403, 404, 429")
