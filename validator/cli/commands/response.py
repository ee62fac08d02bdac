"""``samplecheck response FILE.json``: check saved API responses and records.

Every file is checked, whatever happens to the others (as ruff does): a file
that cannot be read gets one ``unreadable`` finding, a document whose schema
cannot be told one ``no-schema`` finding, both at the file's name, and the run
goes on to the next file. Exit 2 is kept for usage errors (an unknown schema
name, an output over an input); ``-o`` is written whenever the run gets that far.
"""

from __future__ import annotations

import argparse

from validator.checks import documents
from validator.cli.commands.output import emit, settings
from validator.errors import InputError
from validator.findings.model import Finding, Report, Source
from validator.spec import schemas
from validator.spec.inputs import STDIN, read_json


def _unreadable(shown: str, why: str) -> Source:
    """A source holding the one finding that says why ``shown`` could not be read."""
    why = why.removeprefix(f"{shown}: ")
    return Source(shown, None, findings=[Finding.of("unreadable", why, file=shown)])


def check_file(path: str, schema: str, args: argparse.Namespace) -> list[Source]:
    """The sources one input gives: its findings, or one finding saying why it was not checked."""
    shown = "<stdin>" if path == STDIN else path
    try:
        document = read_json(path)
    except InputError as exc:
        return [_unreadable(shown, str(exc))]
    return documents.check(document, schema, path=shown,
                           config=settings(args).for_path(shown)).sources


def run(args: argparse.Namespace) -> int:
    if args.schema != "auto":
        schemas.load(args.schema)  # an unknown name is a usage error: exit 2 before any file
    settings(args)  # so is a bad configuration
    report = Report()
    for path in args.files:
        report.sources.extend(check_file(path, args.schema, args))
    return emit(report, args, inputs=args.files)
