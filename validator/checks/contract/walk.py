"""Walk a collection page by page and check every page, and the pages against each other.

:func:`walk` serves ``contract.walk`` in the pytest plugin: it fetches the pages
(``next_offset``, or One Codex's ``Link rel=next``), waits once for a 429's
``Retry-After`` (bounded), and checks each page as :func:`check_exchange` checks
one exchange. :func:`check_pages` does the same over pages already fetched (a
recording). :class:`PageWalk` holds the rules across pages:

- a non-2xx page ends the walk; when that page has no error of its own (a 401,
  403, 404, a 429 after the one wait) the walk gets ``walk-incomplete``, so an
  unfinished walk never passes;
- no item comes twice (``page-repeat``, or ``conflicting-records`` when the two
  copies differ);
- ``total`` stays the same on every page (``walk-total``);
- each page starts where the one before ended (``page-gap``);
- at the end, the items seen equal the first page's ``total`` (``walk-total``, unless
  the total already changed during the walk: one root cause, one finding).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks.contract.exchange import Exchange, adapt, as_int
from validator.checks.contract.pagination import identities, identity, links, repeat_or_conflict
from validator.checks.contract.responses import check_exchange
from validator.checks.rejected import rejected
from validator.findings.model import Finding, Report, Severity, Source
from validator.spec.openapi import items_schema
from validator.spec.pointers import pointer

MAX_WAIT = 30.0  # seconds a walk waits, once, for a 429's Retry-After


@dataclass
class _Page:
    total: int | None
    start: int | None
    count: int


def _page_numbers(ex: Exchange, items: list[Any]) -> _Page:
    """Total, first item's position and item count of a page (Sample Platform or One Codex)."""
    body = ex.body
    if isinstance(body, dict):
        pag = body.get("pagination") if isinstance(body.get("pagination"), dict) else {}
        total, start = pag.get("total"), pag.get("offset")
        return _Page(total if isinstance(total, int) and not rejected(total) else None,
                     start if isinstance(start, int) and not rejected(start) else None, len(items))
    page, per_page = as_int(ex.params.get("page", 1)), as_int(ex.params.get("per_page"))
    start = (page - 1) * per_page if page and per_page else None
    return _Page(as_int(ex.header("X-Total-Count")), start, len(items))


@dataclass
class PageWalk:
    """The rules across the pages of one collection, fed one checked page at a time."""

    seen: dict[Any, tuple[str, Any]] = field(default_factory=dict)
    first: tuple[Source, _Page] | None = None
    last: tuple[Source, _Page] | None = None
    items: int = 0
    total_changed: bool = False
    gapped: bool = False  # a page-gap was reported: the count would only repeat it
    stopped: bool = False  # ended early: no end-of-walk count
    fresh: bool = True  # the last page brought an item not seen before

    def add(self, ex: Exchange, source: Source) -> bool:
        """Check a page (``ex`` as :func:`check_exchange` left it) against the pages before it;
        findings go to ``source``. False when the walk must end here (a non-2xx page)."""
        if not 200 <= ex.status < 300:
            self.stop(source, f"the server answered {ex.status}")
            return False
        body = ex.body
        items = body.get("data") if isinstance(body, dict) else body
        if not isinstance(items, list):
            self.stop(source, "the page holds no list of items")
            return False
        numbers = _page_numbers(ex, items)
        self._follow_on(source, numbers, isinstance(body, dict))
        prefix = ["data"] if isinstance(body, dict) else []
        key = identity(items_schema(source.schema))
        new = False
        for where, ident, item in identities(((pointer([*prefix, i]), it) for i, it in enumerate(items)),
                                             key):
            if ident in self.seen:
                earlier_at, earlier = self.seen[ident]
                source.findings.append(repeat_or_conflict(
                    key, ident, (f"{earlier_at} (an earlier page)", earlier), (where, item),
                    file=source.path))
            else:
                self.seen[ident] = (f"{source.path} {where}", item)
                new = True
        self.fresh = new or not key or not items  # a page of repeats only would never end
        self.items += len(items)
        return True

    def _follow_on(self, source: Source, page: _Page, offsets: bool) -> None:
        where = "/pagination/total" if offsets else None
        if self.first is None:
            self.first = self.last = (source, page)
            return
        first, last = self.first[1], self.last[1] if self.last else None
        if page.total is not None and first.total is not None and page.total != first.total \
                and not self.total_changed:
            self.total_changed = True
            source.findings.append(Finding.of(
                "walk-total", f"total is {page.total} on this page but {first.total} on the first: "
                "the collection changed during the walk, or total is miscounted",
                file=source.path, pointer=where, field="total" if offsets else "X-Total-Count",
                value=page.total, expected=first.total))
        if last and last.start is not None and page.start is not None \
                and page.start != last.start + last.count:
            want = last.start + last.count
            self.gapped = True
            what = "items" if page.start > want else "overlapping items"
            source.findings.append(Finding.of(
                "page-gap", f"this page starts at item {page.start} but the page before ended at "
                f"item {want} ({what} {min(want, page.start)}..{max(want, page.start) - 1})",
                file=source.path, pointer="/pagination/offset" if offsets else None,
                field="offset" if offsets else "page", value=page.start, expected=want))
        self.last = (source, page)

    def stop(self, source: Source, why: str) -> None:
        """End the walk early at ``source``: its own error says so, else ``walk-incomplete``."""
        self.stopped = True
        told = "; the walk stopped here, the pages after it were not checked"
        for i, f in enumerate(source.findings):
            if f.severity is Severity.ERROR:
                source.findings[i] = f.at(message=f.message + told)
                return
        source.findings.append(Finding.of(
            "walk-incomplete", f"{why}{told} ({self.items} items seen)", file=source.path,
            field="status", expected="2xx on every page"))

    def finish(self) -> None:
        """The end-of-walk count: the items seen equal the first page's total."""
        if self.stopped or self.total_changed or self.gapped or not self.fresh or self.first is None:
            return
        source, first = self.first
        if first.total is not None and self.items != first.total:
            offsets = first.start is not None and source.schema and "page" in source.schema
            source.findings.append(Finding.of(
                "walk-total", f"the walk saw {self.items} items over its pages but the first page's "
                f"total is {first.total}", file=source.path,
                pointer="/pagination/total" if offsets else None,
                field="total" if offsets else "X-Total-Count", value=first.total,
                expected=self.items))


