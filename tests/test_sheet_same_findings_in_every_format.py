"""One sheet saved as CSV, TSV (UTF-16 with BOM) and XLSX gives the same findings; boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SAMPLES, UNICODE_TEXT, read_rows, write_csv, write_xlsx

from validator import check_file

KEYS = ("code", "row", "column", "field", "cell", "severity")


def _variants(rows: list[list[str]], tmp_path: Path) -> list[Path]:
    return [write_csv(tmp_path / "s.csv", rows), write_csv(tmp_path / "s.tsv", rows, **UNICODE_TEXT),
            write_xlsx(tmp_path / "s.xlsx", rows, text=True),
            write_xlsx(tmp_path / "t.xlsx", rows, typed=True)]


@pytest.mark.parametrize("name", ["valid.csv", "broken-values.csv", "broken-rows.csv", "broken-columns.csv"])
def test_same_findings_in_every_format(name: str, tmp_path: Path) -> None:
    rows = read_rows(SAMPLES / name)
    header = 3 if name == "broken-columns.csv" else 1
    paths = _variants(rows, tmp_path)
    paths[2:] = [write_xlsx(tmp_path / "s.xlsx", rows, text=True, header_row=header),
                 write_xlsx(tmp_path / "t.xlsx", rows, typed=True, header_row=header)]
    expected = check_file(SAMPLES / name).flatten(*KEYS)
    for path in paths:
        assert check_file(path).flatten(*KEYS) == expected, path.name


def _one(field: str, value: str, tmp_path: Path) -> list[tuple]:
    lead = "description" if field == "name" else "name"
    rows = [[lead, field, *(["location_lon"] if field == "location_lat" else ["location_lat"]
                              if field == "location_lon" else [])],
            ["s1", value, *(["0"] if field in ("location_lat", "location_lon") else [])]]
    out = []
    for path in _variants(rows, tmp_path):
        found = check_file(path).flatten("code", "cell")
        out.append(found)
    assert all(f == out[0] for f in out), out
    return out[0]


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("location_lat", "90", []), ("location_lat", "-90", []), ("location_lat", "90.0001", [("maximum", "B2")]),
    ("location_lat", "-90.0001", [("minimum", "B2")]), ("location_lon", "180", []),
    ("location_lon", "-180", []), ("location_lon", "180.0001", [("maximum", "B2")]),
    ("location_lon", "-180.0001", [("minimum", "B2")]),
    ("external_sample_id", "x" * 60, []), ("external_sample_id", "é" * 60, []),
    ("external_sample_id", "x" * 61, [("max-length", "B2")]),
    ("external_sample_id", "é" * 61, [("max-length", "B2")]),
    ("name", "n" * 255, []), ("name", "n" * 256, [("max-length", "B2")]),
    ("location_string", "ü" * 255, []), ("location_string", "ü" * 256, [("max-length", "B2")]),
])
def test_boundaries(field: str, value: str, expected: list[tuple], tmp_path: Path) -> None:
    assert _one(field, value, tmp_path) == expected
