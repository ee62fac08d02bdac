"""Read CSV, TSV and XLSX sheets into :class:`Table` objects.

A table keeps what a finding needs to point at a cell: the spreadsheet row of
the header, the headers as written, the column letters, the values of the data
region indexed by the spreadsheet row number (as the program shows it: the
first row is 1), and the cell facts found while reading (the rows that are notes,
not samples; hidden rows; findings about cells, such as Excel error values).
Blank rows and empty columns are dropped. Where the table is (its header, a
notes row under it, where it ends) is decided by :mod:`.layout`.

CSV values are read by pyarrow as text; XLSX values by python-calamine with
their types (numbers, dates, booleans) kept, and the facts calamine does not
give (error values, formulas never calculated, hidden rows and sheets, merged
cells, the sheets dropdowns draw from) by :mod:`.cells`.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from validator.checks.sheets import layout
from validator.checks.sheets.cells import SheetFacts, read_facts
from validator.checks.sheets.columns import field_for
from validator.checks.sheets.encoding import Decoded, decode_legacy
from validator.errors import InputError
from validator.findings.model import Finding
from validator.findings.place import column_letter
from validator.spec import fields
from validator.spec.fields import METADATA
from validator.spec.inputs import (  # noqa: F401  (SUFFIXES: re-exported)
    PARQUET_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    XLSX_SUFFIXES,
)
from validator.spec.suggest import closest

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


@dataclass
class Table:
    """One sheet: headers and values placed as the spreadsheet program shows them."""

    path: str
    sheet: str | None
    header_row: int
    headers: list[str]
    letters: list[str]
    frame: pd.DataFrame  # columns labelled by letter, index = spreadsheet row number
    indices: list[int] = field(default_factory=list)  # each column's 0-based index in the sheet
    typed: bool = False  # XLSX: values keep their cell types
    encoding: str | None = None
    delimiter: str | None = None
    findings: list[Finding] = field(default_factory=list)  # cell facts found while reading
    header_notes_row: int | None = None  # a row of units or instructions under the header
    note_rows: list[int] = field(default_factory=list)  # rows below the samples that are notes
    hidden_rows: frozenset[int] = frozenset()

    @property
    def rows(self) -> int:
        return len(self.frame)


@dataclass(frozen=True)
class Skipped:
    """A sheet (or file) not checked, and why."""

    sheet: str | None
    reason: str


@dataclass
class Sheets:
    """What reading a file gives: the tables to check, and what was skipped with the reason."""

    tables: list[Table]
    skipped: list[Skipped] = field(default_factory=list)


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


def _kind(field: str) -> str:
    spec = fields.get(METADATA, field)
    return spec.kind if spec is not None else "string"


def find_layout(rows: list[list[object]]) -> layout.Layout:
    """The header row and the header-notes row under it (indexes into ``rows``)."""
    return layout.find(rows, field_for, _kind)


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
    stop = data.find(b"\n", end)  # blank lines after the last row are not rows
    body = memoryview(data)[start:len(data) if stop < 0 else stop]
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


_BLOCK = 2**20  # pyarrow parses text in blocks of this many bytes, a block a core


def arrow_rows(body: bytes | memoryview, delim: str, columns: list[int] | None = None) -> pa.Table:
    """Rows of UTF-8 text as Arrow columns of text (empty cells null), parsed by pyarrow on every core.

    Columns are named ``f0, f1...`` by position (``columns``: only these positions). A line
    end always ends a row. A blank line between rows raises (pyarrow would skip it and shift
    the row numbers), as do ragged rows and bytes that are not UTF-8.
    """
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        pa.py_buffer(body),
        read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=_BLOCK),
        parse_options=pacsv.ParseOptions(delimiter=delim, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            default_column_type=pa.string(), null_values=[""], strings_can_be_null=True,
            include_columns=None if columns is None else [f"f{i}" for i in columns],
            include_missing_columns=True))


def text_column(values: pa.ChunkedArray) -> pd.Series:
    """An Arrow column of text as a pandas text column (the Arrow memory kept)."""
    return pd.Series(values, dtype="str")


# -- XLSX --------------------------------------------------------------------------------------

def _read_xlsx(p: Path, sheet: str | None) -> Sheets:
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
        facts = read_facts(name, names)
        grids = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False)
                 for n in ([sheet] if sheet else names)}
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{name}: cannot read the workbook ({type(exc).__name__}: {exc})") from None
    if sheet is not None:
        return Sheets([_grid_table(name, sheet, grids[sheet], facts[sheet])])
    return _sample_sheets(name, grids, facts)


def _sample_sheets(name: str, grids: dict[str, list[list[object]]],
                   facts: dict[str, SheetFacts]) -> Sheets:
    """The sample sheets of a workbook; every other sheet is listed with the reason it is not one.

    Not sample sheets: a hidden sheet, an empty one, one without a header naming a
    metadata field, and one that a sample sheet's dropdowns draw their lists from.
    With no sample sheet at all, the first sheet that holds anything is checked
    (and gets ``no-known-columns``).
    """
    skipped: list[Skipped] = []
    candidates: dict[str, list[list[object]]] = {}
    fallback = None
    for title, grid in grids.items():
        again = f"(`--sheet {_quoted(title)}` checks it)"
        users = sorted(t for t in grids if t != title and not facts[t].hidden
                       and title in facts[t].list_sources)
        if facts[title].hidden:
            skipped.append(Skipped(title, f"hidden sheet {title!r} {again}"))
        elif users:
            skipped.append(Skipped(title, f"sheet {title!r} holds the lists the dropdowns of "
                                          f"{', '.join(map(repr, users))} draw from {again}"))
        elif not any(_filled(c) for row in grid[:_HEAD_ROWS] for c in row):
            skipped.append(Skipped(title, f"sheet {title!r} is empty"))
        elif not any(field_for(c) for row in grid[:_HEAD_ROWS] for c in row
                     if isinstance(c, str) and len(c) <= 60):
            fallback = fallback or title
            skipped.append(Skipped(title, f"sheet {title!r}: no header names a metadata field "
                                          f"{again}"))
        else:
            candidates[title] = grid
    tables = [_grid_table(name, title, grid, facts[title]) for title, grid in candidates.items()]
    if not tables and fallback is not None:
        skipped = [s for s in skipped if s.sheet != fallback]
        tables.append(_grid_table(name, fallback, grids[fallback], facts[fallback]))
    if not tables:
        raise InputError(f"{name}: the workbook has no sheet with a header row")
    order = list(grids)
    skipped.sort(key=lambda s: order.index(s.sheet))
    return Sheets(tables, skipped)


def _quoted(title: str) -> str:
    return title if title.replace("_", "").isalnum() else f"'{title}'"


def _grid_table(name: str, title: str, grid: list[list[object]], facts: SheetFacts) -> Table:
    if not grid or not any(_filled(c) for row in grid for c in row):
        raise InputError(f"{name}: sheet {title!r} is empty, no header row")
    grid, used = _used_columns(grid)
    found = find_layout(grid[:_HEAD_ROWS])
    index = found.header
    _spread_merges(grid, facts.merges, index + 1, used)
    headers = ["" if c is None else str(c) for c in grid[index]]
    body = grid[index + 1:]
    frame = pd.DataFrame({i: _cells(cells) for i, cells in enumerate(itertools.zip_longest(*body))})
    frame.index = pd.RangeIndex(index + 2, index + 2 + len(body))
    notes_row = None if found.notes_under_header is None else found.notes_under_header + 1
    return _table(name, title, index + 1, headers, frame, typed=True, notes_row=notes_row,
                  facts=facts, used=used)


def _used_columns(grid: list[list[object]]) -> tuple[list[list[object]], list[int] | None]:
    """A wide grid (a stray cell far to the right) cut to the columns that hold something.

    Returns the grid and the original index of each column kept (None: all kept).
    """
    width = max((len(row) for row in grid), default=0)
    if width <= 64:
        return grid, None
    used = sorted({i for row in grid for i, c in enumerate(row) if _filled(c)})
    return [[row[i] if i < len(row) else None for i in used] for row in grid], used


def _spread_merges(grid: list[list[object]], merges: list[tuple[int, int, int, int]], first: int,
                   used: list[int] | None) -> None:
    """Give a merged range's value to every cell it covers, from grid row ``first`` down."""
    position = {c: i for i, c in enumerate(used)} if used is not None else None
    for row1, col1, row2, col2 in merges:
        top = row1 - 1
        if top >= len(grid) or row2 - 1 < first:
            continue
        cols = [position.get(c) if position is not None else c for c in range(col1, col2 + 1)]
        head = cols[0]
        if head is None or head >= len(grid[top]):
            continue
        value = grid[top][head]
        for r in range(max(top, first), min(row2, len(grid))):
            row = grid[r]
            for c in cols:
                if c is not None and c < len(row) and (r, c) != (top, head):
                    row[c] = value


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
           *, notes_row: int | None = None, facts: SheetFacts | None = None,
           used: list[int] | None = None, **extra: object) -> Table:
    """Drop blank rows, note rows and empty columns; label columns by letter; place the cell facts."""
    width = max(len(headers), frame.shape[1])
    headers = [h.strip("\ufeff") if isinstance(h, str) else "" for h in headers]
    headers += [""] * (width - len(headers))
    for i in range(frame.shape[1], width):
        frame[i] = None
    if notes_row is not None:
        frame = frame.drop(index=notes_row, errors="ignore")
    facts = facts or SheetFacts()
    original = used or list(range(width))
    index_of = [original[i] if i < len(original) else i for i in range(width)]
    extra_findings = _fact_findings(name, sheet, header_row, headers, original, facts, frame.index)
    blank = frame.isna().all(axis=1)
    notes = _note_rows(frame, blank, headers, facts)
    frame = frame[~blank]
    if notes:
        frame = frame.drop(index=notes)
        extra_findings = [f for f in extra_findings if f.row not in set(notes)]
    keep = [i for i in range(width) if headers[i].strip() or frame[i].notna().any()
            or any(f.place.col == index_of[i] for f in extra_findings)]
    frame = frame[keep]
    letters = [column_letter(index_of[i]) for i in keep]
    frame.columns = letters
    found = list(extra.pop("findings", [])) + extra_findings
    return Table(name, sheet, header_row, [headers[i] for i in keep], letters, frame,
                 indices=[index_of[i] for i in keep],
                 findings=found, header_notes_row=notes_row, note_rows=notes,
                 hidden_rows=frozenset(r for r in facts.hidden_rows if r in frame.index), **extra)


