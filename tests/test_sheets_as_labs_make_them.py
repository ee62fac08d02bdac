"""Sheets as labs make them: the table is found, every row is checked or listed, nothing passes unchecked.

Each test writes the file the way a lab's tools do (openpyxl for workbooks, the csv
module for text in the encodings lab computers export) and checks it through the
CLI and ``validator.check_file``, asserting codes and cells.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from _pytest.capture import CaptureFixture
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.datavalidation import DataValidation
from support import as_saved_by_excel, found, run_cli, write_csv

from validator import check_file
from validator.checks.sheets import read

HEADER = ["name", "external_sample_id", "platform", "location_lat", "location_lon", "date_collected"]
ROWS = [
    ["Soil A1", "LIMS-1", "Illumina MiSeq", "52.5", "13.4", "2024-05-01"],
    ["Soil A2", "LIMS-2", "Illumina MySeq", "452.1", "13.4", "2024-05-02"],
    ["Soil A3", "LIMS-3", "Illumina MiSeq", "52.5", "13.4", "2024-13-45"],
]
BASE = [("enum", "C3"), ("maximum", "D3"), ("format", "F4")]


def _codes(report) -> list[tuple[str, str | None]]:
    return found(report, "code", "cell")


# 1. Find the table -------------------------------------------------------------------------

def test_title_and_notes_rows_above_the_header(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("Soil survey 2024\nNotes,keep IDs as in LIMS\nname,platform,location_lat\n"
                    "S1,Illumina MySeq,452.1\n", encoding="utf-8")
    assert _codes(check_file(path)) == [("enum", "B4"), ("maximum", "C4")]
    run = run_cli(capsys, "check", path)
    assert run.code == 1
    assert f"{path}:row 3: header row (the rows above it are not part of the table)" in run.lines


def test_a_form_block_and_35_rows_of_instructions_above_the_header(tmp_path: Path) -> None:
    above = [["Project", "Soil survey"], ["Location", "Berlin"], ["Date", "2024-05-01"],
             ["Sequencer", "MiSeq"], []]
    above += [[f"Step {i}: fill in one row per sample, as the LIMS shows it"] for i in range(35)]
    path = write_csv(tmp_path / "form.csv", [*above, HEADER, *ROWS])
    shift = len(above)
    report = check_file(path)
    assert report.sources[0].header_rows == {"": shift + 1}
    assert _codes(report) == [(code, f"{cell[0]}{int(cell[1:]) + shift}") for code, cell in BASE]
    assert report.summary()["rows"] == 3


def test_a_row_of_units_under_the_header_is_not_a_sample(tmp_path: Path) -> None:
    units = ["text", "as in LIMS", "choose from list", "decimal degrees", "decimal degrees", "YYYY-MM-DD"]
    path = write_csv(tmp_path / "units.csv", [HEADER, units, *ROWS])
    report = check_file(path)
    assert _codes(report) == [("enum", "C4"), ("maximum", "D4"), ("format", "F5")]
    assert report.summary()["rows"] == 3
    assert report.sources[0].skipped == [
        "row 2 describes the columns (units, formats or choices), not a sample"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([["Soil survey 2024"], ["Notes", "keep IDs as in LIMS"], [],
                                 ["Project:", "Tundra"], ["Prepared by the sequencing core", "", ""],
                                 ["Location", "Berlin"], ["Read the README sheet first."]]), max_size=8),
       st.lists(st.sampled_from([["Notes: samples stored at -80 C"], ["Total", "", "", "", "", ""],
                                 ["Checked by A. Smith on 2024-05-03"]]), max_size=3))
def test_rows_above_and_notes_below_leave_the_same_findings(tmp_path: Path, above: list[list[str]],
                                                            below: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([*above, HEADER, *ROWS, *([[], *below] if below else [])])
    path = tmp_path / "s.csv"  # rewritten for each example
    path.write_text(buf.getvalue(), encoding="utf-8")
    report = check_file(path)
    shift = len(above)
    findings = [f for f in _codes(report) if f[0] != "notes-rows"]
    assert findings == [(code, f"{cell[0]}{int(cell[1:]) + shift}") for code, cell in BASE]
    assert report.summary()["rows"] == len(ROWS)
    notes = [f for f in report.findings if f.code == "notes-rows"]
    assert [f.value for f in notes] == ([len(below)] if below else [])


# 2. Find where it ends ---------------------------------------------------------------------

def test_notes_and_a_total_row_below_the_samples(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    rows = [HEADER, ROWS[0], [*ROWS[0][:1], "LIMS-9", *ROWS[0][2:]], [],
            ["Total", "", "", "105", "", ""], ["Notes: the lat of row 3 is estimated"]]
    path = write_csv(tmp_path / "total.csv", rows)
    report = check_file(path)
    assert found(report, "code", "row", "value") == [("notes-rows", 5, 2)]
    assert report.summary()["rows"] == 2
    assert run_cli(capsys, "check", path).code == 0


def test_a_totals_row_straight_under_the_samples_in_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(["name", "location_lat", "location_lon"])
    ws.append(["S1", 52.5, 13.4])
    ws.append(["S2", 52.6, 13.5])
    ws.append(["Total", "=COUNT(B2:B3)"])
    book.save(tmp_path / "t.xlsx")
    report = check_file(tmp_path / "t.xlsx")
    assert found(report, "code", "row") == [("notes-rows", 4)]  # not lat-without-lon
    assert report.summary()["rows"] == 2


# 3. Choose the sample sheets ---------------------------------------------------------------

def test_instructions_lookup_and_hidden_sheets_are_listed_not_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "Instructions"
    readme.append(["Fill in one row per sample. Notes go in the description column."])
    samples = book.create_sheet("Samples")
    samples.append(["name", "platform"])
    samples.append(["S1", "Illumina MiSeq"])
    lookup = book.create_sheet("Platforms")
    lookup.append(["platform"])
    lookup.append(["Illumina Miseq"])  # a bad value: would be reported if the sheet were checked
    check = DataValidation(type="list", formula1="Platforms!$A$2:$A$3")
    samples.add_data_validation(check)
    check.add("B2:B100")
    old = book.create_sheet("Batch 2023")
    old.append(["name", "platform"])
    old.append(["S0", "Illumina Miseq"])
    old.sheet_state = "hidden"
    path = tmp_path / "lab.xlsx"
    book.save(path)
    report = check_file(path)
    assert report.findings == [] and report.sources[0].sheets == ["Samples"]
    assert report.sources[0].skipped == [
        "sheet 'Instructions': no header names a metadata field (`--sheet Instructions` checks it)",
        "sheet 'Platforms' holds the lists the dropdowns of 'Samples' draw from "
        "(`--sheet Platforms` checks it)",
        "hidden sheet 'Batch 2023' (`--sheet 'Batch 2023'` checks it)"]
    run = run_cli(capsys, "check", path)
    assert run.code == 0
    assert run.lines[-1] == "All checks passed! (1 file, 1 row; 3 not checked, listed above)"
    assert found(check_file(path, sheet="Batch 2023")) == [("enum", "B2")]


def test_the_filled_template_checks_with_no_findings(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    template = tmp_path / "template.xlsx"
    assert run_cli(capsys, "template", "-o", template, "--custom", "qc:boolean").code == 0
    book = openpyxl.load_workbook(template)
    ws = book["Samples"]
    headers = [c.value for c in ws[1]]
    values = {"name": "Soil A1", "external_sample_id": "LIMS-0001", "platform": "Illumina MiSeq",
              "location_lat": 52.5, "location_lon": 13.4, "custom.qc": True, "library_type": "WGS"}
    for key, value in values.items():
        ws.cell(2, headers.index(key) + 1, value)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    report = check_file(filled)
    assert report.findings == [] and report.summary()["rows"] == 1
    assert run_cli(capsys, "check", filled).code == 0


# 4. Read cells as the lab sees them --------------------------------------------------------

def _errors_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(["name", "platform", "location_lat", "location_lon"])
    ws.append(["S1", "Illumina MiSeq", 52.5, 13.4])
    ws.append(["S2", "Illumina MiSeq", 52.5, 13.4])
    ws.append(["S3", "Illumina MiSeq", 52.5, 13.4])
    for ref, error in (("B2", "#N/A"), ("C3", "#REF!"), ("D4", "#DIV/0!")):
        ws[ref] = error
        ws[ref].data_type = "e"
    book.save(path)
    return path


def test_excel_error_values_are_errors_at_their_cells(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    path = _errors_workbook(tmp_path / "errors.xlsx")
    report = check_file(path)
    assert found(report, "code", "cell", "value") == [
        ("excel-error", "B2", "#N/A"), ("excel-error", "C3", "#REF!"), ("excel-error", "D4", "#DIV/0!")]
    run = run_cli(capsys, "check", path, "--format", "json")
    assert run.code == 1 and found(run) == [("excel-error", c) for c in ("B2", "C3", "D4")]


def test_formulas_never_calculated_and_formulas_with_values(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(["name", "platform", "location_lat", "location_lon"])
    ws.append(["S1", "=VLOOKUP(A2,Lookup!A:B,2,FALSE)", 52.5, 13.4])
    lookup = book.create_sheet("Lookup")
    lookup.append(["S1", "Illumina Miseq"])
    path = tmp_path / "script.xlsx"
    book.save(path)
    assert found(check_file(path)) == [("formula-not-calculated", "B2")]
    saved = as_saved_by_excel(tmp_path / "script.xlsx", {"Samples": {"B2": "Illumina Miseq"}})
    assert found(check_file(saved)) == [("enum", "B2")]  # the value Excel calculated is checked


def test_merged_cells_give_their_value_to_every_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["name", "platform", "location_lat", "location_lon"])
    for i in range(3):
        ws.append([f"S{i}", "Illumina Miseq" if i == 0 else None, 52.5, 13.4])
    ws.merge_cells("B2:B4")
    book.save(tmp_path / "merged.xlsx")
    assert found(check_file(tmp_path / "merged.xlsx")) == [("enum", "B2"), ("enum", "B3"), ("enum", "B4")]


def test_hidden_rows_are_checked_and_say_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["name", "location_lat", "location_lon"])
    ws.append(["S1", 52.5, 13.4])
    ws.append(["S2", 95, 13.4])
    ws.row_dimensions[3].hidden = True
    book.save(tmp_path / "hidden.xlsx")
    [finding] = check_file(tmp_path / "hidden.xlsx").findings
    assert (finding.code, finding.cell) == ("maximum", "B3")
    assert finding.message.endswith("(row 3 is hidden)")


# 5. Headers ---------------------------------------------------------------------------------

def test_headers_with_units_and_sample(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "units.csv", [
        ["Sample", "Latitude (decimal degrees)", "Collection Date (YYYY-MM-DD)", "Longitude [deg]",
         "Platfrom"],
        ["S1", "452.1", "2024-13-45", "13.4", "x"]])
    report = check_file(path)
    assert found(report, "code", "cell", "suggestion") == [
        ("unknown-column", "E1", "platform"), ("maximum", "B2", None), ("format", "C2", None)]
    assert run_cli(capsys, "check", path).code == 1
    assert found(check_file(write_csv(tmp_path / "n.csv", [["Sample name"], ["S1"]]))) == []


# 6. Encodings -------------------------------------------------------------------------------

ROWS_TEXT = [["name", "location_string", "description"],
             ["Prøve 1", "Köln", "Straße, Zürich"], ["Prøve 2", "São Paulo", "Süd"]]


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman", "cp850"])
def test_legacy_encodings_read_as_written(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / f"{encoding}.csv", ROWS_TEXT, encoding=encoding)
    [table] = read(path)
    assert table.frame.values.tolist() == [row for row in ROWS_TEXT[1:]]
    assert found(check_file(path), "code", "value") == [("encoding", encoding)]


def test_utf16_reads_without_a_finding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", ROWS_TEXT, encoding="utf-16")
    assert read(path)[0].frame.values.tolist() == ROWS_TEXT[1:]
    assert check_file(path).findings == []


def test_utf8_with_rows_appended_from_a_cp1252_export(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "mixed.csv", ROWS_TEXT)
    path.write_bytes(path.read_bytes() + "Prøve 3,Köln,Zürich\r\n".encode("cp1252"))
    [table] = read(path)
    assert table.frame.loc[4].tolist() == ["Prøve 3", "Köln", "Zürich"]
    assert found(check_file(path), "code", "row", "value") == [("mixed-encoding", 4, "cp1252")]
    assert run_cli(capsys, "check", path).code == 1


# 7. Many files in one run -------------------------------------------------------------------

def test_a_folder_with_a_placeholder_a_readme_and_a_repeated_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()
    write_csv(folder / "a.csv", [HEADER, ROWS[0]])
    write_csv(folder / "b.csv", [HEADER, ["Soil B1", "LIMS-1", "Illumina MiSeq", "1", "2", "2024-05-01"]])
    (folder / "placeholder.csv").write_bytes(b"")
    (folder / "README.txt").write_text("Sheets of the May run.\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    run = run_cli(capsys, "check", folder, "--format", "json")
    assert run.code == 1
    assert found(run, "path", "code", "cell") == [
        (str(folder / "b.csv"), "duplicate-id-across-files", "B2"),
        (str(folder / "placeholder.csv"), "unreadable", None)]
    assert {s["path"]: s["reason"] for s in run.json["skipped"]} == {
        str(folder / ".DS_Store"): "a hidden file",
        str(folder / "README.txt"): "a text file with no header naming a metadata field",
        str(folder / "~$a.xlsx"): "an Office lock file"}
    across = next(f for f in run.json["files"][1]["findings"])
    assert across["message"] == f"'LIMS-1' is also the ID at {folder / 'a.csv'}:B2"
    assert across["severity"] == "warning"


def test_a_missing_file_does_not_hide_the_others(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    good = write_csv(tmp_path / "good.csv", [HEADER, ROWS[1]])
    run = run_cli(capsys, "check", tmp_path / "missing.csv", good)
    assert run.code == 1
    assert f"{tmp_path / 'missing.csv'}: unreadable no such file" in run.lines
    assert f"{good}:C2: enum" in run.out


# 8. custom values that change on upload -----------------------------------------------------

def test_custom_values_that_lose_meaning_on_upload(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["name", "custom.plate", "custom.barcode"],
                                          ["S1", "0007", "12345678901234567890"], ["S2", "7", "12"]])
    assert found(check_file(path), "code", "cell", "suggestion") == [
        ("custom-value-changes", "B2", "0007"), ("custom-value-changes", "C2", "12345678901234567890")]


# 9. Severity by the principle ---------------------------------------------------------------

def test_lone_coordinates_and_repeated_ids_are_warnings(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "w.csv", [["name", "external_sample_id", "location_lat", "location_lon"],
                                          ["S1", "X", "52.5", ""], ["S2", "X", "", "13.4"]])
    report = check_file(path)
    assert found(report, "code", "cell", "severity") == [
        ("duplicate-id", "B2", "warning"), ("lat-without-lon", "C2", "warning"),
        ("duplicate-id", "B3", "warning"), ("lon-without-lat", "D3", "warning")]
    assert run_cli(capsys, "check", path).code == 0


# 10. Odd shapes -----------------------------------------------------------------------------

def test_a_20_mb_cell_and_a_stray_cell_at_xfd1(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    big = tmp_path / "big.csv"
    big.write_text("description,name\nS1," + "x" * 20_000_000 + "\nS2,ok\n", encoding="utf-8")
    run = run_cli(capsys, "check", big)
    assert (run.code, run.err) == (1, "")  # in this process a traceback would have failed the test
    assert " max-length " in run.out
    assert found(check_file(big)) == [("max-length", "B2")]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["name", "platform"])
    ws.append(["S1", "Illumina Miseq"])
    ws["XFD1"] = "stray"
    book.save(tmp_path / "wide.xlsx")
    [table] = read(tmp_path / "wide.xlsx")
    assert table.letters == ["A", "B", "XFD"]
    assert found(check_file(tmp_path / "wide.xlsx")) == [("unknown-column", "XFD1"), ("enum", "B2")]
