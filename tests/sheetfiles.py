"""Write one sheet (rows of text cells) as CSV, TSV (UTF-16 with BOM) and XLSX, for the tests."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import openpyxl

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def write_csv(rows: list[list[str]], path: Path, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_tsv_utf16(rows: list[list[str]], path: Path) -> Path:
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated."""
    return write_csv(rows, path, encoding="utf-16", delimiter="\t")


def _typed(text: str, header: str) -> object:
    """A cell as a person typing into Excel would leave it: numbers, dates, booleans typed."""
    if "id" in header.casefold().replace("_", " ").split() or header.endswith("_id"):
        return text
    if _NUMBER.fullmatch(text) and not re.match(r"-?0\d", text):
        return float(text) if "." in text else int(text)
    if _DATE.fullmatch(text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:  # 30 February stays text, as Excel leaves it
            return text
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def write_xlsx(rows: list[list[str]], path: Path, sheet: str = "Samples", typed: bool = True,
               header_row: int = 1) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    headers = rows[header_row - 1] if len(rows) >= header_row else []
    for i, row in enumerate(rows, 1):
        for j, text in enumerate(row, 1):
            if text == "":
                continue
            header = headers[j - 1] if i > header_row and j <= len(headers) else ""
            cell = ws.cell(i, j, _typed(text, header) if typed and i > header_row else text)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # keep "=..." as text, as a pasted value would be
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def read_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
