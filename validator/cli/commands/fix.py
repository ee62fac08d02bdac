"""``samplecheck fix IN -o OUT``: write a copy with only the fixes that cannot change meaning."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validator.checks.sheets import prefetch
from validator.cli.commands.output import writable
from validator.output import render
from validator.spec.inputs import XLSX_SUFFIXES


def run(args: argparse.Namespace) -> int:
    workbook = Path(args.file).suffix.lower() in XLSX_SUFFIXES  # the copy keeps the input's format
    out = None if args.dry_run else writable(args.output, [args.file], args.force, workbook)
    prefetch.start([args.file], args.sheet)  # calamine parses the input while the sheet engine loads
    try:
        from validator.editing import fix  # the sheet engine: loaded only when a sheet is fixed

        result = fix.fix(args.file, out, sheet=args.sheet)
    finally:
        prefetch.clear()
    count = len(result.changes)
    if result.remaining is None:
        if result.changes:
            sys.stdout.write(fix.diff(result.changes, args.file, f"{args.file} (fixed)"))
        print(f"{count} change{'s' if count != 1 else ''} to make; nothing written (dry run)")
        return 0
    for change in result.changes:
        print(change.describe())
    print(f"{count} change{'s' if count != 1 else ''}; wrote {out}")
    sys.stdout.write(render(result.remaining, "text"))
    return 0 if result.remaining.valid or args.exit_zero else 1
