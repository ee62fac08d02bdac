"""One column of a sheet as the table checks see it: its distinct cells, as read and coerced.

The column checks of :mod:`validator.checks.registry` take one :class:`ColumnValues`;
the checks across rows take every column of the table by field name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from validator.checks.sheets.columns import Column
from validator.checks.sheets.distinct import Distinct

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")


@dataclass
class ColumnValues:
    """``distinct.values`` as read and ``values`` coerced, both by key (see :mod:`.distinct`).

    ``kind`` is the field's kind (:attr:`validator.spec.fields.FieldSpec.kind`: ``string``,
    ``number``, ``date-time``..., ``scalar`` for a ``custom.<key>`` column).
    """

    column: Column
    kind: str
    distinct: Distinct
    values: pd.Series
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def field(self) -> str:
        return self.column.field

    @property
    def raw(self) -> pd.Series:
        """The distinct cells as read."""
        return self.distinct.values

    def by_row(self, by_key: pd.Series | None = None) -> pd.Series:
        """A value per key (the coerced values by default) as a value per spreadsheet row."""
        return self.distinct.spread(self.values if by_key is None else by_key)

    def once(self, name: str, make: Callable[[ColumnValues], T]) -> T:
        """``make(self)`` worked out once per column and shared by the checks that ask for ``name``."""
        if name not in self._memo:
            self._memo[name] = make(self)
        return self._memo[name]
