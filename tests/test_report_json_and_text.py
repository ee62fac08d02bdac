"""Report and Finding: the JSON document round-trips, and the text lines read like ruff's."""

from __future__ import annotations

import json

import validator
from validator.findings.model import Finding, Report, Severity, Source
from validator.output import RENDERERS, render


def _report() -> Report:
    return Report([
        Source("samples.xlsx", None, ["Samples"], 12, [
            Finding.of("enum", '"Illumina Miseq" is not a platform', file="samples.xlsx",
                       sheet="Samples", row=7, column="Platform", field="platform", cell="E7",
                       value="Illumina Miseq", expected=["Illumina MiSeq"], suggestion="Illumina MiSeq"),
            Finding.of("unknown-field", "'platfrom' is not in the schema", file="samples.xlsx",
                       pointer="/0/platfrom", value=1, suggestion="platform"),
        ]),
        Source("r.json", "onecodex/metadata-list", [], 2, []),
    ])


def test_round_trip_through_json() -> None:
    report = _report()
    data = json.loads(report.to_json())
    again = Report.from_dict(data)
    assert again.to_dict() == report.to_dict()
    assert again.findings == report.findings


def test_every_finding_key_is_present() -> None:
    data = _report().to_dict()
    keys = {"code", "message", "severity", "sheet", "row", "column", "field", "cell", "pointer",
            "value", "expected", "suggestion"}
    for finding in data["files"][0]["findings"]:
        assert set(finding) == keys
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "rows": 14, "errors": 1, "warnings": 1}


def test_severity_comes_from_the_rule_table() -> None:
    report = _report()
    assert [f.severity for f in report.findings] == [Severity.ERROR, Severity.WARNING]
    assert not report.valid
    assert report.flatten("code", "cell") == [("enum", "E7"), ("unknown-field", None)]


def test_text_lines() -> None:
    text = render(_report(), "text").splitlines()
    assert text == [
        'samples.xlsx:Samples!E7: enum "Illumina Miseq" is not a platform; did you mean "Illumina MiSeq"?',
        "samples.xlsx:/0/platfrom: unknown-field 'platfrom' is not in the schema; "
        'did you mean "platform"? (warning)',
        "Found 1 error and 1 warning in 2 files (14 rows).",
    ]


def test_json_renderer_equals_to_dict() -> None:
    report = _report()
    assert json.loads(RENDERERS["json"](report)) == report.to_dict()


def test_clean_report_summary() -> None:
    report = validator.check([], "onecodex/metadata-list")
    assert report.valid and len(report) == 0
    assert render(report, "text") == "All checks passed! (1 file, 0 records)\n"
