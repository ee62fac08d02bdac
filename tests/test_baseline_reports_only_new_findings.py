"""Baselines: today's findings recorded, later runs fail only on new ones."""

from __future__ import annotations

import json

import pytest
from support import Run, copy_of, found, load_json, run_cli, write_json

from validator.cli.main import main
from validator.errors import InputError
from validator.policy.baseline import Baseline, record_of

KEYS = ("code", "pointer", "severity")


def record_baseline(capsys, target: str, baseline: str) -> None:
    assert main(["response", target, "--write-baseline", baseline]) == 0
    capsys.readouterr()


def response(capsys, *argv: str) -> Run:
    """``samplecheck response *argv --format json``."""
    return run_cli(capsys, "response", *argv, "--format", "json")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "fixtures" / "metadata.json", load_json())
    return tmp_path


def test_write_then_check_passes_with_everything_recorded(project, capsys):
    assert main(["response", "fixtures/metadata.json", "--write-baseline", "baseline.json"]) == 0
    captured = capsys.readouterr()
    assert "recorded 7 findings in baseline.json" in captured.err
    saved = json.loads((project / "baseline.json").read_text())
    assert saved["version"] == 1 and sum(e["count"] for e in saved["findings"]) == 7
    assert {e["file"] for e in saved["findings"]} == {"fixtures/metadata.json"}
    run = response(capsys, "fixtures/metadata.json", "--baseline", "baseline.json")
    assert run.code == 0 and found(run, *KEYS) == []


def test_only_the_new_error_fails_after_inserting_a_record_above(project, capsys):
    record_baseline(capsys, "fixtures/metadata.json", "baseline.json")
    old = load_json()
    new_record = copy_of(old[0], 1, name="new", location_lat=0, external_sample_id="ok", custom={},
                         platform="Illumina MiSeq", location_lon=500)
    write_json(project / "fixtures" / "metadata.json", [new_record, *old])
    run = response(capsys, "fixtures/metadata.json", "--baseline", "baseline.json")
    assert run.code == 1
    assert found(run, *KEYS) == [("maximum", "/0/location_lon", "error")]
    # without the baseline every old finding is still there, moved down one record
    full = response(capsys, "fixtures/metadata.json")
    assert len(found(full, *KEYS)) == 8 and ("enum", "/2/library_type", "error") in found(full, *KEYS)


def test_baseline_works_from_another_folder(project, capsys, monkeypatch):
    record_baseline(capsys, "fixtures/metadata.json", "baseline.json")
    monkeypatch.chdir(project / "fixtures")
    run = response(capsys, "metadata.json", "--baseline", "../baseline.json")
    assert run.code == 0 and found(run, *KEYS) == []


def test_each_entry_matches_as_many_findings_as_it_counts(project, capsys):
    rec = load_json()[1]
    write_json(project / "fixtures" / "metadata.json", [rec])
    record_baseline(capsys, "fixtures/metadata.json", "b.json")
    write_json(project / "fixtures" / "metadata.json", [rec, rec])
    run = response(capsys, "fixtures/metadata.json", "--baseline", "b.json",
                         "--ignore", "page-repeat,reference-shared")  # the copy repeats the record
    assert run.code == 1
    assert [p for _, p, _ in found(run, *KEYS)] == ["/1/date_collected", "/1/library_type", "/1/platfrom"]


def test_a_fixed_record_leaves_nothing_behind_and_a_changed_one_is_new(project, capsys):
    record_baseline(capsys, "fixtures/metadata.json", "b.json")
    old = load_json()
    old[1]["description"] = "edited"
    write_json(project / "fixtures" / "metadata.json", old)
    run = response(capsys, "fixtures/metadata.json", "--baseline", "b.json")
    assert [p for _, p, _ in found(run, *KEYS)] == ["/1/date_collected", "/1/library_type", "/1/platfrom"]


def test_record_of_follows_the_first_array_index():
    page = {"data": [{"sha": "x", "tags": ["a", "a"]}], "pagination": {}}
    assert record_of(page, "/data/0/tags/1") == ({"sha": "x", "tags": ["a", "a"]}, "/data/*/tags/1")
    assert record_of(page, "/pagination/total") == (page, "/pagination/total")
    assert record_of([{"a": 1}], "/0/a") == ({"a": 1}, "/*/a")


@pytest.mark.parametrize("content", ["not json", '{"version": 99, "findings": []}', '{"findings": 3}'])
def test_a_bad_baseline_file_is_one_line_and_exit_2(project, capsys, content):
    (project / "b.json").write_text(content, encoding="utf-8")
    assert main(["response", "fixtures/metadata.json", "--baseline", "b.json"]) == 2
    assert capsys.readouterr().err == "samplecheck: b.json: not a samplecheck baseline (version 1)\n"
    with pytest.raises(InputError, match="no such baseline file"):
        Baseline(project / "missing.json")


def test_write_baseline_refuses_an_input_file(project, capsys):
    assert main(["response", "fixtures/metadata.json", "--write-baseline", "fixtures/metadata.json"]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err
    assert json.loads((project / "fixtures" / "metadata.json").read_text()) == load_json()
