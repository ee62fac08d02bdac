"""Where a finding is, in the terms CI formats use: a URI, a 1-based line and column."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from validator.findings.model import Finding

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_number(cell: str | None) -> int | None:
    """The 1-based column of an A1 cell (``E7`` -> 5), or None."""
    match = _CELL.match(cell or "")
    if not match:
        return None
    n = 0
    for letter in match.group(1).upper():
        n = n * 26 + ord(letter) - ord("A") + 1
    return n


def line_col(finding: Finding) -> tuple[int | None, int | None]:
    """The spreadsheet row (as the line) and the cell's column number, when known."""
    return finding.row, column_number(finding.cell)


def uri(path: str | None) -> str | None:
    """A URI reference for a file path (relative paths stay relative), or None for stdin."""
    if not path or path.startswith("<"):
        return None
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def text(finding: Finding) -> str:
    """The message with its did-you-mean, without the code (formats that carry it apart)."""
    return finding.describe().removeprefix(f"{finding.code} ")


def placed_text(finding: Finding) -> str:
    """:func:`text`, prefixed by the pointer or sheet when no line can carry the place."""
    line, _ = line_col(finding)
    where = finding.location
    return f"{where}: {text(finding)}" if where and (line is None or finding.sheet) else text(finding)
