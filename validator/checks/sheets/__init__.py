"""The pre-upload check of lab spreadsheets (CSV, TSV, XLSX).

``check_file(path)`` returns a :class:`~validator.findings.Report`; ``read(path)``
returns the :class:`Table` objects a file holds (headers, letters, values by row).

The names below are imported on first use (PEP 562), so that importing a light
submodule (:mod:`.prefetch`) does not import pandas and the engine with it. ``read``
names the function, as it always has, though a submodule of that name exists: when
the submodule is imported, the package keeps the function under the name.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.checks.sheets.check import check_table
    from validator.checks.sheets.columns import Column, alias_table, field_for, map_columns
    from validator.checks.sheets.files import check_file, check_source
    from validator.checks.sheets.read import SUFFIXES, Table, column_letter, read

_WHERE = {
    "SUFFIXES": "read",
    "Column": "columns",
    "Table": "read",
    "alias_table": "columns",
    "check_file": "files",
    "check_source": "files",
    "check_table": "check",
    "column_letter": "read",
    "field_for": "columns",
    "map_columns": "columns",
    "read": "read",
}

__all__ = [
    "SUFFIXES",
    "Column",
    "Table",
    "alias_table",
    "check_file",
    "check_source",
    "check_table",
    "column_letter",
    "field_for",
    "map_columns",
    "read",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: ``read`` stays the function when the import system binds the submodule."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "read" and isinstance(value, types.ModuleType):
            value = value.read
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
