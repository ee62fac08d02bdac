"""Old import path of the workbook writer, kept while branches still use it: use ``support``."""

from __future__ import annotations

from pathlib import Path

from support.sheets import RED_BOLD, is_red_bold, write_xlsx

__all__ = ["RED_BOLD", "is_red_bold", "write_book"]


def write_book(path: Path, sheets: dict[str, list[list[object]]], styled: bool = False) -> Path:
    first = next(iter(sheets))
    return write_xlsx(path, sheets, fonts={f"{first}!A1": RED_BOLD} if styled else None)
