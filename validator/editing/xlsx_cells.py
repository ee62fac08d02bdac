"""Cells of an XLSX workbook, read and rewritten inside the workbook's own XML.

``fix`` changes a few cells of a workbook that may hold 100,000 rows, formulas
with their cached values, styles, data validations and comments. Loading such a
workbook into an object model and saving it again costs many times the check of
it, and loses what the model does not keep (openpyxl drops every formula's cached
value, so readers that do not recalculate see empty cells). Here the workbook is
treated as what it is, a zip of XML parts:

- every part is copied byte for byte (:mod:`.zip_parts`), except the worksheet
  parts that hold a changed cell;
- in those, the XML is streamed: only the ``<row>`` elements holding a changed
  cell are looked into, and only the changed ``<c>`` elements are rewritten
  (:mod:`.cell_xml`); new text is an inline string, so the shared strings stay
  as they were.

Rows are found by their ``r`` attribute (as Excel, LibreOffice and openpyxl
write them) with a byte search; a part whose rows are written otherwise (no
``r``, a namespace prefix) is walked row by row, numbering rows as a reader does.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from validator.editing.cell_xml import (
    CELL,
    SharedString,
    attributes,
    cell_element,
    cell_value,
    column_index,
    rich_text,
)
from validator.editing.zip_parts import Package, ZipFormatError
from validator.errors import InputError
from validator.spec.inputs import existing_file

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/?)>")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_PREFIXED = re.compile(rb"<\w+:(?:worksheet|sst)\b")
_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]+)")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

#: (sheet, A1 reference)
Place = tuple[str | None, str]
#: row -> column -> what to do there
Targets = dict[int, dict[int, Any]]


def _split(ref: str) -> tuple[int, int]:
    """``"E7"`` -> (7, 5)."""
    match = _REF.fullmatch(ref)
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match[2]), column_index(match[1].encode())


def _last_end(buf: bytes, name: bytes) -> int:
    """Where the last ``</name>`` (or ``</x:name>``) end tag in ``buf`` ends; 0 when there is none."""
    close = name + b">"
    at = buf.rfind(close)
    while at > 0:
        lt = buf.rfind(b"<", 0, at)
        if lt >= 0 and re.fullmatch(rb"</(?:\w+:)?", buf[lt:at]):
            return at + len(close)
        at = buf.rfind(close, 0, at)
    return 0


def _pieces(chunks: Iterable[bytes], name: bytes) -> Iterator[bytes]:
    """The content again, in pieces that each end just after a ``</name>`` (the last: the rest)."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        cut = _last_end(buf, name)
        if cut:
            yield buf[:cut]
        carry = buf[cut:]
    if carry:
        yield carry


class _Rows:
    """Finds the target rows in the pieces of a worksheet part, in order.

    A piece whose every ``<row`` start tag begins ``<row r="`` is searched for the
    target rows' start tags directly; any other piece is walked row by row.
    """

    def __init__(self, rows: Iterable[int]) -> None:
        self.pending = sorted(set(rows))
        self.next = 0  # index into pending
        self.last = 0  # number of the last row seen
        self.walk = False  # True once the part is known to need walking

    @property
    def done(self) -> bool:
        return self.next >= len(self.pending)

    def spans(self, piece: bytes) -> Iterator[tuple[int, int, int]]:
        """(row, start of its content, end of its content) for each target row in ``piece``."""
        if self.done:
            return
        if self.last == 0 and _PREFIXED.search(piece[:4096]):
            self.walk = True
        explicit = piece.count(b'<row r="')
        if self.walk or explicit != piece.count(b"<row ") + piece.count(b"<row>"):
            yield from self._walk(piece)
            return
        if not explicit:
            return
        at = piece.rfind(b'<row r="') + 8
        self.last = int(piece[at:piece.find(b'"', at)])
        pending, start = self.pending, 0
        while self.next < len(pending) and pending[self.next] <= self.last:
            at = piece.find(b'<row r="%d"' % pending[self.next], start)
            self.next += 1
            if at < 0:
                continue  # not in the sheet (an empty cell of a merged range, say)
            start = piece.find(b">", at) + 1
            if piece[start - 2] != 0x2F:  # "/": a row with no cells has nothing to change
                yield pending[self.next - 1], start, piece.find(b"</row>", start)

    def _walk(self, piece: bytes) -> Iterator[tuple[int, int, int]]:
        pending = self.pending
        for match in _ROW.finditer(piece):
            given = attributes(match[1]).get(b"r")
            self.last = int(given) if given else self.last + 1
            while self.next < len(pending) and pending[self.next] < self.last:
                self.next += 1
            if self.next >= len(pending):
                return
            if pending[self.next] == self.last and not match[2]:
                end = _ROW_END.search(piece, match.end())
                yield self.last, match.end(), end.start() if end else len(piece)


