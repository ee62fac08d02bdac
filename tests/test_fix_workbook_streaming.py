"""The streamed cell rewrite finds the same cells however the XML is written and however it is cut.

A worksheet part arrives in chunks cut anywhere (inside a tag, a row, a cell); rows
and cells may carry their ``r`` address or leave it to their order; elements may
carry a namespace prefix. Whatever the shape, reading and rewriting the target cells
must give what a whole-document reading gives.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.editing.cell_xml import cell_element
from validator.editing.xlsx_cells import read_cells, rewrite_cells, shared_strings

_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_COLUMNS = "ABCDEFGHIJ"

# a cell: (kind, value); kinds: text (inline), number, formula (with a cached value), empty
cell = st.one_of(
    st.tuples(st.just("text"), st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                                       max_size=6)),
    st.tuples(st.just("number"), st.integers(-1000, 1000)),
    st.tuples(st.just("formula"), st.integers(0, 9)),
    st.tuples(st.just("empty"), st.none()),
)
sheet = st.lists(st.lists(st.one_of(st.none(), cell), max_size=6), min_size=1, max_size=12)


def _escape(text: str) -> str:
    """Text as XML holds it; a carriage return as a character reference (XML reads a raw one as \\n)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _cell_xml(p: str, ref: str, kind: str, value: object) -> bytes:
    attrs = f' r="{ref}"' if ref else ""
    if kind == "text":
        body = f'<{p}is><{p}t xml:space="preserve">{_escape(value)}</{p}t></{p}is>'
        return f'<{p}c{attrs} t="inlineStr">{body}</{p}c>'.encode()
    if kind == "number":
        return f'<{p}c{attrs} s="1"><{p}v>{value}</{p}v></{p}c>'.encode()
    if kind == "formula":
        return f"<{p}c{attrs}><{p}f>A1+{value}</{p}f><{p}v>{value}</{p}v></{p}c>".encode()
    return f"<{p}c{attrs}/>".encode()


def _render(rows, shape, new: dict[tuple[int, int], object] | None = None) -> bytes:
    """The worksheet XML; ``new`` replaces those cells' elements as the rewrite should."""
    explicit, prefix, spans_first, gap = shape
    p = "x:" if prefix else ""
    ns = f' xmlns{":x" if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    out = [_HEAD, f"<{p}worksheet{ns}><{p}dimension ref=\"A1\"/><{p}sheetData>".encode()]
    for number, cells in _numbered(rows, explicit, gap):
        attrs = (f' spans="1:6" r="{number}"' if spans_first else f' r="{number}" spans="1:6"') \
            if explicit else ""
        if not any(c is not None for c in cells):
            out.append(f"<{p}row{attrs}/>".encode())
            continue
        out.append(f"<{p}row{attrs}>".encode())
        for column, c in enumerate(cells, 1):
            if c is None:
                continue
            ref = f"{_COLUMNS[column - 1]}{number}" if explicit else ""
            xml = _cell_xml(p, ref, *c)
            if new and (number, column) in new:
                attrs_text = xml[xml.index(b"c") + 1:xml.index(b">")].rstrip(b"/")
                xml = cell_element(f"{p}c".encode(), attrs_text, new[number, column])
            out.append(xml)
        out.append(f"</{p}row>".encode())
    out.append(f"</{p}sheetData><{p}pageMargins left=\"0.7\"/></{p}worksheet>".encode())
    return b"".join(out)


def _numbered(rows, explicit: bool, gap: int):
    """(row number, cells): with addresses, rows may skip numbers; without, they count from 1.

    Without addresses a row's empty positions still hold an empty cell element, so that
    cell order gives the column.
    """
    for i, cells in enumerate(rows):
        number = (i * (gap + 1) + 1) if explicit else i + 1
        yield number, (cells if explicit else [c if c is not None else ("empty", None) for c in cells])


def _elements(rows, shape) -> dict[tuple[int, int], tuple[str, object]]:
    """(row, column) -> (kind, value) of every cell element."""
    explicit, _, _, gap = shape
    return {(number, column): c for number, cells in _numbered(rows, explicit, gap)
            for column, c in enumerate(cells, 1) if c is not None}


def _cut(data: bytes, points: list[int]) -> list[bytes]:
    marks = sorted({min(p, len(data)) for p in points})
    return [data[a:b] for a, b in zip([0, *marks], [*marks, len(data)], strict=True)]


shape = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(sheet, shape, st.lists(st.integers(0, 3000), max_size=40), st.data())
def test_reading_and_rewriting_find_the_same_cells_in_any_chunks(rows, shape, points, data):
    xml = _render(rows, shape)
    elements = _elements(rows, shape)
    values = {k: v for k, (kind, v) in elements.items() if kind in ("text", "number")}
    chosen = data.draw(st.lists(st.sampled_from(sorted(values)), unique=True) if values else st.just([]))
    missing = data.draw(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 8)), max_size=3))
    targets: dict[int, dict[int, object]] = {}
    for row, column in [*chosen, *(m for m in missing if m not in values)]:
        targets.setdefault(row, {})[column] = f"new {row}-{column} & <more>"

    found = read_cells(_cut(xml, points), targets)
    assert found == {k: values[k] for k in chosen}

    written = b"".join(rewrite_cells(targets)(_cut(xml, points)))  # every target cell that is there
    new = {(r, c): v for r, cells in targets.items() for c, v in cells.items() if (r, c) in elements}
    assert written == _render(rows, shape, new)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=5), max_size=30), st.lists(st.integers(0, 800), max_size=20), st.data())
def test_shared_strings_are_found_by_index_in_any_chunks(strings, points, data):
    xml = _HEAD + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"".join(
        b"<si/>" if not s else b'<si><t xml:space="preserve">%s</t></si>' % _escape(s).encode()
        for s in strings) + b"</sst>"
    wanted = set(data.draw(st.lists(st.integers(0, len(strings) + 2), max_size=6)))
    expected = {i: strings[i] for i in wanted if i < len(strings)}
    assert shared_strings(_cut(xml, points), wanted) == expected
