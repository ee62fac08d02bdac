"""Speed and memory of ``samplecheck check`` on large sheets, against a bare read of the same file.

Generates, under benchmarks/out/ (git-ignored), sheets of 16 columns (the header of issue 12:
``name,external_sample_id,sample_type,library_type,platform,date_collected,date_sequenced,
location_lat,location_lon,location_string,description,starred,custom.lab_tech,custom.run,
custom.kit,custom.depth``) in which every 100th platform is ``Illumina Miseq`` (1% of rows, one
error each):

- ``csv``: a 1,000,000-row CSV (speed; the bare read is ``pandas.read_csv(dtype=str, engine="pyarrow")``);
- ``big``: a 5,000,000-row CSV (memory; the same bare read);
- ``xlsx``: a 100,000-row XLSX (the bare read is ``pandas.read_excel(engine="calamine", dtype=str)``);
- ``parquet``: the 1,000,000 rows as Parquet (the bare read is ``pandas.read_parquet``).

Each measurement runs in a fresh process, whole process (imports included), so that peak memory
(``resource.getrusage``, max RSS) belongs to that run alone; the bare read of the same file is
measured in the same run and the check is reported as rows/s and as a multiple of it. Usage:

    python benchmarks/bench_sheets.py [--only csv,big,xlsx,parquet] [--repeat N] [--rows N]

Each figure is the fastest of ``--repeat`` runs (3; the machine is shared, so the minimum is the
cost); peak memory is the largest. ``--rows N`` is a quick run: N rows for every file, N/10 for
the XLSX.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADERS = ["name", "external_sample_id", "sample_type", "library_type", "platform", "date_collected",
           "date_sequenced", "location_lat", "location_lon", "location_string", "description", "starred",
           "custom.lab_tech", "custom.run", "custom.kit", "custom.depth"]
PLATFORMS = ["Illumina MiSeq", "Illumina NovaSeq 6000", "Oxford Nanopore MinION", "PacBio Revio"]
SAMPLE_TYPES = ["Metagenomic", "Isolate", "Other"]
LIBRARY_TYPES = ["WGS", "Targeted/16S", "Other"]
PLACES = ["Berlin, Germany", "Boston, MA", "Lagos, Nigeria", "Lima, Peru", "Osaka, Japan"]
TECHS = ["A. Tech", "B. Tech", "C. Tech"]
KITS = ["Nextera XT", "TruSeq", "Ligation SQK-LSK114"]

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
elif path.endswith(".parquet"):
    import pandas as pd
    pd.read_parquet(path)
else:
    import pandas as pd
    pd.read_excel(path, engine="calamine", dtype=str)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def rows(n: int) -> Iterator[list[object]]:
    """The rows of the issue's sheet: valid but for every 100th platform (``Illumina Miseq``)."""
    for i in range(n):
        platform = "Illumina Miseq" if i % 100 == 99 else PLATFORMS[i % 4]
        yield [f"Sample {i}", f"LIMS-{i:08d}", SAMPLE_TYPES[i % 3], LIBRARY_TYPES[i % 3], platform,
               f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", f"2024-{1 + (i + 3) % 12:02d}-{1 + i % 28:02d}",
               round((i % 180) - 90 + 0.5, 4), round((i % 360) - 180 + 0.25, 4), PLACES[i % 5],
               "stool sample, frozen" if i % 7 else "", "true" if i % 2 else "false", TECHS[i % 3],
               f"RUN-{i // 1000:05d}", KITS[i % 3], (i % 50) * 1000 + 500]


def write_csv(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(rows(n))


def write_xlsx(path: Path, n: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Samples")
    ws.append(HEADERS)
    for row in rows(n):
        ws.append(row)
    book.save(path)


def write_parquet(path: Path, n: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(zip(*rows(n), strict=True))
    table = pa.table({h: pa.array([None if v == "" else str(v) for v in col], pa.string())
                      for h, col in zip(HEADERS, columns, strict=True)})
    pq.write_table(table, path)


def measure(what: str, path: Path, repeat: int) -> dict:
    """The fastest of ``repeat`` fresh-process runs, with the largest peak memory of them."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", MEASURE, what, str(path)], capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return {"seconds": min(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="csv,big,xlsx,parquet",
                        help="comma-separated: csv (1M rows), big (5M), xlsx (100k), parquet (1M)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the fastest counts")
    parser.add_argument("--rows", type=int, help="a quick run: N rows a file, N/10 for the XLSX")
    parser.add_argument("--write", nargs=3, metavar=("KIND", "ROWS", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    files = {"csv": (1_000_000, "csv", write_csv), "big": (5_000_000, "csv", write_csv),
             "xlsx": (100_000, "xlsx", write_xlsx), "parquet": (1_000_000, "parquet", write_parquet)}
    if args.write:
        kind, n, path = args.write
        files[kind][2](Path(path), int(n))
        return
    OUT.mkdir(exist_ok=True)
    print(f"{'file':30} {'rows':>10} {'read s':>7} {'read MB':>8} {'check s':>8} {'rows/s':>10} "
          f"{'x read':>7} {'check MB':>9}")
    for name in args.only.split(","):
        n, suffix, _ = files[name]
        if args.rows:
            n = max(args.rows // 10, 1) if name == "xlsx" else args.rows * (5 if name == "big" else 1)
        path = OUT / f"issue12-{n}.{suffix}"
        if not path.exists():  # in a process of its own: a child forked from a large parent reports its peak
            subprocess.run([sys.executable, __file__, "--write", name, str(n), str(path)], check=True)
        bare, check = measure("read", path, args.repeat), measure("check", path, args.repeat)
        print(f"{path.name:30} {n:>10,} {bare['seconds']:>7.2f} {bare['peak_mb']:>8.0f} "
              f"{check['seconds']:>8.2f} {n / check['seconds']:>10,.0f} "
              f"{check['seconds'] / bare['seconds']:>7.2f} {check['peak_mb']:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
