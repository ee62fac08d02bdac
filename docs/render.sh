#!/bin/sh
# Render the upload template and an annotated workbook to PNG, as a lab member sees them:
# samplecheck -> XLSX -> LibreOffice headless -> PDF -> pdftoppm -> docs/*.png
# Needs Debian's libreoffice-calc and poppler-utils. Usage: sh docs/render.sh [BROKEN.csv]
set -eu
cd "$(dirname "$0")/.."
samplecheck=${SAMPLECHECK:-samplecheck}
broken=${1:-samples_csv/broken-rows.csv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$samplecheck" template -o "$work/template.xlsx" --custom lab_tech >/dev/null
"$samplecheck" check "$broken" --annotate "$work/annotated.xlsx" --exit-zero -q >/dev/null

for name in template annotated; do
    soffice -env:UserInstallation="file://$work/profile" --headless \
        --convert-to pdf --outdir "$work" "$work/$name.xlsx" >/dev/null 2>&1
    # the first two printed pages: the first sheet and the one after it
    pdftoppm -png -r 80 -f 1 -l 2 "$work/$name.pdf" "$work/$name"
    for page in "$work/$name"-*.png; do
        n=${page##*-}
        cp "$page" "docs/$name-${n#0}"
    done
done
ls docs/*.png

# A messy lab workbook (docs/messy_workbook.py): its annotated copy, Findings and the marked sheet
python3 docs/messy_workbook.py "$work/messy.xlsx" >/dev/null
"$samplecheck" check "$work/messy.xlsx" --annotate "$work/messy-annotated.xlsx" --exit-zero >/dev/null
python3 - "$work/messy-annotated.xlsx" <<'PY'
import sys

import openpyxl

path = sys.argv[1]
book = openpyxl.load_workbook(path)
for ws in list(book):
    if ws.title not in ("Findings", "Samples"):
        book.remove(ws)
    else:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
book.save(path)
PY
soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work" "$work/messy-annotated.xlsx" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 2 "$work/messy-annotated.pdf" "$work/messy"
for page in "$work/messy"-*.png; do
    n=${page##*-}
    cp "$page" "docs/messy-annotated-${n#0}"
done
ls docs/messy-annotated-*.png
