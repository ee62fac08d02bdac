"""``samplecheck rules``: every code with its meaning; one code explained."""

from __future__ import annotations

import json

from support import readme_text, run_process

from validator.cli.main import main
from validator.findings.rules import RULES


def test_lists_every_code(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line.split()[0] for line in lines) == sorted(RULES)
    enum_line = next(line for line in lines if line.startswith("enum "))
    assert "error" in enum_line and RULES["enum"].title in enum_line


def test_lists_as_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["code"] for r in rows} == set(RULES)
    assert all(r["summary"] and r["severity"] in ("error", "warning") for r in rows)


def test_explains_one_code(capsys):
    assert main(["rules", "unknown-field"]) == 0
    out = capsys.readouterr().out
    rule = RULES["unknown-field"]
    assert out.startswith(f"unknown-field: {rule.title}\n")
    assert "Default severity: warning" in out and rule.summary in out and rule.fix in out


def test_explains_one_code_as_json(capsys):
    assert main(["rules", "enum", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fix"] == RULES["enum"].fix


def test_unknown_code_is_one_line_and_exit_2():
    proc = run_process("rules", "max-lenght")
    assert proc.code == 2 and proc.out == ""
    assert proc.err == "samplecheck: unknown rule code 'max-lenght'; did you mean 'max-length'?\n"


def test_the_ci_layers_code_is_in_the_readme():
    readme = readme_text()
    codes = [r.code for r in RULES.values() if r.family == "config"]
    assert codes == ["bad-suppression"] and all(f"| `{code}` |" in readme for code in codes)


def test_codes_of_every_checker_are_known_to_the_configuration(tmp_path):
    """In a fresh process, where no checker but the records' has been imported yet."""
    codes = '["page-limit", "unknown-column", "bad-suppression"]'
    (tmp_path / "samplecheck.toml").write_text(f"select = {codes}\n", encoding="utf-8")
    (tmp_path / "r.json").write_text("[]", encoding="utf-8")
    proc = run_process("response", "r.json", "--schema", "onecodex/sample-list", cwd=tmp_path)
    assert (proc.code, proc.err) == (0, "")
    assert proc.out.startswith("All checks passed!")
