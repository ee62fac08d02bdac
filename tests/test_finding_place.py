"""A finding's place is structured (a Place), and every output renders it from its parts."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from support import write_csv

import validator
from validator.findings.model import Finding, Report, Source
from validator.findings.place import Place, cell_parts, column_letter


def test_a_cell_renders_in_a1_with_and_without_its_sheet() -> None:
    place = Place("lab.xlsx", "Samples", row=7, col=4, header="Platform", field="platform")
    assert (place.letter, place.cell, place.sheet_cell, place.location) == ("E", "E7", "Samples!E7",
                                                                             "Samples!E7")
    csv = Place("lab.csv", None, row=7, col=27)
    assert (csv.cell, csv.location, csv.head()) == ("AB7", "AB7", "lab.csv:AB7")


def test_a_place_without_a_cell_renders_its_row_pointer_or_sheet() -> None:
    assert Place("a.csv", row=3).location == "row 3"
    assert Place("a.xlsx", "S", row=3, header="x").location == "S!row 3"
    assert Place("r.json", pointer="/0/platform").head() == "r.json:/0/platform"
    assert Place("r.json", pointer="").location == "/"
    assert Place(sheet="S").location == "S"
    assert Place().head() == "<object>" and Place("r.json").head() == "r.json"


def test_ci_formats_get_line_column_and_region_from_the_parts() -> None:
    assert Place(row=9, col=27).line_col() == (9, 28)
    assert Place(row=9, col=27).region() == {"startLine": 9, "startColumn": 28}
    assert Place(row=9).region() == {"startLine": 9} and Place(row=9).line_col() == (9, None)
    assert Place(pointer="/0").region() is None and Place(col=3).line_col() == (None, None)


@given(st.integers(min_value=0, max_value=16_383), st.integers(min_value=1, max_value=1_048_576))
def test_a_saved_a1_cell_reads_back_to_its_row_and_column(col: int, row: int) -> None:
    cell = Place(row=row, col=col).cell
    assert cell == f"{column_letter(col)}{row}"
    assert cell_parts(cell) == (row, col)
    assert Place.from_cell(cell) == Place(row=row, col=col)


def test_finding_of_builds_the_place_from_the_report_keywords() -> None:
    f = Finding.of("enum", "bad", file="lab.xlsx", sheet="Samples", row=7, column="Platform",
                   field="platform", col=4, value="x")
    assert f.place == Place("lab.xlsx", "Samples", 7, 4, "Platform", "platform")
    assert (f.file, f.sheet, f.row, f.column, f.field, f.cell, f.pointer) == (
        "lab.xlsx", "Samples", 7, "Platform", "platform", "E7", None)
    assert Finding.of("enum", "bad", sheet="Samples", row=7, cell="E7").place.col == 4  # older call sites
    moved = f.at(row=8, message="worse")
    assert (moved.cell, moved.message, moved.column, f.cell) == ("E8", "worse", "Platform", "E7")


def test_report_from_dict_rebuilds_every_place() -> None:
    findings = [
        Finding.of("enum", "bad", file="lab.xlsx", sheet="Samples", row=7, col=4, header="Platform",
                   field="platform", value="x", suggestion="y"),
        Finding.of("no-rows", "empty", file="lab.xlsx", sheet="Empty", row=1),
        Finding.of("unknown-field", "drift", file="lab.xlsx", pointer="/0/platfrom", field="platfrom"),
    ]
    report = Report([Source("lab.xlsx", None, ["Samples", "Empty"], 3, findings)])
    again = Report.from_dict(json.loads(report.to_json()))
    assert [f.place for f in again.findings] == [f.place for f in findings]
    assert again.findings == report.findings


def test_sheet_findings_carry_the_column_index_of_their_header(tmp_path) -> None:
    path = tmp_path / "s.csv"
    write_csv(path, [["notes", "name", "platform", "location_lat"],
                     ["", "S1", "Illumina Miseq", "95"],
                     ["", "S2", "MinION", "45"]])
    report = validator.check_file(path)
    headers = ["notes", "name", "platform", "location_lat"]
    placed = [f for f in report.findings if f.cell]
    assert {f.code for f in placed} >= {"enum", "maximum"}
    for f in placed:
        assert f.place.col == headers.index(f.column)
        assert f.cell == f"{'ABCD'[f.place.col]}{f.row}"
