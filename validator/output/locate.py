"""Where a finding is, in the terms CI formats use: a file's URI, and the message with its place.

The line, column and SARIF region come from the finding's
:class:`~validator.findings.place.Place`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from validator.findings.model import Finding


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
    line, _ = finding.place.line_col()
    where = finding.location
    return f"{where}: {text(finding)}" if where and (line is None or finding.sheet) else text(finding)
