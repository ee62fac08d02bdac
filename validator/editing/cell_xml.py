"""One worksheet cell as SpreadsheetML writes it (``<c r="E7" s="3" t="s"><v>12</v></c>``).

:func:`cell_value` reads the value of a ``<c>`` element as a reader that does not
recalculate sees it; :func:`cell_element` writes a ``<c>`` element holding a new
value, keeping the cell's address and style. New text is written as an inline
string (``t="inlineStr"``), so the shared-strings part stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# the element: its name (group 1), attributes (2) and content (3; None when it closes itself)
CELL = re.compile(rb"<((?:\w+:)?c)\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR = re.compile(rb"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_INLINE = re.compile(rb"<(?:\w+:)?is\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?is>)", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_EXCEL_ESCAPE = re.compile(r"_x([0-9a-fA-F]{4})_")
# characters XML 1.0 cannot hold, and text that would read back as an Excel escape
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)")
_KEPT = (b"r", b"s", b"ph")  # a rewritten cell keeps its address, style and phonetic flag


@dataclass(frozen=True, slots=True)
class SharedString:
    """A cell that holds the index of a shared string (resolved once the strings are read)."""

    index: int


def attributes(tag: bytes) -> dict[bytes, bytes]:
    """The attributes of a start tag's attribute text, values as written (still escaped)."""
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _ATTR.finditer(tag)}


def unescape(raw: bytes) -> str:
    """The text of XML character data: entities, XML's line-end rule, Excel's ``_xHHHH_`` escapes."""
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return text


def _entity(m: re.Match[str]) -> str:
    name = m[1]
    if name[0] == "#":
        return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))
    return _NAMED[name]


def rich_text(content: bytes | None) -> str:
    """The text of an ``<si>`` or ``<is>`` element's content: its runs joined, phonetic runs left out."""
    if not content:
        return ""
    if b"rPh" in content:
        content = _PHONETIC.sub(b"", content)
    return "".join(unescape(m[1]) for m in _TEXT.finditer(content) if m[1])


def cell_value(attrs: bytes, content: bytes | None) -> object:
    """The value a non-recalculating reader sees in this cell, or None when there is nothing to edit.

    Text comes back as ``str``, a shared string as :class:`SharedString`, numbers as
    ``int`` or ``float``, booleans as ``bool``, ISO dates as ``datetime``. A formula
    (whatever its cached value), an error value and an empty cell give None: ``fix``
    never rewrites them.
    """
    if not content or _FORMULA.search(content):
        return None
    kind = attributes(attrs).get(b"t", b"n")
    if kind == b"inlineStr":
        inline = _INLINE.search(content)
        return rich_text(inline[1]) if inline else None
    value = _VALUE.search(content)
    if value is None or value[1] is None:
        return None
    raw = value[1]
    if kind == b"s":
        return SharedString(int(raw))
    if kind == b"str":
        return unescape(raw)
    if kind == b"b":
        return raw.strip() in (b"1", b"true")
    if kind == b"d":
        try:
            return dt.datetime.fromisoformat(raw.decode().strip())
        except ValueError:
            return None
    if kind == b"n":
        text = raw.strip()
        try:
            return float(text) if any(c in text for c in b".eE") or text.lower() in (b"inf", b"nan") \
                else int(text)
        except ValueError:
            return None
    return None  # t="e": an error value


def escape(text: str) -> str:
    """Character data for ``text``: XML escapes, and Excel's ``_xHHHH_`` for what XML cannot hold.

    A carriage return is a character reference, which XML readers keep (a literal one
    would be read as a line feed).
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _UNWRITABLE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def cell_element(name: bytes, attrs: bytes, value: object) -> bytes:
    """A ``<c>`` element (tag ``name``, with any prefix) for ``value``, keeping address and style.

    ``value`` is text (an inline string), a number, or a boolean; the cell's type and
    value metadata attributes are dropped, the rest of its attributes kept.
    """
    kept = b"".join(b" " + m[0] for m in _ATTR.finditer(attrs) if m[1] in _KEPT)
    prefix = name[:-1]  # b"" or b"x:"
    if isinstance(value, bool):
        body, kind = b"<%sv>%d</%sv>" % (prefix, value, prefix), b' t="b"'
    elif isinstance(value, int | float):
        body, kind = b"<%sv>%s</%sv>" % (prefix, repr(value).encode(), prefix), b""
    else:
        text = escape(str(value)).encode("utf-8")
        space = b' xml:space="preserve"' if text != text.strip() else b""
        body = b"<%sis><%st%s>%s</%st></%sis>" % (prefix, prefix, space, text, prefix, prefix)
        kind = b' t="inlineStr"'
    return b"<%s%s%s>%s</%s>" % (name, kept, kind, body, name)


def column_index(ref: bytes) -> int:
    """``b"AB12"`` -> 28 (the column, counted from 1)."""
    number = 0
    for byte in ref:
        if 65 <= byte <= 90:
            number = number * 26 + byte - 64
        elif 97 <= byte <= 122:
            number = number * 26 + byte - 96
        else:
            break
    return number
