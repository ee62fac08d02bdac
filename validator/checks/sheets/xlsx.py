"""Read an XLSX workbook's sample sheets into :class:`~.table.Table` objects.

Values are read by python-calamine with their types (numbers, dates, booleans)
kept; the facts calamine does not give (error values, formulas never calculated,
hidden rows and sheets, merged cells, the sheets dropdowns draw from) by
:mod:`.cells`. In ``samplecheck check`` calamine's parse has usually been started
already, in a thread, by :mod:`.prefetch`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from validator.checks.sheets import layout, prefetch
from validator.checks.sheets.cells import SheetFacts, read_facts
from validator.checks.sheets.columns import field_for
from validator.checks.sheets.table import Sheets, Skipped, Table, build, find_layout
from validator.errors import InputError
from validator.spec.suggest import closest

_HEAD_ROWS = layout.HEAD_ROWS
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_filled = layout.filled


def read_xlsx(p: Path, sheet: str | None) -> Sheets:
    """The sample sheets of a workbook (or just ``sheet``), and the sheets not checked with the reason."""
    name = str(p)
    with p.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(_OLE):
        raise InputError(f"{name}: password-protected (encrypted) or Excel 97-2003 workbook; "
                         "remove the password or save it as .xlsx")
    if not magic.startswith(_ZIP):
        raise InputError(f"{name}: not an .xlsx workbook (corrupt, or not a zip archive)")
    parsed = prefetch.take(name, sheet)
    try:
        if parsed is not None:
            names = parsed.names()
        else:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(name)
            names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            hint = closest(sheet, names)
            more = f"; did you mean {hint!r}?" if hint else f"; sheets: {', '.join(names)}"
            raise InputError(f"{name}: no sheet named {sheet!r}{more}")
        facts = read_facts(name, names, parsed.inflated() if parsed is not None else None)
        if parsed is not None:
            grids = parsed.grids()
        else:
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
    frame = pd.DataFrame(dict(enumerate(map(cells, _columns(body)))))
    frame.index = pd.RangeIndex(index + 2, index + 2 + len(body))
    notes_row = None if found.notes_under_header is None else found.notes_under_header + 1
    return build(name, title, index + 1, headers, frame, typed=True, notes_row=notes_row,
                  facts=facts, used=used)


def _used_columns(grid: list[list[object]]) -> tuple[list[list[object]], list[int] | None]:
    """A wide grid (a stray cell far to the right) cut to the columns that hold something.

    Returns the grid and the original index of each column kept (None: all kept).
    """
    width = max(map(len, grid), default=0)
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


def _columns(rows: list[list[object]]) -> list[np.ndarray]:
    """The rows' cells by column (a short row's missing cells None), as object arrays."""
    width = max(map(len, rows), default=0)
    if rows and width and min(map(len, rows)) == width:  # calamine's rows are all as wide
        grid = np.empty((len(rows), width), dtype=object)
        grid[:] = rows
        return [grid[:, i] for i in range(width)]
    return [np.array(column, dtype=object) for column in itertools.zip_longest(*rows)]


def cells(cells: Sequence[object] | np.ndarray) -> pd.Series:
    """One column of a grid, empty cells as missing: text only is read like a CSV column."""
    text = _text_column(cells.tolist() if isinstance(cells, np.ndarray) else list(cells))
    if text is not None:
        return text
    values = np.array(cells, dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) == "string":
        text = pd.Series(values, dtype="str")
        return text.where(text.ne(""))
    values[values == ""] = None
    return pd.Series(values, dtype=object)


_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # the dtype of ``pd.Series(..., dtype="str")``


def _text_column(items: list[object]) -> pd.Series | None:
    """A column whose cells are all text as a text column ("" missing), built from one string of
    them all (joined by NUL, which no cell holds) instead of one Arrow conversion a cell; None
    for any other column."""
    import pyarrow as pa

    try:
        data = "\x00".join(items).encode("utf-8")  # type: ignore[arg-type]
    except (TypeError, UnicodeEncodeError):  # a number, a date, a boolean, a missing cell
        return None
    if not items or data.count(b"\x00") != len(items) - 1:
        return None  # a cell holding NUL itself
    ends = np.append(np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0), len(data))
    lengths = np.diff(ends, prepend=-1) - 1
    offsets = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    filled = lengths != 0
    valid = None if filled.all() else pa.py_buffer(np.packbits(filled, bitorder="little"))
    array = pa.Array.from_buffers(pa.large_string(), len(items),
                                  [valid, pa.py_buffer(offsets), pa.py_buffer(data.replace(b"\x00", b""))])
    return pd.Series(pd.array(array, dtype=_TEXT))
