"""Renderers: one small module per output format, in one registry.

Each renderer is a function ``(report) -> str``; :data:`RENDERERS` drives the
CLI's ``--format`` choices.
"""

from __future__ import annotations

from collections.abc import Callable

from validator.findings.model import Report
from validator.output import as_json, github, junit, sarif, text

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": as_json.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)
