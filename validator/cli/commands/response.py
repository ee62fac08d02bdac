"""``samplecheck response FILE.json``: check saved API responses and records."""

from __future__ import annotations

import argparse

from validator.checks import documents
from validator.cli.commands.output import emit, settings
from validator.findings.model import Report
from validator.spec import schemas
from validator.spec.inputs import STDIN, read_json


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
