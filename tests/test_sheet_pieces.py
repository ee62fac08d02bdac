"""A large sheet parsed in pieces, on several threads, gives the cells the whole sheet's parse gives.

:mod:`validator.checks.sheets.pieces` cuts the sheet's XML between rows and parses each piece
as a workbook of its own; put back together, the rows must be those of calamine's parse of the
whole sheet, cell for cell and type for type, wherever the cells are (not from A1, blank rows
between the pieces, a row wider than the others in one piece), whatever they hold (text,
numbers, dates, booleans, formulas never calculated, error values, shared strings).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from support.excel import as_saved_by_excel

from validator.checks.sheets import cells, pieces

VALUES = st.one_of(
    st.none(), st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8),
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)),
    st.sampled_from(["=1+1", "#N/A", "#DIV/0!", "  spaced  "]))


def _typed(grid: list[list[object]]) -> list[list[tuple[str, object]]]:
    return [[(type(c).__name__, c) for c in row] for row in grid]


def _whole_and_pieces(path: Path, counts: tuple[int, ...]) -> tuple[list, list[list | None]]:
    book = CalamineWorkbook.from_path(str(path))
    with zipfile.ZipFile(path) as archive:
        parts, _ = cells.sheet_parts(archive)
        part = parts["Samples"][0]
        data = archive.read(part)
    whole = book.get_sheet_by_name("Samples").to_python(skip_empty_area=False)
    every = {p for p, _ in parts.values()}
    return whole, [pieces.parse(str(path), "Samples", part, data, every, pieces=n) for n in counts]


def _write(path: Path, rows: list[list[object]], top: int, left: int, gaps: set[int]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    r = top
    for i, row in enumerate(rows):
        r += 1 + (i in gaps) * 3
        for j, value in enumerate([f"row {i}", *row]):
            if value is not None and value != "":
                cell = ws.cell(r, left + j + 1, value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd"
    book.create_sheet("Other")["B2"] = "elsewhere"
    book.save(path)
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(VALUES, min_size=1, max_size=6), min_size=4, max_size=30),
       top=st.integers(0, 3), left=st.integers(0, 3), gaps=st.sets(st.integers(0, 29), max_size=4))
def test_pieces_put_back_are_the_whole_sheet(tmp_path: Path, rows: list[list[object]], top: int, left: int,
                                              gaps: set[int]) -> None:
    path = _write(tmp_path / "book.xlsx", rows, top, left, gaps)
    whole, found = _whole_and_pieces(path, (2, 3, 4))
    assert found[0] is not None  # four rows or more can be cut in two
    for grid in found:
        if grid is not None:  # too few rows for that many pieces
            assert _typed(grid) == _typed(whole)


def test_a_workbook_saved_as_excel_saves_it(tmp_path: Path) -> None:
    """Shared strings and formulas with their cached values."""
    rows = [["name", "external_sample_id", "location_lat", "depth"]]
    rows += [[f"S{i}", f"ID-{i}", i / 7, f"=C{i + 2}*2"] for i in range(60)]
    path = _write(tmp_path / "book.xlsx", rows, 0, 0, set())
    path = as_saved_by_excel(path, {"Samples": {f"E{i + 2}": (i / 7) * 2 for i in range(60)}})
    whole, found = _whole_and_pieces(path, (2, 5))
    assert all(grid is not None and _typed(grid) == _typed(whole) for grid in found)


@pytest.mark.parametrize("xml", [
    b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
    b'<x:row r="1"/><x:row r="2"/></x:sheetData></x:worksheet>',  # a namespace prefix
    b"<worksheet><sheetData><row><c/></row><row><c/></row><row><c/></row></sheetData></worksheet>",  # no r=
    b"<worksheet><sheetData/></worksheet>",  # no rows
])
def test_a_sheet_that_cannot_be_cut_is_parsed_whole(xml: bytes) -> None:
    assert pieces.cuts_between_rows(xml, 2) is None


def test_pieces_out_of_order_are_not_put_together() -> None:
    first = ((5, 0), (9, 1), [["a", "b"]] * 5)
    second = ((2, 0), (3, 1), [["c", "d"]] * 2)
    assert pieces.joined([first, second]) is None
    assert pieces.joined([second, first]) == [["", ""]] * 2 + [["c", "d"]] * 2 + [["", ""]] + [["a", "b"]] * 5
