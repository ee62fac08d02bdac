"""A large sheet checked in batches of rows, with memory that does not grow with the rows.

A CSV/TSV file past :data:`STREAM_BYTES` (or a Parquet file) is read in batches
(the text cut at line ends into pieces of ``batch_bytes``, each parsed by pyarrow;
Parquet record batches)
and each batch is checked by :func:`.check.check_rows` as a table of its own.
The findings are those of the whole file, in the same order:

- the header is found once, in the head of the file, as :mod:`.read` finds it;
- the cross-row rules keep compact state across batches, gathered while the batches
  are checked: a 64-bit hash and the row of each ID (the groups of rows sharing an ID
  are kept, nothing else), and the longest zero-padded digit ID of each ID column. The
  batches are checked assuming no ID repeats and none is zero-padded (most files); when
  the state shows otherwise, they are checked again with it as seeds;
- pyarrow parses the next batch while this one is checked;
- findings past the cap per code are counted, not held (:class:`.check.Held`).

A text file the batch reader cannot take as the whole-file reader does (not UTF-8,
a blank line between rows, a row wider than the first), and one that may hold notes
rather than samples (a units row under the header, a row of empty cells, a last
row of totals: see :mod:`.layout`), is checked whole instead:
:func:`check_stream` returns None. Equal hashes are taken as equal IDs (two
different IDs share a 64-bit hash with odds of about n^2 / 2^65).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from validator.checks.sheets import hygiene, layout, parallel, rules
from validator.checks.sheets.check import (
    Held,
    Progress,
    check_header,
    check_rows,
    no_rows,
    order,
)
from validator.checks.sheets.columns import Column, map_columns
from validator.checks.sheets.frames import _column
from validator.checks.sheets.read import (
    _HEAD_BYTES,
    PARQUET_SUFFIXES,
    TEXT_SUFFIXES,
    Table,
    _prefix,
    arrow_rows,
    column_letter,
    decode_sheet,
    line_end,
    text_column,
    text_head,
)
from validator.checks.sheets.stages import converter
from validator.errors import InputError
from validator.findings.model import Finding, Source
from validator.findings.place import Place

if TYPE_CHECKING:
    from validator.spec.lab import LabSpec

STREAM_BYTES = 192 * 2**20
"""A text file larger than this is checked in batches (a Parquet file too)."""
BATCH_BYTES = 64 * 2**20
"""The bytes of text (or, for Parquet, about the rows) read per batch."""


class _Whole(Exception):
    """The file cannot be read in batches as the whole-file reader reads it."""


def streams(path: str | Path, sheet: str | None, batch_bytes: int | None) -> bool:
    """Whether ``path`` is checked in batches: a large text file, a Parquet file (any, given a batch size)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if sheet is not None or suffix not in TEXT_SUFFIXES + PARQUET_SUFFIXES or not p.is_file():
        return False
    return batch_bytes is not None or suffix in PARQUET_SUFFIXES or p.stat().st_size > STREAM_BYTES


def check_stream(path: str | Path, *, progress: Progress | None = None, config: LabSpec | None = None,
                 max_findings: int, batch_bytes: int | None = None) -> Source | None:
    """The findings of a file checked batch by batch, or None when it must be read whole."""
    p = Path(path)
    try:
        kind = _Parquet if p.suffix.lower() in PARQUET_SUFFIXES else _Text
        source = kind.open(p, batch_bytes or BATCH_BYTES)
        if source is None:
            return None
        return _check(source, progress, config, max_findings)
    except _Whole:
        return None


@dataclass
class _Batches:
    """A file's header and a way to read its rows in batches (a frame of columns by position)."""

    path: Path
    head: Table  # the header, the file's own findings, and no rows
    batch_bytes: int

    def batches(self) -> Iterator[pd.DataFrame]:
        raise NotImplementedError


