"""Rules across the pages of one collection, from the pages alone (recorded or live).

Given the pages of a walk in order, :func:`walk_pages` reports an item that
comes twice (``page-repeat``), a ``total`` that changes between pages, and, when
the walk is whole (it starts at the first page and ends at the last, with no
page missing), a number of items different from the first page's ``total``
(``walk-total``). A page that is not a 2xx answer ends the walk: what follows it
is not a walk of the collection any more.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks.contract.exchange import as_int, parse_body
from validator.findings.model import Finding
from validator.spec.pointers import pointer, show


@dataclass(frozen=True)
class Page:
    """What a walk needs of one page: its number in the walk, position, items and total."""

    number: int
    status: int
    items: list[Any] | None
    prefix: tuple[str, ...]
    total: int | None
    total_at: str
    offset: int | None
    next_offset: int | None
    last: bool

    def slim(self, identity: str | None) -> Page:
        """The same page holding only each item's identity: what a walk keeps between pages."""
        if self.items is None:
            return self
        kept = [{identity: item.get(identity)} if identity and isinstance(item, dict) else None
                for item in self.items]
        return replace(self, items=kept)


def page_of(number: int, status: int, headers: dict[str, str], body: Any, url: str) -> Page:
    """A :class:`Page` from a response's status, headers (lower-case names), body and URL."""
    parsed = parse_body(body) if isinstance(body, bytes | bytearray | str) else body
    query = dict(parse_qsl(urlsplit(url).query))
    if isinstance(parsed, dict) and isinstance(parsed.get("pagination"), dict):
        pag = parsed["pagination"]
        data = parsed.get("data")
        offset = as_int(pag.get("offset"))
        nxt = pag.get("next_offset")
        return Page(number, status, data if isinstance(data, list) else None, ("data",),
                    as_int(pag.get("total")), "/pagination/total", offset,
                    as_int(nxt), nxt is None and "next_offset" in pag)
    page = as_int(query.get("page")) or 1
    per_page = as_int(query.get("per_page"))
    total = as_int(headers.get("x-total-count"))
    items = parsed if isinstance(parsed, list) else None
    offset = (page - 1) * per_page if per_page else None
    last = "rel=\"next\"" not in headers.get("link", "") and 'rel=next' not in headers.get("link", "")
    return Page(number, status, items, (), total, "X-Total-Count", offset if page > 1 else 0,
                None, last)


def walk_pages(pages: Sequence[Page], identity: str | None) -> Iterator[tuple[int, Finding]]:
    """``(page number, finding)`` for the rules across the pages, in walk order."""
    seen: dict[Any, tuple[int, str]] = {}
    first_total: tuple[int, int] | None = None
    count, whole, expected_offset = 0, True, 0
    for index, page in enumerate(pages):
        if not 200 <= page.status < 300 or page.items is None:
            return  # the walk ended here; the page's own checks say why
        if page.offset is None or page.offset != expected_offset:
            whole = False
        if page.total is not None:
            if first_total is None:
                first_total = (page.number, page.total)
            elif page.total != first_total[1]:
                yield page.number, Finding.of(
                    "walk-total", f"total is {page.total} on this page but was {first_total[1]} on "
                    "the walk's first page: the collection changed during the walk, or total is "
                    "miscounted", pointer=page.total_at if page.total_at.startswith("/") else None,
                    field=None if page.total_at.startswith("/") else page.total_at, value=page.total,
                    expected=first_total[1])
        for i, item in enumerate(page.items):
            ident = item.get(identity) if identity and isinstance(item, dict) else None
            if ident is None or isinstance(ident, dict | list):
                continue
            where = pointer([*page.prefix, i])
            if ident in seen:
                yield page.number, Finding.of(
                    "page-repeat", f"{identity} {show(ident)} was already on an earlier page "
                    f"(#{seen[ident][0]} {seen[ident][1]})", pointer=where, field=identity,
                    value=ident, expected="each item once")
            else:
                seen[ident] = (page.number, where)
        count += len(page.items)
        if page.offset is not None:
            expected_offset = page.offset + len(page.items)
            if page.next_offset is not None:
                expected_offset = page.next_offset
        if index == len(pages) - 1 and whole and page.last and first_total is not None \
                and count != first_total[1]:
            yield page.number, Finding.of(
                "walk-total", f"the whole walk brought {count} items but its first page gave total "
                f"{first_total[1]}", pointer=page.total_at if page.total_at.startswith("/") else None,
                value=count, expected=first_total[1])
