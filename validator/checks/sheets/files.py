"""``check_file``: every finding for a lab spreadsheet file (CSV, TSV, XLSX or Parquet).

A large text file, and any Parquet file, is checked in batches (:mod:`.stream`);
what the batch reader cannot take is read whole (:mod:`.read`, :mod:`.frames`)
and checked sheet by sheet (:func:`.check.check_table`). Either way, findings
past a cap per code are counted, not held.
"""

from __future__ import annotations

from pathlib import Path

from validator.checks.sheets import frame, frames, stream
from validator.checks.sheets.check import Held, Progress, check_table
from validator.checks.sheets.read import PARQUET_SUFFIXES, Sheets, Table, read_sheets
from validator.findings.model import MAX_FINDINGS, Report, Source
from validator.spec.lab import LabSpec


def check_file(path: str | Path, sheet: str | None = None, *,
               progress: Progress | None = None, config: LabSpec | None = None,
               max_findings: int = MAX_FINDINGS) -> Report:
    """Check one CSV, TSV, XLSX or Parquet file (XLSX: every sheet with a header, or ``sheet``).

    A ``config`` adds its lab rules (required fields, custom keys, header aliases).
    Past ``max_findings`` findings of one code, the rest are counted in the source's
    ``not_held``, not held.
    """
    return Report([check_source(path, sheet, progress=progress, config=config, max_findings=max_findings)])


def check_source(path: str | Path, sheet: str | None = None, *,
                 progress: Progress | None = None, config: LabSpec | None = None,
                 max_findings: int = MAX_FINDINGS, batch_bytes: int | None = None,
                 tables: Sheets | list[Table] | None = None) -> Source:
    """One file's findings; a large text or Parquet file (or any, given ``batch_bytes``) in batches.

    ``tables``: the file as :func:`.read_sheets` (or :func:`.read`) gave it, when already read.
    """
    frame.warm()  # the column checks' imports, beside the parse of a large file's first batch
    if tables is None and stream.streams(path, sheet, batch_bytes):
        source = stream.check_stream(path, progress=progress, config=config, max_findings=max_findings,
                                     batch_bytes=batch_bytes)
        if source is not None:
            return source
    if tables is None:
        p = Path(path)
        parquet = p.suffix.lower() in PARQUET_SUFFIXES and sheet is None and p.is_file()
        tables = Sheets([frames.read_parquet(p)]) if parquet else read_sheets(path, sheet)
    read = tables if isinstance(tables, Sheets) else Sheets(list(tables))
    held = Held(max_findings)
    skipped = [s.reason for s in read.skipped]
    for table in read.tables:
        held.add(check_table(table, progress=progress, config=config))
        if table.header_notes_row is not None:
            skipped.append(f"{_where(table)}row {table.header_notes_row} describes the columns "
                           "(units, formats or choices), not a sample")
    return held.source(str(path), sheets=[t.sheet for t in read.tables if t.sheet],
                       rows=sum(t.rows for t in read.tables), skipped=skipped,
                       header_rows={t.sheet or "": t.header_row for t in read.tables})


def _where(table: Table) -> str:
    return f"sheet {table.sheet!r}: " if table.sheet else ""
