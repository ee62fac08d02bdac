"""``check --annotate OUT.xlsx``: writing the annotated copy after a check."""

from __future__ import annotations

import argparse

from validator.cli.commands.output import writable
from validator.errors import InputError
from validator.findings.model import Report


def annotate_if_asked(args: argparse.Namespace, files: list[str], report: Report) -> None:
    if not getattr(args, "annotate", None):
        return
    if len(files) != 1:
        raise InputError("--annotate takes exactly one sheet to check")
    from validator.editing.annotate import annotate  # openpyxl: loaded only when a copy is written
    from validator.editing.workbook import header_rows

    out = writable(args.annotate, files, force=True, workbook=True)
    annotate(files[0], report, out, header_rows(files[0], getattr(args, "sheet", None)))
