"""How long ``samplecheck response one.json`` takes, whole process, against ``python -c pass``.

Writes a one-record metadata file in a temporary folder and runs, alternately in
the same run, the ``samplecheck`` console script on it and ``python -c pass``
(the floor any Python command pays). Reports the fastest and the median run of
each and their ratio. ``--compare DIR`` also runs ``python -m validator response
one.json`` from another checkout of samplecheck (its ``validator/`` first on
``PYTHONPATH``), e.g. an older commit exported with ``git archive``, in the same run. Usage:

    python benchmarks/bench_startup.py [--runs N] [--compare DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORD = {"$uri": "/api/v1/metadata/0123456789abcdef", "name": "S1", "platform": "Illumina MiSeq"}


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="a checkout of samplecheck (holding validator/) to time as well")
    args = parser.parse_args()
    other = None
    if args.compare:
        other = {**os.environ, "PYTHONPATH": str(args.compare.resolve())}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "one.json").write_text(json.dumps(RECORD))
        check = [*samplecheck(), "response", "one.json"]
        floor = [sys.executable, "-c", "pass"]
        compared = [sys.executable, "-m", "validator", "response", "one.json"]
        timed(check, folder)  # warm the file system caches and the bytecode
        timed(floor, folder)
        if other:
            timed(compared, folder, other)
        ours, bare, theirs = [], [], []
        for _ in range(args.runs):  # alternate, so that load on the machine hits each alike
            ours.append(timed(check, folder))
            bare.append(timed(floor, folder))
            if other:
                theirs.append(timed(compared, folder, other))
    rows = [("python -c pass", bare), ("samplecheck response one.json", ours)]
    if theirs:
        rows.append((f"the same from {args.compare}", theirs))
    for kind, which in (("wall-clock", 0), ("CPU (user + system)", 1)):
        floor_min = min(t[which] for t in bare)
        floor_median = statistics.median(t[which] for t in bare)
        print(f"start-up {kind}, {args.runs} runs each, alternating (fastest / median)")
        for label, runs in rows:
            times = [t[which] for t in runs]
            fastest, median = min(times), statistics.median(times)
            print(f"  {label + ':':<40} {fastest:.3f} s / {median:.3f} s  "
                  f"({fastest / floor_min:.1f}x / {median / floor_median:.1f}x python -c pass)")


if __name__ == "__main__":
    main()