def _cells(piece: bytes, start: int, end: int, columns: dict[int, Any]) -> Iterator[tuple[int, re.Match]]:
    """(column, match of the ``<c>`` element) for each cell of a row in ``columns``."""
    column = 0
    for match in CELL.finditer(piece, start, end):
        ref = attributes(match[2]).get(b"r")
        column = column_index(ref) if ref else column + 1
        if column in columns:
            yield column, match


def read_cells(chunks: Iterable[bytes], targets: Targets) -> dict[tuple[int, int], object]:
    """(row, column) -> value (:func:`.cell_xml.cell_value`) for the target cells that hold one."""
    rows, out = _Rows(targets), {}
    for piece in _pieces(chunks, b"row"):
        for row, start, end in rows.spans(piece):
            for column, match in _cells(piece, start, end, targets[row]):
                if (value := cell_value(match[2], match[3])) is not None:
                    out[row, column] = value
        if rows.done:  # the rest of the part holds no target
            break
    return out


def rewrite_cells(targets: Targets) -> Callable[[Iterable[bytes]], Iterator[bytes]]:
    """A rewrite of a worksheet part that writes ``targets[row][column]`` into those cells only."""
    def rewrite(chunks: Iterable[bytes]) -> Iterator[bytes]:
        rows = _Rows(targets)
        for piece in _pieces(chunks, b"row"):
            done, out = 0, []
            for row, start, end in rows.spans(piece):
                for column, match in _cells(piece, start, end, targets[row]):
                    out += [piece[done:match.start()], cell_element(match[1], match[2], targets[row][column])]
                    done = match.end()
            yield b"".join([*out, piece[done:]]) if out else piece
    return rewrite


def shared_strings(chunks: Iterable[bytes], wanted: set[int]) -> dict[int, str]:
    """The shared strings at the ``wanted`` indices."""
    out: dict[int, str] = {}
    if not wanted:
        return out
    base, last, counted = 0, max(wanted), None
    for piece in _pieces(chunks, b"si"):
        if counted is None:
            counted = not _PREFIXED.search(piece[:4096])
        if counted:  # skip a piece that holds none of the wanted strings without parsing it
            items = piece.count(b"</si>") + piece.count(b"<si/>")
            if not any(base <= i < base + items for i in wanted):
                base += items
                continue
        for index, match in enumerate(_SI.finditer(piece), base):
            if index in wanted:
                out[index] = rich_text(match[1])
            base = index + 1
        if base > last:
            break
    return out


