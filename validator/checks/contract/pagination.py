"""Page arithmetic, page echo, totals and links.

Sample Platform pages (``limit``/``offset``/``total``/``next_offset``) are
checked from the body alone, so a saved page gets the same findings as a live
one; the echo of the request and One Codex's ``X-Total-Count`` and ``Link``
headers need the whole exchange. :mod:`.walk` follows the pages of a collection.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks.contract.exchange import Exchange, as_int
from validator.checks.rejected import REJECTED, rejected
from validator.findings.model import Finding
from validator.spec import fields, schemas
from validator.spec.openapi import items_schema
from validator.spec.pointers import show


def identity(item_schema: str | None) -> str | None:
    """The field that identifies an item (``x-identity`` in the OpenAPI document)."""
    return schemas.load(item_schema).get("x-identity") if item_schema else None


def _ints(obj: dict[str, Any], *keys: str) -> list[int] | None:
    values = [obj.get(k) for k in keys]
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    return values if ok else None  # type: ignore[return-value]


def repeats(items: Iterable[tuple[str, Any]], key: str | None) -> Iterator[Finding]:
    """For each item whose ``key`` came earlier in ``items`` (pointer, item): ``page-repeat``
    when it is the same record again, ``conflicting-records`` when its content differs."""
    seen: dict[Any, tuple[str, Any]] = {}
    for where, ident, item in identities(items, key):
        if ident in seen:
            yield repeat_or_conflict(key, ident, seen[ident], (where, item))
        else:
            seen[ident] = (where, item)


_ABSENT = object()


def differing(first: Any, second: Any) -> list[str]:
    """The fields two records disagree on (present in one only, or with other values)."""
    if not isinstance(first, dict) or not isinstance(second, dict):
        return []
    return [k for k in dict.fromkeys([*first, *second])
            if first.get(k, _ABSENT) != second.get(k, _ABSENT)]


def repeat_or_conflict(key: str | None, ident: Any, earlier: tuple[str, Any], later: tuple[str, Any],
                       **where: Any) -> Finding:
    """``page-repeat`` when the record at ``later`` equals the one at ``earlier`` (pointer, item),
    else ``conflicting-records`` naming both places and the fields that differ."""
    (first_at, first), (at, item) = earlier, later
    fields = differing(first, item)
    place = {"pointer": at, "field": key, "value": ident, **where}
    if not fields:
        return Finding.of("page-repeat", f"{key} {show(ident)} was already seen at {first_at}",
                          expected="each item once", **place)
    return Finding.of("conflicting-records", f"{key} {show(ident)} is also at {first_at} with other "
                      f"content: {', '.join(fields)} differ", expected=f"one record per {key}",
                      **place)


def identities(items: Iterable[tuple[str, Any]], key: str | None) -> Iterator[tuple[str, Any, Any]]:
    """``(pointer, identity, item)`` for the items that carry an identity the schema accepted."""
    for where, item in items if key else ():
        ident = item.get(key) if isinstance(item, dict) else None
        if ident is not None and ident is not REJECTED and not isinstance(ident, dict | list):
            yield where, ident, item


PAGE = "sample-platform/page"


def page_arithmetic(page: Any, name: str = PAGE) -> Iterator[Finding]:
    """A page's ``pagination`` agrees with its ``data``; no item twice in it."""
    if not isinstance(page, dict) or not isinstance(page.get("pagination"), dict):
        return
    pag, data = page["pagination"], page.get("data")
    nums = _ints(pag, "limit", "offset", "total")
    if nums is None or not isinstance(data, list):
        return
    limit, offset, total = nums
    if len(data) > limit:
        yield Finding.of("page-limit", f"the page holds {len(data)} items, more than its limit {limit}",
                         pointer="/data", value=len(data), expected=f"<= {limit} items")
    want = offset + limit if offset + limit < total else None
    if "next_offset" in pag and not rejected(pag["next_offset"]) and pag["next_offset"] != want:
        why = f"offset + limit = {offset + limit}" + (" < " if want is not None else " >= ") + \
              f"total {total}"
        yield Finding.of("page-next-offset", f"next_offset is {show(pag['next_offset'])}; {why}",
                         pointer="/pagination/next_offset", value=pag["next_offset"], expected=want)
    if data and total < offset + len(data):
        yield Finding.of("page-total", f"total {total} is less than offset + len(data) = "
                         f"{offset + len(data)}", pointer="/pagination/total", value=total,
                         expected=f">= {offset + len(data)}")
    key = identity(items_schema(name))
    yield from repeats(((f"/data/{i}", d) for i, d in enumerate(data)), key)