def _fact_findings(name: str, sheet: str | None, header_row: int, headers: list[str],
                   original: list[int], facts: SheetFacts, rows: pd.Index) -> list[Finding]:
    """Excel error values and formulas never calculated, at their cells in the data region."""
    if not facts.errors and not facts.uncalculated:
        return []
    position = {c: i for i, c in enumerate(original)}
    first, last = header_row + 1, (int(rows[-1]) if len(rows) else header_row)
    out = []
    for (row, col), value in sorted(facts.errors.items()):
        i = position.get(col)
        if i is None or not first <= row <= last:
            continue
        header = headers[i] if i < len(headers) else ""
        out.append(Finding.of(
            "excel-error", f"{value} is an Excel error value: the formula or link behind this cell "
            "failed, so the cell holds no value to upload", file=name, sheet=sheet, row=row,
            column=header or None, field=field_for(header) if header else None,
            col=col, value=value))
    for row, col in sorted(facts.uncalculated):
        i = position.get(col)
        if i is None or not first <= row <= last or (row, col) in facts.errors:
            continue
        header = headers[i] if i < len(headers) else ""
        out.append(Finding.of(
            "formula-not-calculated", "the cell holds a formula that was never calculated, so its "
            "value is unknown (the file was written by a program); open and save it in Excel or "
            "LibreOffice", file=name, sheet=sheet, row=row, column=header or None,
            field=field_for(header) if header else None, col=col))
    return out


