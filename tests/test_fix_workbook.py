"""``fix`` on a workbook changes only the cells it fixes, inside the workbook's own XML.

The workbooks here are saved as Excel saves them (shared strings, every formula
with its cached value: :func:`support.as_saved_by_excel`), with styles, a data validation,
comments, merged cells, a defined name and a hidden sheet; each round trip is read
back with openpyxl (formulas, and cached values with ``data_only=True``) and with
calamine, as a reader that does not recalculate would.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook
from support import RED_BOLD, as_saved_by_excel, digest, write_xlsx

from validator import check_file
from validator.cli.main import main
from validator.editing.fix import fix
from validator.editing.xlsx_cells import XlsxCells
from validator.errors import InputError

SAMPLES = "xl/worksheets/sheet1.xml"
# what fix must write into the cells it fixes, with the type each must have
FIXED = {
    ("Samples", "A2"): "s1",
    ("Samples", "B2"): "Illumina MiSeq",
    ("Samples", "C2"): 52.5,
    ("Samples", "E2"): "2024-12-25",
    ("Samples", "A4"): "R&D <3>",
    ("Samples", "C5"): 46.2,
    ("Samples", "E5"): "2024-05-01",
}


def _lab_workbook(path: Path) -> Path:
    """A sample sheet as a lab keeps it: formulas, styles, a dropdown, comments; notes and lists beside."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(["name", "platform", "location_lat", "location_lon", "date_collected", "external_sample_id",
               "notes", "custom.depth"])
    ws.append(["s1 ", "illumina  miseq", "52,5", 13.4, "25.12.2024", "LIMS-001", '=A2&" ok"', "=D2*2"])
    ws.append(["s2", '=LOWER("ILLUMINA MISEQ")', 45.1, 13.5, "2024-05-01", "LIMS-002", '=A3&" ok"', "=1/0"])
    ws.append(["  R&D <3>", "Oxford Nanopore MinION", 47.37, 8.5, dt.datetime(2024, 5, 2), "LIMS-003",
               "plain text", 5])
    ws.append(["s4", "Illumina MiSeq", " 46,2 ", 7.1, "1 May 2024", "LIMS-004", True, "=SUM(D2:D4)"])
    ws["A1"].font = RED_BOLD
    ws["B2"].font = Font(italic=True)
    ws["C2"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["C2"].number_format = "0.00"
    ws["E4"].number_format = "yyyy-mm-dd"
    ws["B2"].comment = Comment("checked by A.", "A. Tech")
    ws["A1"].comment = Comment("one row per sample", "PI")
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 30
    platforms = DataValidation(type="list", formula1="Platforms", allow_blank=True)
    ws.add_data_validation(platforms)
    platforms.add("B2:B500")
    notes = book.create_sheet("Lab notes")
    notes.append(["Run notes for the spring batch"])
    notes.append(["keep the freezer at -80", "=1+1"])
    notes.merge_cells("A1:C1")
    lists = book.create_sheet("Lists")
    for value in ("Illumina MiSeq", "Oxford Nanopore MinION", "PacBio Revio"):
        lists.append([value])
    lists.sheet_state = "hidden"
    book.defined_names["Platforms"] = DefinedName("Platforms", attr_text="Lists!$A$1:$A$3")
    book.save(path)
    return as_saved_by_excel(path, {
        "Samples": {"G2": "s1  ok", "H2": 26.8, "B3": "illumina miseq", "G3": "s2 ok", "H3": "#DIV/0!",
                    "H5": 34.0},
        "Lab notes": {"B2": 2},
    })


def _openpyxl(path: Path, data_only: bool) -> dict[tuple[str, str], tuple]:
    book = openpyxl.load_workbook(path, data_only=data_only)
    return {(ws.title, c.coordinate): (c.value, c.data_type, c.number_format, c.comment and c.comment.text,
                                       *map(repr, (c.font, c.fill, c.border, c.alignment, c.protection)))
            for ws in book.worksheets for row in ws.iter_rows() for c in row}


def _calamine(path: Path) -> dict[tuple[str, str], object]:
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in book.sheet_names:
        for r, row in enumerate(book.get_sheet_by_name(name).to_python(skip_empty_area=False), 1):
            for c, value in enumerate(row):
                if value != "":
                    out[name, f"{chr(65 + c)}{r}"] = value
    return out


def _without(xml: bytes, refs: list[str]) -> bytes:
    """The worksheet XML with the given cells' elements taken out."""
    return re.sub(rb'<c r="(%s)"[^>]*?(/>|>.*?</c>)' % "|".join(refs).encode(), b"", xml, flags=re.S)


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    return _lab_workbook(tmp_path / "lab.xlsx")


def test_round_trip_changes_only_the_fixed_cells(tmp_path, lab, capsys):
    before = digest(lab)
    out = tmp_path / "fixed.xlsx"
    main(["fix", str(lab), "-o", str(out)])
    printed = capsys.readouterr().out
    assert digest(lab) == before  # the input is only read
    assert f"{len(FIXED)} changes; wrote {out}" in printed
    assert "B3" not in printed.split("changes; wrote")[0]  # a formula is never rewritten, whatever it shows

    for data_only in (False, True):
        old, new = _openpyxl(lab, data_only), _openpyxl(out, data_only)
        assert old.keys() == new.keys()
        changed = {k for k in old if old[k] != new[k]}
        assert changed == set(FIXED), data_only
        for key, value in FIXED.items():
            assert new[key][0] == value and type(new[key][0]) is type(value)
            assert new[key][1] == ("n" if isinstance(value, float) else "s")
            assert new[key][2:] == old[key][2:]  # style and comment stay
    cached = _openpyxl(out, True)
    assert cached["Samples", "G2"][0] == "s1  ok" and cached["Samples", "H2"][0] == 26.8
    assert cached["Samples", "B3"][0] == "illumina miseq" and cached["Samples", "H3"][0] == "#DIV/0!"
    formulas = _openpyxl(out, False)
    assert formulas["Samples", "B3"][0] == '=LOWER("ILLUMINA MISEQ")'
    assert formulas["Samples", "H5"][0] == "=SUM(D2:D4)"

    old, new = _calamine(lab), _calamine(out)
    assert old.keys() == new.keys()
    assert {k for k in old if old[k] != new[k]} == set(FIXED)
    assert all(new[k] == v for k, v in FIXED.items())
    assert new["Samples", "G3"] == "s2 ok" and new["Samples", "E4"] == dt.date(2024, 5, 2)


def test_every_other_part_and_byte_is_kept(tmp_path, lab):
    out = tmp_path / "fixed.xlsx"
    result = fix(lab, out)  # the public function behind `samplecheck fix`
    assert {(c.sheet, c.cell): c.after for c in result.changes} == FIXED
    with zipfile.ZipFile(lab) as old, zipfile.ZipFile(out) as new:
        assert old.namelist() == new.namelist()
        for info in old.infolist():
            if info.filename != SAMPLES:
                assert new.read(info.filename) == old.read(info.filename), info.filename
                assert new.getinfo(info.filename).date_time == info.date_time
        refs = [ref for _, ref in FIXED]
        assert _without(new.read(SAMPLES), refs) == _without(old.read(SAMPLES), refs)
        assert b't="inlineStr"' in new.read(SAMPLES) and new.testzip() is None

    back = openpyxl.load_workbook(out)
    assert back.sheetnames == ["Samples", "Lab notes", "Lists"]
    assert back["Lists"].sheet_state == "hidden"
    assert [str(r) for r in back["Lab notes"].merged_cells.ranges] == ["A1:C1"]
    assert [str(v.sqref) for v in back["Samples"].data_validations.dataValidation] == ["B2:B500"]
    assert back.defined_names["Platforms"].attr_text == "Lists!$A$1:$A$3"
    assert back["Samples"].freeze_panes == "A2" and back["Samples"].column_dimensions["A"].width == 30
    assert result.remaining is not None
    assert not {("Samples", c) for c in ("A2", "B2", "C2", "E2", "C5", "E5")} & {
        (f.sheet, f.cell) for f in result.remaining.findings}
    assert result.remaining.flatten("code", "cell") == check_file(out).flatten("code", "cell")


def test_a_workbook_with_nothing_to_fix_is_copied_byte_for_byte(tmp_path):
    src = as_saved_by_excel(_plain(tmp_path / "clean.xlsx"), {"Samples": {"C2": "s1 ok"}})
    out = tmp_path / "copy.xlsx"
    assert main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()


def _plain(path: Path) -> Path:
    return write_xlsx(path, [["name", "platform", "notes"], ["s1", "Illumina MiSeq", '=A2&" ok"']])


def test_dry_run_on_a_workbook_prints_the_diff_and_writes_nothing(tmp_path, lab, capsys):
    assert main(["fix", str(lab), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "@@ Samples!C2 location_lat (decimal comma) @@\n-52,5\n+52.5" in out
    assert "@@ Samples!A4 name (whitespace) @@\n-  R&D <3>\n+R&D <3>" in out
    assert out.rstrip().endswith(f"{len(FIXED)} changes to make; nothing written (dry run)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.xlsx"]


def _rewritten(src: Path, dst: Path, change) -> Path:
    """A copy of ``src`` whose worksheet XML has gone through ``change`` (as other writers write it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename.startswith("xl/worksheets/sheet") else data)
    return dst


def _no_row_numbers(xml: bytes) -> bytes:
    """Rows and cells without ``r`` attributes: their place is their order (the schema allows it)."""
    return re.sub(rb'(<(?:row|c)) r="[A-Z]*[0-9]+"', rb"\1", xml)


def _prefixed(xml: bytes) -> bytes:
    """The main namespace on an ``x:`` prefix, as some .NET writers save it."""
    xml = re.sub(rb"<(/?)(?!\?)([A-Za-z])", rb"<\1x:\2", xml)
    return xml.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=", 1)


@pytest.mark.parametrize("change", [_no_row_numbers, _prefixed], ids=["no-r", "prefixed"])
def test_sheets_written_other_ways_are_edited_in_place(tmp_path, lab, change):
    src = _rewritten(lab, tmp_path / "other.xlsx", change)
    with XlsxCells(src) as book:
        assert book.value("Samples", "B2") == "illumina  miseq" and book.value("Samples", "C4") == 47.37
        assert book.value("Samples", "B3") is None  # a formula: never an edit target
        book.set("Samples", "B2", "Illumina MiSeq")
        book.set("Samples", "C2", 52.5)
        book.save(tmp_path / "out.xlsx")
    old, new = _openpyxl(src, True), _openpyxl(tmp_path / "out.xlsx", True)
    assert {k for k in old if old[k] != new[k]} == {("Samples", "B2"), ("Samples", "C2")}
    assert new["Samples", "B2"][0] == "Illumina MiSeq" and new["Samples", "C2"][0] == 52.5
    assert new["Samples", "G2"][0] == "s1  ok"


def test_text_that_xml_or_excel_would_read_otherwise_is_escaped(tmp_path, lab):
    texts = {"A2": "a & b < c > d", "A3": "  edges  ", "A4": "tab\tand_x0041_", "A5": "line\r\nbreak"}
    with XlsxCells(lab) as book:
        for ref, text in texts.items():
            book.set("Samples", ref, text)
        book.save(tmp_path / "out.xlsx")
    back = openpyxl.load_workbook(tmp_path / "out.xlsx")["Samples"]
    calamine = _calamine(tmp_path / "out.xlsx")
    for ref, text in texts.items():
        assert calamine["Samples", ref] == text, ref
        if ref != "A4":  # openpyxl leaves Excel's _xHHHH_ escapes as they are written
            assert back[ref].value == text, ref
    with XlsxCells(tmp_path / "out.xlsx") as book:
        assert book.values([("Samples", r) for r in texts]) == {("Samples", r): t for r, t in texts.items()}


def test_the_input_is_never_written_over(tmp_path, lab):
    before = digest(lab)
    with pytest.raises(InputError, match="refusing to write over"):
        fix(lab, lab)
    assert digest(lab) == before


def test_unreadable_workbooks_are_one_line_errors(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["fix", str(bad), "-o", str(tmp_path / "out.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.xlsx" in err and "Traceback" not in err
    assert not (tmp_path / "out.xlsx").exists()


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes data descriptors, as streaming writers do."""

    def __init__(self, fh: io.BufferedWriter) -> None:
        self.fh = fh

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        return self.fh.write(data)


def test_parts_with_data_descriptors_are_copied_as_stored(tmp_path, lab):
    streamed = tmp_path / "streamed.xlsx"
    with zipfile.ZipFile(lab) as zin, streamed.open("wb") as raw, \
            zipfile.ZipFile(_Unseekable(raw), "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            with zout.open(info.filename, "w") as part:
                part.write(zin.read(info))
    with zipfile.ZipFile(streamed) as z:
        assert all(i.flag_bits & 0x08 for i in z.infolist())  # sizes after the data
    out = tmp_path / "fixed.xlsx"
    assert {(c.sheet, c.cell): c.after for c in fix(streamed, out).changes} == FIXED
    with zipfile.ZipFile(streamed) as old, zipfile.ZipFile(out) as new:
        assert new.testzip() is None
        assert [n for n in old.namelist() if old.read(n) != new.read(n)] == [SAMPLES]
    assert _calamine(out) == {**_calamine(lab), **FIXED}


def test_a_merged_range_is_fixed_once_at_its_first_cell(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Samples"
    ws.append(["name", "platform", "location_lat", "location_lon"])
    for name in ("s1", "s2", "s3"):
        ws.append([name, "illumina  miseq" if name == "s1" else None, 45.1, 13.4])
    ws.merge_cells("B2:B4")  # one platform for three samples, as labs merge it
    src = tmp_path / "merged.xlsx"
    book.save(src)
    assert [f.cell for f in check_file(src).findings if f.code == "enum"] == ["B2", "B3", "B4"]
    out = tmp_path / "fixed.xlsx"
    result = fix(src, out)
    assert [(c.cell, c.after) for c in result.changes] == [("B2", "Illumina MiSeq")]
    assert result.remaining is not None and not result.remaining.findings
    back = openpyxl.load_workbook(out)["Samples"]
    assert [str(r) for r in back.merged_cells.ranges] == ["B2:B4"]
    assert [back[f"B{r}"].value for r in (2, 3, 4)] == ["Illumina MiSeq", None, None]


def test_a_sheet_on_a_namespace_prefix_is_checked_as_the_same_sheet_unprefixed(tmp_path, lab):
    """Error values and formulas are read from the XML whichever form its tags take."""
    src = _rewritten(lab, tmp_path / "prefixed.xlsx", _prefixed)
    found = check_file(src).flatten("code", "cell", "value")
    assert ("H3", "#DIV/0!") in [(cell, value) for _, cell, value in found]  # read from the XML
    assert found == check_file(lab).flatten("code", "cell", "value")
