"""The ``samplecheck`` pytest plugin: the ``contract`` fixture and its options.

Registered through the ``pytest11`` entry point; ``-p no:samplecheck`` turns it
off. The checkers are imported inside the fixture, so a test run that does not
use it pays only for this module.
"""

from __future__ import annotations

from typing import Any

import pytest

from validator.findings.model import Finding, Report

WARNINGS = pytest.StashKey[list[tuple[str, Finding]]]()
COVERAGE = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("samplecheck", "samplecheck contract checks")
    group.addoption("--samplecheck-strict", action="store_true", default=None,
                    help="fail a test on unknown-field findings (API drift); by default they are "
                         "listed as warnings in the summary")
    group.addoption("--samplecheck-api", default=None, metavar="API",
                    help="the API (onecodex or sample-platform) a response or request belongs to "
                         "when its URL and query do not tell")
    group.addoption("--samplecheck-coverage", action="store_true", default=False,
                    help="after the run, list which operations and documented statuses of the "
                         "OpenAPI documents the checked responses and replayed recordings hit")
    parser.addini("samplecheck_strict", "fail tests on unknown-field findings", type="bool",
                  default=False)
    parser.addini("samplecheck_api", "default API for the contract fixture", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[WARNINGS] = []
    config.stash[COVERAGE] = None
    if config.getoption("samplecheck_coverage", False):
        from validator.checks.contract.coverage import Coverage

        config.stash[COVERAGE] = Coverage()


class Contract:
    """Checks responses, requests and documents; fails the test with every finding listed."""

    def __init__(self, config: pytest.Config, nodeid: str):
        strict = config.getoption("samplecheck_strict")
        self.strict = bool(config.getini("samplecheck_strict") if strict is None else strict)
        self.api = config.getoption("samplecheck_api") or config.getini("samplecheck_api") or None
        self._warnings = config.stash.get(WARNINGS, [])
        self._coverage = config.stash.get(COVERAGE, None)
        self._nodeid = nodeid

    def __call__(self, response: Any, *, api: str | None = None, schema: str | None = None,
                 method: str | None = None, url: str | None = None) -> Report:
        """Check a requests/httpx response or a ``(status, headers, body)`` triple."""
        __tracebackhide__ = True
        from validator.checks.contract.responses import check_response

        report = check_response(response, method=method, url=url, api=api or self.api, schema=schema)
        if self._coverage is not None:
            self._count(response, method, url, api or self.api)
        return self._finish(report, report.sources[0].path or "the response")

    def replay(self, *paths: Any, api: str | None = None) -> Report:
        """Check recorded traffic (HAR files, VCR.py / pytest-recording cassettes, folders of them)."""
        __tracebackhide__ = True
        from validator.checks.contract.replay import replay

        done = replay([str(p) for p in paths], api=api or self.api, coverage=self._coverage)
        return self._finish(done.report, ", ".join(str(p) for p in paths))

    def _count(self, response: Any, method: str | None, url: str | None, api: str | None) -> None:
        from validator.checks.contract.exchange import adapt
        from validator.errors import SamplecheckError
        from validator.spec.openapi import find

        ex = adapt(response, method, url)
        if ex.url:
            try:
                self._coverage.count(find(ex.method, ex.url, api), ex.status)
            except SamplecheckError:
                self._coverage.count_unknown(ex.method, ex.url.split("?", 1)[0])

    def check(self, obj: Any, name: str | None = None) -> Report:
        """Check a parsed document (a record, a list, a page) against a schema by name."""
        __tracebackhide__ = True
        from validator.checks.documents import check

        report = check(obj, name)
        return self._finish(report, report.sources[0].schema or "the document")

    def request(self, method: str, url: str, params: Any = None, body: Any = None, *,
                api: str | None = None) -> Report:
        """Check a request's query and body before sending it."""
        __tracebackhide__ = True
        from validator.checks.contract.request_checks import check_request

        report = check_request(method, url, params, body, api=api or self.api)
        return self._finish(report, f"the request {method.upper()} {url}")

    def walk(self, get: Any, url: str, params: Any = None, *, api: str | None = None,
             max_pages: int = 100, max_wait: float = 30.0) -> Report:
        """Follow every page of a collection with ``get`` (e.g. ``requests.get``); check each page
        and the pages against each other. A 429 is waited for once (its Retry-After, at most
        ``max_wait`` seconds); any other non-2xx page ends the walk, and fails the test."""
        __tracebackhide__ = True
        from validator.checks.contract.walk import walk

        report = walk(get, url, params, api=api or self.api, max_pages=max_pages, max_wait=max_wait)
        return self._finish(report, f"the collection at {url}")

    def pair(self, samples: Any, metadata: Any) -> Report:
        """Check that a sample list and a metadata list point at each other."""
        __tracebackhide__ = True
        from validator.checks.contract.references import check_pair

        return self._finish(check_pair(samples, metadata), "the sample and metadata lists")

    def _finish(self, report: Report, what: str) -> Report:
        __tracebackhide__ = True
        from validator.plugin.assertions import explain, failing

        bad = failing(report, self.strict)
        self._warnings.extend((self._nodeid, f) for f in report.warnings if f not in bad)
        if bad:
            raise AssertionError(explain(report, bad, what))
        return report


@pytest.fixture
def contract(request: pytest.FixtureRequest) -> Contract:
    """Check HTTP responses and requests against the One Codex and Sample Platform contracts."""
    return Contract(request.config, request.node.nodeid)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    coverage = config.stash.get(COVERAGE, None)
    if coverage is not None:
        from validator.output.text import coverage_table

        terminalreporter.write_sep("=", "samplecheck: contract coverage")
        for text in coverage_table(coverage.to_dict())[1:-1]:
            terminalreporter.write_line(text)
    found = config.stash.get(WARNINGS, [])
    if not found:
        return
    from validator.plugin.assertions import place_of

    terminalreporter.write_sep("=", f"samplecheck: {len(found)} warning(s)", yellow=True)
    for nodeid, f in found:
        place = place_of(f)
        terminalreporter.write_line(f"{nodeid}: {f.file or ''} {place}: {f.describe()}")
