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
