"""The CI layer on spreadsheets: configuration keys, baselines, cell comments, the sheets hook."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import openpyxl
from support import SAMPLES, found, git, run_cli, run_hook, write_config, write_csv, write_xlsx

from validator import check_file
from validator.cli.main import main
from validator.policy.config import Settings

HEADER = ["name", "external_sample_id", "platform", "date_collected", "custom.amplicon_scheme"]
ROWS = [
    ["Soil A1", "LIMS-1", "Illumina MiSeq", "2024-05-01", "V3-V4"],
    ["Soil A2", "LIMS-2", "Illumina MiSeq", "", "V4"],
    ["Soil A3", "", "Illumina Miseq", "2024-05-03", "v4"],
    ["Soil A4", "LIMS-4", "PacBio Revio", "2024-05-04", ""],
]


def sheet(tmp_path, rows=None, header=None, name="run.csv"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    return write_csv(tmp_path / name, [header or HEADER, *(rows or ROWS)])


def config_for(tmp_path, body):
    return Settings(write_config(tmp_path, body)).for_path(None)


def test_required_fields_in_sheet_rows(tmp_path):
    path = sheet(tmp_path)
    assert found(check_file(path)) == [("enum", "C4")]
    config = config_for(tmp_path, 'required = ["external_sample_id", "date_collected"]\n')
    report = check_file(path, config=config)
    assert found(report, "code", "cell", "field") == [("required", "D3", "date_collected"),
                                                      ("required", "B4", "external_sample_id"),
                                                      ("enum", "C4", "platform")]


def test_a_required_column_that_is_missing_is_one_finding_on_the_header_row(tmp_path):
    path = sheet(tmp_path, [r[:3] for r in ROWS], HEADER[:3])
    config = config_for(tmp_path, 'required = ["date_collected"]\n')
    assert found(check_file(path, config=config), "code", "row", "field") == [
        ("required", 1, "date_collected"), ("enum", 4, "platform")]


def test_a_cell_with_an_error_gets_no_required_finding_too(tmp_path):
    path = sheet(tmp_path, [["Soil", "LIMS-9", "Illumina MiSeq", "2024-02-30", "V4"]])
    config = config_for(tmp_path, 'required = ["date_collected"]\n')
    assert found(check_file(path, config=config)) == [("format", "D2")]


def test_column_aliases_from_the_configuration(tmp_path):
    header = ["name", "Tube barcode", "Machine", "date_collected", "custom.amplicon_scheme"]
    path = sheet(tmp_path, header=header)
    plain = check_file(path)
    assert ("unknown-column", "B1") in found(plain) and ("unknown-column", "C1") in found(plain)
    config = config_for(tmp_path, '[column-aliases]\nexternal_sample_id = ["Tube barcode"]\n'
                                  'platform = ["machine"]\n')
    report = check_file(path, config=config)
    assert found(report, "code", "cell", "field", "column") == [("enum", "C4", "platform", "Machine")]


def test_custom_keys_in_sheet_rows(tmp_path):
    path = sheet(tmp_path, [*ROWS, ["Soil A5", "LIMS-5", "PacBio Revio", "2024-05-05", "4.1"]])
    config = config_for(tmp_path, '[custom.amplicon_scheme]\ntype = "string"\nvalues = ["V3-V4", "V4"]\n')
    report = check_file(path, config=config)
    assert found(report, "code", "cell", "suggestion") == [
        ("enum", "C4", "Illumina MiSeq"), ("enum", "E4", "V4"), ("required", "E5", None),
        ("enum", "E6", None)]
    assert report.findings[3].value == "4.1"  # the text as typed, not the number 4.1


def test_a_required_custom_key_without_its_column(tmp_path):
    path = sheet(tmp_path, [r[:4] for r in ROWS], HEADER[:4])
    config = config_for(tmp_path, '[custom.read_depth]\ntype = "integer"\n')
    assert ("required", 1, "custom.read_depth") in found(check_file(path, config=config), "code", "row",
                                                         "field")


def test_check_command_discovers_the_configuration(tmp_path, capsys):
    path = sheet(tmp_path / "sheets")
    write_config(tmp_path, 'required = ["date_collected"]\n[severity]\nenum = "warning"\n',
                 "pyproject.toml")
    run = run_cli(capsys, "check", path, "--format", "json")
    assert run.code == 1
    assert found(run, "code", "cell", "severity") == [("required", "D3", "error"), ("enum", "C4", "warning")]


def test_baseline_on_a_csv_survives_an_inserted_row_and_catches_the_new_error(tmp_path, capsys,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    sheet(tmp_path, name="lab.csv")
    assert main(["check", "lab.csv", "--write-baseline", "baseline.json"]) == 0
    capsys.readouterr()
    new_row = ["Soil A0", "LIMS-0", "Nanopore", "2024-05-00", "V4"]
    sheet(tmp_path, [ROWS[0], new_row, *ROWS[1:]], name="lab.csv")
    run = run_cli(capsys, "check", "lab.csv", "--baseline", "baseline.json", "--format", "json")
    assert run.code == 1
    assert found(run) == [("enum", "C3"), ("format", "D3")]
    everything = run_cli(capsys, "check", "lab.csv", "--format", "json")
    assert ("enum", "C5") in found(everything)


def test_a_cell_comment_suppresses_through_the_check_command(tmp_path, capsys):
    path = write_xlsx(tmp_path / "lab.xlsx", [HEADER, *ROWS, ["Soil A5", "LIMS-5", "Illumina Miseq",
                                                               "2024-05-05", "V4"]],
                      comments={"C4": "Instrument name as the core writes it.\nsamplecheck: ignore[enum]"})
    before = path.read_bytes()
    run = run_cli(capsys, "check", path, "--format", "json")
    assert found(run, "code", "pointer", "severity", "cell") == [("enum", None, "error", "C6")]
    assert run.code == 1 and path.read_bytes() == before


def test_junit_has_a_case_per_sheet_of_a_workbook(tmp_path, capsys):
    shutil.copyfile(SAMPLES / "template.xlsx", tmp_path / "t.xlsx")
    assert main(["check", str(tmp_path / "t.xlsx"), "--format", "junit", "--exit-zero"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    names = [c.get("name") for c in root.iter("testcase")]
    assert names and all(n.startswith(f"{tmp_path / 't.xlsx'} [") for n in names)
    assert root.get("tests") == str(len(names))


def test_sarif_and_github_locate_sheet_findings_on_their_line(tmp_path, capsys):
    path = sheet(tmp_path)
    assert main(["check", str(path), "--format", "github"]) == 1
    assert capsys.readouterr().out == (f"::error file={path},line=4,col=3,title=enum::"
                                       '"Illumina Miseq" is not a platform; did you mean "Illumina MiSeq"?\n')
    assert main(["check", str(path), "--format", "sarif"]) == 1
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 3}


def test_sheets_hook_runs_on_a_sample_repository(tmp_path):
    repo = tmp_path / "lab-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    sheet(repo / "sheets", name="run.csv")
    shutil.copyfile(SAMPLES / "valid.csv", repo / "sheets" / "valid.csv")
    (repo / "sheets" / "readme.md").write_text("not a sheet\n", encoding="utf-8")
    proc = run_hook(repo, "samplecheck-sheets")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("sheets/run.csv:C4: enum ")
    assert "readme.md" not in proc.stdout + proc.stderr
    write_config(repo, '[per-file-ignores]\n"sheets/run.csv" = ["enum"]\n', "pyproject.toml")
    proc = run_hook(repo, "samplecheck-sheets")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_annotated_copy_shows_what_the_configuration_reports(tmp_path, capsys):
    path = sheet(tmp_path, [*ROWS, ["Soil A5", "LIMS-5", "Illumina MiSeq", "2024-05-05", "V4"]])
    write_config(tmp_path, 'required = ["date_collected"]\nignore = ["enum"]\n')
    out = tmp_path / "annotated.xlsx"
    assert main(["check", str(path), "--annotate", str(out)]) == 1
    capsys.readouterr()
    book = openpyxl.load_workbook(out)
    data = book.worksheets[1]
    assert data["D3"].comment is not None and "required" in data["D3"].comment.text
    assert data["C4"].comment is None
