"""Reading sheets: delimiters, header detection, workbooks, and unreadable inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import SAMPLES, UNICODE_TEXT, digest, write_csv, write_xlsx

from validator import check_file
from validator.checks.sheets import column_letter, field_for, read
from validator.cli.main import main

ROWS = [["Sample Name", "LIMS ID", "Instrument", "Location"],
        ["Soil 1", "L-1", "Illumina MiSeq", "Zürich"],
        ["Soil 2", "L-2", "Illumina MiSeq", "São Paulo"]]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize(("header", "field"), [
    ("Sample Name", "name"), ("sample-name", "name"), ("SAMPLE_NAME", "name"), ("Latitude", "location_lat"),
    ("Lat", "location_lat"), ("Long", "location_lon"), ("Lon", "location_lon"), ("Instrument", "platform"),
    ("Sequencing Platform", "platform"), ("External ID", "external_sample_id"),
    ("LIMS ID", "external_sample_id"), ("Collection Date", "date_collected"),
    ("custom.lab_tech", "custom.lab_tech"), ("Custom.Lab Tech", "custom.Lab Tech"), ("custom", "custom"),
    ("sample", "name"), ("Sample", "name"), ("Sample name", "name"), ("$uri", "$uri"),
    ("Latitude (decimal degrees)", "location_lat"), ("Collection Date (YYYY-MM-DD)", "date_collected"),
    ("Longitude [deg]", "location_lon"), ("platfrom", None), ("(units)", None), ("", None),
])
def test_header_aliases(header: str, field: str | None) -> None:
    assert field_for(header) == field


@pytest.mark.parametrize(("delimiter", "suffix"), [(",", ".csv"), (";", ".csv"), ("\t", ".tsv"),
                                                   ("\t", ".txt"), ("|", ".txt")])
def test_delimiter_detected(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = write_csv(tmp_path / f"s{suffix}", ROWS, delimiter=delimiter)
    [table] = read(path)
    assert (table.delimiter, table.headers) == (delimiter, ROWS[0])


def test_title_rows_blank_rows_and_trailing_columns(tmp_path: Path) -> None:
    rows = [["Project X sample sheet", "", "", "", "", ""], ["", "", "", "", "", ""],
            [*ROWS[0], "", ""], [*ROWS[1], "", ""], ["", "", "", "", "", ""], [],
            ["Soil 3", "L-3", "Illumina Miseq", "Bern", "", ""]]
    for path in (write_csv(tmp_path / "s.csv", rows),
                 write_xlsx(tmp_path / "s.xlsx", rows, typed=True, header_row=3)):
        [table] = read(path)
        assert (table.header_row, table.letters, list(table.frame.index)) == (3, ["A", "B", "C", "D"],
                                                                           [4, 7])
        assert check_file(path).flatten("code", "cell") == [("enum", "C7")]


def test_typed_excel_cells_are_used_as_they_are(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "typed.xlsx", [
        ["name", "date_collected", "location_lat", "location_lon", "starred", "external_sample_id"],
        ["a", dt.datetime(2024, 5, 1, 10, 30), 52.5, 13, True, "X-1"],
        ["b", dt.date(2024, 5, 2), "52.5", "13", "yes", dt.datetime(2024, 3, 1)],
        ["c", 45000, True, 13, 5, 12345]])
    found = check_file(path).flatten("code", "cell", "value")
    assert found == [("excel-mangled-id", "F3", "2024-03-01"), ("format", "B4", 45000),
                     ("type", "C4", True), ("type", "E4", 5)]


def test_workbook_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Read me": [["Fill in one row per sample."]],
                                               "Run 1": [["name", "platform"], ["s", "Illumina MiSeq"]],
                                               "Run 2": [["name", "platform"], ["s", "Illumina Miseq"]]})
    report = check_file(path)
    assert report.sources[0].sheets == ["Run 1", "Run 2"]
    assert report.flatten("code", "sheet", "cell") == [("enum", "Run 2", "B2")]
    assert check_file(path, sheet="Run 1").flatten() == []
    assert main(["check", str(path), "--sheet", "Run 3"]) == 1  # an unreadable finding on the file


def test_header_only_is_a_finding_not_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", ROWS[:1])
    assert check_file(path).flatten("code", "row") == [("no-rows", 1)]


def _unreadable(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"\r\n \r\n")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "zip.csv").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (tmp_path / "corrupt.xlsx").write_bytes(b"PK\x03\x04 not really a workbook" * 10)
    (tmp_path / "text.xlsx").write_text("name,platform\n", encoding="utf-8")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (tmp_path / "protected.xlsx").write_bytes(ole)
    (tmp_path / "old.xls").write_bytes(ole)
    (tmp_path / "sheet.numbers").write_bytes(b"PK\x03\x04")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.md").write_text("no sheets here", encoding="utf-8")
    return {p.name: p for p in tmp_path.iterdir()} | {"missing.csv": tmp_path / "missing.csv"}


def test_unreadable_inputs_are_one_finding_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An input that cannot be read is an unreadable finding on it (exit 1); a folder with no sheet
    at all is a usage error (exit 2, one line)."""
    inputs = _unreadable(tmp_path)
    before = {n: digest(p) for n, p in inputs.items() if p.is_file()}
    for name, path in inputs.items():
        if name == "nothing":
            assert main(["check", str(path)]) == 2
            captured = capsys.readouterr()
            assert captured.out == "" and captured.err.startswith(f"samplecheck: {path}")
            continue
        assert main(["check", str(path)]) == 1, name
        captured = capsys.readouterr()
        assert captured.err == ""
        lines = captured.out.splitlines()
        assert lines[0].startswith(f"{path}: unreadable "), (name, captured.out)
        assert len(lines) == 2 and lines[1].startswith("Found 1 error and 0 warnings in 1 file (0 ")
    assert {n: digest(p) for n, p in inputs.items() if p.is_file()} == before
    run = [str(p) for n, p in inputs.items() if n != "nothing"]
    assert main(["check", *run, str(SAMPLES / "valid.csv")]) == 1  # the run goes on
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Found {len(run)} errors and 0 warnings in {len(run) + 1} files (4 rows).")


def test_encrypted_workbook_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = _unreadable(tmp_path)
    messages = {}
    for name in ("protected.xlsx", "old.xls", "sheet.numbers", "binary.csv", "empty.csv", "nothing"):
        main(["check", str(inputs[name])])
        captured = capsys.readouterr()
        messages[name] = captured.out + captured.err
    assert "password-protected" in messages["protected.xlsx"]
    assert "97-2003" in messages["old.xls"]
    assert "Numbers" in messages["sheet.numbers"]
    assert "binary" in messages["binary.csv"]
    assert "empty" in messages["empty.csv"]
    assert "no sheets" in messages["nothing"]


def test_inputs_are_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [write_csv(tmp_path / "a.csv", ROWS, encoding="cp1252"),
             write_csv(tmp_path / "b.tsv", ROWS, **UNICODE_TEXT),
             write_xlsx(tmp_path / "c.xlsx", ROWS, typed=True)]
    before = [digest(p) for p in paths]
    assert main(["check", *map(str, paths), "-o", str(tmp_path / "r.txt")]) == 0
    assert [digest(p) for p in paths] == before
    assert main(["check", str(paths[0]), "-o", str(paths[0])]) == 2
    assert [digest(p) for p in paths] == before
