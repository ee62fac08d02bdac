"""CSV encodings: Unicode ones read silently, legacy ones read and named; in a long file too (bytes go
to the parser as they are, and what the reader must notice it still notices)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import found, write_csv

from validator import check_file
from validator.checks.sheets import read

HEADER = b"name,external_sample_id,location_string\r\n"
ROW = b"Soil,LIMS-%07d,Berlin\r\n"
LONG = 160_000  # rows: more than the 4 MB head the header is looked for in
ROWS = [["Sample Name", "LIMS ID", "Instrument", "Location"],
        ["Soil 1", "L-1", "Illumina MiSeq", "Zürich"],
        ["Soil 2", "L-2", "Illumina MiSeq", "São Paulo"]]


def _body(n: int) -> bytes:
    return b"".join(ROW % i for i in range(n))


def test_a_legacy_byte_after_the_head_makes_the_whole_file_legacy(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(HEADER + _body(LONG) + "Soil,LIMS-X,Zürich\r\n".encode("cp1252"))
    assert path.stat().st_size > 4_000_000
    table = read(path)[0]
    assert (table.encoding, table.frame["C"].iloc[-1], table.rows) == ("cp1252", "Zürich", LONG + 1)
    assert [f.code for f in check_file(path).findings] == ["encoding"]


def test_utf8_with_a_bom_in_a_long_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HEADER + _body(LONG) + "Soil,LIMS-X,Zürich\r\n".encode())
    table = read(path)[0]
    assert (table.encoding, table.headers[0], table.frame["C"].iloc[-1]) == ("utf-8", "name", "Zürich")
    assert check_file(path).findings == []


def test_blank_lines_keep_row_numbers_and_trailing_ones_cost_nothing(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(HEADER + _body(3) + b"\r\n \t\r\n" + b"Soil,LIMS-0000001, Berlin \r\n\r\n\r\n")
    # a line of spaces is a row with one cell of spaces
    assert found(check_file(path)) == [("duplicate-id", "B3"), ("whitespace", "A6"),
                                       ("duplicate-id", "B7"), ("whitespace", "C7")]


def test_trailing_spaces_of_the_last_cell_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "end.csv"
    path.write_bytes(HEADER + b"Soil,LIMS-1,Berlin  \n\n\r\n")
    assert found(check_file(path), "code", "cell", "suggestion") == [("whitespace", "C2", "Berlin")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings_read_without_warning(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "s.csv", ROWS, encoding=encoding)
    [table] = read(path)
    assert table.frame["D"].tolist() == ["Zürich", "São Paulo"]
    assert check_file(path).flatten("code", "cell") == []


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_is_read_and_named(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "s.csv", ROWS, encoding=encoding)
    [table] = read(path)
    assert table.frame["D"].tolist() == ["Zürich", "São Paulo"]
    [finding] = check_file(path).findings
    assert (finding.code, finding.value) == ("encoding", "cp1252")
    assert "cp1252" in finding.message
