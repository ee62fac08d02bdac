"""``--format github``: GitHub Actions workflow commands, one per finding.

``::error file=F,line=R,col=C,title=CODE::message`` (``::warning`` for warnings);
GitHub shows them as annotations on the line of the file. A JSON finding has no
line: the command names the file and the message starts with the pointer.
"""

from __future__ import annotations

from validator.findings.model import Finding, Report, Severity
from validator.output.locate import placed_text


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    kind = "warning" if finding.severity is Severity.WARNING else "error"
    line, col = finding.place.line_col()
    props = []
    if finding.file and not finding.file.startswith("<"):  # not <stdin>
        props.append(f"file={_prop(finding.file)}")
    if line is not None:
        props.append(f"line={line}")
    if col is not None:
        props.append(f"col={col}")
    props.append(f"title={_prop(finding.code)}")
    return f"::{kind} {','.join(props)}::{_data(placed_text(finding))}"


def render(report: Report) -> str:
    return "".join(command(f) + "\n" for f in report.findings)
