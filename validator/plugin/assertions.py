"""``assert_valid``: an AssertionError that lists every finding with its place."""

from __future__ import annotations

from typing import Any

from validator.findings.model import Finding, Report, Severity

SHOWN = 50  # findings listed in one AssertionError


def failing(report: Report, strict: bool = False) -> list[Finding]:
    """The findings that fail a test: errors, and ``unknown-field`` warnings when ``strict``."""
    return [f for f in report.findings
            if f.severity is Severity.ERROR or (strict and f.code == "unknown-field")]


def place_of(f: Finding) -> str:
    """Where a finding is, for a test's failure text: its pointer or cell; else ``status``, the
    header (``header Retry-After``) or the query parameter (``query tag``) it is about."""
    if f.location:
        return f.location
    if not f.field:
        return "/"
    if f.code == "accepted-invalid-request":
        return f"query {f.field}"
    if f.field == "status":
        return "status"
    return f"header {f.field}" if f.field[0].isupper() or "-" in f.field else f"query {f.field}"


def explain(report: Report, findings: list[Finding], what: str) -> str:
    """The text of the AssertionError: a headline, then one line per finding."""
    lines = [f"{what} breaks the contract: {len(findings)} finding(s)"]
    several = len({f.file for f in findings}) > 1  # pages of a walk, entries of a recording
    for f in findings[:SHOWN]:
        place = place_of(f)
        if several and f.file:
            place = f"{f.file} {place}"
        lines.append(f"  {place}: {f.describe()}")
    if len(findings) > SHOWN:
        lines.append(f"  ... and {len(findings) - SHOWN} more (check_response(...).findings lists all)")
    return "\n".join(lines)


def assert_valid(obj: Any, name: str | None = None, *, strict: bool = False) -> Report:
    """Raise AssertionError listing every finding (with its JSON pointer) unless ``obj`` is valid.

    ``strict`` also fails on ``unknown-field`` warnings (API drift). Returns the report.
    """
    __tracebackhide__ = True
    from validator.checks.documents import check

    report = check(obj, name)
    bad = failing(report, strict)
    if bad:
        raise AssertionError(explain(report, bad, report.sources[0].schema or "the document"))
    return report
