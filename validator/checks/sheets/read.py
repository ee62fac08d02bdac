"""Read CSV, TSV and XLSX sheets into :class:`Table` objects.

A table keeps what a finding needs to point at a cell: the spreadsheet row of
the header, the headers as written, the column letters, and the values indexed
by the spreadsheet row number (as the program shows it: the first row is 1).
Blank rows and trailing empty columns are dropped; title rows above the header
are skipped (the header is the first row that names a metadata field).

CSV values are read by pyarrow as text; XLSX values by python-calamine with
their types (numbers, dates, booleans) kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from validator.checks.sheets.columns import recognises
from validator.errors import InputError
from validator.findings.model import Finding
from validator.spec.inputs import (  # noqa: F401  (SUFFIXES: re-exported)
    PARQUET_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    XLSX_SUFFIXES,
)
from validator.spec.suggest import closest

DELIMITERS = (",", "\t", ";", "|")
_HEAD_ROWS = 30
_HEAD_CHARS = 1_000_000  # the header is looked for in this much of the text
_HEAD_BYTES = 4 * _HEAD_CHARS
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSUPPORTED = {
    ".xls": "an Excel 97-2003 workbook (.xls) is not supported; save it as .xlsx or CSV",
    ".numbers": "an Apple Numbers file is not supported; export it as CSV or .xlsx",
    ".ods": "an OpenDocument spreadsheet is not supported; save it as .xlsx or CSV",
}


@dataclass
class Table:
    """One sheet: headers and values placed as the spreadsheet program shows them."""

    path: str
    sheet: str | None
    header_row: int
    headers: list[str]
    letters: list[str]
    frame: pd.DataFrame  # columns labelled by letter, index = spreadsheet row number
    typed: bool = False  # XLSX: values keep their cell types
    encoding: str | None = None
    delimiter: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.frame)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def read(path: str | Path, sheet: str | None = None) -> list[Table]:
    """Every table in a file (XLSX: every sheet with a header, or just ``sheet``)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise InputError(f"{path}: {_UNSUPPORTED[suffix]}")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a sheet")
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(p, sheet)
    if sheet is not None:
        raise InputError(f"{path}: --sheet applies to .xlsx workbooks only")
    return [_read_text(p)]


# -- text files ------------------------------------------------------------------------------