def check_pages(pages: Iterable[Exchange], *, api: str | None = None) -> Report:
    """Check pages already fetched (a recording's, in order) one by one and across each other."""
    report, walker = Report(), PageWalk()
    for ex in pages:
        source = check_exchange(ex, api=api).sources[0]
        report.sources.append(source)
        if not walker.add(ex, source):
            break
    walker.finish()
    return report


def walk(get: Callable[..., Any], url: str, params: dict[str, Any] | None = None, *,
         api: str | None = None, max_pages: int = 100, max_wait: float = MAX_WAIT) -> Report:
    """Follow a collection page by page (``next_offset`` or Link rel=next) and check every page.

    ``get`` is ``requests.get``, a ``requests.Session().get`` or an ``httpx.Client().get``.
    Each page is one source of the report. A 429 is waited for once, for its
    ``Retry-After`` when that is at most ``max_wait`` seconds; any other non-2xx page
    ends the walk with a finding, and so does reaching ``max_pages`` before the last page.
    """
    report, walker = Report(), PageWalk()
    params = dict(params or {})
    waited = False
    pages = 0
    while True:
        if pages == max_pages:
            walker.stop(report.sources[-1], f"max_pages ({max_pages}) was reached")
            break
        response = get(url, params=params) if params else get(url)  # httpx: params replace the query
        ex = adapt(response)
        source = check_exchange(ex, api=api).sources[0]
        report.sources.append(source)
        pages += 1
        if ex.status == 429 and not waited:
            delay = as_int(ex.header("Retry-After"))
            if delay is not None and 0 <= delay <= max_wait:
                waited = True
                time.sleep(delay)
                continue
        if not walker.add(ex, source):
            break
        nxt = _next(ex, response)
        if nxt is None or not walker.fresh:  # a page with nothing new would never end
            break
        url, params = nxt if isinstance(nxt, tuple) else (nxt, {})
    walker.finish()
    return report


def _next(ex: Exchange, response: Any) -> tuple[str, dict[str, Any]] | str | None:
    body = ex.body
    if isinstance(body, dict) and isinstance(body.get("pagination"), dict):
        offset = body["pagination"].get("next_offset")
        if not isinstance(offset, int) or rejected(offset):
            return None
        request_url = str(response.request.url)
        query = dict(parse_qsl(urlsplit(request_url).query))
        return request_url.split("?", 1)[0], {**query, "offset": offset}
    return links(ex.header("Link")).get("next")
