"""``samplecheck template -o template.xlsx``: an upload template generated from the schemas."""

from __future__ import annotations

import argparse

from validator.cli.commands.output import writable


def run(args: argparse.Namespace) -> int:
    from validator.editing import template  # openpyxl: loaded only when a template is written

    fmt = args.format or ("csv" if args.output.lower().endswith(".csv") else "xlsx")
    template.columns(args.custom)  # bad --custom specs fail before anything is written
    out = template.write(writable(args.output, [], args.force, fmt == "xlsx"), fmt, args.custom)
    print(f"wrote {out} ({fmt}, schema {template.SCHEMA}, {template.spec_version()})")
    return 0
