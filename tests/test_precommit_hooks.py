"""The pre-commit hooks: run each hook's entry the way pre-commit does, on a sample repository
(see support.hooks for how)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from support import BROKEN_RECORDS as BROKEN
from support import HOOKS, copy_fixture, git, run_hook, write_config
from support import VALID_RECORDS as VALID


def sample_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "lab-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    copy_fixture(repo / "tests" / "fixtures" / "metadata.json", BROKEN)
    copy_fixture(repo / "tests" / "fixtures" / "samples-ok.json", VALID)
    (repo / "package.json").write_text('{"name": "not an API response"}', encoding="utf-8")
    (repo / "sheets").mkdir()
    (repo / "sheets" / "notes.txt").write_text("not a sheet\n", encoding="utf-8")
    return repo


def test_hooks_are_declared_for_sheets_and_json():
    sheets, fixtures = HOOKS["samplecheck-sheets"], HOOKS["samplecheck-json"]
    assert sheets["files"] == r"\.(csv|tsv|xlsx)$" and sheets["language"] == "python"
    assert [bool(re.search(sheets["files"], n)) for n in ("a.csv", "b/c.tsv", "d.xlsx", "e.json")] == \
           [True, True, True, False]
    assert [bool(re.search(fixtures["files"], n)) for n in
            ("tests/fixtures/a.json", "responses/b.json", "package.json", "fixtures.json")] == \
           [True, True, False, False]
    for hook in HOOKS.values():
        assert shlex.split(hook["entry"])[0] == "samplecheck"


def test_json_hook_fails_on_a_broken_fixture_and_passes_when_fixed(tmp_path):
    repo = sample_repo(tmp_path)
    proc = run_hook(repo, "samplecheck-json")
    assert proc.returncode == 1, proc.stderr
    assert "tests/fixtures/metadata.json:/0/location_lat: maximum 100 is greater than 90" in proc.stdout
    assert "package.json" not in proc.stdout + proc.stderr
    copy_fixture(repo / "tests" / "fixtures" / "metadata.json", VALID)
    proc = run_hook(repo, "samplecheck-json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("All checks passed!")


def test_json_hook_reads_the_repositorys_configuration(tmp_path):
    repo = sample_repo(tmp_path)
    write_config(repo, 'ignore = ["enum", "maximum", "max-length", "format", "custom-not-flat"]\n',
                 "pyproject.toml")
    proc = run_hook(repo, "samplecheck-json")
    assert proc.returncode == 0, proc.stdout
    assert "unknown-field" in proc.stdout


def test_hook_with_args_from_a_config(tmp_path):
    repo = sample_repo(tmp_path)
    proc = run_hook(repo, "samplecheck-json", "--format", "sarif", "-o", "report.out")
    assert proc.returncode == 1
    assert proc.stdout.startswith("Found 6 errors")
    sarif = json.loads((repo / "report.out").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert len(results) == 7 and {r["ruleId"] for r in results} >= {"maximum", "enum", "unknown-field"}
