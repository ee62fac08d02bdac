"""Running the CLI, in this process or in a real one, and reading what it printed."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from support.paths import SAMPLECHECK


@dataclass(frozen=True)
class Run:
    """What a run of the CLI gave: its exit code and what it wrote to stdout and stderr."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        """stdout parsed as JSON (run with ``--format json`` or ``sarif``)."""
        return json.loads(self.out)

    @property
    def lines(self) -> list[str]:
        """stdout's lines."""
        return self.out.splitlines()

    # the names subprocess.CompletedProcess gives the same three things
    returncode = property(lambda self: self.code)
    stdout = property(lambda self: self.out)
    stderr = property(lambda self: self.err)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> Run:
    """``samplecheck *argv`` in this process; usage errors (argparse's SystemExit) give their code.

    An exception our code lets escape is not caught: it fails the test with its traceback.
    """
    from validator.cli.main import main

    capsys.readouterr()  # what earlier steps of the test printed is not this run's
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return Run(code, out, err)


def run_process(*argv: object, cwd: Path | str | None = None, input: str | None = None,
                env: dict[str, str] | None = None, script: bool = False) -> Run:
    """``samplecheck *argv`` in a new process (``python -m validator``, or the installed console
    script when ``script``), as a user or CI runs it; a traceback would be on ``err``."""
    command = [SAMPLECHECK] if script else [sys.executable, "-m", "validator"]
    done = subprocess.run([*command, *map(str, argv)], cwd=cwd, input=input, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def found(report: Any, *keys: str) -> list[tuple[Any, ...]]:
    """The findings of a report as tuples of ``keys`` (default: code and cell), in report order.

    ``report`` is a :class:`validator.Report`, the JSON document of ``--format json``, or the
    :class:`Run` that printed it. In the JSON document a key findings lack (``path``, ``schema``)
    is taken from the finding's file entry.
    """
    keys = keys or ("code", "cell")
    if isinstance(report, Run):
        report = report.json
    if isinstance(report, dict):
        return [tuple(f[k] if k in f else source[k] for k in keys)
                for source in report["files"] for f in source["findings"]]
    return report.flatten(*keys)
