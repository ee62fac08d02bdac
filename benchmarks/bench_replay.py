"""``samplecheck replay`` on a large HAR file: time and peak memory, against a bare JSON load.

Writes a HAR file of about ``--mb`` megabytes (Sample Platform pages of about 1 MB each,
a long note in ``meta`` making up the size), then runs, whole process and in the same run,
``samplecheck replay --format json`` on it and ``python -c "json.load(...)"`` of the same
file (what reading a HAR in one piece costs). Reports wall time and peak resident memory
(``ru_maxrss`` of the child) of each. Usage:

    python benchmarks/bench_replay.py [--mb 200]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SP = "https://sampleplatform.ccextractor.org/api/v1/samples"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
HEADERS = [{"name": "Content-Type", "value": "application/json"},
           {"name": "X-RateLimit-Limit", "value": "120"},
           {"name": "X-RateLimit-Remaining", "value": "119"},
           {"name": "X-RateLimit-Reset", "value": "1767225600"}]


def page(n: int) -> str:
    items = [{"sample_id": n * 50 + i + 1, "sha": SHA, "extension": "ts", "original_name": "a.ts",
              "filename": f"{SHA}.ts", "tags": [], "regression_test_count": 1, "active": True}
             for i in range(50)]
    return json.dumps({"data": items, "meta": {"note": "x" * 1_000_000},
                       "pagination": {"limit": 50, "offset": n * 50, "total": 10**7,
                                      "next_offset": n * 50 + 50}})


def write_har(path: Path, entries: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "entries": [')
        for n in range(entries):
            entry = {"request": {"method": "GET", "url": f"{SP}?limit=50&offset={n * 50}",
                                 "headers": []},
                     "response": {"status": 200, "headers": HEADERS,
                                  "content": {"mimeType": "application/json", "text": page(n)}}}
            fh.write(("," if n else "") + json.dumps(entry))
        fh.write("]}}")


PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of ``command``, run under a fresh parent of its own."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, capture_output=True,
                          text=True)
    return time.perf_counter() - start, int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the HAR file (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        har = Path(tmp) / "big.har"
        write_har(har, args.mb)
        size = har.stat().st_size / 1e6
        bare = measured([sys.executable, "-c", f"import json; json.load(open({str(har)!r}))"])
        ours = measured([sys.executable, "-m", "validator", "replay", str(har), "--format", "json",
                         "-o", str(Path(tmp) / "report.json")])
    print(f"HAR of {size:.0f} MB, {args.mb} entries of about 1 MB")
    print(f"  bare json.load of the file:        {bare[0]:6.2f} s  peak {bare[1]:7.0f} MB")
    print(f"  samplecheck replay --format json:  {ours[0]:6.2f} s  peak {ours[1]:7.0f} MB"
          f"  ({ours[1] / bare[1]:.2f}x the memory, {ours[0] / bare[0]:.1f}x the time)")


if __name__ == "__main__":
    main()
