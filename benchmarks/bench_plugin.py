"""What the samplecheck pytest plugin adds to a pytest run that does not use it.

Runs ``python -m pytest`` on a tiny test file (one trivial test) in a temporary
folder, alternately with the plugin and with ``-p no:samplecheck``, several runs
each in the same script, and reports the medians and their difference. The
baseline is the run without the plugin. Usage:

    python benchmarks/bench_plugin.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TINY = "def test_nothing():\n    assert 1 + 1 == 2\n"


def run(folder: Path, *extra: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra],
                   cwd=folder, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each variant (default 7)")
    parser.add_argument("--bytecode", action="store_true",
                        help="let Python and pytest cache compiled modules (unset PYTHONDONTWRITEBYTECODE)")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "test_tiny.py").write_text(TINY)
        run(folder, env=env)  # warm the file system caches (and the bytecode, with --bytecode)
        with_plugin, without = [], []
        for _ in range(args.runs):  # alternate, so that load on the machine hits both alike
            with_plugin.append(run(folder, env=env))
            without.append(run(folder, "-p", "no:samplecheck", env=env))
    a, b = statistics.median(with_plugin), statistics.median(without)
    cached = "cached" if "PYTHONDONTWRITEBYTECODE" not in env else "not cached (PYTHONDONTWRITEBYTECODE)"
    print(f"pytest on one trivial test, median of {args.runs} runs each; bytecode {cached}")
    print(f"  without the plugin (-p no:samplecheck): {b:.3f} s")
    print(f"  with the plugin:                        {a:.3f} s")
    print(f"  the plugin adds:                        {a - b:+.3f} s ({a / b:.2f}x the baseline)")


if __name__ == "__main__":
    main()
