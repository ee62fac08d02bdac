"""The template and the annotated copy together with the sheet check: the lab's round trip."""

from __future__ import annotations

import datetime as dt

import openpyxl
from support import SAMPLES, digest, run_process, write_xlsx

from validator import check_file
from validator.cli.main import main
from validator.editing.annotate import FILLS
from validator.findings.model import Severity
from validator.spec import schemas


def test_template_filled_from_its_dropdowns_passes_the_check(tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(out), "--custom", "lab_tech", "--custom", "depth:number"]) == 0
    wb = openpyxl.load_workbook(out)
    ws, lists = wb["Samples"], wb["Lists"]
    headers = [c.value for c in ws[1]]
    dropdowns = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            column = headers[next(iter(dv.sqref.ranges)).min_col - 1]
            cells = dv.formula1.split("!")[1].replace("$", "")
            dropdowns[column] = [c.value for row in lists[cells] for c in row]
    assert set(dropdowns) == {"library_type", "platform", "sample_type", "starred"}
    longest = max(len(v) for v in dropdowns.values())
    for i in range(longest):  # every entry of every dropdown, one per row
        row = i + 2
        for column, values in dropdowns.items():
            ws.cell(row, headers.index(column) + 1, values[i % len(values)])
        ws.cell(row, headers.index("name") + 1, f"sample {i}")
        ws.cell(row, headers.index("external_sample_id") + 1, f"LIMS-{i:04d}")
        ws.cell(row, headers.index("date_collected") + 1, dt.date(2024, 5, 1))
        ws.cell(row, headers.index("location_lat") + 1, -90 + i)
        ws.cell(row, headers.index("location_lon") + 1, 180 - i)
        ws.cell(row, headers.index("custom.lab_tech") + 1, "Linus Pauling")
        ws.cell(row, headers.index("custom.depth") + 1, 1.5 * i)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    capsys.readouterr()
    report = check_file(filled)
    assert report.findings == []
    assert report.summary()["rows"] == longest == len(schemas.enum_values(
        schemas.properties("onecodex/metadata")["platform"]))
    assert report.sources[0].skipped == ["sheet 'README': no header names a metadata field "
                                         "(`--sheet README` checks it)",
                                         "hidden sheet 'Lists' (`--sheet Lists` checks it)"]
    assert main(["check", str(filled)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "All checks passed! (1 file, 45 rows; 2 not checked, listed above)"
    assert out[:2] == [f"{filled}: not checked: {reason}" for reason in report.sources[0].skipped]


def test_check_annotate_writes_the_marked_copy(tmp_path, capsys):
    src = SAMPLES / "broken-rows.csv"
    before = digest(src)
    out = tmp_path / "annotated.xlsx"
    code = main(["check", str(src), "--annotate", str(out)])
    assert code == 0  # warnings only: repeated IDs and a lone coordinate are accepted by the API
    assert digest(src) == before
    report = check_file(src)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Findings", "broken-rows"]
    data = wb["broken-rows"]
    assert data.freeze_panes == "A2"
    for f in report.findings:
        cell = data[f.cell]
        assert f.message in cell.comment.text
        worst = min(g.severity for g in report.findings if g.cell == f.cell)  # "error" < "warning"
        assert cell.fill.fgColor.rgb == FILLS[Severity(worst)].fgColor.rgb
    listed = list(wb["Findings"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in listed] == [
        (str(f.severity), f.code, f"broken-rows!{f.cell}") for f in report.findings]
    assert {"warning"} == {r[0] for r in listed}
    links = [wb["Findings"].cell(r, 3).hyperlink.location for r in range(2, len(listed) + 2)]
    assert links == [f"'broken-rows'!{f.cell}" for f in report.findings]


def test_annotate_refuses_the_input_and_several_files(tmp_path, capsys):
    src = tmp_path / "lab.csv"
    src.write_text("name,platform\ns1,minion\n", encoding="utf-8")
    assert main(["check", str(src), "--annotate", str(src)]) == 2
    assert "over an input" in capsys.readouterr().err
    assert main(["check", str(src), str(src), "--annotate", str(tmp_path / "a.xlsx")]) == 2
    assert "exactly one" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == "name,platform\ns1,minion\n"


def test_annotate_from_the_command_line_on_a_workbook_with_a_title_row(tmp_path):
    src = write_xlsx(tmp_path / "lab.xlsx", {"Run 12": [
        ["Samples sent 2024-05"], ["name", "platform", "latitude", "longitude"],
        ["s1", "ONT MinION", 95, 10]]})
    out = tmp_path / "annotated.xlsx"
    result = run_process("check", src, "--annotate", out)
    assert (result.code, result.err) == (1, ""), result.err
    back = openpyxl.load_workbook(out)
    assert back["Run 12"].freeze_panes == "A3"  # the title row and the header stay in view
    assert "Oxford Nanopore MinION" in back["Run 12"]["B3"].comment.text
    assert back["Run 12"]["C3"].fill.fgColor.rgb == FILLS[Severity.ERROR].fgColor.rgb
    assert back["Findings"]["C2"].hyperlink.location == "'Run 12'!B3"
