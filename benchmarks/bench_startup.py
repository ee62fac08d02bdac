"""How long ``samplecheck response one.json`` takes, whole process, against ``python -c pass``.

Writes a one-record metadata file in a temporary folder and runs, alternately in
the same run, the ``samplecheck`` console script on it and ``python -c pass``
(the floor any Python command pays). Reports the fastest and the median run of
each and their ratio. Usage:

    python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORD = {"$uri": "/api/v1/metadata/0123456789abcdef", "name": "S1", "platform": "Illumina MiSeq"}


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def samplecheck() -> list[str]:
    """The console script installed beside this interpreter (``python -m validator`` without one)."""
    script = Path(sys.executable).with_name("samplecheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("samplecheck")
    return [found] if found else [sys.executable, "-m", "validator"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "one.json").write_text(json.dumps(RECORD))
        check = [*samplecheck(), "response", "one.json"]
        floor = [sys.executable, "-c", "pass"]
        timed(check, folder)  # warm the file system caches and the bytecode
        timed(floor, folder)
        ours, bare = [], []
        for _ in range(args.runs):  # alternate, so that load on the machine hits both alike
            ours.append(timed(check, folder))
            bare.append(timed(floor, folder))
    print(f"start-up, {args.runs} runs each, alternating (fastest / median)")
    print(f"  python -c pass:                    {min(bare):.3f} s / {statistics.median(bare):.3f} s")
    print(f"  samplecheck response one.json:     {min(ours):.3f} s / {statistics.median(ours):.3f} s")
    print(f"  samplecheck over python -c pass:   {min(ours) / min(bare):.1f}x / "
          f"{statistics.median(ours) / statistics.median(bare):.1f}x")


if __name__ == "__main__":
    main()
