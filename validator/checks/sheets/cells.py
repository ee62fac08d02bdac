"""What a workbook's XML says about its cells beyond their values.

python-calamine reads the values fast but reads an Excel error value (``#N/A``)
and a formula that was never calculated as empty, and says nothing of hidden
rows or of the sheets that data validations draw their lists from. This module
reads those facts from each sheet's XML part: it searches the bytes for the few
markers involved (``<f``, ``t="e"``, ``hidden=``, ``<mergeCell``,
``<dataValidation``) and looks closer only where one occurs. A large part is
inflated by ISA-L and first searched for each marker by RE2 (through pyarrow;
both release the GIL, and RE2 skips to a marker's rare first byte), so a sheet of
plain values costs one inflate and a few fast searches.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)"')
_FORMULA_START = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_VALIDATION_FORMULA = re.compile(rb"<(?:\w+:)?(?:formula1|f)>([^<]*)</(?:\w+:)?(?:formula1|f)>")
_SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!,():=&\"<>+\-*/^;]+))!")
_NAME = re.compile(r"[A-Za-z_\\][\w.]*")
_PREFIXED_ROOT = re.compile(rb"<\w+:worksheet\b")
_LARGE = 1 << 20  # a part this large is searched for the markers by RE2 first
# marker -> an RE2 pattern that matches wherever the scan could find something for it (a formula:
# ``f`` then what _FORMULA_START allows after it; RE2's \s lacks \v)
_MARKERS = {b"hidden=": "hidden=", b"mergeCell": "mergeCell", b"f": "f[ \\t\\n\\r\\f\\x0b>/]",
            b't="e"': 't="e"', b"dataValidation": "dataValidation"}
MAX_COLUMNS = 16384


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class SheetFacts:
    """Cell facts of one sheet; rows are spreadsheet rows (1-based), columns 0-based."""

    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # row1, col1, row2, col2
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # Excel error values
    uncalculated: set[tuple[int, int]] = field(default_factory=set)  # formulas without a cached value
    formulas_by_row: dict[int, int] = field(default_factory=dict)
    list_sources: set[str] = field(default_factory=set)  # sheets its data validations draw from


def read_facts(path: str, names: list[str], inflated: Mapping[str, bytes] | None = None
               ) -> dict[str, SheetFacts]:
    """Facts for the named sheets of a workbook; a sheet whose part cannot be found gets none.

    ``inflated``: the bytes of parts already inflated (by :mod:`.prefetch`), by part name.
    """
    out = {name: SheetFacts() for name in names}
    try:
        with zipfile.ZipFile(path) as book:
            parts, defined = sheet_parts(book)
            for name in names:
                part = parts.get(name)
                if part is None:
                    continue
                facts = out[name]
                facts.hidden = part[1]
                try:
                    data = (inflated or {}).get(part[0]) or inflate_part(path, book, part[0])
                except KeyError:
                    continue
                _scan(data, facts, defined)
    except (zipfile.BadZipFile, OSError, ElementTree.ParseError, KeyError):
        pass  # calamine has read the values; without the facts the cells read as it reads them
    return out


def sheet_parts(book: zipfile.ZipFile) -> tuple[dict[str, tuple[str, bool]], dict[str, str]]:
    """Sheet name -> (XML part, hidden), and defined name -> its formula text."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        parts[sheet.get("name", "")] = (part, sheet.get("state", "visible") != "visible")
    defined = {d.get("name", ""): d.text or "" for d in workbook.iter(f"{_MAIN}definedName")}
    return parts, defined