def _note_rows(frame: pd.DataFrame, blank: pd.Series, headers: list[str], facts: SheetFacts) -> list[int]:
    """Rows below the samples that are notes: blocks after a blank row whose first row is a note,
    and a last row of totals."""
    filled_rows = frame.index[~blank.to_numpy()]
    if not len(filled_rows):
        return []
    width = sum(1 for h in headers if h.strip())
    blanks = frame.index[blank.to_numpy()]
    notes: list[int] = []
    if len(blanks):
        after = np.searchsorted(filled_rows.to_numpy(), blanks.to_numpy() + 1)
        starts = sorted({int(filled_rows[i]) for i in after if i < len(filled_rows)
                         and filled_rows[i] > filled_rows[0]})
        blank_numbers = blanks.to_numpy()
        for start in starts:
            if not layout.is_note(frame.loc[start].tolist(), width, facts.formulas_by_row.get(start, 0)):
                continue
            stop = blank_numbers[blank_numbers > start]
            end = int(stop[0]) if len(stop) else int(filled_rows[-1]) + 1
            notes += [int(r) for r in filled_rows if start <= r < end]
    last = int(filled_rows[-1])
    if last not in notes and len(filled_rows) > 1 and layout.is_total(frame.loc[last].tolist()):
        notes.append(last)
    return sorted(set(notes))
