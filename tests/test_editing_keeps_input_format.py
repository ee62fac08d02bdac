"""Opening a sheet for editing and saving it in the input's own format."""

from __future__ import annotations

import openpyxl
import pytest
from support import RED_BOLD, is_red_bold, write_xlsx

from validator.editing.workbook import open_book
from validator.errors import InputError

ROWS = "name;location_lat;notes\r\nZürich 1;47,37;\"a;b\"\r\ns2;=1+1;\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_saved_unchanged_keeps_delimiter_encoding_and_line_ends(tmp_path, encoding):
    src = tmp_path / "in.csv"
    src.write_bytes(ROWS.encode(encoding))
    book = open_book(src)
    assert book.value(None, "B2") == "47,37" and book.value(None, "C2") == "a;b"
    assert book.value(None, "C3") is None and book.value(None, "Z9") is None
    # as a workbook sheet (for --annotate): text stays text, "=1+1" is no formula
    assert book.sheet()["B3"].value == "=1+1" and book.sheet()["B3"].data_type == "s"
    out = tmp_path / "out.csv"
    book.save(out)
    assert out.read_bytes() == src.read_bytes()


def test_csv_edit_changes_only_that_cell(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text("name\tplatform\ns1\tminion\n", encoding="utf-8")
    book = open_book(src)
    book.set(None, "B2", "Oxford Nanopore MinION")
    assert book.sheet()["B2"].value == "Oxford Nanopore MinION"
    book.save(tmp_path / "out.tsv")
    written = (tmp_path / "out.tsv").read_text(encoding="utf-8")
    assert written == "name\tplatform\ns1\tOxford Nanopore MinION\n"
    assert src.read_text(encoding="utf-8") == "name\tplatform\ns1\tminion\n"


def test_xlsx_keeps_other_sheets_formatting_and_formulas(tmp_path):
    src = write_xlsx(tmp_path / "in.xlsx", {"Samples": [["name", "location_lat", "double"],
                                                        ["s1", "45,3", "=B3*2"]],
                                            "Notes": [["keep me"]]}, fonts={"A1": RED_BOLD})
    book = open_book(src)
    book.set("Samples", "B2", 45.3)
    book.save(tmp_path / "out.xlsx")
    back = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert back.sheetnames == ["Samples", "Notes"]
    assert back["Samples"]["B2"].value == 45.3
    assert back["Samples"]["C2"].value == "=B3*2"
    assert is_red_bold(back["Samples"]["A1"])
    assert back["Notes"]["A1"].value == "keep me"


def test_unreadable_inputs_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        open_book(tmp_path / "missing.csv")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a readable XLSX"):
        open_book(bad)
    with pytest.raises(InputError, match="no sheet named"):
        open_book(write_xlsx(tmp_path / "one.xlsx", {"Sheet": []})).sheet("Nope")
