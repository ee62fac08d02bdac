"""Checks across rows and across fields of a sheet.

``duplicate_id_check`` and ``lone_coordinate_check`` are the ``rows`` checks of
:mod:`validator.checks.registry`: they take the table's columns by field name.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from validator.checks.sheets.coerce import Problem, trimmed
from validator.checks.sheets.values import ColumnValues
from validator.spec.pointers import show

ID_FIELD = "external_sample_id"
LAT, LON = "location_lat", "location_lon"
_LISTED = 20


def duplicate_ids(ids: pd.Series) -> list[Problem]:
    """Every row of every group of rows that share an external_sample_id."""
    ids = ids.dropna()
    if _ascending(ids) or ids.nunique() == len(ids):  # the usual cases, decided without grouping
        return []
    repeated = ids[ids.duplicated(keep=False)]
    out = []
    for value, group in repeated.groupby(repeated, sort=False):
        rows = [int(r) for r in group.index]
        out += [_duplicate(row, value, rows) for row in rows]
    return sorted(out, key=lambda p: p.row)


def _duplicate(row: int, value: object, rows: list[int]) -> Problem:
    """``duplicate-id`` at ``row``, one of the ``rows`` that share ``value``."""
    others = [r for r in rows if r != row]
    listed = ", ".join(map(str, others[:_LISTED])) + (" ..." if len(others) > _LISTED else "")
    word = "row" if len(others) == 1 else "rows"
    return Problem(row, "duplicate-id", f"{show(value)} is also the ID in {word} {listed}", value,
                   "an ID no other row has")


def id_hashes(ids: pd.Series) -> np.ndarray:
    """A 64-bit hash of each (coerced, non-empty) ID: the compact state of ``duplicate-id`` across batches.

    Coerced IDs are text (typed cells are written out as text), hashed by polars on every
    core; the same text gives the same hash whether the column is held as Arrow or as objects.
    """
    import polars as pl
    import pyarrow as pa

    if ids.dtype == object:
        values = pa.array(ids.map(str).to_numpy(dtype=object), type=pa.large_string())
    else:
        values = pa.array(ids.astype("str").array)
    return pl.from_arrow(values).hash(seed=0).to_numpy()


def repeated_ids(ids: pd.Series, groups: Mapping[int, np.ndarray]) -> list[Problem]:
    """``duplicate-id`` for the rows of a batch, given the groups of rows sharing an ID in the whole file.

    ``groups``: ID hash -> the rows (in order) of every ID that more than one row holds.
    """
    ids = ids.dropna()
    if not groups or ids.empty:
        return []
    hashes = id_hashes(ids)
    hit = np.isin(hashes, np.fromiter(groups, dtype=np.uint64, count=len(groups)))
    return [_duplicate(int(row), value, groups[int(h)].tolist())
            for row, value, h in zip(ids.index[hit], ids[hit], hashes[hit], strict=True)]


def _ascending(ids: pd.Series) -> bool:
    """Text IDs in strictly ascending order (a sorted sheet) cannot repeat: one comparison, no hashing."""
    if ids.dtype == object or len(ids) < 2:
        return False
    values = ids.array
    return bool((values[1:] > values[:-1]).all())


def lone_coordinates(filled: dict[str, pd.Series]) -> dict[str, list[Problem]]:
    """A latitude without a longitude and the reverse; ``filled`` holds non-empty masks by field."""
    out: dict[str, list[Problem]] = {}
    if LAT not in filled and LON not in filled:
        return out
    for field, other, code in ((LAT, LON, "lat-without-lon"), (LON, LAT, "lon-without-lat")):
        if field not in filled:
            continue
        mine = filled[field]
        theirs = filled.get(other, pd.Series(False, index=mine.index))
        for row in mine.index[mine & ~theirs]:
            out.setdefault(field, []).append(
                Problem(int(row), code, f"{field} is filled in but {other} is empty", None, other))
    return out


def duplicate_id_check(columns: Mapping[str, ColumnValues]) -> dict[str, list[Problem]]:
    """``duplicate-id`` over the external_sample_id column, when the sheet has one."""
    ids = columns.get(ID_FIELD)
    if ids is None:
        return {}
    groups = ids.once("id-groups", lambda c: None)  # seeded when the rows are a batch of the file
    return {ID_FIELD: duplicate_ids(ids.by_row()) if groups is None else repeated_ids(ids.by_row(), groups)}


def lone_coordinate_check(columns: Mapping[str, ColumnValues]) -> dict[str, list[Problem]]:
    """``lat-without-lon`` and ``lon-without-lat``, row by row."""
    return lone_coordinates({f: c.by_row(trimmed(c.raw).notna())
                             for f, c in columns.items() if f in (LAT, LON)})
