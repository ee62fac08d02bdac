"""Columns that repeat their values are checked once per value and reported at every row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import found, run_cli, write_csv, write_xlsx

from validator import check_file

ROWS = 240  # enough rows for every column below to count as repeating


def _sheet(tmp_path: Path, headers: list[str], column: callable, name: str = "s.csv") -> Path:
    rows = [headers] + [column(i) for i in range(ROWS)]
    return write_csv(tmp_path / name, rows)


def test_a_bad_value_is_reported_at_every_row_that_holds_it(tmp_path: Path) -> None:
    platforms = ["Illumina Miseq", "Illumina MiSeq", " Illumina MiSeq", ""]
    path = _sheet(tmp_path, ["external_sample_id", "platform"],
                  lambda i: [f"S-{i}", platforms[i % 4]])
    expected = {("enum", f"B{i + 2}") for i in range(0, ROWS, 4)}
    expected |= {("whitespace", f"B{i + 2}") for i in range(2, ROWS, 4)}
    assert set(found(check_file(path))) == expected
    report = check_file(path)
    enum = [f for f in report.findings if f.code == "enum"]
    assert {f.row for f in enum} == {i + 2 for i in range(0, ROWS, 4)}
    assert all(f.suggestion == "Illumina MiSeq" and f.value == "Illumina Miseq" for f in enum)


def test_many_different_bad_values_each_repeated(tmp_path: Path) -> None:
    path = _sheet(tmp_path, ["name", "platform"], lambda i: ["x", f"Platform {i % 40}"])
    assert found(check_file(path), "code", "cell", "value") == [
        ("enum", f"B{i + 2}", f"Platform {i % 40}") for i in range(ROWS)]


def test_repeated_ids_with_stray_spaces(tmp_path: Path) -> None:
    """ " A-1" is A-1 once trimmed: a duplicate-id warning, and a whitespace warning on the spaced cells."""
    path = _sheet(tmp_path, ["external_sample_id", "name"],
                  lambda i: ["Z-9 " if i == ROWS - 1 else ("A-1", " A-1")[i % 2], "x"])
    expected = {("duplicate-id", f"A{i + 2}") for i in range(ROWS - 1)} | {("whitespace", f"A{ROWS + 1}")}
    expected |= {("whitespace", f"A{i + 2}") for i in range(1, ROWS - 1, 2)}
    assert set(found(check_file(path))) == expected
    first = next(f for f in check_file(path).findings if f.code == "duplicate-id")
    assert first.message.startswith('"A-1" is also the ID in rows 3, 4, 5,') and first.message.endswith("...")


def test_repeated_coordinates_without_their_partner(tmp_path: Path) -> None:
    path = _sheet(tmp_path, ["name", "location_lat", "location_lon"],
                  lambda i: ["x", "52.5", "13.4" if i % 3 else ""])
    assert set(found(check_file(path))) == {("lat-without-lon", f"B{i + 2}") for i in range(0, ROWS, 3)}


def test_repeated_decimal_commas_and_future_dates(tmp_path: Path) -> None:
    path = _sheet(tmp_path, ["name", "location_lat", "date_collected"],
                  lambda i: ["x", "45,3" if i % 2 else "45.3", "2999-01-01" if i % 5 == 0 else "2024-01-01"])
    report = check_file(path)
    commas = [f for f in report.findings if f.code == "decimal-comma"]
    assert [f.cell for f in commas] == [f"B{i + 2}" for i in range(1, ROWS, 2)]
    assert {f.suggestion for f in commas} == {45.3}
    future = [f for f in report.findings if f.code == "future-date"]
    assert [f.cell for f in future] == [f"C{i + 2}" for i in range(0, ROWS, 5)]


def test_typed_excel_cells_equal_in_python_stay_apart(tmp_path: Path) -> None:
    """TRUE, 1 and 1.0 compare equal in Python; each is reported as the sheet shows it."""
    cells = ["true", "1", "1.0", "Illumina MiSeq"]
    rows = [["name", "platform"]] + [["x", cells[i % 4]] for i in range(ROWS)]
    report = check_file(write_xlsx(tmp_path / "t.xlsx", rows, typed=True))
    shown = {f.row: f.value for f in report.findings if f.code == "enum"}
    assert shown == {i + 2: ("TRUE", "1", "1")[i % 4] for i in range(ROWS) if i % 4 != 3}


TEXT = (["name", "platform", "library_type", "sample_type", "description"],
        ["Illumina Miseq", " 16S", "Metagenomics", "=cmd", "Illumina MiSeq"])
TYPED = (["name", "location_lat", "date_collected", "starred", "custom.plate_id"],  # typed in the XLSX
         ["95.5", "2031-01-01", "true", "0123", "45,3"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("headers", "values"), [TEXT, TYPED], ids=["text", "typed"])
def test_same_findings_whether_or_not_values_repeat(tmp_path: Path, suffix: str, headers: list[str],
                                                    values: list[str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A value gets the same findings in a sheet of repeats as in a sheet of one row each."""

    def write(n: int, name: str) -> Path:
        rows = [headers] + [["x"] + [values[(i + k) % 5] for k in range(4)] for i in range(n)]
        path = tmp_path / (name + suffix)
        return write_csv(path, rows) if suffix == ".csv" else write_xlsx(path, rows, typed=True)

    few, many = check_file(write(5, "few")), check_file(write(ROWS, "many"))
    key = ("code", "column", "value", "expected", "suggestion", "message")
    per_value = {json.dumps([f.to_dict()[k] for k in key]) for f in few.findings}
    assert per_value and {json.dumps([f.to_dict()[k] for k in key]) for f in many.findings} == per_value
    assert len(many.findings) == len(few.findings) * ROWS // 5
    run = run_cli(capsys, "check", tmp_path / f"many{suffix}", "--format", "json")
    assert run.code == 1
    assert found(run, "code", "cell") == many.flatten("code", "cell")
