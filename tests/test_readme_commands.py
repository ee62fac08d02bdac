"""The README's commands and examples do what the README says they do."""

from __future__ import annotations

import re
import shlex

import pytest
from support import ROOT, SAMPLES, readme_text, run_process

import validator
from validator.cli.main import main
from validator.policy.config import load

README = readme_text()


def _block(after: str, language: str) -> str:
    """The first fenced block in ``language`` ("" for a bare one) after the text ``after``."""
    blocks = re.finditer(r"^```(\w*)\n(.*?)^```$", README.split(after, 1)[1], re.S | re.M)
    return next(m.group(2) for m in blocks if m.group(1) == language)


def _output_lines(after: str) -> list[str]:
    """The output example (a bare ``` block) that follows ``after``."""
    return _block(after, "").strip().splitlines()


def test_the_opening_command_prints_the_findings_shown(monkeypatch):
    monkeypatch.chdir(ROOT)
    first = README.split("```sh", 1)[1].splitlines()[1]
    check = shlex.split(first.rsplit("&& ", 1)[1])
    done = run_process(*check[1:], script=True)
    assert (done.code, done.err) == (1, "")
    shown = _output_lines("## Checking spreadsheets")
    assert shown and all(line in done.lines for line in shown)
    valid = run_process("check", "samples_csv/valid.csv", script=True)
    assert (valid.code, valid.err) == (0, "")
    assert valid.lines[-1].startswith("All checks passed!")


def test_the_response_example_prints_the_findings_shown(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    shown = _output_lines("## Checking API responses and records")
    path = shown[0].split(":", 1)[0]
    assert main(["response", path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert all(line in out for line in shown)


def test_the_python_example_runs():
    code = _block("## Checking API responses and records", "python")
    record = {"$uri": "/api/v1/metadata/0123456789abcdef", "platform": "Illumina Miseq"}
    names: dict = {"record": record}
    exec(code, names)  # the README's own snippet
    report = names["report"]
    assert report.valid is False
    assert report.flatten("code", "pointer") == [("enum", "/platform")]


def test_the_configuration_example_is_a_valid_configuration(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(_block("## Configuration", "toml"), encoding="utf-8")
    config = load(tmp_path / "pyproject.toml")
    assert config.select == {"enum", "required", "type"}
    assert set(config.custom) == {"amplicon_scheme", "operator"}
    code = main(["response", str(ROOT / "tests" / "fixtures" / "onecodex-metadata-broken.json"),
                 "--config", str(tmp_path / "pyproject.toml")])
    assert code == 1
    assert "custom.amplicon_scheme is required by" in capsys.readouterr().out


@pytest.mark.parametrize("command", re.findall(r"^\| `samplecheck (\w+)[^`]*` \|", README, re.M))
def test_every_command_in_the_getting_started_table_exists(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"samplecheck {command}" in capsys.readouterr().out


def test_the_template_and_fix_commands_work_as_shown(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lab.csv").write_bytes((SAMPLES / "broken-values.csv").read_bytes())
    shown = [shlex.split(re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0])) for line in
             _block("## Fixing sheets", "sh").splitlines() if line.startswith("samplecheck")]
    template, annotate, fix, dry_run = shown
    assert main(template[1:]) == 0
    assert main(annotate[1:]) == 1 and (tmp_path / "lab-annotated.xlsx").exists()
    assert main(fix[1:]) == 1 and (tmp_path / "lab-fixed.csv").exists()
    capsys.readouterr()
    (tmp_path / "lab.xlsx").write_bytes((tmp_path / "lab-annotated.xlsx").read_bytes())
    assert main(dry_run[1:]) == 0
    assert "nothing written (dry run)" in capsys.readouterr().out
    left, before = validator.check_file("lab-fixed.csv").errors, validator.check_file("lab.csv").errors
    assert 0 < len(left) < len(before)  # fix repaired what it safely could; the rest is still reported


def test_first_command_checks_a_broken_example() -> None:
    first = README.split("```sh", 1)[1].splitlines()[1]
    assert 'pip install -e ".[test]"' in first
    assert first.endswith("samplecheck check samples_csv/broken-values.csv")
