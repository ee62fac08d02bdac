"""``--format text``: one ruff-like line per finding, then a summary.

``FILE:LOCATION: CODE message; did you mean "x"?`` where LOCATION is a JSON
pointer (``/0/location_lat``) or a cell (``Samples!E7``). Warnings end in
``(warning)``.
"""

from __future__ import annotations

from validator.findings.model import Finding, Report, Severity

SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def line(finding: Finding) -> str:
    where = finding.location
    head = f"{finding.file or '<object>'}:{where}" if where else (finding.file or "<object>")
    tail = " (warning)" if finding.severity is Severity.WARNING else ""
    return f"{head}: {finding.describe()}{tail}"


def summary(report: Report) -> str:
    s = report.summary()
    files = _plural(s["files"], "file")
    unit = "row" if any(src.sheets or (src.path or "").lower().endswith(SHEET_SUFFIXES)
                         for src in report.sources) else "record"
    if not s["errors"] and not s["warnings"]:
        return f"All checks passed! ({files}, {_plural(s['rows'], unit)})"
    found = (f"Found {_plural(s['errors'], 'error')} and {_plural(s['warnings'], 'warning')} "
             f"in {files} ({_plural(s['rows'], unit)}).")
    if s.get("not_held"):
        found += (f" {_plural(s['not_held'], 'more finding')} past the cap per code were counted, "
                  "not listed (--max-findings raises the cap).")
    return found


def render(report: Report) -> str:
    lines = [line(f) for f in report.findings]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
