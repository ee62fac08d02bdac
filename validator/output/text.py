"""``--format text``: one ruff-like line per finding, then a summary.

``FILE:LOCATION: CODE message; did you mean "x"?`` where LOCATION is a JSON
pointer (``/0/location_lat``) or a cell (``Samples!E7``). Warnings end in
``(warning)``. Before a file's findings: which row was taken as the header when
it is not the first, and what was not checked (``FILE: not checked: ...``).
"""

from __future__ import annotations

from validator.findings.model import Finding, Report, Severity, Source

SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


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
    skipped = sum(len(src.skipped) for src in report.sources)
    tail = f"; {skipped} not checked, listed above" if skipped else ""
    if not s["errors"] and not s["warnings"]:
        return f"All checks passed! ({files}, {_plural(s['rows'], unit)}{tail})"
    return (f"Found {_plural(s['errors'], 'error')} and {_plural(s['warnings'], 'warning')} "
            f"in {files} ({_plural(s['rows'], unit)}{tail}).")


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
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
