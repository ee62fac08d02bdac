"""Speed and memory of ``samplecheck check`` on large sheets, against a bare pandas read.

Generates, under benchmarks/out/ (git-ignored): a 1,000,000-row CSV and a 100,000-row XLSX,
each valid and with 1% of rows broken. Each measurement runs in a fresh process so that peak
memory (``resource.getrusage``, max RSS) belongs to that run alone; the bare read of the same
file is measured in the same run, and the check is reported as rows/s and as a multiple of it.
Usage:

    python benchmarks/bench_sheets.py [--rows N] [--only csv|xlsx] [--repeat N] [--csv-rows N] [--xlsx-rows N]

``--rows N`` is a quick run: N CSV rows and N/10 XLSX rows. Each figure is the fastest of
``--repeat`` runs (3), bare read and check alike.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADERS = ["name", "external_sample_id", "platform", "library_type", "sample_type", "date_collected",
           "location_lat", "location_lon", "location_string", "starred", "custom.lab_tech"]
PLATFORMS = ["Illumina MiSeq", "Illumina NovaSeq 6000", "Oxford Nanopore MinION", "PacBio Revio"]

MEASURE = r"""
import json, resource, sys, time
what, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if what == "check":
    from validator.cli.main import main
    import io, contextlib
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", path, "-q", "--exit-zero", "--format", "json"])
elif path.endswith(".csv"):
    import pandas as pd
    pd.read_csv(path, dtype=str, engine="pyarrow")
else:
    import pandas as pd
    pd.read_excel(path, engine="calamine", dtype=str)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def rows(n: int, broken: bool) -> list[list[str]]:
    out = []
    for i in range(n):
        row = [f"Sample {i}", f"LIMS-{i:08d}", PLATFORMS[i % 4], "WGS", "Metagenomic",
               f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", f"{(i % 180) - 90 + 0.5:.4f}",
               f"{(i % 360) - 180 + 0.25:.4f}", "Berlin, Germany", "true" if i % 2 else "false", "A. Tech"]
        if broken and i % 100 == 7:
            row[2 + i % 3] = ["Illumina Miseq", "16S", "Metagenomics"][i % 3]
            row[6] = "95.5"
        out.append(row)
    return out


def write_csv(path: Path, n: int, broken: bool) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(rows(n, broken))


def write_xlsx(path: Path, n: int, broken: bool) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Samples")
    ws.append(HEADERS)
    for row in rows(n, broken):
        ws.append([float(v) if k in (6, 7) and v.replace(".", "").lstrip("-").isdigit() else v
                   for k, v in enumerate(row)])
    book.save(path)


def measure(what: str, path: Path, repeat: int) -> dict:
    """The fastest of ``repeat`` fresh-process runs (the machine is shared: the minimum is the cost)."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", MEASURE, what, str(path)], capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, help="CSV rows; the XLSX gets a tenth of them")
    parser.add_argument("--only", choices=("csv", "xlsx"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the fastest counts")
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    args = parser.parse_args()
    if args.rows:
        args.csv_rows, args.xlsx_rows = args.rows, max(args.rows // 10, 1)
    OUT.mkdir(exist_ok=True)
    print(f"{'file':28} {'rows':>9} {'read s':>7} {'check s':>8} {'check rows/s':>13} {'x read':>7} "
          f"{'peak MB':>8}")
    for kind, n, writer in (("csv", args.csv_rows, write_csv), ("xlsx", args.xlsx_rows, write_xlsx)):
        if args.only not in (None, kind):
            continue
        for broken in (False, True):
            path = OUT / f"sheet-{n}-{'broken' if broken else 'valid'}.{kind}"
            if not path.exists():
                writer(path, n, broken)
            bare, check = measure("read", path, args.repeat), measure("check", path, args.repeat)
            print(f"{path.name:28} {n:>9,} {bare['seconds']:>7.2f} {check['seconds']:>8.2f} "
                  f"{n / check['seconds']:>13,.0f} {check['seconds'] / bare['seconds']:>7.1f} "
                  f"{check['peak_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
