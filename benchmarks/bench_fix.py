"""Speed of ``samplecheck fix`` against ``samplecheck check`` on the same sheet, in one run.

``fix`` checks the input, edits a copy through openpyxl and checks the copy again, so it
costs at least two checks; the ratio says how much more. Sheets are generated under
benchmarks/out/ (git-ignored) with 1% of rows holding a safe fix (an alias, a decimal
comma, a stray space). Each measurement runs in a fresh process. Usage:

    python benchmarks/bench_fix.py [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADERS = ["name", "external_sample_id", "platform", "location_lat", "location_lon", "date_collected"]

MEASURE = r"""
import contextlib, io, json, sys, time
from validator.cli.main import main
args = sys.argv[1:]
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    main(args)
print(json.dumps({"seconds": time.perf_counter() - start}))
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


def measure(*args: str) -> float:
    result = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    rows = parser.parse_args().rows
    OUT.mkdir(exist_ok=True)
    sheet = write_sheet(OUT / f"fix-{rows}.csv", rows)
    fixed = OUT / f"fix-{rows}-fixed.csv"
    fixed.unlink(missing_ok=True)
    check = measure("check", str(sheet), "-q", "--exit-zero")
    fix = measure("fix", str(sheet), "-o", str(fixed), "--exit-zero")
    print(f"{rows} rows: check {check:.2f} s, fix {fix:.2f} s, fix/check {fix / check:.1f}x")


if __name__ == "__main__":
    main()