class _Text(_Batches):
    start: int = 0
    stop: int = 0  # where the line of the last row ends: blank lines after it are not rows
    delimiter: str = ","

    @classmethod
    def open(cls, p: Path, batch_bytes: int) -> _Text | None:
        name = str(p)
        with p.open("rb") as fh:
            data = fh.read(_HEAD_BYTES + 1)
        if not data or data.isspace() or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        decoded = decode_sheet(_prefix(data), name)
        encoding = decoded.encoding
        if encoding != "utf-8" or decoded.foreign_lines:
            return None
        head = text_head(name, p.suffix.lower(), decoded)
        if head.notes_row is not None:  # a units row under the header: the whole-file reader decides
            return None
        start = len(head.above.encode()) + data.startswith(codecs.BOM_UTF8) * 3
        table = Table(name, None, head.header_index + 1, [h.strip("\ufeff") for h in head.headers], [],
                      pd.DataFrame(), encoding=encoding, delimiter=head.delimiter, findings=head.findings)
        out = cls(p, table, batch_bytes)
        out.start, out.stop, out.delimiter = start, _rows_end(p), head.delimiter
        return out

    def batches(self) -> Iterator[pd.DataFrame]:
        """The rows in batches: the text cut at line ends into ``batch_bytes`` pieces, each parsed whole.

        A line end always ends a row here, as it does for the whole-file reader (pyarrow
        without ``newlines_in_values``). Parsing piece by piece keeps one piece in memory
        (pyarrow's streaming reader reads ahead: about 25 blocks).
        """
        first = self.head.header_row + 1
        width = None
        for piece in self._pieces():
            frame = self._parse(piece)
            if width is None:
                width = frame.shape[1]
            elif frame.shape[1] != width:  # a later piece is wider or narrower: ragged
                raise _Whole
            frame.index = pd.RangeIndex(first, first + len(frame))
            first += len(frame)
            yield frame

    def _pieces(self) -> Iterator[memoryview]:
        """The rows' text in pieces of about ``batch_bytes``, each ending at a line end.

        A piece is a view of the bytes read, not a copy: the part line after its last line
        end is read again at the start of the next piece.
        """
        with self.path.open("rb") as fh:
            fh.seek(self.start)
            left = self.stop - self.start
            size = self.batch_bytes
            while left > 0 and (chunk := fh.read(min(size, left))):
                cut = chunk.rfind(b"\n") + 1 if len(chunk) < left else len(chunk)
                if not cut:  # one line longer than a batch: read more of it
                    fh.seek(-len(chunk), 1)
                    size *= 2
                    continue
                fh.seek(cut - len(chunk), 1)
                left -= cut
                size = self.batch_bytes
                yield memoryview(chunk)[:cut]

    def _parse(self, piece: memoryview) -> pd.DataFrame:
        import pyarrow as pa

        try:
            table = arrow_rows(piece, self.delimiter)
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:  # blank lines, ragged rows, not UTF-8
            raise _Whole from exc
        return pd.DataFrame({int(n[1:]): text_column(table.column(n)) for n in table.schema.names},
                            index=pd.RangeIndex(len(table)))


def _rows_end(p: Path) -> int:
    """Where the line of the last row of a text file ends: blank lines and spaces after it are not rows."""
    step = 1 << 16
    with p.open("rb") as fh:
        size = end = fh.seek(0, 2)
        while end > 0:
            begin = max(0, end - step)
            fh.seek(begin)
            kept = fh.read(end - begin).rstrip(b" \t\r\n\x0b\x0c")
            if kept:  # the last row ends in this block; only spaces and line ends follow it
                fh.seek(begin + len(kept))
                while chunk := fh.read(step):
                    line = line_end(chunk, 0)
                    if line < len(chunk) or chunk[-1:] == b"\n":
                        return fh.tell() - len(chunk) + line
                    if chunk[-1:] == b"\r":  # a CR at the end of the block: CRLF if an LF follows
                        return fh.tell() + (fh.read(1) == b"\n")
                return size
            end = begin
        return 0