class XlsxCells:
    """A workbook whose cells are read and changed in its XML: ``value``/``values``, ``set``, ``save``."""

    is_csv = False

    def __init__(self, path: str | Path) -> None:
        self.path = existing_file(path)
        self._edits: dict[str | None, dict[str, Any]] = {}
        try:
            self._package = Package(self.path)
            self.sheets, self._shared = _layout(self._package)
        except (OSError, KeyError, ValueError, ET.ParseError, ZipFormatError, zipfile.BadZipFile) as exc:
            raise InputError(f"{path}: not a readable XLSX workbook ({exc})") from None

    def close(self) -> None:
        self._package.close()

    def __enter__(self) -> XlsxCells:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _part(self, sheet: str | None) -> str:
        if sheet is None:
            return next(iter(self.sheets.values()))
        if sheet not in self.sheets:
            raise InputError(f"{self.path}: no sheet named {sheet!r}")
        return self.sheets[sheet]

    def values(self, places: Iterable[Place]) -> dict[Place, object]:
        """The value of each cell that holds one (not a formula or an error value); others are left out.

        A place on a sheet that is not a worksheet (a chart sheet) holds no value.
        """
        by_part: dict[str, Targets] = {}
        for sheet, ref in places:
            if sheet is not None and sheet not in self.sheets:
                continue
            row, column = _split(ref)
            by_part.setdefault(self._part(sheet), {}).setdefault(row, {})[column] = (sheet, ref)
        found: dict[Place, object] = {}
        for part, targets in by_part.items():
            for (row, column), value in read_cells(self._package.chunks(part), targets).items():
                found[targets[row][column]] = value
        strings = {v.index for v in found.values() if isinstance(v, SharedString)}
        if strings:
            table = shared_strings(self._package.chunks(self._shared), strings) if self._shared else {}
            found = {k: table.get(v.index) if isinstance(v, SharedString) else v for k, v in found.items()}
        return found

    def value(self, sheet: str | None, ref: str) -> object:
        return self.values([(sheet, ref)]).get((sheet, ref))

    def set(self, sheet: str | None, ref: str, value: Any) -> None:
        """Write ``value`` (text, a number or a boolean) into an existing cell when saved."""
        self._part(sheet)
        self._edits.setdefault(sheet, {})[ref] = value

    def save(self, out: str | Path) -> None:
        """Write the workbook to ``out``: the set cells changed, every other byte of content kept."""
        rewrites = {}
        for sheet, cells in self._edits.items():
            targets: Targets = {}
            for ref, value in cells.items():
                row, column = _split(ref)
                targets.setdefault(row, {})[column] = value
            rewrites[self._part(sheet)] = rewrite_cells(targets)
        target = Path(out)
        if target.exists() and target.samefile(self.path):
            raise InputError(f"{out}: refusing to write over the input workbook")
        try:
            fh = target.open("wb")
        except OSError as exc:
            raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None
        try:
            with fh:
                self._package.copy_with(fh, rewrites)
        except BaseException as exc:
            target.unlink(missing_ok=True)  # no half-written workbook is left behind
            if isinstance(exc, OSError):
                raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from None
            if isinstance(exc, ZipFormatError | ValueError):
                raise InputError(f"{self.path}: cannot rewrite the workbook ({exc})") from None
            raise


def _layout(package: Package) -> tuple[dict[str, str], str | None]:
    """Sheet name -> worksheet part, in workbook order; and the shared-strings part, if any."""
    book = _targets(package, "_rels/.rels", "").get("officeDocument", [("", "xl/workbook.xml")])[0][1]
    folder, base = posixpath.split(book)
    related = _targets(package, posixpath.join(folder, "_rels", base + ".rels"), folder)
    by_id = dict(related.get("worksheet", []))
    sheets = {}
    for node in ET.fromstring(package.read(book)).iter():
        if node.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
        if rid in by_id and node.get("name") is not None:
            sheets[node.get("name")] = by_id[rid]
    if not sheets:
        raise ValueError("no worksheet")
    shared = related.get("sharedStrings", [(None, None)])[0][1]
    return sheets, shared if shared in package else None


def _targets(package: Package, rels: str, folder: str) -> dict[str, list[tuple[str, str]]]:
    """Relationship kind (the last word of its type) -> [(id, part name)] from a .rels part."""
    out: dict[str, list[tuple[str, str]]] = {}
    if rels not in package:
        return out
    for node in ET.fromstring(package.read(rels)).iter(_RELS):
        if node.get("TargetMode") == "External":
            continue
        target = node.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        kind = node.get("Type", "").rsplit("/", 1)[-1]
        out.setdefault(kind, []).append((node.get("Id", ""), name))
    return out