def list_repeats(items: Any, name: str) -> Iterator[Finding]:
    """No item twice in a list of schema ``name`` (by the item schema's ``x-identity``)."""
    if isinstance(items, list):
        yield from repeats(((f"/{i}", d) for i, d in enumerate(items)), identity(items_schema(name)))


def _query_default(ex: Exchange, name: str) -> int | None:
    query = ex.operation.query_schema() if ex.operation else None
    spec = fields.get(query, name) if query else None
    given = ex.params.get(name)
    return as_int(given) if given is not None else (spec.default if spec else None)


def page_echo(ex: Exchange) -> Iterator[Finding]:
    if ex.status != 200 or not isinstance(ex.body, dict) or not ex.operation:
        return
    pag = ex.body.get("pagination")
    query = ex.operation.query_schema()
    if not isinstance(pag, dict) or not query:
        return
    for name in fields.fields(query):
        if name not in pag or rejected(pag[name]) or name in ex.rejected_params:
            continue  # one root cause, one finding: the schema or the request check said it
        asked = _query_default(ex, name)
        if asked is not None and pag[name] != asked:
            yield Finding.of("page-echo", f"pagination.{name} is {show(pag[name])} but the request "
                             f"asked for {asked}", pointer=f"/pagination/{name}", field=name,
                             value=pag[name], expected=asked)


LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?([^";,]+)"?')


def links(header: str | None) -> dict[str, str]:
    """rel -> URL from an RFC 8288 ``Link`` header."""
    return {rel.strip(): url for url, rel in LINK.findall(header or "")}


def _page_of(url: str) -> int | None:
    return as_int(dict(parse_qsl(urlsplit(url).query)).get("page"))


def onecodex_page(ex: Exchange) -> Iterator[Finding]:
    """per_page respected; X-Total-Count and Link rel=next/last consistent when present."""
    if ex.status != 200 or not isinstance(ex.body, list) or not ex.operation:
        return
    query = ex.operation.query_schema()
    if not query or not {"page", "per_page"} <= set(fields.fields(query)) \
            or {"page", "per_page"} & ex.rejected_params:
        return
    page, per_page = _query_default(ex, "page"), _query_default(ex, "per_page")
    if not page or not per_page or page < 1 or per_page < 1:
        return
    n = len(ex.body)
    if n > per_page:
        yield Finding.of("page-limit", f"the page holds {n} items, more than per_page {per_page}",
                         pointer="", value=n, expected=f"<= {per_page} items")
    before = (page - 1) * per_page
    total = as_int(ex.header("X-Total-Count"))
    if total is not None and (total < before + n or (0 < n < per_page and total != before + n)):
        want = before + n if n < per_page else f">= {before + n}"
        yield Finding.of("total-count", f"X-Total-Count is {total} but page {page} of {per_page} "
                         f"holds {n} items", field="X-Total-Count", value=total, expected=want)
    rels = links(ex.header("Link"))
    if total is None or ex.header("Link") is None:
        return
    last = max(1, math.ceil(total / per_page))
    if page < last and _page_of(rels.get("next", "")) != page + 1:
        yield Finding.of("link-header", f"page {page} of {last} needs rel=next to page {page + 1}",
                         field="Link", value=rels.get("next"), expected=f"page={page + 1}")
    if page >= last and "next" in rels:
        yield Finding.of("link-header", f"page {page} is the last ({total} records) but Link has "
                         "rel=next", field="Link", value=rels["next"], expected="no rel=next")
    if "last" in rels and _page_of(rels["last"]) != last:
        yield Finding.of("link-header", f"rel=last points at page {_page_of(rels['last'])}, not "
                         f"{last}", field="Link", value=rels["last"], expected=f"page={last}")
