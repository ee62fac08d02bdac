"""One HTTP exchange (request and response) in a form the response rules read.

:func:`adapt` accepts a ``requests.Response``, an ``httpx.Response`` or a plain
``(status, headers, body)`` triple without importing either client. Rules that
need the headers or the request (pagination echo, 429 headers, filters) are the
exchange checks of :mod:`validator.checks.registry`; they run in :func:`validator.check_response`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.errors import InputError
from validator.findings.model import Finding
from validator.spec.openapi import Operation
from validator.spec.pointers import parse_float

_NO_BODY = object()


@dataclass
class Exchange:
    status: int
    headers: dict[str, str]
    body: Any
    method: str = "GET"
    url: str | None = None
    operation: Operation | None = None
    schema: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    request_body: Any = None
    # every header the server sent is here (a live response, a recording; not a bare triple)
    headers_complete: bool = False
    # what breaks the operation's documented parameters and body (set by check_exchange)
    request_problems: list[Finding] = field(default_factory=list)

    @property
    def rejected_params(self) -> set[str]:
        """The query parameters the contract does not allow as sent (rules skip them)."""
        return {f.field for f in self.request_problems if f.field}

    @property
    def api(self) -> str | None:
        return self.operation.api if self.operation else None

    @property
    def has_body(self) -> bool:
        return self.body is not _NO_BODY

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _headers(raw: Any) -> dict[str, str]:
    items = raw.items() if isinstance(raw, Mapping) or hasattr(raw, "items") else (raw or [])
    return {str(k).lower(): str(v) for k, v in items}


def parse_body(raw: Any) -> Any:
    """A body as JSON: bytes and text are parsed, anything else is taken as already parsed."""
    if isinstance(raw, bytes | bytearray):
        if not raw.strip():
            return _NO_BODY
        raw = bytes(raw).decode("utf-8-sig", errors="replace")
    if isinstance(raw, str):
        if not raw.strip():
            return _NO_BODY
        try:
            return json.loads(raw, parse_float=parse_float)
        except json.JSONDecodeError as exc:
            return NotJSON(f"line {exc.lineno} column {exc.colno}: {exc.msg}")
    return raw


@dataclass(frozen=True)
class NotJSON:
    """A body that did not parse, and why."""

    reason: str


def recorded(method: str, url: str | None, status: int, headers: Any, body: Any,
             request_body: Any = None) -> Exchange:
    """An :class:`Exchange` from its parts, as a recording (HAR, cassette) holds them.

    ``body`` and ``request_body`` may be bytes, text or already parsed JSON.
    """
    ex = Exchange(int(status), _headers(headers), parse_body(body), method.upper(), url,
                  headers_complete=True)
    if request_body is not None:
        parsed = parse_body(request_body)
        ex.request_body = None if parsed is _NO_BODY else parsed
    if url:
        ex.params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    return ex


def adapt(response: Any, method: str | None = None, url: str | None = None) -> Exchange:
    """An :class:`Exchange` from a requests/httpx response or a ``(status, headers, body)`` triple."""
    if isinstance(response, tuple | list):
        if len(response) != 3:
            raise InputError("a response triple is (status, headers, body)")
        status, headers, body = response
        ex = Exchange(int(status), _headers(headers), parse_body(body), (method or "GET").upper(), url)
    elif hasattr(response, "status_code") and hasattr(response, "headers"):
        request = _request_of(response)
        ex = Exchange(int(response.status_code), _headers(response.headers),
                      parse_body(response.content),
                      (method or getattr(request, "method", None) or "GET").upper(),
                      url or (str(request.url) if request is not None else None),
                      request_body=_request_body(request), headers_complete=True)
    else:
        raise InputError(f"cannot check a {type(response).__name__}: pass a requests or httpx "
                         "response, or a (status, headers, body) triple")
    if ex.url:
        ex.params = dict(parse_qsl(urlsplit(ex.url).query, keep_blank_values=True))
    return ex


def _request_of(response: Any) -> Any:
    try:  # httpx raises when a response was built without a request
        return getattr(response, "request", None)
    except RuntimeError:
        return None


def _request_body(request: Any) -> Any:
    """The JSON body a requests/httpx request sent, or None."""
    if request is None:
        return None
    raw = getattr(request, "body", None)  # requests
    if raw is None:
        try:
            raw = getattr(request, "content", None)  # httpx
        except Exception:
            raw = None
    parsed = parse_body(raw) if raw else _NO_BODY
    return None if parsed is _NO_BODY or isinstance(parsed, NotJSON) else parsed


def as_int(text: Any) -> int | None:
    """An integer from a header or query value, or None when it is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    try:
        return int(str(text).strip())
    except ValueError:
        return None
