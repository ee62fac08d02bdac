"""Output options shared by the checking subcommands, and the exit code they end with."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import InputError
from ..findings import Report
from ..report import RENDERERS, render
from ..report.text import summary


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=list(RENDERERS),
                        default=os.environ.get("SAMPLECHECK_OUTPUT_FORMAT", "text"),
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write the report to PATH; the terminal keeps the text summary")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only the findings and no progress")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when there are findings at error severity")


def emit(report: Report, args: argparse.Namespace, inputs: list[str] | None = None) -> int:
    """Print or write the report; return 1 when it holds errors (unless --exit-zero)."""
    text = render(report, args.format)
    if args.output:
        out = Path(args.output)
        if inputs and any(_same(out, p) for p in inputs):
            raise InputError(f"{args.output}: refusing to write the report over an input file")
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        if not args.quiet:
            print(summary(report))
    else:
        sys.stdout.write(text)
    return 0 if report.valid or args.exit_zero else 1


def _same(a: Path, b: str) -> bool:
    try:
        return b != "-" and a.resolve() == Path(b).resolve()
    except OSError:
        return False


def writable(target: str, inputs: list[str], force: bool = False) -> Path:
    """``target`` as a path we may write: never an input, never an existing file without force."""
    out = Path(target)
    if any(_same(out, p) for p in inputs):
        raise InputError(f"{target}: refusing to write over the input file")
    if out.exists() and not force:
        raise InputError(f"{target}: already exists (use --force to replace it)")
    if out.is_dir():
        raise InputError(f"{target}: is a directory")
    return out
