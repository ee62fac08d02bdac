"""Tables held in columns: pandas and polars DataFrames, Arrow tables and Parquet files.

A frame is checked as the sheet it would be written to: its column names are the
header (row 1), its rows the sample rows from row 2, column letters from A. Text
columns are read as a CSV's text; columns of other types (numbers, booleans,
dates) keep their types as an XLSX's typed cells do, so ``check_frame`` of
``pandas.read_csv(path, dtype=str)`` (or of polars' ``read_csv(..., infer_schema=False)``)
gives what ``check_file(path)`` gives (and so, for the values of the tests, does
the frame pandas or polars reads with its own type inference).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from validator.checks.sheets.check import Progress, check_table
from validator.checks.sheets.read import PARQUET_SUFFIXES
from validator.checks.sheets.table import Table
from validator.checks.sheets.table import build as _table
from validator.checks.sheets.xlsx import cells as _cells
from validator.errors import InputError
from validator.findings.model import Report, Source
from validator.spec.fields import METADATA
from validator.spec.lab import LabSpec

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["PARQUET_SUFFIXES", "check_frame", "read_parquet", "table_of"]
FRAME_NAME = "<frame>"


def _column(values: pd.Series) -> pd.Series:
    """One column as the sheet engine reads it: text as text (empty cells missing), typed cells kept."""
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        text = values.astype("str")
        return text.where(text.ne("") & text.notna())
    cells = values.astype(object).to_numpy()
    missing = pd.isna(values).to_numpy()
    if missing.any():
        cells = cells.copy()
        cells[missing] = None
    return _cells(tuple(_python(v) for v in cells))


def _python(value: Any) -> Any:
    """numpy scalars as the Python values an XLSX reader gives (a NaT or NaN is an empty cell)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return value


def table_of(frame: Any, name: str = FRAME_NAME) -> Table:
    """A pandas or polars DataFrame (or a pyarrow Table) as a :class:`Table` placed like a written sheet."""
    data = _pandas(frame)
    headers = ["" if c is None else str(c) for c in data.columns]
    rows = pd.RangeIndex(2, 2 + len(data))
    body = pd.DataFrame({i: _column(data.iloc[:, i]).set_axis(rows) for i in range(data.shape[1])},
                        index=rows)
    typed = any(body[i].dtype == object for i in body.columns)
    return _table(name, None, 1, headers, body, typed=typed)


def _pandas(frame: Any) -> pd.DataFrame:
    if isinstance(frame, pd.DataFrame):
        return frame.reset_index(drop=True)
    module = type(frame).__module__.split(".", 1)[0]
    if module == "polars":
        import polars as pl

        if isinstance(frame, pl.LazyFrame):
            frame = frame.collect()
        return frame.to_pandas(use_pyarrow_extension_array=False)
    if module == "pyarrow":
        return frame.to_pandas()
    raise TypeError(f"check_frame takes a pandas or polars DataFrame, not {type(frame).__name__}")


def check_frame(frame: Any, *, name: str = FRAME_NAME, config: LabSpec | None = None,
                progress: Progress | None = None) -> Report:
    """Check a pandas or polars DataFrame of sample metadata as a sheet: the same Report as ``check_file``.

    ``name`` is the file name the findings carry; a ``config`` adds its lab rules.
    """
    table = table_of(frame, name)
    source = Source(name, METADATA, rows=table.rows, header_rows={"": table.header_row})
    source.findings.extend(check_table(table, progress=progress, config=config))
    return Report([source])


def read_parquet(path: Path) -> Table:
    """A Parquet file as one table (header = its column names, rows from 2)."""
    return table_of(_arrow(path), str(path))


def _arrow(path: Path) -> pa.Table:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path)
    except Exception as exc:
        raise InputError(f"{path}: cannot read the Parquet file ({type(exc).__name__}: {exc})") from None
