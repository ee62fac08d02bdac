"""What the checking subcommands share: the run's configuration, the report written, the exit code.

Their options are defined in :mod:`validator.cli.parser`.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import combinations
from pathlib import Path

from validator.errors import InputError
from validator.findings.model import Report
from validator.output import render
from validator.output.text import summary
from validator.policy import baseline
from validator.policy import select as policy
from validator.policy.config import Settings
from validator.spec.inputs import STDIN, XLSX_SUFFIXES


def settings(args: argparse.Namespace) -> Settings:
    """The run's configuration (``--config``, discovery, ``--select``/``--ignore``), made once."""
    if getattr(args, "_settings", None) is None:
        args._settings = Settings(args.config, isolated=args.isolated, select=args.select,
                                  ignore=args.ignore)
    return args._settings


def emit(report: Report, args: argparse.Namespace, inputs: list[str] | None = None) -> int:
    """Apply the configuration, print or write the report; return 1 when it fails the run.

    The run fails on an error (or a warning, with ``fail-on = "warning"``) unless
    ``--exit-zero``; ``--write-baseline`` records the findings and returns 0.
    """
    protect(args, inputs or [])
    run = settings(args)
    known = baseline.Baseline(args.baseline) if args.baseline else None
    report = policy.apply(report, run, known)
    if args.write_baseline:
        count = baseline.write(report, args.write_baseline)
        print(f"samplecheck: recorded {count} finding{'' if count == 1 else 's'} in "
              f"{args.write_baseline}", file=sys.stderr)
    text = render(report, args.format)
    if args.output:
        out = Path(args.output)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        if not args.quiet:
            print(summary(report))
    else:
        sys.stdout.write(text)
    if args.write_baseline or args.exit_zero:
        return 0
    return 1 if policy.failed(report, run) else 0


def _same(a: Path, b: str | Path) -> bool:
    """Whether two paths name one file (also through a symbolic or hard link)."""
    if str(b) == STDIN:
        return False
    try:
        if a.exists() and Path(b).exists():
            return os.path.samefile(a, b)
        return a.resolve() == Path(b).resolve()
    except OSError:
        return False


def protect(args: argparse.Namespace, inputs: list[str]) -> None:
    """Refuse, before anything is written, an output over a file the run reads or another output.

    The run reads its inputs, the configuration files in use and ``--baseline``; it writes
    ``-o``, ``--write-baseline`` and ``--annotate``. Writing over any other existing file is
    allowed: a report, a baseline and an annotated copy are meant to be rewritten.
    """
    read = [*inputs, *settings(args).files, *([args.baseline] if args.baseline else [])]
    targets = [(option, path) for option, path in (
        ("-o", args.output), ("--write-baseline", args.write_baseline),
        ("--annotate", getattr(args, "annotate", None))) if path]
    for _, target in targets:
        if any(_same(Path(target), p) for p in read):
            raise InputError(f"{target}: refusing to write over an input file "
                             "(a checked file, the configuration or the baseline)")
    for (first, a), (second, b) in combinations(targets, 2):
        if _same(Path(a), b):
            raise InputError(f"{a}: {first} and {second} name the same file")


def writable(target: str, inputs: list[str], force: bool = False,
             workbook: bool | None = None) -> Path:
    """``target`` as a path we may write: never an input, never an existing file without force.

    ``workbook`` True requires an .xlsx/.xlsm name, False any other name, so that a file's
    name never hides what it holds.
    """
    out = Path(target)
    if any(_same(out, p) for p in inputs):
        raise InputError(f"{target}: refusing to write over an input file")
    if out.exists() and not force:
        raise InputError(f"{target}: already exists (use --force to replace it)")
    if out.is_dir():
        raise InputError(f"{target}: is a directory")
    if workbook is not None and (out.suffix.lower() in XLSX_SUFFIXES) != workbook:
        raise InputError(f"{target}: the file written is " + (
            "an .xlsx workbook; give a name ending in .xlsx" if workbook else
            "a text sheet, not a workbook; give a name ending in .csv, .tsv or .txt"))
    return out