def inflate_part(path: str, book: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes: a large deflated part inflated by ISA-L, anything else (or any trouble) by zipfile."""
    info = book.getinfo(name)
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1 and info.file_size >= _LARGE:
        try:
            from isal import isal_zlib

            with open(path, "rb") as fh:
                fh.seek(info.header_offset)
                head = fh.read(30)
                if head[:4] == b"PK\x03\x04":
                    name_len, extra_len = struct.unpack("<2H", head[26:30])
                    fh.seek(info.header_offset + 30 + name_len + extra_len)
                    data = isal_zlib.decompress(fh.read(info.compress_size), -15)
                    if len(data) == info.file_size and isal_zlib.crc32(data) == info.CRC:
                        return data
        except Exception:  # zipfile reads it again and says what is wrong
            pass
    return book.read(name)


def _markers(data: bytes) -> dict[bytes, bool]:
    """Which markers occur in a part: for a large one, one RE2 search each (a search that starts
    with a rare byte skips to it, and releases the GIL); for a small one, all (searched as before)."""
    if len(data) >= _LARGE:
        try:
            import pyarrow as pa
            import pyarrow.compute as pc

            offsets = pa.py_buffer(struct.pack("<2q", 0, len(data)))
            one = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
            return {marker: bool(pc.match_substring_regex(one, pattern)[0].as_py())
                    for marker, pattern in _MARKERS.items()}
        except Exception:  # without pyarrow's regex the scan searches marker by marker
            pass
    return dict.fromkeys(_MARKERS, True)


def _scan(data: bytes, facts: SheetFacts, defined: dict[str, str]) -> None:
    found = _markers(data)
    if found[b"hidden="] and b"hidden=" in data:
        for match in _around(_HIDDEN_ROW, data, b'hidden="'):
            number = _ROW_NUMBER.search(match.group(0))
            if number:
                facts.hidden_rows.add(int(number.group(1)))
    if found[b"mergeCell"] and b"mergeCell" in data:
        for m in _around(_MERGE, data, b"mergeCell"):
            facts.merges.append((int(m.group(2)), column_index(m.group(1).decode()),
                                 int(m.group(4)), column_index(m.group(3).decode())))
    tag = _cell_tag(data)
    if found[b"f"] and (b"<f" in data or b":f" in data):
        for start in _formula_starts(data):
            cell = _enclosing_cell(data, start, tag)
            if cell is None:
                continue
            (row, col), attrs, body = cell
            if b"<" + b"f" not in body and b":f" not in body:
                continue
            facts.formulas_by_row[row] = facts.formulas_by_row.get(row, 0) + 1
            value = _VALUE.search(body)
            kind = _TYPE.search(attrs)
            if value is None or (not value.group(1) and not (kind and kind.group(1) == b"str")):
                facts.uncalculated.add((row, col))
    if found[b't="e"'] and b't="e"' in data:
        for start in _error_types(data):
            cell = _enclosing_cell(data, start, tag)
            if cell is None:
                continue
            place, attrs, body = cell
            value = _VALUE.search(body)
            if value and _TYPE.search(attrs) and _TYPE.search(attrs).group(1) == b"e":
                facts.errors[place] = value.group(1).decode("utf-8", "replace")
    if found[b"dataValidation"] and b"dataValidation" in data:
        start = data.find(b"dataValidation")
        for m in _VALIDATION_FORMULA.finditer(data, start):
            facts.list_sources |= _sheets_named(_unescape(m.group(1).decode("utf-8", "replace")), defined)


def _around(pattern: re.Pattern[bytes], data: bytes, marker: bytes) -> Iterator[re.Match[bytes]]:
    """``pattern.finditer(data)`` for a pattern whose every match holds ``marker`` and no ``>`` but
    a last one: only the stretches between two ``>`` that hold the marker are searched."""
    at = data.find(marker)
    while at >= 0:
        end = data.find(b">", at)
        end = len(data) if end < 0 else end + 1
        yield from pattern.finditer(data, data.rfind(b">", 0, at) + 1, end)
        at = data.find(marker, end)


_SPACE_GT_SLASH = frozenset(b" \t\n\r\f\v>/")  # what _FORMULA_START allows after ``f``
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")  # bytes \w


def _formula_starts(data: bytes) -> Iterator[int]:
    """Where ``_FORMULA_START.finditer(data)`` matches: without any ``:f``, every ``<f`` followed by
    a space, ``>`` or ``/`` (a search for ``<f`` skips the bytes in between)."""
    if b":f" in data:
        yield from (m.start() for m in _FORMULA_START.finditer(data))
        return
    at = data.find(b"<f")
    while at >= 0:
        if at + 2 < len(data) and data[at + 2] in _SPACE_GT_SLASH:
            yield at
        at = data.find(b"<f", at + 2)


def _error_types(data: bytes) -> Iterator[int]:
    """Where ``_ERROR_TYPE.finditer(data)`` (``\\bt="e"``) matches, by a search for ``t="e"``."""
    at = data.find(b't="e"')
    while at >= 0:
        if at == 0 or data[at - 1] not in _WORD:
            yield at
        at = data.find(b't="e"', at + 1)


def _cell_tag(data: bytes) -> bytes:
    """How the sheet's cell start tags begin: ``<c `` or, with the namespace on a prefix, ``:c ``."""
    return b":c " if _PREFIXED_ROOT.search(data, 0, 4096) else b"<c "


def _enclosing_cell(data: bytes, pos: int, tag: bytes = b"<c "
                    ) -> tuple[tuple[int, int], bytes, bytes] | None:
    """((row, column), attributes, body) of the ``<c>`` element around ``pos``.

    Only the sheet's own form of the tag (``tag``) is searched for: a search for a form
    the sheet never uses would run back to the start of the part at every formula.
    """
    start = data.rfind(tag, 0, pos)
    if start < 0:
        return None
    close = data.find(b">", start)
    if close < 0 or (close > pos and data[close - 1:close] == b"/"):
        return None
    attrs = data[start:close]
    ref = _CELL_REF.search(attrs)
    if ref is None:
        return None
    end = data.find(b"c>", close)
    body = data[close + 1:end if end >= 0 else len(data)]
    if pos > close and end >= 0 and pos > end:
        return None
    return (int(ref.group(2)), column_index(ref.group(1).decode())), attrs, body


def _unescape(text: str) -> str:
    return text.replace("&apos;", "'").replace("&quot;", '"').replace("&amp;", "&") \
        .replace("&lt;", "<").replace("&gt;", ">")


def _sheets_named(formula: str, defined: dict[str, str], depth: int = 0) -> set[str]:
    """The sheets a validation formula refers to, through defined names too."""
    out = {(quoted.replace("''", "'") if quoted else bare) for quoted, bare in _SHEET_REF.findall(formula)}
    if depth < 3:
        for name in _NAME.findall(formula):
            if name in defined:
                out |= _sheets_named(defined[name], defined, depth + 1)
    return out
