"""Workbooks parsed ahead, in a thread, while the rest of the program gets ready.

python-calamine releases the GIL while it parses a sheet, which is most of the time
reading a workbook takes. ``samplecheck check`` calls :func:`start` with the files it
was given before it imports the sheet engine (pandas, pandera, polars), so calamine
parses the first workbook on one core while the imports and the scan of the
workbook's XML for cell facts (:mod:`.cells`) run on the other. The reader
(:mod:`.xlsx`) then :func:`take` s the parsed workbook instead of parsing it again;
once it has the cells, the next workbook named starts, so at most one parse runs
ahead and one workbook waits to be taken. On a machine with cores to spare, a large
sheet is parsed in pieces, one thread each (:mod:`.pieces`); the sheet's XML, inflated
for that, is handed to the cell-fact scan too, so that it is inflated once.

A workbook is parsed for one reader: taking it removes it. An error while parsing is
kept and raised in the reader, where it becomes the same one-line ``InputError`` as
when the reader parses the workbook itself. Only the standard library is imported
here, with :mod:`.cells` and :mod:`.pieces` (python-calamine inside the thread).
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections import deque
from collections.abc import Iterable

from validator.checks.sheets import cells, pieces
from validator.spec.inputs import XLSX_SUFFIXES

_ZIP = b"PK\x03\x04"
Grid = list[list[object]]


class Workbook:
    """One workbook being parsed: its sheet names as soon as it is open, then the cells of its sheets."""

    def __init__(self, path: str, sheet: str | None) -> None:
        self.path, self.sheet = path, sheet
        self._open = threading.Event()
        self._names: list[str] | None = None
        self._grids: dict[str, Grid] = {}
        self._inflated: dict[str, bytes] = {}  # large sheet parts, by part name, for the cell facts
        self._inflating = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._parse, name="samplecheck-prefetch", daemon=True)

    def _parse(self) -> None:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(self.path)
            self._names = list(book.sheet_names)
        except BaseException as exc:  # raised again in the reader
            self._error = exc
            self._inflating.set()
            return
        finally:
            self._open.set()
        wanted = [self.sheet] if self.sheet is not None else self._names
        inflated: dict[str, bytes] = {}  # kept here: the reader takes self._inflated meanwhile
        try:
            parts, every = self._inflate(wanted, inflated)
            self._inflated = dict(inflated)
        finally:
            self._inflating.set()
        try:
            for name in wanted:
                if name not in self._names:
                    break  # the reader says there is no such sheet
                grid = None
                if name in parts:
                    grid = _in_pieces(self.path, name, parts[name], inflated[parts[name]], every)
                if grid is None:
                    grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                self._grids[name] = grid
        except BaseException as exc:  # raised again in the reader
            self._error = exc

    def _inflate(self, wanted: list[str], inflated: dict[str, bytes]) -> tuple[dict[str, str], set[str]]:
        """Inflate into ``inflated`` the sheet parts among ``wanted`` to parse in pieces (:mod:`.pieces`):
        sheet name -> part name of each, and the parts of every sheet (none on any trouble: calamine
        reads the workbook as it is, and says what is wrong)."""
        parts: dict[str, str] = {}
        try:
            with zipfile.ZipFile(self.path) as book:
                found, _ = cells.sheet_parts(book)
                for name in wanted:
                    part = found.get(name, ("", False))[0]
                    if part and pieces.wanted(book.getinfo(part).file_size):
                        inflated[part] = cells.inflate_part(self.path, book, part)
                        parts[name] = part
        except Exception:
            inflated.clear()
            return {}, set()
        return parts, {part for part, _ in found.values()}

    def inflated(self) -> dict[str, bytes]:
        """The large sheet parts inflated here, by part name (waits for them); once: the caller keeps them."""
        self._inflating.wait()
        out, self._inflated = self._inflated, {}
        return out

    def names(self) -> list[str]:
        """The workbook's sheet names (waits until it is open); raises what opening it raised."""
        self._open.wait()
        if self._names is None:
            _start_next()
            raise _error(self._error)
        return self._names

    def grids(self) -> dict[str, Grid]:
        """Sheet name -> its cells as rows (waits for the parse); raises what parsing raised."""
        self._thread.join()
        _start_next()
        if self._error is not None:
            raise _error(self._error)
        return self._grids


def _in_pieces(path: str, name: str, part: str, data: bytes, sheet_parts: set[str]) -> Grid | None:
    try:
        return pieces.parse(path, name, part, data, sheet_parts)
    except Exception:  # the whole sheet is parsed as before
        return None


def _error(exc: BaseException | None) -> BaseException:
    return exc if exc is not None else RuntimeError("the workbook was not parsed")


_queue: deque[tuple[str, str | None]] = deque()
_ready: dict[str, tuple[tuple[int, int, int] | None, Workbook]] = {}  # by absolute path: (its stat, it)
_running: list[Workbook] = []


def start(paths: Iterable[str], sheet: str | None = None) -> bool:
    """Queue the XLSX workbooks among ``paths`` and start parsing the first. True when one started.

    Whatever an earlier call queued or parsed and nobody took is dropped.
    """
    clear()
    _queue.extend((str(p), sheet) for p in paths if str(p).lower().endswith(XLSX_SUFFIXES))
    return _start_next()


def clear() -> None:
    """Drop every queued and parsed workbook (a parse still running ends unused)."""
    _queue.clear()
    _ready.clear()
    _running.clear()


def busy() -> bool:
    """Whether a parse is running now."""
    return any(w._thread.is_alive() for w in _running)


def _start_next() -> bool:
    if busy():
        return False
    _running.clear()
    while _queue:
        path, sheet = _queue.popleft()
        key = os.path.abspath(path)
        if key in _ready or not _is_zip(path):
            continue  # not a workbook calamine can open: the reader says why
        workbook = Workbook(path, sheet)
        _ready[key] = (_stat(path), workbook)
        _running.append(workbook)
        workbook._thread.start()
        return True
    return False


def _is_zip(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == _ZIP
    except OSError:
        return False


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def take(path: str, sheet: str | None) -> Workbook | None:
    """The workbook started for ``path`` (and ``sheet``), once; None when none was, or the file changed."""
    key = os.path.abspath(path)
    stat, workbook = _ready.pop(key, (None, None))
    if workbook is None or workbook.sheet != sheet or stat is None or stat != _stat(path):
        return None
    return workbook