def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 text but does not decode as UTF-16") from None
    if data.startswith(_ZIP):
        raise InputError(f"{name}: is a zip archive (an .xlsx workbook?), not a text sheet")
    if data.startswith(_OLE):
        raise InputError(f"{name}: is an Excel 97-2003 or password-protected workbook, not a text sheet")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 20:
        raise InputError(f"{name}: binary data, not a text sheet")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def delimiter(lines: list[str], suffix: str) -> str:
    """The candidate that splits the head of the file into the most consistent columns."""
    best, best_score = ("\t" if suffix == ".tsv" else ","), (False, 0, 0)
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        width, often = Counter(counts).most_common(1)[0]
        score = (width > 1, often, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _header_index(rows: list[list[object]]) -> int:
    """The first row naming a metadata field, else the first non-empty row."""
    for i, row in enumerate(rows):
        if any(recognises(c) for c in row):
            return i
    for i, row in enumerate(rows):
        if any(_filled(c) for c in row):
            return i
    return 0


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _read_text(p: Path) -> Table:
    name = str(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data or data.isspace():
        raise InputError(f"{name}: empty file, no header row")
    head, encoding = decode(_prefix(data), name)
    if encoding == "utf-8":  # parse the bytes as they are; the parser checks the rest is UTF-8
        try:
            return _text_table(name, p.suffix.lower(), head, encoding, data)
        except UnicodeDecodeError:  # a byte further on is not UTF-8: read the whole file as text
            pass
    text, encoding = decode(data, name)
    return _text_table(name, p.suffix.lower(), text, encoding, None)


def _prefix(data: bytes) -> bytes:
    """Enough of a long file, cut between two characters, to find the header (4 bytes a character)."""
    if len(data) <= _HEAD_BYTES or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    cut = _HEAD_BYTES
    while cut > _HEAD_BYTES - 3 and 0x80 <= data[cut] < 0xC0:  # a UTF-8 continuation byte
        cut -= 1
    return data[:cut]


@dataclass(frozen=True)
class TextHead:
    """Where the table of a text sheet starts: found in the head of its text."""

    delimiter: str
    header_index: int  # 0-based: the header is spreadsheet row header_index + 1
    headers: list[str]
    above: str  # the text up to the first row under the header (title rows and the header)
    findings: list[Finding]  # about the whole file (its encoding)


def text_head(name: str, suffix: str, text: str, encoding: str) -> TextHead:
    """The delimiter, the header and the text above the rows, from the decoded head of a text sheet."""
    if not text or text.isspace():
        raise InputError(f"{name}: empty file, no header row")
    findings = []
    if encoding in ("cp1252", "latin-1"):
        findings.append(Finding.of("encoding", f"not UTF-8: read as {encoding}; save the sheet as UTF-8",
                                   file=name, value=encoding, expected="utf-8"))
    lines = text[:_HEAD_CHARS].splitlines(keepends=True)[:_HEAD_ROWS]
    delim = delimiter(lines, suffix)
    reader = csv.reader(lines, delimiter=delim)
    head = [row for _, row in zip(range(_HEAD_ROWS), reader, strict=False)]
    index = _header_index(head)
    reader = csv.reader(lines, delimiter=delim)
    for _ in range(index + 1):
        next(reader)
    return TextHead(delim, index, head[index], "".join(lines[: reader.line_num]), findings)


def _text_table(name: str, suffix: str, text: str, encoding: str, data: bytes | None) -> Table:
    """The table from the decoded text (its head at least) or, given ``data``, from the UTF-8 bytes."""
    head = text_head(name, suffix, text, encoding)
    if data is not None:
        body, start = data, len(head.above.encode()) + data.startswith(codecs.BOM_UTF8) * 3
    else:
        body, start = text[len(head.above):].encode("utf-8"), 0
    del text
    header_row = head.header_index + 1
    frame = _parse(body, start, head.delimiter, len(head.headers), header_row)
    return _table(name, None, header_row, head.headers, frame, encoding=encoding, delimiter=head.delimiter,
                  findings=head.findings)


_BLANK_LINE = re.compile(rb"\n[ \t]*\r?\n")
_BLANK_FIRST = re.compile(rb"[ \t]*\r?\n")


def _content_end(data: bytes, start: int) -> int:
    """Where the last row ends: blank lines and spaces after it."""
    end = len(data)
    while end > start and data[end - 1] in b" \t\r\n\x0b\x0c":
        end -= 1
    return end


def _blank_line(data: bytes, start: int, end: int) -> bool:
    """Whether a line of nothing but spaces or tabs comes between ``start`` and ``end``."""
    return bool(_BLANK_FIRST.match(data, start, end) or _BLANK_LINE.search(data, start, end))


def _parse(data: bytes, start: int, delim: str, width: int, header_row: int) -> pd.DataFrame:
    """The rows under the header (UTF-8 bytes from ``start``) as text, index = spreadsheet row number."""
    end = _content_end(data, start)
    if end <= start:
        return pd.DataFrame(index=pd.RangeIndex(0), dtype="str")
    body = memoryview(data)[start:]
    frame = None
    # pyarrow skips blank lines, which would shift row numbers; blank lines after the last row shift nothing
    if not _blank_line(data, start, end):
        try:
            source = pa.BufferReader(pa.py_buffer(body))  # no copy of the bytes
            frame = pd.read_csv(source, sep=delim, header=None, dtype=str,
                                engine="pyarrow", keep_default_na=False, na_values=[""])
        except Exception:  # ragged rows and the like: the csv module below copes
            frame = None
    if frame is None:
        rows = list(csv.reader(io.StringIO(str(body, "utf-8"), newline=""), delimiter=delim))
        wide = max([width, *map(len, rows)])
        frame = pd.DataFrame([r + [""] * (wide - len(r)) for r in rows], dtype="str")
        frame = frame.replace("", None)
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
    frame.columns = range(frame.shape[1])
    return frame


# -- XLSX --------------------------------------------------------------------------------------

def _read_xlsx(p: Path, sheet: str | None) -> list[Table]:
    from python_calamine import CalamineWorkbook

    name = str(p)
    with p.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(_OLE):
        raise InputError(f"{name}: password-protected (encrypted) or Excel 97-2003 workbook; "
                         "remove the password or save it as .xlsx")
    if not magic.startswith(_ZIP):
        raise InputError(f"{name}: not an .xlsx workbook (corrupt, or not a zip archive)")
    try:
        book = CalamineWorkbook.from_path(name)
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            hint = closest(sheet, names)
            more = f"; did you mean {hint!r}?" if hint else f"; sheets: {', '.join(names)}"
            raise InputError(f"{name}: no sheet named {sheet!r}{more}")
        grids = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False)
                 for n in ([sheet] if sheet else names)}
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{name}: cannot read the workbook ({type(exc).__name__}: {exc})") from None
    tables = []
    fallback = None
    for title, grid in grids.items():
        head = grid[:_HEAD_ROWS]
        known = any(recognises(c) for row in head for c in row)
        if not known and (sheet is None and len(grids) > 1):
            if fallback is None and any(_filled(c) for row in head for c in row):
                fallback = (title, grid)
            continue
        tables.append(_grid_table(name, title, grid))
    if not tables and fallback is not None:
        tables.append(_grid_table(name, *fallback))
    if not tables:
        raise InputError(f"{name}: the workbook has no sheet with a header row")
    return tables


def _grid_table(name: str, title: str, grid: list[list[object]]) -> Table:
    if not grid or not any(_filled(c) for row in grid for c in row):
        raise InputError(f"{name}: sheet {title!r} is empty, no header row")
    index = _header_index(grid[:_HEAD_ROWS])
    headers = ["" if c is None else str(c) for c in grid[index]]
    body = grid[index + 1:]
    frame = pd.DataFrame({i: _cells(cells) for i, cells in enumerate(itertools.zip_longest(*body))})
    frame.index = pd.RangeIndex(index + 2, index + 2 + len(body))
    return _table(name, title, index + 1, headers, frame, typed=True)


def _cells(cells: tuple[object, ...]) -> pd.Series:
    """One column of a grid, empty cells as missing: text only is read like a CSV column."""
    values = np.array(cells, dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) == "string":
        text = pd.Series(values, dtype="str")
        return text.where(text.ne(""))
    values[values == ""] = None
    return pd.Series(values, dtype=object)


# -- shared ------------------------------------------------------------------------------------

def _table(name: str, sheet: str | None, header_row: int, headers: list[str], frame: pd.DataFrame,
           **extra: object) -> Table:
    """Drop blank rows and trailing empty columns; label columns by letter."""
    width = max(len(headers), frame.shape[1])
    headers = [h.strip("\ufeff") if isinstance(h, str) else "" for h in headers]
    headers += [""] * (width - len(headers))
    for i in range(frame.shape[1], width):
        frame[i] = None
    frame = frame.dropna(how="all")
    keep = [i for i in range(width) if headers[i].strip() or frame[i].notna().any()]
    frame = frame[keep]
    letters = [column_letter(i) for i in keep]
    frame.columns = letters
    return Table(name, sheet, header_row, [headers[i] for i in keep], letters, frame, **extra)
