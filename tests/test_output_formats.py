"""Output formats for CI: junit, sarif, github, and -o keeping the text summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from support import BROKEN_RECORDS, DATA, VALID_RECORDS, run_cli, run_process

import validator
from validator.cli.main import main
from validator.findings.model import Finding, Report, Source
from validator.output import RENDERERS, render

BROKEN = str(BROKEN_RECORDS)
VALID = str(VALID_RECORDS)
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sheet_report() -> Report:
    """A workbook report: two sheets, findings placed on cells."""
    findings = [
        Finding.of("enum", '"illumina miseq" is not a platform', file="lab/run 1.xlsx", sheet="Samples",
                   row=7, column="Platform", field="platform", cell="E7", value="illumina miseq",
                   suggestion="Illumina MiSeq"),
        Finding.of("maximum", "100 is greater than 90", file="lab/run 1.xlsx", sheet="Samples", row=9,
                   column="Lat", field="location_lat", cell="AB9", value=100),
        Finding.of("unknown-field", "'platfrom' is not in the schema", file="lab/run 1.xlsx",
                   sheet="Extra", row=1, column="platfrom", cell="C1"),
    ]
    return Report([Source("lab/run 1.xlsx", "onecodex/metadata", ["Samples", "Extra", "Clean"], 12,
                          findings)])


def json_report() -> Report:
    return validator.check(json.loads(Path(BROKEN).read_text()), path=BROKEN)


def test_every_ci_format_is_a_choice_of_response(capsys):
    assert {"text", "json", "junit", "sarif", "github"} <= set(RENDERERS)
    for fmt in RENDERERS:
        run = run_cli(capsys, "response", BROKEN, "--format", fmt)
        assert (run.code, run.err) == (1, ""), fmt
        assert run.out == render(json_report(), fmt), fmt


# --- SARIF ---------------------------------------------------------------------------------

@pytest.mark.parametrize("report", [sheet_report(), json_report(), Report()], ids=["sheet", "json", "empty"])
def test_sarif_validates_against_the_official_schema(report):
    doc = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(doc)
    assert doc["version"] == "2.1.0"


def test_sarif_has_one_rule_per_code_with_help_and_regions():
    doc = json.loads(render(sheet_report(), "sarif"))
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["enum", "maximum", "unknown-field"]
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)
    first, second, third = run["results"]
    assert rules[first["ruleIndex"]]["id"] == "enum"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "lab/run%201.xlsx"
    assert loc["region"] == {"startLine": 7, "startColumn": 5}
    assert second["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 28}
    assert third["level"] == "warning" and first["level"] == "error"
    assert 'did you mean "Illumina MiSeq"' in first["message"]["text"]


def test_sarif_json_findings_carry_the_pointer():
    doc = json.loads(render(json_report(), "sarif"))
    result = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "maximum")
    location = result["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"] == [{"fullyQualifiedName": "/0/location_lat", "kind": "element"}]
    assert result["message"]["text"].startswith("/0/location_lat: ")


# --- JUnit ---------------------------------------------------------------------------------

def test_junit_counts_one_case_per_sheet_and_a_failure_per_error():
    root = ET.fromstring(render(sheet_report(), "junit"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["lab/run 1.xlsx [Samples]", "lab/run 1.xlsx [Extra]",
                                              "lab/run 1.xlsx [Clean]"]
    assert [len(c.findall("failure")) for c in cases] == [2, 0, 0]
    assert [f.get("type") for f in cases[0].findall("failure")] == ["enum", "maximum"]
    assert "unknown-field" in cases[1].find("system-out").text
    for node in (root, suite):
        assert (node.get("tests"), node.get("failures"), node.get("errors")) == ("3", "1", "0")


def test_junit_from_the_cli_one_case_per_file(capsys):
    assert main(["response", BROKEN, VALID, "--format", "junit"]) == 1
    root = ET.fromstring(capsys.readouterr().out)
    cases = root.iter("testcase")
    assert [(c.get("file"), len(c.findall("failure"))) for c in cases] == [(BROKEN, 6), (VALID, 0)]
    assert (root.get("tests"), root.get("failures")) == ("2", "1")


# --- GitHub --------------------------------------------------------------------------------

def test_github_commands_carry_file_line_col_and_title():
    lines = render(sheet_report(), "github").splitlines()
    assert lines[0] == ("::error file=lab/run 1.xlsx,line=7,col=5,title=enum::"
                        'Samples!E7: "illumina miseq" is not a platform; did you mean "Illumina MiSeq"?')
    assert lines[2].startswith("::warning file=lab/run 1.xlsx,line=1,col=3,title=unknown-field::")


def test_github_escapes_properties_and_data():
    f = Finding.of("enum", "50% bad\nsecond line", file="a,b:c.csv", row=2, cell="A2")
    out = render(Report.single([f]), "github")
    assert out == "::error file=a%2Cb%3Ac.csv,line=2,col=1,title=enum::50%25 bad%0Asecond line\n"


def test_github_json_findings_name_the_file_and_pointer(capsys):
    assert main(["response", BROKEN, "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"::error file={BROKEN},title=maximum::/0/location_lat: 100 is greater than 90" in out
    assert sum(x.startswith("::warning ") for x in out) == 1


# --- -o/--output ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_output_file_gets_the_report_and_the_terminal_the_summary(tmp_path, capsys, fmt):
    out = tmp_path / f"report.{fmt}"
    assert main(["response", BROKEN, "--format", fmt, "-o", str(out)]) == 1
    terminal = capsys.readouterr().out
    assert terminal == "Found 6 errors and 1 warning in 1 file (2 records).\n"
    assert out.read_text(encoding="utf-8") == render(json_report(), fmt)


def test_sarif_from_a_real_process(tmp_path):
    out = tmp_path / "r.sarif"
    proc = run_process("response", BROKEN, "--format", "sarif", "-o", out)
    assert (proc.code, proc.err) == (1, ""), proc.err
    assert proc.out == "Found 6 errors and 1 warning in 1 file (2 records).\n"
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(json.loads(out.read_text(encoding="utf-8")))


def test_github_names_no_file_for_standard_input():
    f = Finding.of("maximum", "100 is greater than 90", file="<stdin>", pointer="/0/location_lat")
    expected = "::error title=maximum::/0/location_lat: 100 is greater than 90\n"
    assert render(Report.single([f]), "github") == expected
