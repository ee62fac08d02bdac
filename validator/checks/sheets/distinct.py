"""A column as its distinct cells, so that per-value checks run once per value.

Lab sheets repeat their values (platforms, dates, places, custom fields), so
coercion, the schema checks and the hygiene checks run over the distinct cells
of a column, and what they find is placed at every row holding that value. A
column whose head is mostly unique (names, IDs) is kept as it is: the key of a
cell is then its row number and nothing is spread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

_SAMPLE = 4096  # cells looked at to decide whether a column repeats its values
_SCANS = 16  # rows_of: values looked up by a scan of the column before it is grouped once
# Object columns (XLSX) are grouped only when their cells are of one kind: Python's 1 == 1.0 == True.
_ONE_KIND = ("string", "floating", "integer", "boolean", "date", "datetime")


@dataclass
class Distinct:
    """``values``: the distinct cells (index = key); ``codes``: the key of each row (-1 empty)."""

    values: pd.Series
    rows: pd.Index  # the spreadsheet row numbers of the column
    codes: np.ndarray | None = None  # None: the column is not grouped, the key of a cell is its row
    _groups: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    _found: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, raw: pd.Series) -> Distinct:
        if not _repeats(raw):
            return cls(raw, raw.index)
        codes, values = _factorize(raw)
        return cls(values, raw.index, codes)

    @property
    def grouped(self) -> bool:
        return self.codes is not None

    def rows_of(self, key: int) -> np.ndarray:
        """The spreadsheet rows that hold the value with this key, in order."""
        if self.codes is None:
            return np.array([key])
        if self._groups is None and len(self._found) < _SCANS:  # a few values: one scan each
            if key not in self._found:
                self._found[key] = np.asarray(self.rows)[np.flatnonzero(self.codes == key)]
            return self._found[key]
        if self._groups is None:  # many values: group every row once
            order = np.argsort(self.codes, kind="stable")
            self._groups = order, np.searchsorted(self.codes[order], np.arange(len(self.values) + 1))
        order, starts = self._groups
        return np.asarray(self.rows)[order[starts[key]:starts[key + 1]]]

    def spread(self, by_key: pd.Series) -> pd.Series:
        """A value per key as a value per row (empty where the cell is empty)."""
        if self.codes is None:
            return by_key
        if by_key.dtype == bool:
            picked = by_key.to_numpy()[np.maximum(self.codes, 0)] & (self.codes >= 0)
            return pd.Series(picked, index=self.rows)
        picked = by_key.to_numpy(dtype=object)[np.maximum(self.codes, 0)]
        picked[self.codes < 0] = None
        return pd.Series(picked, index=self.rows, dtype=object)

    def rows_with(self, keys: Iterable[int]) -> set[int]:
        """The spreadsheet rows whose value has one of these keys."""
        keys = list(keys)
        if self.codes is None or not keys:
            return set(keys)
        return set(np.asarray(self.rows)[np.isin(self.codes, keys)].tolist())


def _factorize(raw: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """The key of each cell (-1: empty) and the distinct values, in the order they first occur.

    A column of Arrow text is keyed by pyarrow's dictionary encoding, its 32-bit indices
    used as they are (``pd.factorize`` copies them twice, to 64 bits).
    """
    arrow = getattr(raw.array, "__arrow_array__", None)
    if raw.dtype == object or arrow is None:
        codes, uniques = pd.factorize(raw.to_numpy() if raw.dtype == object else raw.array)
        return np.asarray(codes), pd.Series(uniques, dtype=raw.dtype)
    encoded = arrow().dictionary_encode().combine_chunks()
    indices = encoded.indices
    if indices.null_count:
        indices = indices.fill_null(-1)
    return indices.to_numpy(zero_copy_only=False), pd.Series(encoded.dictionary, dtype=raw.dtype)


def _repeats(raw: pd.Series) -> bool:
    """Whether grouping pays: the head of the column repeats its values (and grouping is exact)."""
    head = raw.iloc[:_SAMPLE].dropna()
    if len(head) < 2 or head.nunique() * 2 > len(head):
        return False
    return raw.dtype != object or pd.api.types.infer_dtype(raw, skipna=True) in _ONE_KIND
