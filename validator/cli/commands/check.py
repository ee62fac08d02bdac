"""``samplecheck check PATH...``: the pre-upload check of lab spreadsheets."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from validator.checks.sheets import SUFFIXES, check_source
from validator.cli.commands.annotate_option import annotate_if_asked
from validator.cli.commands.output import emit, protect, settings
from validator.cli.commands.progress import Bar
from validator.errors import InputError
from validator.findings.model import Report
from validator.policy import select as policy


def sheets_in(paths: list[str]) -> Iterator[str]:
    """The files named, and the sheets found under each directory named (sorted)."""
    for path in paths:
        p = Path(path)
        if not p.is_dir():
            yield path
            continue
        found = sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                       and not f.name.startswith(("~$", ".")))
        if not found:
            raise InputError(f"{path}: directory holds no sheets ({', '.join(SUFFIXES)})")
        yield from found


def run(args: argparse.Namespace) -> int:
    files = list(sheets_in(args.paths))
    report = Report()
    show = not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")
    run_settings = settings(args)
    for path in files:
        config = run_settings.for_path(path)
        with Bar(path, enabled=show) as bar:
            report.sources.append(check_source(path, args.sheet, progress=bar.update, config=config,
                                               max_findings=args.max_findings))
    protect(args, files)  # before the annotated copy or the report is written
    # the annotated copy shows what the configuration reports (the baseline applies to the run only)
    annotate_if_asked(args, files, policy.apply(report, run_settings) if args.annotate else report)
    return emit(report, args, inputs=files)
