"""``samplecheck check IN --annotate OUT.xlsx``: a copy of the workbook that shows the findings.

Every cell a finding points at is filled (errors and warnings in different
colours) and carries a comment with the message and the suggestion; header rows
are frozen; a first sheet "Findings" lists every finding with a link to its
cell. A CSV or TSV input becomes a one-sheet workbook. The input is only read.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from validator.editing.workbook import Book, open_book, print_wide
from validator.findings.model import Finding, Report, Severity

FINDINGS_SHEET = "Findings"
AUTHOR = "samplecheck"
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="F4B6B6"),
    Severity.WARNING: PatternFill("solid", fgColor="FFE699"),
}
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
LINK_FONT = Font(color="0563C1", underline="single")
COLUMNS = (("severity", 10), ("code", 20), ("cell", 14), ("column", 20), ("field", 20),
           ("value", 24), ("message", 60), ("suggestion", 28))


def _note(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        line = f"{f.severity}: {f.code}: {f.message}"
        if f.suggestion is not None:
            line += f"\nsuggestion: {f.suggestion}"
        lines.append(line)
    return "\n".join(lines)


def _sheet_for(book: Book, finding: Finding) -> Worksheet | None:
    if book.is_csv:
        return book.sheet()
    if finding.sheet in book.workbook.sheetnames:
        return book.workbook[finding.sheet]
    return None


def _unique_title(book: Book) -> str:
    title, n = FINDINGS_SHEET, 1
    while title in book.workbook.sheetnames:
        n += 1
        title = f"{FINDINGS_SHEET} {n}"
    return title


def _mark_cells(book: Book, findings: list[Finding]) -> dict[str, int]:
    """Fill and comment every cell a finding points at; sheet title -> first finding row."""
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        ws = _sheet_for(book, f)
        if ws is not None and f.cell:
            by_cell[(ws.title, f.cell)].append(f)
    first_rows: dict[str, int] = {}
    for (title, ref), group in by_cell.items():
        cell = book.workbook[title][ref]
        worst = Severity.ERROR if any(f.severity is Severity.ERROR for f in group) else Severity.WARNING
        cell.fill = FILLS[worst]
        cell.comment = Comment(_note(group), AUTHOR, height=40 + 60 * len(group), width=360)
        first_rows[title] = min(first_rows.get(title, cell.row), cell.row)
    return first_rows


def _findings_sheet(book: Book, findings: list[Finding]) -> Worksheet:
    targets = [_sheet_for(book, f) for f in findings]  # before the new sheet becomes the first
    ws = book.workbook.create_sheet(_unique_title(book), 0)
    ws.append([name for name, _ in COLUMNS])
    for cell, (_, width) in zip(ws[1], COLUMNS, strict=True):
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for f, target in zip(findings, targets, strict=True):
        where = f"{target.title}!{f.cell}" if target is not None and f.cell else f.location
        ws.append([str(f.severity), f.code, where, f.column, f.field,
                   None if f.value is None else str(f.value), f.message,
                   None if f.suggestion is None else str(f.suggestion)])
        ws.cell(ws.max_row, 1).fill = FILLS[f.severity]
        if target is not None and f.cell:
            link = ws.cell(ws.max_row, 3)
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=f"{quote_sheetname(target.title)}!{f.cell}")
            link.font = LINK_FONT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    print_wide(ws)
    return ws


def _fit_columns(ws: Worksheet, widest: int = 40) -> None:
    for column in ws.iter_cols():
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=0)
        ws.column_dimensions[column[0].column_letter].width = min(widest, longest + 2)


def annotate(path: str | Path, report: Report, out: str | Path,
             header_rows: dict[str | None, int] | None = None) -> Path:
    """Write the annotated copy of ``path`` to ``out`` (always XLSX).

    ``header_rows`` maps a sheet name (None for CSV) to the row of its header;
    rows above and including it are frozen (row 1 when not given).
    """
    book = open_book(path)
    findings = report.findings
    _mark_cells(book, findings)
    if book.is_csv:  # a CSV has no column widths of its own
        _fit_columns(book.sheet())
    for name, row in (header_rows or {}).items():
        ws = book.sheet(None if book.is_csv else name)
        ws.freeze_panes = f"A{row + 1}"
    for ws in book.workbook.worksheets:
        if ws.freeze_panes is None and ws.sheet_state == "visible":
            ws.freeze_panes = "A2"
        print_wide(ws)
    sheet = _findings_sheet(book, findings)
    book.workbook.active = book.workbook.index(sheet)
    for ws in book.workbook.worksheets:
        ws.sheet_view.tabSelected = ws is sheet
    target = Path(out)
    book.save(target, as_xlsx=True)
    return target
