"""``--format sarif``: SARIF 2.1.0, the format code hosts show as code-scanning alerts.

One rule per finding code (from the rule table, with its help text); each result
is located by file and, for sheets, by region (row as line, cell column as
column). A JSON finding has no line: its location is the file, with the JSON
pointer as a logical location and at the start of the message.
"""

from __future__ import annotations

import json
from typing import Any

from validator.findings.model import Finding, Report
from validator.findings.rules import RULES, Severity
from validator.output.locate import placed_text, uri
from validator.version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _level(severity: Severity) -> str:
    return "warning" if severity is Severity.WARNING else "error"


def _rule(code: str) -> dict[str, Any]:
    rule = RULES.get(code)
    if rule is None:
        return {"id": code, "shortDescription": {"text": code}}
    help_text = f"{rule.summary} {rule.fix}".strip()
    return {
        "id": code,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary},
        "help": {"text": help_text, "markdown": f"**{rule.title}**\n\n{rule.summary}\n\n{rule.fix}"},
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"family": rule.family},
    }


def _location(finding: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {}
    target = uri(finding.file)
    if target:
        physical: dict[str, Any] = {"artifactLocation": {"uri": target}}
        region = finding.place.region()
        if region is not None:
            physical["region"] = region
        location["physicalLocation"] = physical
    logical = []
    if finding.sheet:
        logical.append({"name": finding.sheet, "kind": "module"})
    if finding.pointer is not None:
        logical.append({"fullyQualifiedName": finding.pointer or "/", "kind": "element"})
    if finding.field and finding.pointer is None:
        logical.append({"name": finding.field, "kind": "property"})
    if logical:
        location["logicalLocations"] = logical
    return location


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _level(finding.severity),
        "message": {"text": placed_text(finding)},
    }
    location = _location(finding)
    if location:
        result["locations"] = [location]
    return result


def document(report: Report) -> dict[str, Any]:
    """The SARIF log as a dictionary."""
    codes = sorted(report.codes())
    index = {code: i for i, code in enumerate(codes)}
    artifacts = [{"location": {"uri": u}} for u in dict.fromkeys(
        uri(s.path) for s in report.sources) if u]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "samplecheck", "version": __version__,
                            "rules": [_rule(c) for c in codes]}},
        "results": [_result(f, index) for f in report.findings],
    }
    if artifacts:
        run["artifacts"] = artifacts
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False, default=str) + "\n"
