"""Write docs/messy-lab.xlsx: a sample sheet as labs make them, for the README's picture.

A title and a form block above the header, a row of units under it, an Excel error
value, a platform merged over three samples, a hidden row, notes and a total below,
an instructions sheet, a lookup sheet the dropdowns draw from and a hidden sheet of
last year's batch. ``sh docs/render.sh`` checks it with ``--annotate`` and renders the copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation


def write(path: Path) -> Path:
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Instructions"
    guide.append(["One row per sample. Dates as YYYY-MM-DD, coordinates in decimal degrees."])
    ws = book.create_sheet("Samples")
    ws.append(["Soil survey 2024: sample sheet"])
    ws.append(["Project", "Tundra soils"])
    ws.append(["Sequencer", "MiSeq"])
    ws.append([])
    ws.append(["Sample name", "LIMS ID", "Instrument", "Latitude (decimal degrees)",
               "Longitude (decimal degrees)", "Collection Date (YYYY-MM-DD)", "custom.plate"])
    ws.append(["text", "as in LIMS", "choose from list", "decimal degrees", "decimal degrees",
               "YYYY-MM-DD", "free text"])
    ws.append(["Soil A1", "LIMS-0101", "Illumina MiSeq", 52.52, 13.405, "2024-05-01", "0007"])
    ws.append(["Soil A2", "LIMS-0102", None, 452.1, 13.405, "2024-13-45", "0008"])
    ws.append(["Soil A3", "LIMS-0101", None, 52.52, 13.405, "2024-05-03", "0009"])
    ws.append(["Soil A4", "LIMS-0104", "Illumina Miseq", None, 13.405, "2024-05-04", "0010"])
    ws.merge_cells("C7:C9")
    ws["D10"] = "#N/A"
    ws["D10"].data_type = "e"
    ws.row_dimensions[9].hidden = True
    ws.append([])
    ws.append(["Total", None, None, "=COUNT(D7:D10)"])
    ws.append(["Notes: A3 was resampled on 2024-05-10"])
    lists = book.create_sheet("Lists")
    for value in ("Illumina MiSeq", "Illumina NovaSeq 6000", "Oxford Nanopore MinION"):
        lists.append([value])
    dropdown = DataValidation(type="list", formula1="Lists!$A$1:$A$3")
    ws.add_data_validation(dropdown)
    dropdown.add("C7:C100")
    old = book.create_sheet("Batch 2023")
    old.append(["name", "platform"])
    old.append(["Soil Z9", "Illumina Miseq"])
    old.sheet_state = "hidden"
    for column, width in zip("ABCDEFG", (12, 12, 18, 24, 24, 26, 12), strict=True):
        ws.column_dimensions[column].width = width
    book.save(path)
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/messy-lab.xlsx")))
