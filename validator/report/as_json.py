"""``--format json``: the report's own dictionary, one JSON object."""

from __future__ import annotations

from ..findings import Report


def render(report: Report) -> str:
    return report.to_json() + "\n"
