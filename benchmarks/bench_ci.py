"""Cost of the CI layer (configuration, baseline, CI formats), as ratios to a plain check.

In one process, on a generated metadata list (default 20,000 records, 1% broken), each
measurement is the best of ``--repeat`` runs:

- check: ``validator.check(doc)`` alone (the reference, 1.00);
- check + config: the same with a configuration that requires fields and custom keys,
  then select/ignore/severity/per-file-ignores applied by ``policy.apply``;
- check + baseline: the same with a baseline of every current finding applied (the file is
  re-read to hash each finding's record);
- the same three on a CSV sheet of as many rows (``check_file``), against its own plain check;
- each renderer against ``text``.

Usage: python benchmarks/bench_ci.py [--records N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from validator import check, check_file
from validator.output import RENDERERS
from validator.policy import select as policy
from validator.policy.baseline import Baseline, write
from validator.policy.config import Settings

CONFIG = """
select = ["enum", "maximum", "required", "type", "format", "unknown-field"]
fail-on = "warning"
required = ["external_sample_id", "date_collected"]
[severity]
unknown-field = "error"
[custom.amplicon_scheme]
type = "string"
values = ["V3-V4", "V4"]
[per-file-ignores]
"old/*.json" = ["enum"]
"""


def records(n: int) -> list[dict]:
    out = []
    for i in range(n):
        rec = {"$uri": f"/api/v1/metadata/{i:016x}", "custom": {"amplicon_scheme": "V4", "run": i},
               "date_collected": "2024-05-01T10:00:00Z", "external_sample_id": f"LIMS-{i}",
               "location_lat": 52.2, "platform": "Illumina MiSeq", "starred": False,
               "updated_at": "2025-10-02T11:15:00+00:00", "sample": {"$ref": f"/api/v1/samples/{i:016x}"}}
        if i % 100 == 7:
            rec.update(platform="illumina miseq", location_lat=95)
            rec["custom"]["amplicon_scheme"] = "v3v4"
        out.append(rec)
    return out


def write_sheet(path: Path, doc: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "external_sample_id", "platform", "date_collected", "location_lat",
                      "location_lon", "custom.amplicon_scheme"])
        for i, rec in enumerate(doc):
            out.writerow([f"S{i}", rec["external_sample_id"], rec["platform"], "2024-05-01",
                          rec["location_lat"], 13.4, rec["custom"]["amplicon_scheme"]])


def best(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "metadata.json"
        doc = records(args.records)
        path.write_text(json.dumps(doc), encoding="utf-8")
        (folder / "samplecheck.toml").write_text(CONFIG, encoding="utf-8")
        settings, plain = Settings(), Settings(isolated=True)
        config = settings.for_path(str(path))
        report = check(doc, path=str(path))
        write(report, folder / "baseline.json")
        known = Baseline(folder / "baseline.json")

        ref = best(lambda: check(doc, path=str(path)), args.repeat)
        rows = {
            "check": ref,
            "check + config": best(lambda: policy.apply(check(doc, path=str(path), config=config), settings),
                                   args.repeat),
            "check + baseline": best(lambda: policy.apply(check(doc, path=str(path)), plain, known),
                                     args.repeat),
        }
        print(f"{args.records} records, {len(report)} findings; best of {args.repeat}")
        for name, seconds in rows.items():
            print(f"  {name:<18} {seconds * 1000:8.1f} ms  {seconds / ref:5.2f}x check")

        sheet = folder / "sheet.csv"
        write_sheet(sheet, doc)
        sheet_report = check_file(sheet)
        write(sheet_report, folder / "sheet-baseline.json")
        sheet_known = Baseline(folder / "sheet-baseline.json")
        ref = best(lambda: check_file(sheet), args.repeat)
        rows = {
            "sheet check": ref,
            "sheet + config": best(lambda: policy.apply(check_file(sheet, config=config), settings),
                                   args.repeat),
            "sheet + baseline": best(lambda: policy.apply(check_file(sheet), plain, sheet_known),
                                     args.repeat),
        }
        print(f"{args.records}-row CSV, {len(sheet_report)} findings")
        for name, seconds in rows.items():
            print(f"  {name:<18} {seconds * 1000:8.1f} ms  {seconds / ref:5.2f}x sheet check")
        text = best(lambda: RENDERERS["text"](report), args.repeat)
        for name, render in RENDERERS.items():
            seconds = best(lambda r=render: r(report), args.repeat)
            print(f"  render {name:<11} {seconds * 1000:8.1f} ms  {seconds / text:5.2f}x text")


if __name__ == "__main__":
    main()
