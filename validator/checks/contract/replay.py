"""Check recorded traffic offline: each exchange as a live one is checked, pages walked, coverage counted.

:func:`replay` takes HAR files, cassettes and folders of them. Each recorded
exchange becomes one source named ``FILE#N METHOD URL``; its request and its
response get the same checks a live exchange gets in the ``contract`` fixture.
The pages of one collection recorded in one file are then walked in the order
they were recorded. What could not be read is a finding on the file or the
entry, never a silent gap; secrets never reach the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from validator.checks.contract import recordings
from validator.checks.contract.coverage import Coverage
from validator.checks.contract.exchange import Exchange, as_int
from validator.checks.contract.recordings import Broken, Recorded
from validator.errors import DetectError, InputError
from validator.findings.model import Finding, Report, Source
from validator.spec import openapi

_PAGE_KEYS = ("offset", "limit", "page", "per_page")


@dataclass
class Replay:
    """What :func:`replay` found: the report, the coverage and the files it skipped."""

    report: Report
    coverage: Coverage
    skipped: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The recordings among ``paths`` (folders searched), and the files passed over with why."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(q for q in p.rglob("*") if q.is_file()):
                if child.suffix.lower() in recordings.SUFFIXES:
                    files.append(child)
                else:
                    skipped.append((str(child), "not a recording (.har, .yaml, .yml)"))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{given}: no such file or folder")
    return files, skipped


def replay(paths: Iterable[str | Path], *, api: str | None = None,
           coverage: Coverage | None = None) -> Replay:
    """Check every exchange of the recordings in ``paths``; ``api`` when hosts do not tell.

    ``coverage`` is counted into when given (the pytest plugin keeps one for the session).
    """
    if api is not None and api not in openapi.apis():
        raise InputError(f"unknown API {api!r}; known: {', '.join(openapi.apis())}")
    files, skipped = expand(paths)
    coverage = coverage if coverage is not None else Coverage(apis=(api,) if api else ())
    report = Report()
    for path in files:
        report.sources.extend(check_recording(path, api=api, coverage=coverage))
    report.coverage = coverage.to_dict()
    report.skipped = [{"path": p, "reason": why} for p, why in skipped]
    return Replay(report, coverage, skipped)


def check_recording(path: str | Path, *, api: str | None = None,
                    coverage: Coverage | None = None) -> list[Source]:
    """One source per exchange of one recording (or one source saying why it could not be read).

    Exchanges are checked as they are read, and the pages of each collection are fed to a
    :class:`~validator.checks.contract.walk.PageWalk` in the order they were recorded (a
    first page starts a new walk; a 429, retried by the client, is checked on its own but
    does not end the walk). No body outlives its entry, so memory follows the largest entry.
    """
    from validator.checks.contract.walk import PageWalk

    sources: list[Source] = []
    secrets: dict[int, set[str]] = {}
    walks: dict[tuple[Any, ...], _Walk] = {}
    for item in recordings.read(path):
        if isinstance(item, Broken):
            sources.append(_broken(item))
            continue
        source, operation, ex = check_exchange(item, api=api)
        sources.append(source)
        secrets[id(source)] = item.secrets
        if operation is None:
            if coverage is not None:
                coverage.count_unknown(item.method, urlsplit(item.url).path)
            continue
        if coverage is not None:
            coverage.count(operation, item.status)
        if item.method != "GET" or not operation.item_schema() or ex is None or ex.status == 429:
            continue
        key = _collection(operation, item.url)
        walk = walks.get(key)
        position = _position(item.url)
        if walk is None or walk.ended or position != walk.expected:  # not the page pointed at
            if walk is not None:
                walk.finish()
            walk = walks[key] = _Walk(PageWalk(), whole=position in (None, 0, 1))
        if walk.pages.add(ex, source):
            walk.expected = _next_position(ex)
            walk.ended = walk.expected is None
        else:  # a non-2xx page: the walk ends here, with a finding
            walk.whole, walk.ended = False, True
    for walk in walks.values():
        walk.finish()
    for source in sources:
        if secrets.get(id(source)):
            source.findings = [_scrubbed(f, secrets[id(source)]) for f in source.findings]
    return sources


def check_exchange(rec: Recorded, *, api: str | None = None
                   ) -> tuple[Source, openapi.Operation | None, Exchange | None]:
    """The findings of one recorded exchange, as the contract fixture gives a live one.

    Also the operation it matched and the exchange as checked (for the walk), or None twice
    when it is not an operation of the documents.
    """
    from validator.checks.contract.exchange import recorded
    from validator.checks.contract.responses import check_exchange as check_exchange_now

    where = rec.where
    try:
        operation = openapi.find(rec.method, rec.url, api)
    except (InputError, DetectError) as exc:
        return Source(where, findings=[Finding.of(
            "not-in-spec", _reason(exc),
            file=where, expected="an operation of the OpenAPI documents (pass --api when the host "
                                 "does not tell)")]), None, None
    # the request is judged by what the server did with it: accepted-invalid-request (2xx to
    # what the contract forbids), rejected-valid-request (a 4xx to what it allows)
    ex = recorded(rec.method, rec.url, rec.status, rec.response_headers, rec.response_body,
                  _request_json(rec))
    response = check_exchange_now(ex, api=operation.api)
    schema = response.sources[0].schema if response.sources else None
    rows = response.sources[0].rows if response.sources else 0
    placed = [f.at(file=where) for f in response.findings]
    return Source(where, schema, rows=rows, findings=placed), operation, ex


@dataclass
class _Walk:
    """Recorded pages that follow on from each other: each the page the one before pointed at."""

    pages: Any  # a walk.PageWalk
    whole: bool  # it began at the first page
    expected: int | None = None  # the offset (page) the last page pointed at
    ended: bool = False  # the last page said it was the last, or the walk stopped

    def finish(self) -> None:
        """The end-of-walk count, only for a walk recorded from its first page to its last."""
        if self.whole and self.ended:
            self.pages.finish()


def _position(url: str) -> int | None:
    """The offset (Sample Platform) or page (One Codex) a URL asks for; None when it names neither."""
    query = dict(parse_qsl(urlsplit(url).query))
    for name in ("offset", "page"):
        if name in query:
            return as_int(query[name])
    return None


def _next_position(ex: Exchange) -> int | None:
    """The offset or page the next page is at, as this page says; None on the last page."""
    from validator.checks.contract.pagination import links

    body = ex.body
    if isinstance(body, dict) and isinstance(body.get("pagination"), dict):
        return as_int(body["pagination"].get("next_offset"))
    nxt = links(ex.header("Link")).get("next")
    return _position(nxt) if nxt else None


def _collection(operation: openapi.Operation, url: str) -> tuple[Any, ...]:
    """Pages of one collection share the operation and every query parameter but the page's."""
    query = tuple(sorted((k, v) for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True)
                         if k not in _PAGE_KEYS))
    return operation.api, operation.method, operation.template, urlsplit(url).netloc, query


def _request_json(rec: Recorded) -> Any:
    if not rec.request_body:
        return None
    try:
        return json.loads(rec.request_body)
    except (ValueError, UnicodeDecodeError):
        return rec.request_body.decode("utf-8", errors="replace")


def _broken(item: Broken) -> Source:
    if item.number is None:
        return Source(item.file, findings=[Finding.of(
            "recording-unreadable", f"{item.reason}", file=item.file,
            expected="a HAR 1.2 file or a VCR.py cassette")])
    where = f"{item.file}#{item.number}"
    return Source(where, findings=[Finding.of(
        "recording-entry", f"entry {item.number} was not checked: {item.reason}", file=where,
        expected="an HTTP request with its response")])


def _reason(exc: Exception) -> str:
    return str(exc).split(": ", 1)[-1] if isinstance(exc, InputError) else str(exc)


def _scrubbed(finding: Finding, secrets: set[str]) -> Finding:
    if not secrets:
        return finding
    changes: dict[str, Any] = {}
    for name in ("message", "value", "expected", "suggestion", "file"):
        value = getattr(finding, name)
        if value is None:
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        clean = recordings.scrub(text, secrets)
        if clean != text:
            changes[name] = clean
    return replace(finding, **changes) if changes else finding
