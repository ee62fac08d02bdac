"""Which metadata field each header names.

Headers match a field's name or one of its ``x-column-aliases`` (read from the
schema) case-, space-, hyphen- and underscore-insensitively, and with units or
notes in brackets or parentheses removed (``Latitude (decimal degrees)``). A
writable field's own name wins over another field's alias; an alias of a
writable field wins over a read-only field's name (``Sample`` is ``name``, as a
lab means it, not the read-only ``sample`` reference the API sets).
``custom.<key>`` names a custom field; a ``custom`` column holds a JSON object
per row.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from validator.findings.messages import READ_ONLY_WHY
from validator.findings.model import Finding
from validator.findings.place import Place, column_letter
from validator.spec import fields
from validator.spec.fields import CUSTOM, CUSTOM_PREFIX
from validator.spec.suggest import closest, compact

_BRACKETED = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\})")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet that holds a field: ``field`` is canonical (``custom.lab_tech``)."""

    index: int  # 0-based, in the sheet as the spreadsheet program shows it
    header: str
    field: str

    @property
    def letter(self) -> str:
        """The column's letters (``E``): the label of its values in the table's frame."""
        return column_letter(self.index)

    def place(self, where: Place, row: int | None = None, field: str | None = None) -> Place:
        """This column's place in the sheet ``where`` names, at ``row`` (or no row), holding ``field``."""
        return replace(where, row=row, col=self.index, header=self.header, field=field or self.field)

    @property
    def is_custom_key(self) -> bool:
        return self.field.startswith(CUSTOM_PREFIX)

    @property
    def is_custom_json(self) -> bool:
        return self.field == CUSTOM


@functools.cache
def _lookup() -> dict[str, str]:
    """compact(header) -> field, for every property and alias in the metadata schema."""
    specs = fields.fields()
    table: dict[str, str] = {}
    for name, spec in specs.items():
        for alias in spec.column_aliases:
            table.setdefault(compact(alias), name)
    table.update({compact(name): name for name in specs
                  if not specs[name].read_only or compact(name) not in table})
    return table


def without_units(header: str) -> str:
    """The header with units and notes in brackets or parentheses removed."""
    return _BRACKETED.sub("", header).strip()


def alias_table() -> list[tuple[str, list[str]]]:
    """(field, the header aliases that reach it), for the README, in schema order."""
    lookup = _lookup()
    out = []
    for name, spec in fields.writable().items():
        aliases = [a for a in spec.column_aliases if lookup[compact(a)] == name]
        out.append((name, aliases))
    return out


def field_for(header: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The canonical field a header names, or None when it names none.

    ``extra`` (compact header -> field, from the configuration's ``column-aliases``)
    comes after the fields' own names and before the schema's aliases.
    """
    text = header.strip()
    if text[: len(CUSTOM_PREFIX)].casefold() == CUSTOM_PREFIX and text[len(CUSTOM_PREFIX):].strip():
        return CUSTOM_PREFIX + text[len(CUSTOM_PREFIX):].strip()
    if not text:
        return None
    found = _field_for_key(compact(text), extra)
    if found is None and text != (bare := without_units(text)) and bare:
        found = _field_for_key(compact(bare), extra)
    return found


def _field_for_key(key: str, extra: Mapping[str, str] | None) -> str | None:
    if extra and key in extra and key not in _names():
        return extra[key]
    return _lookup().get(key)


@functools.cache
def _names() -> frozenset[str]:
    return frozenset(compact(name) for name in fields.fields())


def recognises(header: object) -> bool:
    return isinstance(header, str) and field_for(header) is not None


def map_columns(headers: list[str], indices: list[int], header_row: int, where: Place,
                extra: Mapping[str, str] | None = None) -> tuple[list[Column], list[Finding]]:
    """The columns that hold fields, and the header findings (unknown, duplicate, read-only).

    ``indices`` are the columns' 0-based indices in the sheet; ``where`` names the file and sheet.
    """
    columns: list[Column] = []
    findings: list[Finding] = []
    first: dict[str, str] = {}
    known = list(fields.writable())
    for header, index in zip(headers, indices, strict=True):
        letter = column_letter(index)
        place = replace(where, row=header_row, col=index, header=header)
        field = field_for(header, extra)
        if field is None:
            text = header.strip()
            if not text:
                findings.append(Finding.of("unknown-column", f"column {letter} has values but no header",
                                           place=place, value=header))
                continue
            findings.append(Finding.of(
                "unknown-column", f"{header!r} does not name a metadata field; its values are not checked",
                place=place, value=header, expected=known, suggestion=_meant(text)))
        elif field in fields.read_only():
            findings.append(Finding.of(
                "read-only-column", f"{header!r} is the read-only field {field}: {READ_ONLY_WHY}",
                place=replace(place, field=field), value=header))
        elif field in first:
            findings.append(Finding.of(
                "duplicate-column", f"{header!r} names {field} again (first in column {first[field]}); "
                "only the first is checked", place=replace(place, field=field), value=header))
        else:
            first[field] = letter
            columns.append(Column(index, header, field))
    return columns, findings


def _meant(header: str) -> str | None:
    """Did-you-mean for an unknown header: the field behind the closest name or alias."""
    lookup = _lookup()
    hit = closest(compact(without_units(header) or header), list(lookup))
    return lookup[hit] if hit else None
