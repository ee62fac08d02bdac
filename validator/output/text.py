"""``--format text``: one ruff-like line per finding, then a summary.

``FILE:LOCATION: CODE message; did you mean "x"?`` where LOCATION is a JSON
pointer (``/0/location_lat``) or a cell (``Samples!E7``). Warnings end in
``(warning)``. Before a file's findings: which row was taken as the header when
it is not the first, and what was not checked (``FILE: not checked: ...``).
"""

from __future__ import annotations

from typing import Any

from validator.findings.model import Finding, Report, Severity, Source
from validator.spec.inputs import SUFFIXES


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def line(finding: Finding) -> str:
    head = finding.place.head()
    tail = " (warning)" if finding.severity is Severity.WARNING else ""
    return f"{head}: {finding.describe()}{tail}"


def summary(report: Report) -> str:
    s = report.summary()
    files = _plural(s["files"], "file")
    unit = "row" if any(src.sheets or (src.path or "").lower().endswith(SUFFIXES)
                         for src in report.sources) else "record"
    if report.coverage is not None:  # a replay: its sources are the exchanges of recordings
        recorded = {(src.path or "").split("#", 1)[0] for src in report.sources}
        files, unit = _plural(len(recorded), "recording"), "exchange"
        s = {**s, "rows": len(report.sources)}
    parts = sum(len(src.skipped) for src in report.sources)
    skipped = (f"; {_plural(s['skipped'], 'file')} skipped" if s.get("skipped") else "") + (
        f"; {parts} not checked" if parts else "")
    skipped += ", listed above" if skipped else ""
    if not s["errors"] and not s["warnings"]:
        return f"All checks passed! ({files}, {_plural(s['rows'], unit)}{skipped})"
    found = (f"Found {_plural(s['errors'], 'error')} and {_plural(s['warnings'], 'warning')} "
             f"in {files} ({_plural(s['rows'], unit)}{skipped}).")
    if s.get("not_held"):
        found += (f" {_plural(s['not_held'], 'more finding')} past the cap per code were counted, "
                  "not listed (--max-findings raises the cap).")
    return found


def notes(source: Source) -> list[str]:
    """The lines about a file that are not findings: a header below row 1, what was not checked."""
    name = source.path or "<object>"
    out = [f"{name}:{sheet + '!' if sheet else ''}row {row}: header row (the rows above it are not "
           "part of the table)" for sheet, row in source.header_rows.items() if row > 1]
    return out + [f"{name}: not checked: {reason}" for reason in source.skipped]


def render(report: Report) -> str:
    lines = []
    for source in report.sources:
        lines += notes(source)
        lines += [line(f) for f in source.findings]
    lines.extend(f"{s['path']}: skipped ({s['reason']})" for s in report.skipped)
    if report.coverage is not None:
        lines.extend(coverage_table(report.coverage))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def coverage_table(coverage: dict[str, Any]) -> list[str]:
    """The coverage of a replay as an aligned table, then what was never seen and what is undocumented."""
    rows = [(r["api"], r["method"], r["path"], str(r["status"]), str(r["hits"]))
            for r in coverage.get("operations", [])]
    rows += [(r["api"], r["method"], r["path"], f"{r['status']} (undocumented)", str(r["hits"]))
             for r in coverage.get("undocumented", [])]
    rows += [("-", r["method"], r["path"], "(not in the spec)", str(r["hits"]))
             for r in coverage.get("not_in_spec", [])]
    head = ("API", "METHOD", "PATH", "STATUS", "HITS")
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths[:-1]) + f"  {{:>{widths[-1]}}}"
    out = ["", "Coverage of the OpenAPI documents by the recorded exchanges:", fmt.format(*head)]
    out += [fmt.format(*r) for r in rows]
    never = coverage.get("never_seen", [])
    undocumented = coverage.get("undocumented", [])
    out.append(f"{_plural(len(never), 'documented response')} never seen"
               + (": " + ", ".join(f"{r['api']} {r['method']} {r['path']} {r['status']}" for r in never)
                  if never else ""))
    if undocumented:
        out.append(f"{_plural(len(undocumented), 'status')} seen that the spec does not document: "
                   + ", ".join(f"{r['api']} {r['method']} {r['path']} {r['status']}" for r in undocumented))
    out.append("")
    return out
