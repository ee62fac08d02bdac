"""Workbooks as Excel saves them: written by openpyxl, then given what openpyxl does not write.

openpyxl writes text as inline strings and formulas without a cached value (it
cannot calculate). Excel and LibreOffice write text into the shared-strings part
and store each formula's last result beside it. :func:`as_saved_by_excel` turns an
openpyxl-written workbook into that form, so that tests see what labs send.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)
_FORMULA = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?)><f>(.*?)</f><v\s*/></c>', re.S)
_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _cached(value: object) -> tuple[str, str]:
    """(type attribute, <v> text) for a formula's cached result."""
    if isinstance(value, bool):
        return ' t="b"', str(int(value))
    if isinstance(value, int | float):
        return "", repr(value)
    if isinstance(value, str) and value.startswith("#"):
        return ' t="e"', value
    return ' t="str"', html.escape(str(value), quote=False)


def as_saved_by_excel(path: Path, cached: dict[str, dict[str, object]]) -> Path:
    """Rewrite ``path`` in place: text cells into shared strings, ``cached[sheet][ref]`` as formula results.

    Every formula must be given a cached value (a KeyError says which was not).
    """
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    book = parts["xl/workbook.xml"].decode()
    titles = [html.unescape(t) for t in re.findall(r'<sheet [^>]*?name="([^"]*)"', book)]
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        text = m[3]
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c r="{m[1]}"{m[2]} t="s"><v>{index[text]}</v></c>'

    for number, title in enumerate(titles, 1):
        name = f"xl/worksheets/sheet{number}.xml"
        xml = _INLINE.sub(shared, parts[name].decode())
        values = cached.get(title, {})

        def result(m: re.Match[str], values: dict[str, object] = values) -> str:
            kind, text = _cached(values[m[1]])
            return f'<c r="{m[1]}"{m[2]}{kind}><f>{m[3]}</f><v>{text}</v></c>'

        parts[name] = _FORMULA.sub(result, xml).encode()
    items = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        f"{items}</sst>").encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdSst" Type="{_SST}" Target="sharedStrings.xml"/>'
                            "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", f"{override}</Types>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path
