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

from validator.checks.contract import recordings, walks
from validator.checks.contract.coverage import Coverage
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

    Exchanges are checked as they are read; a page keeps only its items' identities for the
    walk, so memory follows the largest entry, not the recording.
    """
    from validator.checks.contract.pagination import identity

    sources: list[Source] = []
    pages: dict[tuple[Any, ...], list[tuple[walks.Page, Source, set[str]]]] = {}
    operations: dict[tuple[Any, ...], openapi.Operation] = {}
    for item in recordings.read(path):
        if isinstance(item, Broken):
            sources.append(_broken(item))
            continue
        source, operation = check_exchange(item, api=api)
        sources.append(source)
        if operation is not None:
            if coverage is not None:
                coverage.count(operation, item.status)
            if item.method == "GET" and operation.item_schema():
                key = _collection(operation, item.url)
                operations[key] = operation
                page = walks.page_of(item.number, item.status, item.response_headers,
                                     item.response_body, item.url)
                pages.setdefault(key, []).append(
                    (page.slim(identity(operation.item_schema())), source, item.secrets))
        elif coverage is not None:
            coverage.count_unknown(item.method, urlsplit(item.url).path)
    for key, walk in pages.items():
        walk_findings(walk, operations[key])
    return sources


def check_exchange(rec: Recorded, *, api: str | None = None) -> tuple[Source, openapi.Operation | None]:
    """The findings of one recorded exchange, as the contract fixture gives a live one."""
    from validator.checks.contract.exchange import recorded
    from validator.checks.contract.responses import check_exchange as check_exchange_now

    where = rec.where
    try:
        operation = openapi.find(rec.method, rec.url, api)
    except (InputError, DetectError) as exc:
        return Source(where, findings=[Finding.of(
            "not-in-spec", _reason(exc),
            file=where, expected="an operation of the OpenAPI documents (pass --api when the host "
                                 "does not tell)")]), None
    # the request is judged by what the server did with it: accepted-invalid-request (2xx to
    # what the contract forbids), rejected-valid-request (a 4xx to what it allows)
    response = check_exchange_now(recorded(rec.method, rec.url, rec.status, rec.response_headers,
                                           rec.response_body, _request_json(rec)), api=operation.api)
    found: list[Finding] = list(response.findings)
    schema = response.sources[0].schema if response.sources else None
    rows = response.sources[0].rows if response.sources else 0
    placed = [_scrubbed(f.at(file=where), rec.secrets) for f in found]
    return Source(where, schema, rows=rows, findings=placed), operation


def walk_findings(pages: list[tuple[walks.Page, Source, set[str]]], operation: openapi.Operation) -> None:
    """Page rules across the recorded pages of one collection, added to the pages' sources.

    Pages are taken in the order they were recorded; a first page (offset 0, page 1)
    starts a new walk, so a collection fetched twice is two walks, not one.
    """
    from validator.checks.contract.pagination import identity

    key = identity(operation.item_schema())
    by_number = {page.number: (source, secrets) for page, source, secrets in pages}
    walk: list[walks.Page] = []
    for page in [page for page, _, _ in pages] + [None]:
        if page is None or (page.offset == 0 and walk):
            for number, finding in walks.walk_pages(walk, key):
                source, secrets = by_number[number]
                source.findings.append(_scrubbed(finding.at(file=source.path), secrets))
            walk = []
        if page is not None:
            walk.append(page)


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
