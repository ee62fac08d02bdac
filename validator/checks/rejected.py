"""Values the schema rejected, hidden from the rules that run after it (one root cause, one finding)."""

from __future__ import annotations

from typing import Any

from validator.findings.model import Finding, Severity


class _Rejected:
    """Stands for a value the schema rejected, so that rules beyond the schema skip it."""

    def __repr__(self) -> str:
        return "REJECTED"


REJECTED = _Rejected()


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def rejected(value: Any) -> bool:
    """Whether ``value`` stands for a value the schema rejected."""
    return value is REJECTED


def without_rejected(obj: Any, found: list[Finding]) -> Any:
    """``obj`` with every value an error finding rejected replaced by :data:`REJECTED`.

    One root cause, one finding: a rule beyond the schema (page arithmetic, repeats,
    filters) then never reports what follows from a value the schema already
    reported (``limit: 0`` is ``minimum``, not also ``page-limit``). Only the
    containers on the way to a rejected value are copied; ``obj`` is left alone.
    """
    places = [f.pointer for f in found if f.pointer and f.severity is Severity.ERROR
              and f.code != "required"]  # a missing key has no value to hide
    if not places:
        return obj
    copies: dict[int, Any] = {}

    def copied(node: Any) -> Any:
        if id(node) not in copies:
            copy = dict(node) if isinstance(node, dict) else list(node)
            copies[id(node)] = copies[id(copy)] = copy
        return copies[id(node)]

    root = copied(obj) if isinstance(obj, dict | list) else obj
    for place in places:
        node, parts = root, _parts(place)
        for depth, part in enumerate(parts):
            key: Any = part
            if isinstance(node, list):
                if not part.isdigit() or int(part) >= len(node):
                    break
                key = int(part)
            elif not isinstance(node, dict) or part not in node:
                break
            if depth == len(parts) - 1:
                node[key] = REJECTED
            elif isinstance(node[key], dict | list):
                node[key] = copied(node[key])
                node = node[key]
            else:
                break
    return root
