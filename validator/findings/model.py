"""Finding, Report and Source: what a run found, and where.

A :class:`Finding` is one problem at one place. A :class:`Report` holds every
finding of a run, grouped by source (a file, a sheet, an object passed in), and
serialises to the documented JSON (``version`` 1) and back. The codes, their
default severities and help text are in the rule table
(:mod:`validator.findings.rules`).
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any

from validator.findings.rules import RULES, Rule, Severity

__all__ = ["RULES", "Finding", "Report", "Rule", "Severity", "Source"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    The place is structured: ``file``; for sheets ``sheet``, ``row`` (as the
    spreadsheet program numbers it), ``column`` (the header as written),
    ``field`` (the canonical field name) and ``cell`` (A1 notation); for JSON a
    ``pointer`` (RFC 6901). ``value`` is the bad value, ``expected`` what would
    be valid, ``suggestion`` the likely intended value ("did you mean").
    """

    code: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    cell: str | None = None
    pointer: str | None = None
    value: Any = None
    expected: Any = None
    suggestion: Any = None

    @classmethod
    def of(cls, code: str, message: str, **where: Any) -> Finding:
        """A finding with the rule table's default severity for ``code``."""
        where.setdefault("severity", RULES[code].severity)
        return cls(code, message, **where)

    @property
    def location(self) -> str:
        """Where, without the file: ``Samples!E7``, ``E7``, ``row 7`` or ``/0/platform``."""
        if self.cell:
            return f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        if self.row is not None:
            place = f"row {self.row}"
            return f"{self.sheet}!{place}" if self.sheet else place
        if self.pointer is not None:
            return self.pointer or "/"
        return self.sheet or ""

    def describe(self) -> str:
        """``code message; did you mean "x"?`` as one line."""
        text = f"{self.code} {self.message}"
        if self.suggestion is not None:
            text += f"; did you mean {json.dumps(self.suggestion, ensure_ascii=False)}?"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Every field but ``file``; lists and dicts are copies (as ``dataclasses.asdict`` gives)."""
        out = {name: getattr(self, name) for name in _FIELD_NAMES}
        for name in _ANY_FIELDS:  # the place fields hold text and numbers: only these may hold lists
            out[name] = _copied(out[name])
        out["severity"] = str(self.severity)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], file: str | None = None) -> Finding:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["severity"] = Severity(kwargs.get("severity", "error"))
        kwargs.setdefault("file", file)
        return cls(**kwargs)

    def at(self, **where: Any) -> Finding:
        return replace(self, **where)


_FIELD_NAMES = tuple(f.name for f in fields(Finding) if f.name != "file")
_ANY_FIELDS = ("value", "expected", "suggestion")
_IMMUTABLE = (str, int, float, bool, type(None))


def _copied(value: Any) -> Any:
    """A copy of lists, tuples and dicts all the way down; immutable values as they are."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copied(v) for v in value)
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return copy.deepcopy(value)


MAX_FINDINGS = 10_000
"""Findings held per rule code and file; past it a sheet check counts them (``--max-findings``)."""


@dataclass
class Source:
    """One checked thing: a file (or standard input, or an object) and what it held."""

    path: str | None
    schema: str | None = None
    sheets: list[str] = field(default_factory=list)
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what was not checked, each with the reason
    header_rows: dict[str, int] = field(default_factory=dict)  # sheet ("" for a CSV) -> header row
    not_held: dict[str, int] = field(default_factory=dict)  # code -> findings past the cap, counted only

    def to_dict(self) -> dict[str, Any]:
        out = {
            "path": self.path,
            "schema": self.schema,
            "sheets": list(self.sheets),
            "rows": self.rows,
            "header_rows": dict(self.header_rows),
            "skipped": list(self.skipped),
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.not_held:
            out["not_held"] = dict(self.not_held)
        return out


@dataclass
class Report:
    """Every finding of a run, grouped by source.

    ``skipped`` lists what the run passed over, each ``{"path", "reason"}``, so that
    nothing unchecked is reported as passed; ``coverage`` holds what a replay of
    recorded traffic exercised of the OpenAPI documents.
    """

    sources: list[Source] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    coverage: dict[str, Any] | None = None

    def with_sources(self, sources: list[Source]) -> Report:
        """A report of ``sources`` that keeps this one's skipped list and coverage."""
        return Report(sources, list(self.skipped), self.coverage)

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.sources for f in s.findings]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return sum(len(s.findings) for s in self.sources)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        """True when no finding is an error (warnings do not make a report invalid)."""
        return not self.errors

    def codes(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    def flatten(self, *keys: str) -> list[tuple[Any, ...]]:
        """Findings as tuples of the named attributes, for short test assertions."""
        keys = keys or ("code", "pointer")
        return [tuple(getattr(f, k) for k in keys) for f in self.findings]

    def summary(self) -> dict[str, int]:
        out = {
            "files": len(self.sources),
            "rows": sum(s.rows for s in self.sources),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }
        not_held = sum(n for s in self.sources for n in s.not_held.values())
        if not_held:
            out["not_held"] = not_held  # findings past the cap per code: counted, not held
        if self.skipped:
            out["skipped"] = len(self.skipped)
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": 1, "files": [s.to_dict() for s in self.sources]}
        if self.skipped:
            out["skipped"] = [dict(s) for s in self.skipped]
        if self.coverage is not None:
            out["coverage"] = self.coverage
        out["summary"] = self.summary()
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON; indented, with one finding per line.

        Findings go through the compact encoder (written in C), which is several
        times faster than the indenting one on reports with many findings.
        """
        data = self.to_dict()
        if indent is None:
            return json.dumps(data, ensure_ascii=False, default=str)
        line = json.JSONEncoder(ensure_ascii=False, default=str).encode
        pad = " " * indent
        blocks = {}
        for number, source in enumerate(data["files"]):
            marker = f"\x00findings-{number}\x00"
            findings = source["findings"]
            blocks[json.dumps(marker)] = (
                "[\n" + ",\n".join(pad * 4 + line(f) for f in findings) + "\n" + pad * 3 + "]"
                if findings else "[]")
            source["findings"] = marker
        text = json.dumps(data, indent=indent, ensure_ascii=False, default=str)
        for marker, block in blocks.items():
            text = text.replace(marker, block, 1)
        return text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        sources = []
        for f in data.get("files", []):
            src = Source(f.get("path"), f.get("schema"), list(f.get("sheets", [])), f.get("rows", 0),
                         skipped=list(f.get("skipped", [])), header_rows=dict(f.get("header_rows", {})),
                         not_held=dict(f.get("not_held", {})))
            src.findings = [Finding.from_dict(d, file=src.path) for d in f.get("findings", [])]
            sources.append(src)
        return cls(sources, [dict(s) for s in data.get("skipped", [])], data.get("coverage"))

    @classmethod
    def single(cls, findings: Iterable[Finding], path: str | None = None,
               schema: str | None = None, rows: int = 0) -> Report:
        placed = [f if f.file or path is None else f.at(file=path) for f in findings]
        return cls([Source(path, schema, rows=rows, findings=placed)])
