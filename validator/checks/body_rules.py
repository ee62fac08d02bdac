"""Rules a JSON Schema cannot say, run on a whole document after the schema.

A rule is a function ``(document) -> Iterable[Finding]`` registered for one or
more schema names with :func:`rule`. They run in :func:`validator.check` and
``samplecheck response``, so a saved response file gets them as well as a live
one. Rule modules register on import; :func:`run` imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from validator.findings.model import Finding

BodyRule = Callable[[Any], Iterable[Finding]]
_REGISTRY: dict[str, list[BodyRule]] = {}


def rule(*names: str) -> Callable[[BodyRule], BodyRule]:
    """Register a body rule for the given schema names."""

    def add(func: BodyRule) -> BodyRule:
        for name in names:
            _REGISTRY.setdefault(name, []).append(func)
        return func

    return add


def run(name: str, document: Any) -> list[Finding]:
    out: list[Finding] = []
    for func in _REGISTRY.get(name, []):
        out.extend(func(document))
    return out


# The built-in rule modules register on import (they import ``rule`` from here).
from validator.checks.contract import errors_rules, pagination, references  # noqa: E402, F401
