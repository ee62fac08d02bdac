"""Read CSV, TSV and XLSX sheets into :class:`Table` objects.

A table keeps what a finding needs to point at a cell: the spreadsheet row of
the header, the headers as written, the column letters, the values of the data
region indexed by the spreadsheet row number (as the program shows it: the
first row is 1), and the cell facts found while reading (the rows that are notes,
not samples; hidden rows; findings about cells, such as Excel error values).
Blank rows and empty columns are dropped (:mod:`.table`). Where the table is
(its header, a notes row under it, where it ends) is decided by :mod:`.layout`.

CSV values are read by pyarrow as text, here; XLSX workbooks by :mod:`.xlsx`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from validator.checks.sheets import layout
from validator.checks.sheets.encoding import Decoded, decode_legacy
from validator.checks.sheets.table import Sheets, Skipped, Table, find_layout  # noqa: F401  (re-exported)
from validator.checks.sheets.table import build as _table
from validator.checks.sheets.xlsx import read_xlsx as _read_xlsx
from validator.errors import InputError
from validator.findings.model import Finding
from validator.findings.place import column_letter  # noqa: F401  (re-exported)
from validator.spec.inputs import (  # noqa: F401  (SUFFIXES: re-exported)
    PARQUET_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    XLSX_SUFFIXES,
)

DELIMITERS = (",", "\t", ";", "|")
csv.field_size_limit(2**31 - 1)  # a cell may be as long as a file: the default 128 KiB ends in a traceback
_HEAD_ROWS = layout.HEAD_ROWS
_HEAD_CHARS = 1_000_000  # the header is looked for in this much of the text
_HEAD_BYTES = 4 * _HEAD_CHARS
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSUPPORTED = {
    ".xls": "an Excel 97-2003 workbook (.xls) is not supported; save it as .xlsx or CSV",
    ".numbers": "an Apple Numbers file is not supported; export it as CSV or .xlsx",
    ".ods": "an OpenDocument spreadsheet is not supported; save it as .xlsx or CSV",
}


def read(path: str | Path, sheet: str | None = None) -> list[Table]:
    """Every table in a file (XLSX: every sample sheet, or just ``sheet``)."""
    return read_sheets(path, sheet).tables


def read_sheets(path: str | Path, sheet: str | None = None) -> Sheets:
    """The tables of a file and the sheets not checked (XLSX), each with the reason."""
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
    return Sheets([_read_text(p)])


# -- text files ------------------------------------------------------------------------------

def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 with BOM, else the
    legacy encoding detected (see :mod:`.encoding`)."""
    decoded = decode_sheet(data, name)
    return decoded.text, decoded.encoding


