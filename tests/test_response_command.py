"""``samplecheck response``: text and JSON output, stdin, -o, and one-line errors (exit codes:
test_cli_exit_codes.py)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from support import run_cli, run_process

import validator

BROKEN = "onecodex-metadata-broken.json"
FINDING_KEYS = {"code", "message", "severity", "sheet", "row", "column", "field", "cell", "pointer",
                "value", "expected", "suggestion"}


def run(capsys, *argv) -> tuple[int, str, str]:
    """``samplecheck response *argv`` in this process: exit code, stdout, stderr."""
    done = run_cli(capsys, "response", *argv)
    return done.code, done.out, done.err


def test_patch_body_needs_its_schema_named(capsys, fixture_path):
    path = fixture_path("onecodex-sample-patch-valid.json")
    code, out, _ = run(capsys, path, "--format", "json")  # auto never guesses a request body
    assert code == 1 and json.loads(out)["files"][0]["schema"] == "onecodex/sample"
    assert run(capsys, path, "--schema", "onecodex/sample-patch")[0] == 0


def test_exact_text_lines(capsys, fixture_path, monkeypatch):
    monkeypatch.chdir(fixture_path(BROKEN).parent)
    code, out, _ = run(capsys, BROKEN)
    assert code == 1
    f = BROKEN
    assert out.splitlines() == [
        f"{f}:/0/custom/site: custom-not-flat custom.site holds an object; custom values are strings, "
        "numbers, booleans or null",
        f'{f}:/0/external_sample_id: max-length "{"X" * 39}…" has 61 characters, more than the 60 allowed',
        f"{f}:/0/location_lat: maximum 100 is greater than 90",
        f'{f}:/0/platform: enum "illumina miseq" is not a platform; did you mean "Illumina MiSeq"?',
        f'{f}:/1/date_collected: format "2025-02-30T10:00:00Z" is not a valid date-time',
        f'{f}:/1/library_type: enum "16S" is not a library_type; did you mean "Targeted/16S"?',
        f"{f}:/1/platfrom: unknown-field 'platfrom' is not in the schema; did you mean \"platform\"? "
        "(warning)",
        "Found 6 errors and 1 warning in 1 file (2 records).",
    ]


def test_json_output_equals_the_report(capsys, fixture_path):
    path = fixture_path(BROKEN)
    code, out, _ = run(capsys, path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    expected = validator.check(json.loads(path.read_text(encoding="utf-8")), path=str(path))
    assert data == expected.to_dict()
    assert data["summary"] == {"files": 1, "rows": 2, "errors": 6, "warnings": 1}
    findings = data["files"][0]["findings"]
    assert len(findings) == 7
    assert all(set(f) == FINDING_KEYS for f in findings)
    for finding, saved in zip(expected.findings, findings, strict=True):  # each key reads off the Finding
        assert {k: getattr(finding, k) for k in FINDING_KEYS} == {**saved, "severity": finding.severity}


def test_several_files_in_one_report(capsys, fixture_path):
    code, out, _ = run(capsys, fixture_path("onecodex-metadata-valid.json"),
                       fixture_path("sample-platform-page-broken.json"), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [f["schema"] for f in data["files"]] == ["onecodex/metadata-list", "sample-platform/page"]
    assert data["summary"]["files"] == 2


def test_stdin(capsys, fixture_path, monkeypatch):
    data = fixture_path(BROKEN).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "-")
    assert code == 1
    assert out.startswith("<stdin>:/0/custom/site: custom-not-flat")


def test_schema_named_explicitly(capsys, tmp_path):
    doc = tmp_path / "one.json"
    doc.write_text(json.dumps({"$uri": "/api/v1/metadata/x", "location_lon": 181}), encoding="utf-8")
    code, out, _ = run(capsys, doc, "--schema", "onecodex/metadata")
    assert code == 1
    assert out.splitlines()[0] == f"{doc}:/location_lon: maximum 181 is greater than 180"


def test_output_file_keeps_a_summary_on_the_terminal(capsys, fixture_path, tmp_path):
    path = fixture_path(BROKEN)
    before = path.read_bytes(), path.stat().st_mtime_ns
    report = tmp_path / "report.json"
    code, out, _ = run(capsys, path, "--format", "json", "-o", report)
    assert code == 1
    assert out == "Found 6 errors and 1 warning in 1 file (2 records).\n"
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 6
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_output_over_the_input_is_refused(capsys, tmp_path, fixture_path):
    doc = tmp_path / "in.json"
    doc.write_bytes(fixture_path(BROKEN).read_bytes())
    code, _, err = run(capsys, doc, "-o", doc)
    assert code == 2
    assert "refusing" in err
    assert doc.read_bytes() == fixture_path(BROKEN).read_bytes()


@pytest.mark.parametrize(("content", "words"), [
    (None, "no such file"),
    (b"{\"a\": ", "invalid JSON at line 1"),
    (b"", "empty input"),
    (b"   \n", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary data"),
    (b"\xff\xd8\xff\xe0junk{", "not UTF-8"),
    (b"{\"a\": 1}", "cannot tell the schema"),
    (b"[{\"$uri\": \"/api/v1/metadata/x\", \"location_lat\": NaN}]", "NaN is not a JSON number"),
    (b"{\"limit\": -Infinity}", "-Infinity is not a JSON number"),
])
def test_unreadable_input_is_one_finding(capsys, tmp_path, content, words):
    path = tmp_path / "input.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, path)
    assert code == 1
    assert err == ""
    finding, summary = out.splitlines()
    assert finding.startswith(f"{path}: ") and words in finding
    assert summary == "Found 1 error and 0 warnings in 1 file (0 records)."


def test_a_directory_is_one_finding(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path)
    assert code == 1
    assert out.splitlines()[0] == f"{tmp_path}: unreadable is a directory, not a file"


def test_unknown_schema_name_is_one_line(capsys, fixture_path):
    code, _, err = run(capsys, fixture_path(BROKEN), "--schema", "onecodex/metadatas")
    assert code == 2
    assert err == "samplecheck: unknown schema 'onecodex/metadatas'; did you mean 'onecodex/metadata'?\n"


def test_real_command_on_the_readme_example(fixture_path):
    broken = run_process("response", fixture_path(BROKEN), script=True)
    assert (broken.code, broken.err) == (1, "")
    assert "maximum 100 is greater than 90" in broken.out
    valid = run_process("response", fixture_path("onecodex-metadata-valid.json"), script=True)
    assert (valid.code, valid.err) == (0, "")
    assert valid.lines[-1].startswith("All checks passed!")


def test_real_command_reads_stdin_and_fails_cleanly(fixture_path, tmp_path):
    piped = run_process("response", "-", "--format", "json", input=fixture_path(BROKEN).read_text(),
                        script=True)
    assert piped.code == 1
    assert piped.json["files"][0]["path"] == "<stdin>"
    missing = run_process("response", tmp_path / "nope.json", script=True)
    assert missing.code == 1
    assert missing.err == ""
    assert missing.out.splitlines()[0] == f"{tmp_path / 'nope.json'}: unreadable no such file"
