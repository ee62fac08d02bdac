"""The cell facts of a large sheet are found as in a small one.

A sheet part over a megabyte is searched differently (each marker by RE2 first, then
searches that skip to the marker rather than scan every byte): the same merged cells,
hidden rows, formulas never calculated, error values and dropdown sources must come
out of it as out of a small sheet holding the same rows.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

from validator import check_file

HEADER = ["name", "external_sample_id", "platform", "location_lat", "location_lon", "description"]


def _book(path: Path, padding: int) -> tuple[Path, int]:
    """``padding`` valid rows, the rows with facts, ``padding`` valid rows; and the first fact row."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(HEADER)

    def valid(i: int) -> list[object]:
        return [f"S{i}", f"LIMS-{i:06d}", "Illumina MiSeq", 52.5, 13.4, "stool sample, frozen at -80 C"]

    for i in range(padding):
        ws.append(valid(i))
    first = padding + 2
    ws.append(["F1", "LIMS-F1", "Illumina Miseq", 52.5, 13.4, ""])  # merged down two more rows
    ws.append(["F2", "LIMS-F2", None, 52.5, 13.4, ""])
    ws.append(["F3", "LIMS-F3", None, 52.5, 13.4, ""])
    ws.append(["F4", "LIMS-F4", "Illumina MiSeq", 95, 13.4, ""])  # a hidden row
    ws.append(["F5", "LIMS-F5", "Illumina MiSeq", "=1+1", 13.4, ""])  # a formula never calculated
    ws.append(["F6", "LIMS-F6", "Illumina MiSeq", 52.5, "#N/A", ""])  # an error value
    for i in range(padding, 2 * padding):
        ws.append(valid(i))
    ws.merge_cells(f"C{first}:C{first + 2}")
    ws.row_dimensions[first + 3].hidden = True
    lists = book.create_sheet("Lists")
    lists.append(["Illumina MiSeq"])
    rule = DataValidation(type="list", formula1="=Lists!$A$1:$A$1", allow_blank=True)
    rule.add(f"C2:C{2 * padding + 8}")
    ws.add_data_validation(rule)
    book.save(path)
    return path, first


def _facts(path: Path, first: int) -> tuple[list[tuple], list[str]]:
    """The findings with rows counted from the first fact row, and the sheets not checked."""
    report = check_file(path)
    findings = [(f.code, f.column, f.row - first, f.message.replace(f"row {f.row} ", "row "))
                for f in report.findings]
    return findings, report.sources[0].skipped


def test_a_large_sheet_gives_the_facts_a_small_one_gives(tmp_path: Path) -> None:
    large, first_large = _book(tmp_path / "large.xlsx", 8000)
    small, first_small = _book(tmp_path / "small.xlsx", 2)
    with zipfile.ZipFile(large) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 1 << 20  # the large-part path
    found, skipped = _facts(large, first_large)
    assert (found, skipped) == _facts(small, first_small)
    codes = {(code, row) for code, _, row, _ in found}
    assert codes == {("enum", 0), ("enum", 1), ("enum", 2), ("maximum", 3), ("formula-not-calculated", 4),
                     ("excel-error", 5)}
    assert any("is hidden" in message for *_, message in found)
    assert len(skipped) == 1 and skipped[0].startswith("sheet 'Lists' holds the lists")
