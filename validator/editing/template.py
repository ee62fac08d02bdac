"""An upload template generated from the metadata schema: the sheet a lab fills in.

One column per field a lab writes (the schema's properties minus the
``readOnly`` ones and the ``custom`` object), plus ``custom.<key>`` columns the
user asks for. Every list, range and length comes from :mod:`validator.schemas`:
enum lists live on a hidden sheet and dropdowns reference them by range (the
platform list is longer than the 255 characters Excel allows inline).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from validator.editing.template_columns import (  # noqa: F401
    SCHEMA,
    Column,
    cell_text,
    columns,
    parse_custom,
    schema_columns,
    spec_version,
)
from validator.editing.workbook import print_wide
from validator.errors import InputError

DATA_SHEET = "Samples"
README_SHEET = "README"
LISTS_SHEET = "Lists"
ROWS = 1000  # rows below the header that carry the validations
PRINTED_ROWS = 25
AUTHOR = "samplecheck"
DATE_FORMAT = "yyyy-mm-dd"
EXCEL_EPOCH = "DATE(1900,1,1)"  # the first date a spreadsheet cell can hold
EXCEL_LARGEST = "9.99E+307"  # the largest number a spreadsheet cell can hold

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LIST_FILL = PatternFill("solid", fgColor="E2EFDA")
CUSTOM_FILL = PatternFill("solid", fgColor="FFF2CC")


def _lists_sheet(wb: Workbook, cols: list[Column]) -> dict[str, str]:
    """Write every list column onto the hidden sheet; header -> absolute range reference."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    refs = {}
    for index, col in enumerate(c for c in cols if c.choices):
        letter = get_column_letter(index + 1)
        ws.cell(1, index + 1, f"{col.header} (list)")  # not a header a check would recognise
        for offset, value in enumerate(col.choices, start=2):
            ws.cell(offset, index + 1, cell_text(value))
        last = len(col.choices) + 1
        refs[col.header] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
    return refs


def _validation(col: Column, refs: dict[str, str]) -> DataValidation | None:
    if col.choices:
        dv = DataValidation(type="list", formula1=refs[col.header], allow_blank=True)
    elif col.minimum is not None and col.maximum is not None:
        dv = DataValidation(type="decimal", operator="between", formula1=str(col.minimum),
                            formula2=str(col.maximum), allow_blank=True)
    elif col.kind == "number":
        dv = DataValidation(type="decimal", operator="between", formula1=f"-{EXCEL_LARGEST}",
                            formula2=EXCEL_LARGEST, allow_blank=True)
    elif col.max_length is not None:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(col.max_length),
                            allow_blank=True)
    elif col.kind == "date":
        dv = DataValidation(type="date", operator="greaterThanOrEqual", formula1=EXCEL_EPOCH,
                            allow_blank=True)
    else:
        return None
    dv.error = f"{col.header}: {col.rule()}"
    dv.errorTitle = "Not allowed here"
    dv.showErrorMessage = True
    return dv


def _data_sheet(ws: Worksheet, cols: list[Column], refs: dict[str, str]) -> None:
    ws.title = DATA_SHEET
    for index, col in enumerate(cols, start=1):
        cell = ws.cell(1, index, col.header)
        cell.font = Font(bold=True)
        cell.fill = CUSTOM_FILL if col.custom else LIST_FILL if col.choices else HEADER_FILL
        note = f"{col.description}\nAllowed: {col.rule()}".strip()
        cell.comment = Comment(note, AUTHOR, height=160, width=320)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(14, len(col.header) + 4)
        dv = _validation(col, refs)
        if dv is not None:
            dv.add(f"{letter}2:{letter}{ROWS + 1}")
            ws.add_data_validation(dv)
        if col.kind == "date":
            for row in range(2, ROWS + 2):
                ws.cell(row, index).number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.print_area = f"A1:{get_column_letter(len(cols))}{PRINTED_ROWS}"
    print_wide(ws)


def _readme_sheet(wb: Workbook, cols: list[Column], schema: str) -> None:
    ws = wb.create_sheet(README_SHEET)
    lines = [
        ["samplecheck upload template"],
        ["schema", schema],
        ["schema version", spec_version(schema)],
        [],
        [f"Fill one sample per row on the '{DATA_SHEET}' sheet; leave a cell empty when unknown."],
        ["Columns with a dropdown accept only the listed values; hover a header for its meaning."],
        ["Check the sheet before upload: samplecheck check FILE.xlsx"],
        [],
        ["Column", "Meaning", "Allowed values"],
    ]
    # "Column x" rather than "x": a row naming a field would read as a second data sheet
    lines += [[f"Column {c.header}", c.description, c.rule()] for c in cols]
    for line in lines:
        ws.append(line)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[9]:
        cell.font = Font(bold=True)
    widths = {"A": 30, "B": 60, "C": 70}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=10):
        lines = max(math.ceil(len(str(c.value or "")) / widths[c.column_letter]) for c in row)
        ws.row_dimensions[row[0].row].height = 15 * max(1, lines)
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    print_wide(ws, gridlines=False)


def workbook(custom: Iterable[str] = (), schema: str = SCHEMA) -> Workbook:
    """The template workbook: Samples (active), README, and the hidden Lists sheet."""
    cols = columns(custom, schema)
    wb = Workbook()
    _readme_sheet(wb, cols, schema)
    refs = _lists_sheet(wb, cols)
    _data_sheet(wb.active, cols, refs)
    version = spec_version(schema)
    wb.properties.title = "samplecheck upload template"
    wb.properties.subject = schema
    wb.properties.version = version
    wb.properties.creator = AUTHOR
    wb.custom_doc_props.append(StringProperty(name="samplecheck-schema", value=schema))
    wb.custom_doc_props.append(StringProperty(name="samplecheck-spec-version", value=version))
    return wb


def csv_text(custom: Iterable[str] = (), schema: str = SCHEMA) -> str:
    """The template as a CSV header line."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([c.header for c in columns(custom, schema)])
    return buf.getvalue()


def write(path: str | Path, fmt: str = "xlsx", custom: Iterable[str] = (),
          schema: str = SCHEMA) -> Path:
    """Write the template to ``path`` as ``xlsx`` or ``csv``."""
    out = Path(path)
    try:
        if fmt == "csv":
            out.write_text(csv_text(custom, schema), encoding="utf-8")
        else:
            workbook(custom, schema).save(out)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return out
