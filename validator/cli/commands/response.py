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
from validator.checks.contract.references import METADATA, SAMPLE, check_pair
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
    if args.pair and len(args.files) != 1:
        raise InputError("--pair cross-checks one FILE with the --pair file; name one FILE")
    settings(args)  # so is a bad configuration
    report = Report()
    inputs = [*args.files, *([args.pair] if args.pair else [])]
    for path in inputs:
        report.sources.extend(check_file(path, args.schema, args))
    first, second = report.sources[0], report.sources[-1]
    if args.pair and first.schema and second.schema:  # both read and placed
        pair(first, second, read_json(args.files[0]), read_json(args.pair))
    return emit(report, args, inputs=inputs)


def pair(first: Source, second: Source, one: object, other: object) -> None:
    """Cross-check a sample list and a metadata list (either order), as ``contract.pair`` does:
    the ``reference-mismatch`` findings go to the file they are in. Records that share a
    ``$uri`` are already reported by each list's own check (``conflicting-records``)."""
    kinds = {first.schema: (first, one), second.schema: (second, other)}
    samples, metadata = kinds.get(f"{SAMPLE}-list"), kinds.get(f"{METADATA}-list")
    if samples is None or metadata is None:
        second.findings.append(Finding.of(
            "no-schema", f"--pair needs a sample list and a metadata list; {first.path} is "
            f"{first.schema} and {second.path} is {second.schema}", file=second.path))
        return
    for label, source in (("samples", samples[0]), ("metadata", metadata[0])):
        source.findings.extend(f.at(file=source.path) for f in check_pair(samples[1], metadata[1]).findings
                               if f.file == label and f.code == "reference-mismatch")
