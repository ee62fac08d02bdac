"""``samplecheck fix``: safe fixes only, the input untouched, the output in the input's format."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import RED_BOLD, SAMPLES, digest, is_red_bold, read_rows, run_process, write_xlsx

from validator import check_file
from validator.cli.main import main
from validator.editing.safe_values import safe_value
from validator.editing.workbook import open_book
from validator.spec import fields

BROKEN = sorted(SAMPLES.glob("broken-*.csv"))
PROPS = fields.fields(fields.METADATA)


def _has_safe_fix(path: Path, finding) -> bool:
    if not finding.cell or finding.row is None:
        return False
    value = open_book(path).value(finding.sheet, finding.cell)
    return bool(safe_value(value, PROPS.get(finding.field or ""))[1])


# the same sheets typed into a workbook (not the two whose point is their CSV encoding or delimiter)
CASES = [(p, "csv") for p in BROKEN] + [(p, "xlsx") for p in BROKEN
                                         if p.stem not in ("broken-cp1252", "broken-one-column")]


def _content(path: Path) -> object:
    """What a file holds: the bytes of a CSV, every cell value of a workbook (not its timestamps)."""
    if path.suffix != ".xlsx":
        return path.read_bytes()
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


@pytest.mark.parametrize(("example", "fmt"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_fix_then_check_leaves_only_findings_without_a_safe_fix(tmp_path, capsys, example, fmt):
    src = example if fmt == "csv" else write_xlsx(tmp_path / f"{example.stem}.xlsx", read_rows(example),
                                                  typed=True)
    before = digest(src)
    out = tmp_path / f"fixed-{src.name}"
    main(["fix", str(src), "-o", str(out)])
    assert digest(src) == before  # the input is never modified
    remaining = check_file(out)
    assert not [f for f in remaining.findings if _has_safe_fix(out, f)]
    assert not {"whitespace", "decimal-comma"} & set(remaining.codes())
    original = check_file(src)
    assert len(remaining) <= len(original)

    again = tmp_path / f"again-{src.name}"
    capsys.readouterr()
    main(["fix", str(out), "-o", str(again)])
    assert capsys.readouterr().out.splitlines()[0].startswith("0 changes")
    assert _content(again) == _content(out)  # fixing twice changes nothing


def test_prints_each_change_then_the_remaining_findings(tmp_path, capsys):
    out = tmp_path / "fixed.csv"
    code = main(["fix", str(SAMPLES / "broken-values.csv"), "-o", str(out)])
    text = capsys.readouterr().out.splitlines()
    assert text[:5] == [
        "C2 platform: 'Illumina Miseq' -> 'Illumina MiSeq' (enum)",
        "D3 library_type: '16S' -> 'Targeted/16S' (enum)",
        "E3 sample_type: 'Metagenomics' -> 'Metagenomic' (enum)",
        "H3 location_lat: '45,3' -> '45.3' (decimal comma)",
        f"4 changes; wrote {out}",
    ]
    assert any(":F4: format" in line for line in text)  # 01/05/2024: day or month first?
    assert code == 1
    fixed = out.read_text(encoding="utf-8").splitlines()
    original = (SAMPLES / "broken-values.csv").read_text(encoding="utf-8").splitlines()
    assert fixed[0] == original[0] and fixed[4] == original[4]  # untouched rows stay as written
    assert "Illumina MiSeq,Targeted/16S,Metagenomic" in fixed[2] and '"45,3"' not in fixed[2]


def test_keeps_delimiter_and_encoding(tmp_path):
    src = SAMPLES / "broken-cp1252.csv"
    out = tmp_path / "fixed.csv"
    main(["fix", str(src), "-o", str(out)])
    raw = out.read_bytes()
    assert "Zürich".encode("cp1252") in raw and b";" in raw.splitlines()[0]
    assert raw == src.read_bytes().replace(b"Illumina Miseq", b"Illumina MiSeq")


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "lab.csv"
    src.write_text("name,platform,collection date\n s1 ,ONT MinION,25/12/2024\n", encoding="utf-8")
    assert main(["fix", str(src), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"--- {src}" in out
    assert "@@ B2 platform (enum) @@\n-ONT MinION\n+Oxford Nanopore MinION" in out
    assert "@@ C2 date_collected (date) @@\n-25/12/2024\n+2024-12-25" in out
    assert "\n- s1 \n+s1\n" in out
    assert out.rstrip().endswith("3 changes to make; nothing written (dry run)")
    assert list(tmp_path.iterdir()) == [src]


def test_refuses_to_write_over_the_input_or_an_existing_file(tmp_path, capsys):
    src = tmp_path / "lab.csv"
    src.write_text("name,platform\ns1,minion\n", encoding="utf-8")
    before = digest(src)
    assert main(["fix", str(src), "-o", str(src)]) == 2
    assert main(["fix", str(src), "-o", str(src), "--force"]) == 2
    assert "over an input" in capsys.readouterr().err
    other = tmp_path / "other.csv"
    other.write_text("keep", encoding="utf-8")
    assert main(["fix", str(src), "-o", str(other)]) == 2
    assert "--force" in capsys.readouterr().err and other.read_text(encoding="utf-8") == "keep"
    assert main(["fix", str(src), "-o", str(other), "--force"]) == 0
    assert other.read_text(encoding="utf-8") == "name,platform\ns1,Oxford Nanopore MinION\n"
    assert digest(src) == before


def test_xlsx_keeps_other_sheets_formatting_and_formulas(tmp_path):
    src = write_xlsx(tmp_path / "lab.xlsx", {
        "Samples": [["name", "platform", "latitude", "longitude", "notes"],
                    ["s1 ", "illumina  miseq", "52,5", 13.4, "=A2&\" ok\""]],
        "Lab notes": [["do not touch"]]}, fonts={"A1": RED_BOLD})
    before = digest(src)
    out = tmp_path / "fixed.xlsx"
    main(["fix", str(src), "-o", str(out)])
    assert digest(src) == before
    back = openpyxl.load_workbook(out)
    assert back.sheetnames == ["Samples", "Lab notes"]
    row = [c.value for c in back["Samples"][2]]
    assert row == ["s1", "Illumina MiSeq", 52.5, 13.4, "=A2&\" ok\""]
    assert is_red_bold(back["Samples"]["A1"])
    assert back["Lab notes"]["A1"].value == "do not touch"
    # openpyxl wrote the input's formula without a value: the copy says so, as the input does
    assert check_file(out).flatten("code", "cell") == [("formula-not-calculated", "E2")]
    assert ("formula-not-calculated", "E2") in check_file(src).flatten("code", "cell")


def test_real_command_line(tmp_path):
    out = tmp_path / "fixed.csv"
    result = run_process("fix", SAMPLES / "broken-rows.csv", "-o", out)
    assert result.code == 0  # duplicate IDs cannot be fixed safely, and remain as warnings
    assert result.out.startswith("A4 name: 'Soil C3 ' -> 'Soil C3' (whitespace)\n")
    assert "duplicate-id" in result.out and result.err == ""


def test_header_cells_are_never_rewritten(tmp_path, capsys):
    src = tmp_path / "lab.csv"
    src.write_text("Run 7\nname,platform, Platform \ns1,minion,x\n", encoding="utf-8")
    assert check_file(src).flatten("code", "cell")[0] == ("duplicate-column", "C2")  # the header
    out = tmp_path / "fixed.csv"
    main(["fix", str(src), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "Run 7\nname,platform, Platform \ns1,Oxford Nanopore MinION,x\n"
