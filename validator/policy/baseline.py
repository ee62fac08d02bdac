"""Baselines: record today's findings, later fail only on new ones.

A finding is matched by file, code, field and the *content* of the row it is
on, never the row number, so inserting or moving rows does not break the
baseline. For a JSON document the row is the record the pointer enters first
(``/3`` of a list, ``/data/3`` of a page) and the field is the pointer with
that index replaced by ``*``; for a sheet it is the row's values. Each entry
has a count, so two identical rows with the same problem need two entries.
Files are named relative to the baseline file's folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.errors import InputError
from validator.findings.model import Finding, Report
from validator.policy.config import relative
from validator.spec.inputs import SUFFIXES, read_json

if TYPE_CHECKING:
    from validator.checks.sheets.read import Table

VERSION = 1
Key = tuple[str, str, str, str]  # file, code, field, content hash


def digest(content: Any) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def record_of(document: Any, pointer: str) -> tuple[Any, str]:
    """(the record a pointer enters first, the pointer with that record's index as ``*``)."""
    parts = pointer.split("/")[1:] if pointer else []
    node = document
    for i, raw in enumerate(parts):
        part = _unescape(raw)
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            return node[int(part)], "/" + "/".join([*parts[:i], "*", *parts[i + 1:]])
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            break
    return document, pointer


class _Contents:
    """Reads each checked file at most once to find the content behind a finding."""

    def __init__(self) -> None:
        self._docs: dict[str, Any] = {}
        self._tables: dict[str, dict[str | None, Table]] = {}
        self._rows: dict[tuple[str, str | None], dict[int, str]] = {}

    def _document(self, path: str) -> Any:
        if path not in self._docs:
            try:
                self._docs[path] = read_json(path)
            except InputError:
                self._docs[path] = None
        return self._docs[path]

    def _row(self, f: Finding) -> str | None:
        """The digest of a sheet row's values as read (the header row: its headers)."""
        path = f.file or ""
        if path not in self._tables:
            from validator.checks.sheets.read import read  # pandas: only for a sheet's findings

            try:
                self._tables[path] = {t.sheet: t for t in read(path)}
            except InputError:
                self._tables[path] = {}
        table = self._tables[path].get(f.sheet)
        if table is None:
            return None
        if (path, f.sheet) not in self._rows:
            rows = table.frame.astype(object).where(table.frame.notna(), None)
            self._rows[(path, f.sheet)] = {
                int(i): digest([f.sheet, list(v)]) for i, v in zip(rows.index, rows.itertuples(
                    index=False, name=None), strict=True)}
            self._rows[(path, f.sheet)][table.header_row] = digest([f.sheet, list(table.headers)])
        return self._rows[(path, f.sheet)].get(f.row or 0)

    def key(self, f: Finding, root: Path) -> Key:
        path = f.file or ""
        readable = bool(path) and not path.startswith("<") and Path(path).is_file()
        name = relative(path, root) if readable else path
        if f.pointer is not None and readable and not path.lower().endswith(SUFFIXES):
            record, field = record_of(self._document(path), f.pointer)
            return name, f.code, field, digest(record)
        field = f.field or f.column or f.location
        row = self._row(f) if readable and f.row is not None else None
        return name, f.code, field or "", row or digest([f.sheet, f.column, f.value])


def keys(report: Report, root: Path) -> list[Key]:
    """The baseline key of every finding, in report order."""
    contents = _Contents()
    return [contents.key(f, root) for f in report.findings]


def write(report: Report, path: str | Path) -> int:
    """Record every finding of ``report`` in a baseline file; returns how many."""
    path = Path(path)
    counts = Counter(keys(report, path.parent))
    entries = [{"file": k[0], "code": k[1], "field": k[2], "content": k[3], "count": n}
               for k, n in sorted(counts.items())]
    body = json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False)
    try:
        path.write_text(body + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    return sum(counts.values())


class Baseline:
    """A baseline file read back: a multiset of finding keys."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            entries = data["findings"] if data.get("version") == VERSION else None
            self.counts = Counter({(e["file"], e["code"], e["field"], e["content"]): int(e["count"])
                                   for e in entries})
        except FileNotFoundError:
            raise InputError(f"{path}: no such baseline file") from None
        except (OSError, ValueError, TypeError, KeyError, AttributeError, OverflowError,
                RecursionError):
            raise InputError(f"{path}: not a samplecheck baseline (version {VERSION})") from None

    def filter(self, report: Report) -> Report:
        """The report without the findings the baseline records (each entry matches count times)."""
        left = Counter(self.counts)
        found = iter(keys(report, self.path.parent))
        out = []
        for source in report.sources:
            kept = []
            for finding in source.findings:
                key = next(found)
                if left[key] > 0:
                    left[key] -= 1
                else:
                    kept.append(finding)
            out.append(dataclasses.replace(source, findings=kept))
        return report.with_sources(out)
