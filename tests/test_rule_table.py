"""The rule table is complete without importing any checker, and reports reloaded from JSON keep it.

Each check runs in a fresh interpreter: a table filled by import side effects
would look complete inside the test process, where every checker is loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import FIXTURES, SAMPLES, run_process

from validator.findings.model import Finding, Report, Source
from validator.findings.rules import RULES
from validator.output import render

RERENDER = """
import json, sys
from validator.findings.model import Report
from validator.output import render
with open(sys.argv[1], encoding="utf-8") as f:
    sys.stdout.write(render(Report.from_dict(json.load(f)), "sarif"))
"""


def _python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -c script *args`` in a fresh interpreter."""
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          timeout=120, check=False)


def _sarif_of_reloaded(report_json: Path) -> dict:
    """The SARIF that a fresh process renders from a JSON report file."""
    proc = _python(RERENDER, str(report_json))
    assert (proc.returncode, proc.stderr) == (0, "")
    return json.loads(proc.stdout)


def test_every_listed_code_makes_a_finding_in_a_fresh_process() -> None:
    listed = run_process("rules", "--format", "json")
    assert (listed.code, listed.err) == (0, "")
    rows = listed.json
    assert {r["code"] for r in rows} == set(RULES) and len(rows) == len(RULES)
    script = ("import json, sys\nfrom validator import Finding\n"
              "for code in json.loads(sys.argv[1]):\n"
              "    print(code, Finding.of(code, 'x').severity)\n")
    made = _python(script, json.dumps([r["code"] for r in rows]))
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout.splitlines() == [f"{r['code']} {r['severity']}" for r in rows]


def test_the_table_is_complete_before_any_checker_is_imported() -> None:
    script = ("import sys, validator\n"
              "loaded = sorted(m for m in sys.modules if m.startswith('validator.checks'))\n"
              "print(len(validator.RULES), loaded)\n")
    proc = _python(script)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == f"{len(RULES)} []\n"


def test_every_rule_reloaded_renders_the_same_sarif_with_its_help(tmp_path: Path) -> None:
    findings = []
    for i, code in enumerate(RULES):
        if i % 2:
            findings.append(Finding.of(code, f"{code} here", file="lab.xlsx", sheet="Samples", row=i + 2,
                                       column="Platform", field="platform", cell=f"E{i + 2}", value="v"))
        else:
            findings.append(Finding.of(code, f"{code} there", file="lab.xlsx", pointer=f"/{i}/platform",
                                       field="platform", value=[i], expected=["a"], suggestion="a"))
    report = Report([Source("lab.xlsx", "onecodex/metadata", ["Samples"], len(RULES), findings)])
    saved = tmp_path / "report.json"
    saved.write_text(report.to_json(), encoding="utf-8")
    original = json.loads(render(report, "sarif"))
    assert _sarif_of_reloaded(saved) == original
    entries = original["runs"][0]["tool"]["driver"]["rules"]
    assert {e["id"] for e in entries} == set(RULES)
    for entry in entries:
        rule = RULES[entry["id"]]
        assert entry["help"]["text"] == f"{rule.summary} {rule.fix}"
        assert entry["defaultConfiguration"]["level"] == str(rule.severity)


def test_sarif_of_a_saved_cli_report_is_the_cli_sarif(tmp_path: Path) -> None:
    runs = [("check", SAMPLES), ("response", FIXTURES / "sample-platform-page-broken.json")]
    for command, target in runs:
        saved, sarif = tmp_path / f"{command}.json", tmp_path / f"{command}.sarif"
        for fmt, out in (("json", saved), ("sarif", sarif)):
            done = run_process(command, target, "--format", fmt, "-o", out)
            assert done.code == 1, done.err
        original = json.loads(sarif.read_text(encoding="utf-8"))
        assert original["runs"][0]["results"] and original["runs"][0]["tool"]["driver"]["rules"]
        assert all("help" in e for e in original["runs"][0]["tool"]["driver"]["rules"])
        assert _sarif_of_reloaded(saved) == original