class _Parquet(_Batches):
    @classmethod
    def open(cls, p: Path, batch_bytes: int) -> _Parquet:
        import pyarrow.parquet as pq

        try:
            names = pq.ParquetFile(p).schema_arrow.names
        except Exception as exc:
            raise InputError(f"{p}: cannot read the Parquet file ({type(exc).__name__}: {exc})") from None
        table = Table(str(p), None, 1, [str(n) for n in names], [], pd.DataFrame())
        return cls(p, table, batch_bytes)

    def batches(self) -> Iterator[pd.DataFrame]:
        import pyarrow.parquet as pq

        book = pq.ParquetFile(self.path)
        rows = max(1, self.batch_bytes // 200)  # about 200 bytes a row of text
        first = 2
        for batch in book.iter_batches(batch_size=rows):
            data = batch.to_pandas()
            index = pd.RangeIndex(first, first + batch.num_rows)
            first += batch.num_rows
            yield pd.DataFrame({i: _column(data.iloc[:, i]).set_axis(index) for i in range(data.shape[1])},
                               index=index)


def _check(source: _Batches, progress: Progress | None, config: LabSpec | None, cap: int) -> Source | None:
    """The file's findings from one pass over its batches (two when its IDs need the whole file).

    The cross-row rules of ID columns (``duplicate-id``, the lost leading zeros of
    ``excel-mangled-id``) need the whole column. The first pass assumes what most files
    hold, no repeated ID and no zero-padded digit ID, and gathers the state that tells
    whether that held; when it did not, the batches are checked again with that state.
    """
    head = source.head
    named = [i for i, h in enumerate(head.headers) if h.strip()]
    head.headers = [head.headers[i] for i in named]
    head.letters = [column_letter(i) for i in named]
    head.indices = named
    columns, top = check_header(head, config)
    if not columns:  # one finding about the header: the whole-file reader says it as it always has
        return None
    state = _IdState(columns)
    found = _pass(source, columns, top, progress, config, cap, state.assumed(), state)
    seeds = state.seeds()
    if state.assumption_held():
        return found
    return _pass(source, columns, top, progress, config, cap, seeds, None)


def _pass(source: _Batches, columns: list[Column], top: list[Finding], progress: Progress | None,
          config: LabSpec | None, cap: int, seeds: dict[str, dict[str, Any]], state: _IdState | None
          ) -> Source:
    """One pass over the batches, checked with ``seeds``; ``state`` gathers the ID columns' state."""
    head = source.head
    named = head.indices
    top = list(top)
    body = Held(cap)
    rows = 0
    unnamed: set[int] = set()  # columns without a header that hold values
    last: list[object] | None = None
    for batch in parallel.ahead(source.batches()):
        unnamed |= {i for i in batch.columns if i not in named and batch[i].notna().any()}
        filled = batch.notna().any(axis=1)
        if not filled.all():  # a row of empty cells may open a block of notes: the whole-file reader decides
            raise _Whole
        batch = batch[filled]
        if batch.empty:
            continue
        last = batch.iloc[-1].tolist()
        frame = batch.reindex(columns=named)
        frame.columns = head.letters
        table = Table(head.path, None, head.header_row, head.headers, head.letters, frame, named)
        found = check_rows(table, columns, progress=progress, config=config, seeds=seeds)
        if state is not None:
            state.add(frame)
        if not rows:  # what a batch says about the header (lab rules: a required column missing) once
            top += [f for f in found if (f.row or 0) <= head.header_row]
        body.add(sorted((f for f in found if (f.row or 0) > head.header_row), key=order))
        rows += len(frame)
    if last is not None and rows > 1 and layout.is_total(last):  # a last row of totals is a note
        raise _Whole
    top += _unnamed(head, sorted(unnamed))
    if not rows:
        top.append(no_rows(head))
    held = Held(cap)
    held.add(sorted(top, key=order))
    held.extend(body)
    return held.source(str(source.path), rows=rows, header_rows={"": head.header_row})


def _unnamed(head: Table, columns: list[int]) -> list[Finding]:
    """``unknown-column`` for each column without a header that holds values."""
    return map_columns([""] * len(columns), columns, head.header_row, Place(head.path, head.sheet))[1]


class _IdState:
    """The state of the cross-row rules of the ID columns over the whole file, gathered batch by batch:
    a 64-bit hash and the row of each external_sample_id, and the longest zero-padded digit ID
    of each ID column."""

    def __init__(self, columns: list[Column]) -> None:
        self.ids = {c.field: c for c in columns if c.field == rules.ID_FIELD or hygiene.is_id_field(c.field)}
        self.hashes: list[np.ndarray] = []
        self.rows: list[np.ndarray] = []
        self.widths = dict.fromkeys(self.ids, 0)
        self.groups: dict[int, np.ndarray] = {}

    def add(self, frame: pd.DataFrame) -> None:
        """A batch of rows (columns by letter)."""
        for field, col in self.ids.items():
            raw = frame[col.letter]
            self.widths[field] = max(self.widths[field], hygiene.padded_width(raw))
            if field == rules.ID_FIELD:
                convert, node = converter(col)
                values = convert(raw, node)[0].dropna()
                self.hashes.append(rules.id_hashes(values))
                self.rows.append(values.index.to_numpy(dtype=np.int32))  # 2**31 rows: more than a sheet holds

    def assumed(self) -> dict[str, dict[str, Any]]:
        """The seeds of a file with no repeated ID and no zero-padded digit ID."""
        out: dict[str, dict[str, Any]] = {field: {"padded-width": 0} for field in self.ids}
        if rules.ID_FIELD in out:
            out[rules.ID_FIELD]["id-groups"] = {}
        return out

    def seeds(self) -> dict[str, dict[str, Any]]:
        """The seeds of the whole file, from the batches added."""
        out: dict[str, dict[str, Any]] = {field: {"padded-width": self.widths[field]} for field in self.ids}
        if rules.ID_FIELD in out:
            import pyarrow as pa

            pa.default_memory_pool().release_unused()  # the batches' memory, before the groups take theirs
            self.groups = _groups(self.hashes, self.rows)
            self.hashes, self.rows = [], []
            out[rules.ID_FIELD]["id-groups"] = self.groups
        return out

    def assumption_held(self) -> bool:
        """Whether the file held what :meth:`assumed` assumed (after :meth:`seeds`)."""
        return not any(self.widths.values()) and not self.groups


def _groups(hashes: list[np.ndarray], rows: list[np.ndarray]) -> dict[int, np.ndarray]:
    """ID hash -> the rows holding it, for every hash more than one row holds."""
    if not hashes:
        return {}
    h = np.concatenate(hashes)
    ordered = np.sort(h)  # a sort, not a hash table: 8 bytes more a row, not dozens
    same = ordered[1:] == ordered[:-1]
    if not same.any():  # most files: every ID its own
        return {}
    repeated = np.isin(h, np.unique(ordered[1:][same]))
    del ordered, same
    h, r = h[repeated], np.concatenate(rows)[repeated].astype(np.int64)
    order = np.argsort(h, kind="stable")
    h, r = h[order], r[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    ends = np.r_[starts[1:], len(h)]
    return {int(h[s]): np.sort(r[s:e]) for s, e in zip(starts, ends, strict=True)}
