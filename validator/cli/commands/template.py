"""``samplecheck template -o template.xlsx``: an upload template generated from the schemas."""

from __future__ import annotations

import argparse

from validator.cli.commands.output import writable
from validator.spec.fields import CUSTOM_TYPES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="write an upload template with dropdowns from the schemas",
                       description="Write an upload template: one column per metadata field, a "
                                   "header comment explaining it, dropdowns for every list, range, "
                                   "length and date checks, and a README sheet.")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="where to write it")
    p.add_argument("--format", choices=("xlsx", "csv"), default=None,
                   help="xlsx (default, unless PATH ends in .csv) or csv (the header row only)")
    p.add_argument("--custom", action="append", default=[], metavar="KEY[:TYPE]",
                   help=f"add a custom.KEY column; TYPE is one of {', '.join(CUSTOM_TYPES)} "
                        "(default text); repeatable")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from validator.editing import template  # openpyxl: loaded only when a template is written

    fmt = args.format or ("csv" if args.output.lower().endswith(".csv") else "xlsx")
    template.columns(args.custom)  # bad --custom specs fail before anything is written
    out = template.write(writable(args.output, [], args.force, fmt == "xlsx"), fmt, args.custom)
    print(f"wrote {out} ({fmt}, schema {template.SCHEMA}, {template.spec_version()})")
    return 0