def decode_sheet(data: bytes, name: str) -> Decoded:
    """The text of a sheet, its encoding, and the lines written in another encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
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
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return decode_legacy(data)


def delimiter(lines: list[str], suffix: str) -> str:
    """The candidate that splits the head of the file into the most consistent columns."""
    best, best_score = ("\t" if suffix == ".tsv" else ","), (False, 0, 0)
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        wide = [c for c in counts if c > 1]  # titles and notes of one cell say nothing of the split
        width, often = Counter(wide or counts).most_common(1)[0]
        score = (width > 1, often, width)
        if score > best_score:
            best, best_score = delim, score
    return best


_filled = layout.filled


def _read_text(p: Path) -> Table:
    name = str(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data or data.isspace():
        raise InputError(f"{name}: empty file, no header row")
    head = decode_sheet(_prefix(data), name)
    if head.encoding == "utf-8" and not head.foreign_lines:
        try:  # parse the bytes as they are; the parser checks the rest is UTF-8
            return _text_table(name, p.suffix.lower(), head, data)
        except UnicodeDecodeError:  # a byte further on is not UTF-8: read the whole file as text
            pass
    return _text_table(name, p.suffix.lower(), decode_sheet(data, name), None)


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
    notes_row: int | None = None  # a row of units or instructions under the header


def text_head(name: str, suffix: str, decoded: Decoded) -> TextHead:
    """The delimiter, the header and the text above the rows, from the decoded head of a text sheet."""
    text, encoding = decoded.text, decoded.encoding
    if not text or text.isspace():
        raise InputError(f"{name}: empty file, no header row")
    findings = []
    if decoded.foreign_lines:
        rows = decoded.foreign_lines
        listed = ", ".join(map(str, rows[:20])) + (" ..." if len(rows) > 20 else "")
        findings.append(Finding.of(
            "mixed-encoding", f"the file mixes two encodings: {'line' if len(rows) == 1 else 'lines'} "
            f"{listed} in {decoded.foreign_encoding}, the rest in {encoding}; each line was read in its "
            "own; save the sheet as UTF-8", file=name, row=rows[0], value=decoded.foreign_encoding,
            expected="utf-8"))
    elif encoding not in ("utf-8", "utf-16"):
        findings.append(Finding.of("encoding", f"not UTF-8: read as {encoding}; save the sheet as UTF-8",
                                   file=name, value=encoding, expected="utf-8"))
    lines = text[:_HEAD_CHARS].splitlines(keepends=True)[:_HEAD_ROWS]
    delim = delimiter(lines, suffix)
    reader = csv.reader(lines, delimiter=delim)
    head = [row for _, row in zip(range(_HEAD_ROWS), reader, strict=False)]
    found = find_layout(head)
    index = found.header
    reader = csv.reader(lines, delimiter=delim)
    for _ in range(index + 1):
        next(reader)
    notes_row = None if found.notes_under_header is None else found.notes_under_header + 1
    return TextHead(delim, index, head[index], "".join(lines[: reader.line_num]), findings, notes_row)


def _text_table(name: str, suffix: str, decoded: Decoded, data: bytes | None) -> Table:
    """The table from the decoded text (its head at least) or, given ``data``, from the UTF-8 bytes."""
    head = text_head(name, suffix, decoded)
    if data is not None:
        body, start = data, len(head.above.encode()) + data.startswith(codecs.BOM_UTF8) * 3
    else:
        body, start = decoded.text[len(head.above):].encode("utf-8"), 0
    header_row = head.header_index + 1
    frame = _parse(body, start, head.delimiter, len(head.headers), header_row)
    return _table(name, None, header_row, head.headers, frame, notes_row=head.notes_row,
                  encoding=decoded.encoding, delimiter=head.delimiter, findings=head.findings)




def _content_end(data: bytes, start: int) -> int:
    """Where the last row ends: blank lines and spaces after it."""
    end = len(data)
    while end > start and data[end - 1] in b" \t\r\n\x0b\x0c":
        end -= 1
    return end


def _parse(data: bytes, start: int, delim: str, width: int, header_row: int) -> pd.DataFrame:
    """The rows under the header (UTF-8 bytes from ``start``) as text, index = spreadsheet row number."""
    end = _content_end(data, start)
    if end <= start:
        return pd.DataFrame(index=pd.RangeIndex(0), dtype="str")
    body = memoryview(data)[start:line_end(data, end)]  # blank lines after the last row are not rows
    try:
        table = arrow_rows(body, delim)
        frame = pd.DataFrame({i: text_column(table.column(i)) for i in range(table.num_columns)})
    except Exception:  # a blank line between rows, ragged rows: the csv module below copes
        rows = list(csv.reader(io.StringIO(str(body, "utf-8"), newline=""), delimiter=delim))
        wide = max([width, *map(len, rows)])
        frame = pd.DataFrame([r + [""] * (wide - len(r)) for r in rows], dtype="str")
        frame = frame.replace("", None)
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
    frame.columns = range(frame.shape[1])
    return frame


def line_end(data: bytes, pos: int) -> int:
    """Where the line holding ``pos`` ends: just after its line break (LF, CR or CRLF), else the end."""
    ends = [i for i in (data.find(b"\n", pos), data.find(b"\r", pos)) if i >= 0]
    if not ends:
        return len(data)
    end = min(ends)
    return end + (2 if data[end:end + 2] == b"\r\n" else 1)


_BLOCK = 2**20  # pyarrow parses text in blocks of this many bytes, a block a core


def arrow_rows(body: bytes | memoryview, delim: str) -> pa.Table:
    """Rows of UTF-8 text as Arrow columns of text (empty cells null), parsed by pyarrow on every core.

    Columns are named ``f0, f1...`` by position. A line end always ends a row. A blank line
    between rows raises (pyarrow would skip it and shift the row numbers), as do ragged rows
    and bytes that are not UTF-8.
    """
    import pyarrow.csv as pacsv

    if len(body) and body[-1] not in b"\r\n":  # pyarrow needs a line end to read a lone row
        body = bytes(body) + b"\n"
    return pacsv.read_csv(
        pa.py_buffer(body),
        read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=_BLOCK),
        parse_options=pacsv.ParseOptions(delimiter=delim, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            default_column_type=pa.string(), null_values=[""], strings_can_be_null=True))


def text_column(values: pa.ChunkedArray) -> pd.Series:
    """An Arrow column of text as a pandas text column (the Arrow memory kept)."""
    return pd.Series(values, dtype="str")
