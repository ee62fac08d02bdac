"""The pre-upload check of lab spreadsheets (CSV, TSV, XLSX).

``check_file(path)`` returns a :class:`~validator.findings.Report`; ``read(path)``
returns the :class:`Table` objects a file holds (headers, letters, values by row).
"""

from __future__ import annotations

from validator.checks.sheets.check import check_table
from validator.checks.sheets.columns import Column, alias_table, field_for, map_columns
from validator.checks.sheets.files import check_file, check_source
from validator.checks.sheets.read import SUFFIXES, Table, column_letter, read

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
