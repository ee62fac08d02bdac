"""The example sheets in samples_csv/: the CLI's exact findings, cells and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SAMPLES, found, run_cli

from validator.cli.main import main

EXPECTED = {
    "valid.csv": (0, []),
    "valid.xlsx": (0, []),
    "template.csv": (0, [("no-rows", None)]),
    "template.xlsx": (0, [("no-rows", None)]),
    "broken-values.csv": (1, [
        ("enum", "C2"), ("enum", "D3"), ("enum", "E3"), ("format", "F3"), ("decimal-comma", "H3"),
        ("type", "K3"), ("custom-not-flat", "L3"), ("max-length", "B4"), ("format", "F4"),
        ("maximum", "H4"), ("minimum", "I4"), ("type", "L4"), ("minimum", "H5"), ("type", "I5"),
    ]),
    "broken-columns.csv": (1, [
        ("unknown-column", "C3"), ("duplicate-column", "E3"), ("read-only-column", "F3"),
        ("read-only-column", "G3"), ("lat-without-lon", "D4"),
    ]),
    "broken-rows.csv": (0, [
        ("duplicate-id", "B2"), ("custom-value-changes", "I2"), ("duplicate-id", "B3"),
        ("lat-without-lon", "E3"), ("custom-value-changes", "I3"), ("whitespace", "A4"),
        ("future-date", "D4"), ("lon-without-lat", "F4"), ("formula-injection", "G4"),
        ("excel-mangled-id", "I4"), ("excel-mangled-id", "B5"), ("formula-injection", "G5"),
        ("formula-injection", "H5"), ("custom-value-changes", "I5"), ("excel-mangled-id", "B6"),
        ("custom-value-changes", "I6"), ("duplicate-id", "B7"), ("custom-value-changes", "I7"),
    ]),
    "broken-cp1252.csv": (1, [("encoding", None), ("enum", "C3")]),
    "broken-one-column.csv": (1, [("no-known-columns", None)]),
}


def check(capsys: pytest.CaptureFixture[str], *paths: object) -> tuple[int, dict]:
    """``samplecheck check *paths --format json``: the exit code and the report."""
    run = run_cli(capsys, "check", *paths, "--format", "json")
    return run.code, run.json


def test_every_example_is_listed() -> None:
    on_disk = {p.name for p in SAMPLES.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert on_disk == set(EXPECTED)
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, findings = EXPECTED[name]
    code, out = check(capsys, SAMPLES / name)
    assert (code, found(out)) == (exit_code, findings)


def test_finding_carries_every_place_key(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, str(SAMPLES / "broken-values.csv"))
    first = out["files"][0]["findings"][0]
    assert first == {
        "code": "enum", "message": '"Illumina Miseq" is not a platform', "severity": "error",
        "sheet": None, "row": 2, "column": "Sequencing Platform", "field": "platform", "cell": "C2",
        "pointer": None, "value": "Illumina Miseq", "expected": first["expected"],
        "suggestion": "Illumina MiSeq",
    }
    assert "Illumina MiSeq" in first["expected"]
    assert out["summary"] == {"files": 1, "rows": 4, "errors": 14, "warnings": 0}


def test_custom_fields_are_named_by_key(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, str(SAMPLES / "broken-values.csv"))
    nested = [f for f in out["files"][0]["findings"] if f["code"] == "custom-not-flat"]
    assert [(f["field"], f["column"], f["value"]) for f in nested] == [
        ("custom.site", "custom", {"city": "Berlin"})]
    _, out = check(capsys, str(SAMPLES / "broken-rows.csv"))
    at = {f["cell"]: f for f in out["files"][0]["findings"]}
    assert (at["H5"]["field"], at["H5"]["column"]) == ("custom.lab_tech", "custom.lab_tech")


def test_text_output_line_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SAMPLES / "broken-values.csv")
    assert main(["check", path]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f'{path}:C2: enum "Illumina Miseq" is not a platform; did you mean "Illumina MiSeq"?'
    assert f'{path}:H3: decimal-comma "45,3" uses a decimal comma; did you mean 45.3?' in lines
    assert lines[-1] == "Found 14 errors and 0 warnings in 1 file (4 rows)."


def test_several_paths_and_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, str(SAMPLES))
    assert code == 1
    assert sorted(Path(f["path"]).name for f in out["files"]) == sorted(EXPECTED)
    code, out = check(capsys, str(SAMPLES / "valid.csv"), str(SAMPLES / "valid.xlsx"))
    # the same samples in two files of one run: each ID of the second is a warning naming the first
    assert (code, out["summary"]) == (0, {"files": 2, "rows": 8, "errors": 0, "warnings": 4})
    assert {f["code"] for f in out["files"][1]["findings"]} == {"duplicate-id-across-files"}
    assert out["files"][1]["sheets"] == ["Samples"]


def test_exit_zero_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code = main(["check", str(SAMPLES / "broken-rows.csv"), "--exit-zero", "--format", "json",
                 "-o", str(target)])
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["warnings"] == 18
    assert capsys.readouterr().out.strip() == "Found 0 errors and 18 warnings in 1 file (6 rows)."
