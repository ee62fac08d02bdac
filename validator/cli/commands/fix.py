"""``samplecheck fix IN -o OUT``: write a copy with only the fixes that cannot change meaning."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validator.checks.sheets.read import XLSX_SUFFIXES
from validator.cli.commands.output import writable
from validator.output import render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help="write a copy of a sheet with the safe fixes applied",
                       description="Apply only fixes that cannot change meaning (spaces, enum case "
                                   "and documented aliases, decimal commas, unambiguous dates) and "
                                   "write a copy in the input's format. Prints every change, then "
                                   "the findings that remain.")
    p.add_argument("file", metavar="IN", help="CSV, TSV or XLSX sheet (never modified)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="where to write the fixed copy")
    target.add_argument("--dry-run", action="store_true",
                        help="print the changes as a diff and write nothing")
    p.add_argument("--sheet", default=None, help="XLSX: the sheet to fix (default: every data sheet)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when findings at error severity remain")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from validator.editing import fix  # openpyxl: loaded only when a sheet is fixed

    workbook = Path(args.file).suffix.lower() in XLSX_SUFFIXES  # the copy keeps the input's format
    out = None if args.dry_run else writable(args.output, [args.file], args.force, workbook)
    result = fix.fix(args.file, out, sheet=args.sheet)
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
