"""``samplecheck response FILE.json``: check saved API responses and records."""

from __future__ import annotations

import argparse

from validator.checks import documents
from validator.cli.commands.output import add_output_options, emit, settings
from validator.findings.model import Report
from validator.spec import schemas
from validator.spec.inputs import STDIN, read_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("response", help="check JSON API responses or records against a schema",
                       description="Check JSON documents (API responses, records) against a "
                                   "schema. Use - for standard input.")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON file, or - for standard input")
    p.add_argument("--schema", default="auto",
                   help="schema name (see 'samplecheck schemas list') or auto (default)")
    add_output_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.schema != "auto":
        schemas.load(args.schema)
    run_settings = settings(args)
    report = Report()
    for path in args.files:
        shown = "<stdin>" if path == STDIN else path
        checked = documents.check(read_json(path), args.schema, path=shown,
                                config=run_settings.for_path(shown))
        report.sources.extend(checked.sources)
    return emit(report, args, inputs=args.files)
