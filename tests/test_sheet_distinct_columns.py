"""Columns of distinct values (names, IDs): sorted IDs and the cells hygiene looks at."""

from __future__ import annotations

from pathlib import Path

from support import found, write_csv

from validator import check_file

ROWS = 300


def test_ascending_ids_are_distinct_and_a_repeat_among_them_is_found(tmp_path: Path) -> None:
    ids = [f"LIMS-{i:06d}" for i in range(ROWS)]
    clean = write_csv(tmp_path / "clean.csv", [["external_sample_id"]] + [[i] for i in ids])
    assert found(check_file(clean)) == []
    ids[151] = ids[150]  # still in order, no longer strictly ascending
    repeated = write_csv(tmp_path / "repeated.csv", [["external_sample_id"]] + [[i] for i in ids])
    assert found(check_file(repeated)) == [("duplicate-id", "A152"), ("duplicate-id", "A153")]


def test_hygiene_still_sees_every_suspect_cell_of_a_distinct_column(tmp_path: Path) -> None:
    names = [f"Sample {i}" for i in range(ROWS)]
    ids = [f"{i:05d}" for i in range(ROWS)]  # zero-padded digits throughout
    names[10], names[20], names[30] = "\u2003Sample x", "=cmd()", "Sample\u00a0y"
    ids[40], ids[50] = "123", "1.2E+10"
    path = write_csv(tmp_path / "s.csv",
                     [["name", "external_sample_id"]] + [list(r) for r in zip(names, ids, strict=True)])
    assert found(check_file(path)) == [("whitespace", "A12"), ("formula-injection", "A22"),
                                       ("whitespace", "A32"), ("excel-mangled-id", "B42"),
                                       ("excel-mangled-id", "B52")]
