"""``fix`` on a workbook LibreOffice saved: its own zip layout, cached values, shared strings.

``tests/data/workbooks/saved-by-libreoffice.xlsx`` is the lab workbook of
``test_fix_workbook.py`` opened and saved by LibreOffice Calc 7.4 (``soffice --headless
--convert-to xlsx``): every formula carries the value LibreOffice calculated, text sits
in the shared-strings part, and every zip entry is written with a data descriptor, as
LibreOffice writes them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook
from support import DATA

from validator.cli.main import main

SAVED = DATA / "workbooks" / "saved-by-libreoffice.xlsx"
FIXED = {"A2": "s1", "B2": "Illumina MiSeq", "C2": 52.5, "E2": "2024-12-25", "A4": "R&D <3>",
         "C5": 46.2, "E5": "2024-05-01"}


def _cells(path: Path, data_only: bool) -> dict[tuple[str, str], tuple]:
    book = openpyxl.load_workbook(path, data_only=data_only)
    return {(ws.title, c.coordinate): (c.value, c.data_type, c.number_format, repr(c.font), repr(c.fill))
            for ws in book.worksheets for row in ws.iter_rows() for c in row}


def _grid(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def test_a_libreoffice_workbook_keeps_everything_but_the_fixed_cells(tmp_path, capsys):
    with zipfile.ZipFile(SAVED) as z:
        assert all(i.flag_bits & 0x08 for i in z.infolist())
    out = tmp_path / "fixed.xlsx"
    main(["fix", str(SAVED), "-o", str(out)])
    assert f"{len(FIXED)} changes; wrote" in capsys.readouterr().out
    for data_only in (False, True):
        old, new = _cells(SAVED, data_only), _cells(out, data_only)
        assert old.keys() == new.keys()
        assert {k for k in old if old[k] != new[k]} == {("Samples", ref) for ref in FIXED}
        assert {ref: new["Samples", ref][0] for ref in FIXED} == FIXED
        assert all(new["Samples", ref][2:] == old["Samples", ref][2:] for ref in FIXED)  # styles stay
    assert _cells(out, True)["Samples", "G2"][0] == "s1  ok"  # LibreOffice's cached result
    assert _cells(out, False)["Samples", "G2"][0] == '=A2&" ok"'
    old, new = _grid(SAVED), _grid(out)
    samples = [row[:] for row in old["Samples"]]
    for ref, value in FIXED.items():
        samples[int(ref[1:]) - 1][ord(ref[0]) - 65] = value
    assert new == {**old, "Samples": samples}
    with zipfile.ZipFile(SAVED) as before, zipfile.ZipFile(out) as after:
        assert after.testzip() is None
        assert [n for n in before.namelist() if before.read(n) != after.read(n)] == [
            "xl/worksheets/sheet1.xml"]
