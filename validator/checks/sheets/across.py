"""Checks across the files of one run: an external_sample_id repeated in two files.

Within one sheet a repeated ID is ``duplicate-id``; across the files of one run
(the sheets of one upload) it is ``duplicate-id-across-files``, a warning (the API
accepts repeated external IDs) at each later occurrence, naming the first place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from validator.checks.sheets.columns import field_for
from validator.checks.sheets.read import Table
from validator.findings.model import Finding
from validator.findings.place import Place

ID_FIELD = "external_sample_id"


def _ids(table: Table, aliases: dict[str, str] | None) -> tuple[Place, pd.Series] | None:
    """(the column's place, trimmed text IDs by row) of a table's external_sample_id column."""
    for header, letter, index in zip(table.headers, table.letters, table.indices, strict=True):
        if field_for(header, aliases) == ID_FIELD:
            values = table.frame[letter].dropna()
            text = values.map(_text) if values.dtype == object else values.astype(str)
            text = text.str.strip()
            return Place(table.path, table.sheet, col=index, header=header, field=ID_FIELD), text[text.ne("")]
    return None


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def repeated_ids(tables: Iterable[tuple[Table, dict[str, str] | None]]) -> list[Finding]:
    """Each external_sample_id met in an earlier file of the run, at its cell, naming the first place."""
    first: dict[str, tuple[str, str]] = {}  # id -> (file, place)
    out = []
    for table, aliases in tables:
        found = _ids(table, aliases)
        if found is None:
            continue
        column, ids = found
        mine: dict[str, str] = {}
        for row, value in ids.items():
            place = replace(column, row=int(row))
            seen = first.get(value)
            if seen is not None and seen[0] != table.path:
                out.append(Finding.of(
                    "duplicate-id-across-files", f"{value!r} is also the ID at {seen[0]}:{seen[1]}",
                    place=place, value=value, expected="an ID no other file of the upload has"))
            mine.setdefault(value, place.location)
        for value, place in mine.items():
            first.setdefault(value, (table.path, place))
    return out
