"""Workbooks for the fix/annotate tests: named sheets of raw cell values ("=..." is a formula)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Font

RED_BOLD = Font(bold=True, color="FF0000")


def write_book(path: Path, sheets: dict[str, list[list[object]]], styled: bool = False) -> Path:
    """Write ``sheets`` in order; ``styled`` makes A1 of the first sheet bold red."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    if styled:
        book.worksheets[0]["A1"].font = RED_BOLD
    book.save(path)
    return path


def is_red_bold(cell: object) -> bool:
    return bool(cell.font.b) and cell.font.color.rgb == "00FF0000"
