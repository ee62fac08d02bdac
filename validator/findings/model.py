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
from dataclasses import dataclass, field, replace
from typing import Any

from validator.findings.place import Place, cell_parts
from validator.findings.rules import RULES, Rule, Severity

__all__ = ["RULES", "Finding", "Place", "Report", "Rule", "Severity", "Source"]


_PLACE_PARTS = ("file", "sheet", "row", "col", "header", "field", "pointer")
_WHERE = frozenset((*_PLACE_PARTS, "column", "cell"))
_NOWHERE = Place()


def _placed(place: Place | None, where: dict[str, Any]) -> Place:
    """``place`` moved by the place keywords in ``where`` (removed from it).

    The keywords are the JSON report's: ``file``, ``sheet``, ``row``, ``column``
    (the header as written; ``header`` too), ``field``, ``pointer``, and ``col``
    for the column's 0-based index. ``cell`` (A1 text, ``E7``) is read for call
    sites written before :class:`Place`; new code gives ``col``.
    """
    parts = {key: where.pop(key) for key in _PLACE_PARTS if key in where}
    if "column" in where:
        parts["header"] = where.pop("column")
    if "cell" in where:
        cell = where.pop("cell")
        row, parts["col"] = cell_parts(cell) if cell else (None, None)
        if parts.get("row") is None and row is not None:
            parts["row"] = row
    if not parts:
        return place or _NOWHERE
    return replace(place, **parts) if place is not None else Place(**parts)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One problem at one place.

    ``place`` is a :class:`~validator.findings.place.Place`: the file; for sheets
    the sheet, row (as the spreadsheet program numbers it), column index, header
    as written and canonical field; for JSON a pointer (RFC 6901). The place's
    parts read as attributes too (``file``, ``sheet``, ``row``, ``column`` = the
    header, ``field``, ``cell`` = A1, ``pointer``), as in the JSON report.
    ``value`` is the bad value, ``expected`` what would be valid, ``suggestion``
    the likely intended value ("did you mean").
    """

    code: str
    message: str
    severity: Severity
    place: Place
    value: Any
    expected: Any
    suggestion: Any

    def __init__(self, code: str, message: str, severity: Severity = Severity.ERROR,
                 place: Place | None = None, value: Any = None, expected: Any = None,
                 suggestion: Any = None, **where: Any) -> None:
        """``where`` holds the place's parts as keywords (see :func:`_placed`), moving ``place``."""
        if where:
            place = _placed(place, where)
            if where:
                raise TypeError(f"Finding() got unexpected keyword arguments {sorted(where)}")
        setter = object.__setattr__
        setter(self, "code", code)
        setter(self, "message", message)
        setter(self, "severity", severity)
        setter(self, "place", place or _NOWHERE)
        setter(self, "value", value)
        setter(self, "expected", expected)
        setter(self, "suggestion", suggestion)

    @classmethod
    def of(cls, code: str, message: str, **where: Any) -> Finding:
        """A finding with the rule table's default severity for ``code``, at the place ``where`` gives."""
        where.setdefault("severity", RULES[code].severity)
        return cls(code, message, **where)

    file = property(lambda self: self.place.file, doc="The file (or <stdin>, or a request).")
    sheet = property(lambda self: self.place.sheet, doc="The sheet, for a workbook.")
    row = property(lambda self: self.place.row, doc="The row as the spreadsheet program numbers it.")
    column = property(lambda self: self.place.header, doc="The column's header as written.")
    field = property(lambda self: self.place.field, doc="The canonical field name.")
    cell = property(lambda self: self.place.cell, doc="The A1 cell (``E7``), when row and column are known.")
    pointer = property(lambda self: self.place.pointer, doc="The JSON pointer (RFC 6901).")

    @property
    def location(self) -> str:
        """Where, without the file: ``Samples!E7``, ``E7``, ``row 7`` or ``/0/platform``."""
        return self.place.location

    def describe(self) -> str:
        """``code message; did you mean "x"?`` as one line."""
        text = f"{self.code} {self.message}"
        if self.suggestion is not None:
            text += f"; did you mean {json.dumps(self.suggestion, ensure_ascii=False)}?"
        return text

    def to_dict(self, *, copy: bool = True) -> dict[str, Any]:
        """The JSON report's finding: the place's parts but ``file``; lists and dicts are copies
        (``copy=False``: shared, for a dictionary serialised at once)."""
        place = self.place
        kept = _copied if copy else _same
        return {
            "code": self.code, "message": self.message, "severity": str(self.severity),
            "sheet": place.sheet, "row": place.row, "column": place.header, "field": place.field,
            "cell": place.cell, "pointer": place.pointer, "value": kept(self.value),
            "expected": kept(self.expected), "suggestion": kept(self.suggestion),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], file: str | None = None) -> Finding:
        """A finding of a saved JSON report; its place is rebuilt from the place keys and the A1 cell."""
        place = Place.from_cell(data.get("cell"), file=data.get("file", file), sheet=data.get("sheet"),
                                row=data.get("row"), header=data.get("column"), field=data.get("field"),
                                pointer=data.get("pointer"))
        return cls(data["code"], data["message"], Severity(data.get("severity", "error")), place,
                   data.get("value"), data.get("expected"), data.get("suggestion"))

    def at(self, **where: Any) -> Finding:
        """A copy with other attributes: place keywords move the place, the rest replace."""
        place = where.pop("place", self.place)
        if not _WHERE.isdisjoint(where):
            place = _placed(place, where)
        return replace(self, place=place, **where)

    def placed(self, place: Place) -> Finding:
        """A copy at ``place``."""
        return Finding(self.code, self.message, self.severity, place, self.value, self.expected,
                       self.suggestion)


_IMMUTABLE = (str, int, float, bool, type(None))


def _same(value: Any) -> Any:
    return value


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

    def to_dict(self, *, copy: bool = True) -> dict[str, Any]:
        out = {
            "path": self.path,
            "schema": self.schema,
            "sheets": list(self.sheets),
            "rows": self.rows,
            "header_rows": dict(self.header_rows),
            "skipped": list(self.skipped),
            "findings": [f.to_dict(copy=copy) for f in self.findings],
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

    def to_dict(self, *, copy: bool = True) -> dict[str, Any]:
        """The report as JSON data (``copy=False``: findings' lists and dicts shared, not copied)."""
        out: dict[str, Any] = {"version": 1, "files": [s.to_dict(copy=copy) for s in self.sources]}
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
        data = self.to_dict(copy=False)  # serialised at once: nothing can change the shared values
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
