"""``--format json``: the report's own dictionary, one JSON object."""

from __future__ import annotations

from validator.findings.model import Report


def render(report: Report) -> str:
    return report.to_json() + "\n"
