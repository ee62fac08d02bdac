"""Speed of ``samplecheck fix`` against ``samplecheck check`` on the same sheet, in one run.

``fix`` checks the input, writes the fixed copy and checks the copy again, so it costs
at least two checks; the ratio says how much more. Two sheets are generated under
benchmarks/out/ (git-ignored):

- a CSV with 1% of rows holding safe fixes (an alias, a decimal comma, a stray space:
  three changes a broken row);
- an XLSX written as Excel writes one (text in the shared-strings part, a formula column
  with its cached values, a styled header, a dropdown), 11 columns, with one safe fix in
  every 100th row (1,000 changes in 100,000 rows).

Each measurement runs in a fresh process (imports included); each figure is the fastest
of ``--repeat`` runs, check and fix alternating. Usage:

    python benchmarks/bench_fix.py [--rows N] [--only csv|xlsx] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent / "out"
HEADERS = ["name", "external_sample_id", "platform", "location_lat", "location_lon", "date_collected"]

MEASURE = r"""
import contextlib, io, json, sys, time
from validator.cli.main import main
args = sys.argv[1:]
start = time.perf_counter()
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    main(args)
seconds = time.perf_counter() - start
changes = [line for line in buf.getvalue().splitlines() if "; wrote " in line]
print(json.dumps({"seconds": seconds, "changes": changes[0].split()[0] if changes else None}))
"""


def write_sheet(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(rows):
            broken = i % 100 == 0
            out.writerow([f"sample {i}" + (" " if broken else ""), f"LIMS-{i:07d}",
                          "ONT MinION" if broken else "Illumina MiSeq",
                          "45,3" if broken else "45.3", "13.4", "2024-05-01"])
    return path


# -- an XLSX as Excel saves it ------------------------------------------------------------------

XLSX_HEADERS = ["name", "external_sample_id", "platform", "library_type", "sample_type",
                "date_collected", "location_lat", "location_lon", "location_string", "custom.lab_tech",
                "custom.depth_x2"]
PLATFORMS = ["Illumina MiSeq", "Illumina NovaSeq 6000", "Oxford Nanopore MinION", "PacBio Revio"]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _xlsx_rows(n: int) -> list[list[object]]:
    """Typed cells; every 100th row has one value that fix rewrites (space, alias, decimal comma)."""
    out: list[list[object]] = []
    for i in range(n):
        row: list[object] = [f"Sample {i}", f"LIMS-{i:08d}", PLATFORMS[i % 4], "WGS", "Metagenomic",
                             f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", round((i % 180) - 90 + 0.5, 4),
                             round((i % 360) - 180 + 0.25, 4), "Berlin, Germany", "A. Tech"]
        if i % 100 == 7:
            kind = (i // 100) % 3
            if kind == 0:
                row[0] = f" Sample {i} "
            elif kind == 1:
                row[2] = "ONT MinION"
            else:
                row[6] = f"{(i % 180) - 90},5"
        out.append(row)
    return out


def _cell(ref: str, value: object, strings: dict[str, int]) -> str:
    if isinstance(value, str):
        index = strings.setdefault(value, len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def write_xlsx(path: Path, n: int) -> Path:
    """A workbook as Excel writes it: shared strings, a formula column with cached values, styles."""
    strings: dict[str, int] = {}
    letters = [chr(65 + i) for i in range(len(XLSX_HEADERS))]
    sheet = [f'<worksheet xmlns="{_MAIN}" '
             f'xmlns:r="{_REL}"><dimension ref="A1:K{n + 1}"/><sheetViews><sheetView workbookViewId="0">'
             '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>'
             '</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>',
             '<row r="1" spans="1:11">'
             + "".join(_cell(f"{c}1", h, strings).replace("<c ", '<c s="1" ', 1)
                       for c, h in zip(letters, XLSX_HEADERS, strict=True)) + "</row>"]
    for r, row in enumerate(_xlsx_rows(n), 2):
        cells = "".join(_cell(f"{c}{r}", v, strings) for c, v in zip(letters, row, strict=False))
        lat = row[6]
        cached = repr(lat * 2) if isinstance(lat, float) else "#VALUE!"
        kind = "" if isinstance(lat, float) else ' t="e"'
        formula = f'<c r="K{r}"{kind}><f>G{r}*2</f><v>{cached}</v></c>'
        sheet.append(f'<row r="{r}" spans="1:11">{cells}{formula}</row>')
    sheet.append('</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" '
                 f'sqref="C2:C{n + 1}"><formula1>"{",".join(PLATFORMS)}"</formula1></dataValidation>'
                 '</dataValidations><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                 'header="0.3" footer="0.3"/></worksheet>')
    shared = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' if s != s.strip()
                     else f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": '<Types xmlns='
        '"http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.'
        f'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/><Override PartName='
        f'"/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheets><sheet name="Samples" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/>'
        '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/>'
        '<top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
        'applyFont="1"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, _DECL + text)
    return path


def measure(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.splitlines()[-1])


def compare(sheet: Path, fixed: Path, repeat: int) -> tuple[float, float, str | None]:
    """The fastest check and the fastest fix of ``sheet``, alternating; and fix's change count."""
    checks, fixes, changes = [], [], None
    for _ in range(repeat):
        checks.append(measure("check", str(sheet), "-q", "--exit-zero")["seconds"])
        fixed.unlink(missing_ok=True)
        run = measure("fix", str(sheet), "-o", str(fixed), "--exit-zero")
        fixes.append(run["seconds"])
        changes = run["changes"]
    return min(checks), min(fixes), changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=("csv", "xlsx"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for kind in ("csv", "xlsx"):
        if args.only not in (None, kind):
            continue
        sheet = OUT / f"fix-{args.rows}.{kind}"
        if kind == "csv":
            write_sheet(sheet, args.rows)
        elif not sheet.exists():
            write_xlsx(sheet, args.rows)
        check, fix, changes = compare(sheet, OUT / f"fix-{args.rows}-fixed.{kind}", args.repeat)
        print(f"{kind} {args.rows} rows, {changes} changes: check {check:.2f} s, fix {fix:.2f} s, "
              f"fix/check {fix / check:.2f}x", flush=True)


if __name__ == "__main__":
    main()
