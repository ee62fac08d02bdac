"""``samplecheck check PATH...``: the pre-upload check of lab spreadsheets.

The sheet engine (pandas, pandera, polars) is imported inside :func:`run`, after
the workbooks named have been handed to :mod:`~validator.checks.sheets.prefetch`:
calamine parses the first one in a thread while the imports run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from validator.checks.sheets import prefetch
from validator.cli.commands.annotate_option import annotate_if_asked
from validator.cli.commands.output import emit, protect, settings
from validator.cli.commands.progress import Bar
from validator.errors import InputError
from validator.findings.model import Finding, Report, Source
from validator.policy import select as policy
from validator.spec.fields import METADATA
from validator.spec.inputs import SUFFIXES

if TYPE_CHECKING:
    from validator.checks.sheets.read import Table
    from validator.policy.config import Settings


def sheets_in(paths: list[str], skipped: list[dict[str, str]] | None = None) -> Iterator[str]:
    """The files named, and the sheets found under each directory named (sorted).

    Files in a directory that are not sheets (a README, .DS_Store, an Office lock
    file ``~$...``) are added to ``skipped`` with the reason.
    """
    for path in paths:
        p = Path(path)
        if not p.is_dir():
            yield path
            continue
        found = []
        for f in sorted(p.rglob("*")):
            if not f.is_file():
                continue
            reason = _not_a_sheet(f)
            if reason is None:
                found.append(str(f))
            elif skipped is not None:
                skipped.append({"path": str(f), "reason": reason})
        if not found:
            raise InputError(f"{path}: directory holds no sheets ({', '.join(SUFFIXES)})")
        yield from found


def _not_a_sheet(f: Path) -> str | None:
    """Why a file found in a directory is not a sheet, or None when it is one."""
    if f.name.startswith("~$"):
        return "an Office lock file"
    if f.name.startswith("."):
        return "a hidden file"
    if f.suffix.lower() not in SUFFIXES:
        return f"not a sheet ({f.suffix or 'no extension'})"
    if f.suffix.lower() == ".txt" and not _names_a_field(f):
        return "a text file with no header naming a metadata field"
    return None


def _names_a_field(f: Path) -> bool:
    """Whether a .txt file found in a directory holds a table (a header naming a field)."""
    from validator.checks.sheets import field_for, read

    try:
        return any(field_for(h) for t in read(f) for h in t.headers)
    except InputError:
        return False


def _unreadable(path: str, error: InputError) -> Source:
    """An input that could not be read: one finding on the file, so the run goes on."""
    message = str(error)
    message = message[len(path) + 2:] if message.startswith(f"{path}: ") else message
    return Source(path, METADATA, findings=[Finding.of("unreadable", message, file=path)])


def run(args: argparse.Namespace) -> int:
    skipped: list[dict[str, str]] = []
    files = list(sheets_in(args.paths, skipped))
    run_settings = settings(args)  # a bad configuration is said before any workbook is read
    try:
        return _check(args, files, skipped, run_settings, prefetch.start(files, args.sheet))
    finally:
        prefetch.clear()


def _warm_up() -> None:
    """Import what checking a sheet imports, and build its schema: while calamine parses on the other core."""
    from validator.checks.sheets.frame import dataframe_schema

    dataframe_schema()


def _check(args: argparse.Namespace, files: list[str], skipped: list[dict[str, str]], run_settings: Settings,
           parsing: bool) -> int:
    from validator.checks.sheets.across import repeated_ids
    from validator.checks.sheets.files import check_source
    from validator.checks.sheets.lab import header_aliases
    from validator.checks.sheets.read import read_sheets
    from validator.checks.sheets.stream import streams

    if parsing:
        _warm_up()
    report = Report(skipped=skipped)
    show = not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")
    read_ok: list[tuple[Table, dict[str, str]]] = []
    for path in files:
        config = run_settings.for_path(path)
        if streams(path, args.sheet, None):  # a large text file or a Parquet file: checked in batches
            try:
                with Bar(path, enabled=show) as bar:
                    report.sources.append(check_source(path, args.sheet, progress=bar.update, config=config,
                                                       max_findings=args.max_findings))
            except InputError as exc:
                report.sources.append(_unreadable(path, exc))
            continue
        try:
            sheets = read_sheets(path, args.sheet)
        except InputError as exc:
            report.sources.append(_unreadable(path, exc))
            continue
        with Bar(path, enabled=show) as bar:
            report.sources.append(check_source(path, args.sheet, progress=bar.update, config=config,
                                               tables=sheets, max_findings=args.max_findings))
        if len(files) > 1:
            read_ok += [(t, header_aliases(config)) for t in sheets.tables]
    if read_ok:
        across = repeated_ids(read_ok)
        by_path = {s.path: s for s in report.sources}
        for finding in across:
            by_path[finding.file].findings.append(finding)
    protect(args, files)  # before the annotated copy or the report is written
    # the annotated copy shows what the configuration reports (the baseline applies to the run only)
    annotate_if_asked(args, files, policy.apply(report, run_settings) if args.annotate else report)
    return emit(report, args, inputs=files)
