"""Old import path of the sheet writers, kept while branches still use it: use ``support``."""

from __future__ import annotations

from pathlib import Path

from support.sheets import digest, read_rows
from support.sheets import write_csv as _write_csv
from support.sheets import write_xlsx as _write_xlsx

__all__ = ["digest", "read_rows", "write_csv", "write_tsv_utf16", "write_xlsx"]


def write_csv(rows: list[list[str]], path: Path, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    return _write_csv(path, rows, encoding=encoding, delimiter=delimiter)


def write_tsv_utf16(rows: list[list[str]], path: Path) -> Path:
    return _write_csv(path, rows, encoding="utf-16", delimiter="\t")


def write_xlsx(rows: list[list[str]], path: Path, sheet: str = "Samples", typed: bool = True,
               header_row: int = 1) -> Path:
    return _write_xlsx(path, {sheet: rows}, typed=typed, text=True, header_row=header_row)
