"""Walk a collection page by page and check every page, and the pages against each other.

:func:`walk` serves ``contract.walk`` in the pytest plugin: each page is checked as
:func:`validator.check_response` checks it, and an item seen on an earlier page is
``page-repeat``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks.contract.exchange import parse_body
from validator.checks.contract.pagination import identities, identity, links
from validator.checks.contract.responses import check_response
from validator.findings.model import Finding, Report
from validator.spec.openapi import items_schema
from validator.spec.pointers import pointer, show


def walk(get: Callable[..., Any], url: str, params: dict[str, Any] | None = None, *,
         api: str | None = None, max_pages: int = 100) -> Report:
    """Follow a collection page by page (``next_offset`` or Link rel=next) and check every page.

    ``get`` is ``requests.get``, a ``requests.Session().get`` or an ``httpx.Client().get``.
    Each page is one source of the report; an item seen on an earlier page is ``page-repeat``.
    The walk ends at the last page, after ``max_pages``, or at a page that brings no new item.
    """
    report = Report()
    seen: dict[Any, str] = {}
    params = dict(params or {})
    for _ in range(max_pages):
        response = get(url, params=params) if params else get(url)  # httpx: params replace the query
        page = check_response(response, api=api)
        report.sources.extend(page.sources)
        source = page.sources[0]
        body = parse_body(response.content)
        items = body.get("data") if isinstance(body, dict) else body
        if not isinstance(items, list):
            break
        prefix = ["data"] if isinstance(body, dict) else []
        this_page: dict[Any, str] = {}
        key = identity(items_schema(source.schema))
        for where, ident in identities(((pointer([*prefix, i]), it) for i, it in enumerate(items)), key):
            if ident in seen:
                source.findings.append(Finding.of(
                    "page-repeat", f"{key} {show(ident)} was already on an earlier page "
                    f"({seen[ident]})", file=source.path, pointer=where, field=key, value=ident,
                    expected="each item once"))
            this_page.setdefault(ident, f"{source.path} {where}")
        fresh = this_page.keys() - seen.keys()
        seen = {**this_page, **seen}
        nxt = _next(body, response)
        if nxt is None or (key and not fresh):  # a page with nothing new would never end
            break
        url, params = nxt if isinstance(nxt, tuple) else (nxt, {})
    return report


def _next(body: Any, response: Any) -> tuple[str, dict[str, Any]] | str | None:
    if isinstance(body, dict) and isinstance(body.get("pagination"), dict):
        offset = body["pagination"].get("next_offset")
        if not isinstance(offset, int):
            return None
        request_url = str(response.request.url)
        query = dict(parse_qsl(urlsplit(request_url).query))
        return request_url.split("?", 1)[0], {**query, "offset": offset}
    return links(response.headers.get("Link")).get("next")
