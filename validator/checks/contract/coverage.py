"""Which parts of the OpenAPI documents recorded traffic exercised.

Every operation of every document, with each status its ``responses`` list
(``200``, ``4XX``, ``default``), is a row; a recorded exchange counts against
the operation it matched and the response entry its status falls under (the
status itself, else its family, else ``default``), as the spec resolves it.
A status an operation does not list is counted apart, as undocumented.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from validator.spec import openapi


@dataclass
class Coverage:
    """Hits per (API, METHOD, path template, documented status) and what fell outside."""

    hits: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    undocumented: Counter[tuple[str, str, str, int]] = field(default_factory=Counter)
    unknown: Counter[tuple[str, str]] = field(default_factory=Counter)
    apis: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.apis = self.apis or tuple(openapi.apis())

    def count(self, operation: openapi.Operation, status: int) -> None:
        """Count one exchange answered with ``status`` against ``operation``."""
        key = _listed_as(operation, status)
        if key is None:
            self.undocumented[(operation.api, operation.method.upper(), operation.template, status)] += 1
        else:
            self.hits[(operation.api, operation.method.upper(), operation.template, key)] += 1

    def count_unknown(self, method: str, path: str) -> None:
        """Count an exchange that matched no operation of the documents."""
        self.unknown[(method.upper(), path)] += 1

    def rows(self) -> list[dict[str, Any]]:
        """One row per documented (operation, status) of the checked APIs, with its hits."""
        out = []
        for api in self.apis:
            for op in openapi.operations(api):
                for status in op.statuses():
                    key = (api, op.method.upper(), op.template, status)
                    out.append({"api": api, "method": key[1], "path": op.template,
                                "status": status, "hits": self.hits.get(key, 0)})
        return out

    def to_dict(self) -> dict[str, Any]:
        rows = self.rows()
        return {
            "operations": rows,
            "never_seen": [{k: r[k] for k in ("api", "method", "path", "status")}
                           for r in rows if not r["hits"]],
            "undocumented": [{"api": a, "method": m, "path": p, "status": s, "hits": n}
                             for (a, m, p, s), n in sorted(self.undocumented.items())],
            "not_in_spec": [{"method": m, "path": p, "hits": n}
                            for (m, p), n in sorted(self.unknown.items())],
        }


def _listed_as(operation: openapi.Operation, status: int) -> str | None:
    """The key of ``responses`` that ``status`` falls under, or None when none does."""
    listed = operation.statuses()
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in listed:
            return key
    return None
