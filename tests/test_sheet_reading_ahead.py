"""``samplecheck check`` parses workbooks ahead, in a thread, while it imports the sheet engine.

What it finds must not depend on that: a fresh process running the CLI (which reads
ahead) gives, file by file, the findings the library's ``check_file`` gives (which
reads each workbook when it gets to it). A workbook that cannot be read is one clear
``unreadable`` finding, without a traceback, and the files after it are checked.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from support.cli import run_cli, run_process
from support.sheets import write_csv, write_xlsx

from validator import check_file
from validator.checks.sheets import pieces
from validator.checks.sheets.read import read_sheets
from validator.errors import InputError

KEYS = ("code", "sheet", "cell", "severity", "message", "value")
HEADER = ["name", "external_sample_id", "sample_type", "platform", "date_collected", "location_lat"]


def _rows(first: int, n: int) -> list[list[object]]:
    return [HEADER] + [[f"S{first + i}", f"LIMS-{first + i:05d}", "Isolate" if i % 3 else "Isolat",
                        "Illumina MiSeq" if i % 4 else "Illumina Miseq", "2024-03-0" + str(1 + i % 9),
                        "91" if i == 5 else str(i % 80)] for i in range(n)]


def _lab_book(path: Path) -> Path:
    """A LIMS-like workbook: title rows, a merged cell, a formula never calculated, an error value,
    a hidden sheet, and a sheet of dropdown lists."""
    rows = _rows(0, 40)
    rows[3][4] = "=TODAY()"
    rows[7][5] = "#N/A"
    return write_xlsx(path, {"Samples": rows, "Old": _rows(500, 5), "Lists": [["Isolate"], ["Metagenomic"]]},
                      title_rows=[["Sequencing run 42"], []], merged=["Samples!C8:C10"], hidden=["Old"],
                      validations={"Samples!C4:C60": "=Lists!$A$1:$A$2"})


def _by_file(run_json: dict) -> dict[str, list[tuple]]:
    return {source["path"]: [tuple(f.get(k) for k in KEYS) for f in source["findings"]]
            for source in run_json["files"]}


def _library(path: Path, sheet: str | None = None) -> list[tuple]:
    return [tuple(f.to_dict().get(k) for k in KEYS) for f in check_file(path, sheet).findings]


def test_a_fresh_process_finds_what_the_library_finds(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    books = [_lab_book(folder / "a-lab.xlsx"),
             write_xlsx(folder / "b-typed.xlsx", _rows(100, 60), typed=True),
             write_csv(folder / "c.csv", [[str(c) for c in r] for r in _rows(200, 10)]),
             write_xlsx(folder / "d-text.xlsx", _rows(300, 30), text=True)]
    run = run_process("check", folder, "--format", "json")
    assert run.code == 1 and "Traceback" not in run.err, run.err
    found = _by_file(run.json)
    assert set(found) == {str(b) for b in books}
    for book in books:
        assert found[str(book)] == _library(book), book.name
        assert found[str(book)], book.name  # each has findings to compare


def test_one_sheet_and_the_same_workbook_twice(tmp_path: Path) -> None:
    book = _lab_book(tmp_path / "lab.xlsx")
    run = run_process("check", book, book, "--sheet", "Old", "--format", "json")
    assert "Traceback" not in run.err, run.err
    files = run.json["files"]
    assert [f["path"] for f in files] == [str(book), str(book)]
    expected = _library(book, "Old")
    assert expected and all([tuple(f.get(k) for k in KEYS) for f in s["findings"]] == expected for s in files)


def _broken_zip(path: Path) -> Path:
    """A zip archive named .xlsx whose workbook part is not XML."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not xml at all <<<")
    return path


def _truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("make", [_broken_zip, _truncated])
def test_an_unreadable_workbook_is_one_finding_and_the_run_goes_on(tmp_path: Path, make: object) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", _rows(0, 20))
    bad = tmp_path / "bad.xlsx"
    bad = _broken_zip(bad) if make is _broken_zip else _truncated(bad, good)
    with pytest.raises(InputError) as raised:
        read_sheets(bad)
    run = run_process("check", bad, good, "--format", "json")
    assert run.code == 1 and "Traceback" not in run.err, run.err
    found = _by_file(run.json)
    [(code, _, cell, severity, message, _)] = found[str(bad)]
    assert (code, cell, severity) == ("unreadable", None, "error")
    assert message == str(raised.value).removeprefix(f"{bad}: ")
    assert found[str(good)] == _library(good) != []


def test_sheets_parsed_in_pieces_give_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """As on a machine with cores to spare: every sheet part over 1 KB cut in three pieces."""
    books = [_lab_book(tmp_path / "lab.xlsx"),
             write_xlsx(tmp_path / "typed.xlsx", _rows(100, 300), typed=True)]
    expected = {str(b): _library(b) for b in books}
    monkeypatch.setattr(pieces, "PIECES", 3)
    monkeypatch.setattr(pieces, "PIECE_BYTES", 1024)
    for _ in range(3):  # the reader takes the inflated parts while the pieces are parsed
        run = run_cli(capsys, "check", *books, "--format", "json")
        assert _by_file(run.json) == expected
