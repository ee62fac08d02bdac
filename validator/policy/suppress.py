"""Per-cell suppression: ``samplecheck: ignore[CODE, CODE]`` in an XLSX cell comment.

A comment on a cell silences the named codes for findings on that cell only.
A code that does not exist gives a ``bad-suppression`` warning on the cell
rather than silencing anything. CSV and JSON cannot carry comments: use
``per-file-ignores`` in the configuration for those.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from validator.findings.model import Finding
from validator.findings.place import Place
from validator.findings.rules import RULES
from validator.spec.inputs import XLSX_SUFFIXES
from validator.spec.suggest import closest

MARK = re.compile(r"samplecheck:\s*ignore\[([^\]]*)\]", re.IGNORECASE)

CellKey = tuple[str, int, int]  # (sheet, row, 0-based column)


def codes_in(comment: str) -> list[str]:
    """Every code named by ``samplecheck: ignore[...]`` marks in a comment's text."""
    return [c.strip() for m in MARK.finditer(comment) for c in m.group(1).split(",") if c.strip()]


def _has_comments(path: str | Path) -> bool:
    """True when the workbook has a comments part at all (read from the zip's directory only)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith("xl/comments") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def cell_marks(path: str | Path) -> dict[CellKey, list[str]]:
    """(sheet, row, column index) -> the codes its cell's comment suppresses, for one workbook."""
    marks: dict[CellKey, list[str]] = {}
    if not _has_comments(path):
        return marks  # the usual case: no need to load the whole workbook (nor import openpyxl)
    import openpyxl  # only when a workbook with findings has comments
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError):
        return marks  # unreadable here means the checker has already said so
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.comment is not None:
                        codes = codes_in(cell.comment.text or "")
                        if codes:
                            marks[(sheet.title, cell.row, cell.column - 1)] = codes
    finally:
        book.close()
    return marks


def apply(path: str | None, findings: Iterable[Finding]) -> list[Finding]:
    """The findings of one file minus those its cell comments suppress, plus bad-suppression warnings."""
    findings = list(findings)
    if not path or not path.lower().endswith(XLSX_SUFFIXES) or not any(f.cell for f in findings):
        return findings
    marks = cell_marks(path)
    out = [f for f in findings
           if f.cell is None or f.code not in marks.get((f.sheet or "", f.row, f.place.col), ())]
    for (sheet, row, col), codes in marks.items():
        for code in codes:
            if code not in RULES:
                near = closest(code, list(RULES))
                out.append(Finding.of(
                    "bad-suppression", f"the comment names unknown code {code!r}"
                    + (f"; did you mean {near!r}?" if near else ""),
                    place=Place(path, sheet, row, col), value=code, suggestion=near))
    return out
