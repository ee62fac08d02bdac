"""A large worksheet parsed by python-calamine in pieces, one thread a piece.

calamine parses a sheet on one thread, and a 100,000-row sheet takes it a second or
more. Here the sheet's XML (its part, inflated) is cut between two rows into pieces;
each piece becomes a workbook of its own, in memory (the workbook's parts as they are,
the sheet's part holding that piece's rows only, the other sheets' parts empty), which
calamine parses on its own thread, releasing the GIL as it does; the rows are then put
back where the sheet has them (calamine says where each piece starts and ends), as
``to_python(skip_empty_area=False)`` of the whole sheet gives them.

Anything unusual gives None and the caller parses the whole sheet as before: a
namespace prefix on the sheet's elements, a cut row without its number, rows out of
order, a large part besides the sheet, an error in a piece (the whole sheet's parse
then raises the error the user sees). Standard library only, and python-calamine.
"""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from itertools import pairwise

PIECE_BYTES = 16 << 20  # a sheet part this large (inflated) is parsed in pieces


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# One core stays with the main thread, which imports the sheet engine and scans the workbook
# for cell facts meanwhile. On two cores that leaves none to spare: cutting the sheet then costs
# more (about 0.2 s of copying, for a 90 MB sheet) than it gains, so the sheet is parsed whole.
PIECES = min(_cores() - 1, 4) if _cores() >= 3 else 1
_OTHERS_BYTES = 8 << 20  # the other parts copied into every piece, at most
_EMPTY_SHEET = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData/></worksheet>")
_PREFIXED_ROOT = re.compile(rb"<\w+:worksheet\b")
_ROW_NUMBER = re.compile(rb'\sr="[0-9]+"')

Grid = list[list[object]]
Piece = tuple[tuple[int, int] | None, tuple[int, int] | None, Grid]  # start, end (row, column), rows


def wanted(size: int) -> bool:
    """Whether a sheet part of ``size`` bytes (inflated) is worth parsing in pieces on this machine."""
    return PIECES >= 2 and size >= PIECE_BYTES


def parse(path: str, name: str, part: str, data: bytes, sheet_parts: set[str],
          pieces: int | None = None) -> Grid | None:
    """The rows of sheet ``name`` (its part ``part``, inflated: ``data``) parsed in ``pieces``
    pieces (:data:`PIECES`), or None when it cannot be cut, or a piece fails."""
    cuts = cuts_between_rows(data, PIECES if pieces is None else pieces)
    if cuts is None:
        return None
    books = _books(path, part, data, cuts, sheet_parts)
    if books is None:
        return None
    found: list[Piece | None] = [None] * len(books)

    def run(i: int) -> None:
        try:
            found[i] = _parse_piece(books[i], name)
        except Exception:  # the whole sheet is parsed again, and raises what the user sees
            found[i] = None

    threads = [threading.Thread(target=run, args=(i,), name="samplecheck-piece", daemon=True)
               for i in range(1, len(books))]
    for thread in threads:
        thread.start()
    run(0)
    for thread in threads:
        thread.join()
    if any(piece is None for piece in found):
        return None
    return joined([piece for piece in found if piece is not None])


def cuts_between_rows(data: bytes, pieces: int) -> list[int] | None:
    """Where the rows of ``sheetData`` start, where each further piece's first row starts, and
    where the rows end; None when the sheet cannot be cut that way."""
    if pieces < 2 or _PREFIXED_ROOT.search(data, 0, 4096):
        return None
    at = data.find(b"<sheetData")
    close = data.find(b">", at) if at >= 0 else -1
    end = data.rfind(b"</sheetData>")
    if close < 0 or data[close - 1:close] == b"/" or end <= close:
        return None
    start = close + 1
    cuts = [start]
    for k in range(1, pieces):
        target = max(start + (end - start) * k // pieces, cuts[-1] + 1)
        row = data.find(b"<row ", target, end)
        if row < 0:  # the last row is long: the row before the target
            row = data.rfind(b"<row ", cuts[-1] + 1, target)
        tag_end = data.find(b">", row, end) if row >= 0 else -1
        if tag_end < 0 or not _ROW_NUMBER.search(data, row, tag_end):
            return None
        cuts.append(row)
    cuts.append(end)
    return cuts


def _books(path: str, part: str, data: bytes, cuts: list[int], sheet_parts: set[str]
           ) -> list[io.BytesIO] | None:
    """One workbook (zip, in memory, parts stored) a piece; None when the other parts are large."""
    others: list[tuple[str, bytes | None]] = []  # None: where the sheet's piece goes
    size = 0
    with zipfile.ZipFile(path) as book:
        names = [info.filename for info in book.infolist()]
        if len(set(names)) != len(names) or part not in names:
            return None
        for info in book.infolist():
            if info.filename == part:
                others.append((part, None))
            elif info.filename in sheet_parts:
                others.append((info.filename, _EMPTY_SHEET))
            elif not info.is_dir():
                size += info.file_size
                if size > _OTHERS_BYTES:
                    return None
                others.append((info.filename, book.read(info)))
    view = memoryview(data)
    head, tail = view[:cuts[0]], view[cuts[-1]:]
    books = []
    for a, b in pairwise(cuts):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name, content in others:
                out.writestr(name, b"".join((head, view[a:b], tail)) if content is None else content)
        buffer.seek(0)
        books.append(buffer)
    return books


def _parse_piece(book: io.BytesIO, name: str) -> Piece:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_filelike(book).get_sheet_by_name(name)
    return sheet.start, sheet.end, sheet.to_python(skip_empty_area=True)


def joined(pieces: list[Piece]) -> Grid | None:
    """The pieces' rows as one grid from A1, each row as wide as the widest piece; None when the
    pieces overlap or are out of order."""
    filled = [(start, end, rows) for start, end, rows in pieces if start is not None and end is not None]
    if not filled:
        return []
    if any(end[0] >= start[0] for (_, end, _), (start, _, _) in pairwise(filled)):
        return None
    width = max(end[1] for _, end, _ in filled) + 1
    grid: Grid = []
    for start, end, rows in filled:
        if len(rows) != end[0] - start[0] + 1 or any(len(row) != end[1] - start[1] + 1 for row in rows[:1]):
            return None
        grid.extend([""] * width for _ in range(start[0] - len(grid)))
        left, right = [""] * start[1], [""] * (width - 1 - end[1])
        if left or right:
            rows = [[*left, *row, *right] for row in rows]
        grid.extend(rows)
    return grid
