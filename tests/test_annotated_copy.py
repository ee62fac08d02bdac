"""The annotated copy: read back with openpyxl, fills, comments, links and frozen headers."""

from __future__ import annotations

import openpyxl
from support import digest, write_xlsx

from validator.editing.annotate import FILLS, annotate
from validator.findings.model import Finding, Report, Severity


def _findings(path: str, sheet: str | None) -> Report:
    where = {"file": path, "sheet": sheet}
    return Report.single([
        Finding.of("enum", '"ONT MinION" is not a platform', row=2, column="platform",
                   field="platform", cell="B2", value="ONT MinION",
                   suggestion="Oxford Nanopore MinION", **where),
        Finding.of("maximum", "100 is greater than 90", row=3, column="lat", field="location_lat",
                   cell="C3", value=100, expected="<= 90", **where),
        Finding("whitespace", "ends with a space", Severity.WARNING, row=3, column="name",
                field="name", cell="A3", value="s2 ", suggestion="s2", **where),
        Finding("no-rows", "file-level finding without a cell", Severity.WARNING, file=path),
    ], path=path)


def _rgb(cell) -> str:
    return cell.fill.fgColor.rgb[-6:]


def test_csv_becomes_an_annotated_workbook(tmp_path):
    src = tmp_path / "lab.csv"
    src.write_text("name,platform,lat\ns1,ONT MinION,45\ns2 ,Illumina MiSeq,100\n", encoding="utf-8")
    before = digest(src)
    out = tmp_path / "annotated.xlsx"
    annotate(src, _findings(str(src), None), out)
    assert digest(src) == before

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Findings", "lab"]
    assert wb.active.title == "Findings"
    data = wb["lab"]
    assert data["B2"].value == "ONT MinION" and data["C3"].value == "100"
    assert _rgb(data["B2"]) == _rgb(data["C3"]) == FILLS[Severity.ERROR].fgColor.rgb[-6:]
    assert _rgb(data["A3"]) == FILLS[Severity.WARNING].fgColor.rgb[-6:]
    assert _rgb(data["A3"]) != _rgb(data["B2"])
    assert data["A2"].fill.fill_type is None  # a clean cell stays as it was
    assert "ONT MinION" in data["B2"].comment.text and "Oxford Nanopore MinION" in data["B2"].comment.text
    assert data["B2"].comment.text.startswith("error: enum:")
    assert data["A3"].comment.text == "warning: whitespace: ends with a space\nsuggestion: s2"
    assert data.freeze_panes == "A2"

    rows = list(wb["Findings"].iter_rows(values_only=True))
    assert rows[0][:3] == ("severity", "code", "cell")
    assert [r[:3] for r in rows[1:]] == [("error", "enum", "lab!B2"), ("error", "maximum", "lab!C3"),
                                         ("warning", "whitespace", "lab!A3"), ("warning", "no-rows", None)]
    links = [wb["Findings"].cell(r, 3).hyperlink for r in range(2, 6)]
    assert [link.location if link else None for link in links] == ["'lab'!B2", "'lab'!C3", "'lab'!A3", None]
    assert wb["Findings"].freeze_panes == "A2"


def test_xlsx_copy_keeps_sheets_and_marks_the_named_sheet(tmp_path):
    src = write_xlsx(tmp_path / "lab.xlsx", {
        "Notes": [["keep"]],
        "Samples": [["title row"], ["name", "platform", "lat"], ["s1", "ONT MinION", 45],
                    ["s2 ", "Illumina MiSeq", "=50*2"]]})
    report = Report.single([
        Finding.of("enum", "not a platform", sheet="Samples", row=3, cell="B3", field="platform"),
        Finding("whitespace", "trailing space", Severity.WARNING, sheet="Samples", row=4, cell="A4"),
    ], path=str(src))
    out = tmp_path / "out.xlsx"
    annotate(src, report, out, header_rows={"Samples": 2})

    back = openpyxl.load_workbook(out)
    assert back.sheetnames == ["Findings", "Notes", "Samples"]
    assert back["Notes"]["A1"].value == "keep"
    assert back["Samples"]["C4"].value == "=50*2"  # formulas survive
    assert back["Samples"].freeze_panes == "A3"    # everything down to the header row
    assert back["Samples"]["B3"].comment.text == "error: enum: not a platform"
    assert back["Samples"]["B2"].comment is None
    links = [back["Findings"].cell(r, 3).hyperlink.location for r in (2, 3)]
    assert links == ["'Samples'!B3", "'Samples'!A4"]


def test_a_findings_sheet_already_in_the_workbook_is_kept(tmp_path):
    src = write_xlsx(tmp_path / "lab.xlsx", {"Findings": [["ours"]]})
    annotate(src, Report.single([], path=str(src)), tmp_path / "out.xlsx")
    back = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert back.sheetnames == ["Findings 2", "Findings"]
    assert back["Findings"]["A1"].value == "ours"
    assert back["Findings 2"].max_row == 1  # the header only: nothing was found
