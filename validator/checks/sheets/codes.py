"""The rule codes the sheet check adds to the catalogue."""

from __future__ import annotations

from validator.findings.model import Rule, Severity, register_rules

E, W = Severity.ERROR, Severity.WARNING

READ_ONLY_WHY = "the API sets it, so an upload cannot write it; remove the column"

register_rules(
    Rule("encoding", "Legacy text encoding", W,
         "The file is not UTF-8: it was read in the legacy single-byte encoding detected "
         "(cp1252, Mac Roman or cp850).",
         "Save the sheet as UTF-8 (Excel: CSV UTF-8).", family="sheet"),
    Rule("mixed-encoding", "Two encodings in one file", E,
         "Some lines of the file are in another encoding than the rest (rows appended from another "
         "export); each line was read in its own, and the lines in the other encoding are named.",
         "Save the sheet as UTF-8 (Excel: CSV UTF-8) from one program.", family="sheet"),
    Rule("no-known-columns", "No metadata column", E,
         "No header cell names a metadata field; often the file was split with the wrong "
         "delimiter and came out as one column.",
         "Use the headers of samples_csv/template.csv, or save with commas or tabs.", family="sheet"),
    Rule("no-rows", "No sample rows", W, "The sheet has a header but no sample rows.",
         "Add one row per sample under the header.", family="sheet"),
    Rule("unknown-column", "Unknown column", W,
         "A header names no metadata field, so its values are not checked or uploaded.",
         "Rename it to a field or alias (see the suggestion), or to custom.<key> for a custom field.",
         family="sheet"),
    Rule("duplicate-column", "Duplicated column", E,
         "Two headers name the same field; only the first is checked.",
         "Remove or rename one of them.", family="sheet"),
    Rule("read-only-column", "Read-only column", E,
         "The column holds a field the API sets itself ($uri, sample, updated_at).",
         "Remove the column.", family="sheet"),
    Rule("decimal-comma", "Decimal comma", E,
         "A number is written with a decimal comma (45,3), which the API cannot read.",
         "Write a decimal point: the suggestion is the corrected number.", family="sheet"),
    Rule("duplicate-id", "Duplicated external ID", W,
         "Two or more rows share an external_sample_id; each row of the group is reported. "
         "The API accepts repeated external IDs (real records repeat them), so it is a warning.",
         "Give every sample its own ID.", family="sheet"),
    Rule("lat-without-lon", "Latitude without longitude", W,
         "A row has a latitude but no longitude (the API accepts one without the other).",
         "Fill in the longitude or clear the latitude.",
         family="sheet"),
    Rule("lon-without-lat", "Longitude without latitude", W,
         "A row has a longitude but no latitude (the API accepts one without the other).",
         "Fill in the latitude or clear the longitude.",
         family="sheet"),
    Rule("excel-error", "Excel error value", E,
         "The cell holds an Excel error value (#N/A, #REF!, #DIV/0!, #VALUE!...): the formula or "
         "link behind it failed, so the cell has no value to upload.",
         "Fix the formula (a failed VLOOKUP: the key is missing from the lookup table) or type the value.",
         family="sheet"),
    Rule("formula-not-calculated", "Formula never calculated", E,
         "The cell holds a formula with no calculated value (the workbook was written by a program "
         "that does not calculate): its value is unknown, and uploaders read it as empty.",
         "Open the workbook in Excel or LibreOffice and save it, so the values are stored.",
         family="sheet"),
    Rule("notes-rows", "Notes below the samples", W,
         "Rows below the samples (after a blank row: a note in one cell, a Total row, a row of "
         "formulas) are read as notes, not samples, and are not checked.",
         "Nothing to do if they are notes; if they are samples, remove the blank row above them.",
         family="sheet"),
    Rule("duplicate-id-across-files", "External ID repeated in another file", W,
         "An external_sample_id of this file is also in another file checked in the same run (one "
         "upload); the API accepts it, so it is a warning naming both places.",
         "Give every sample its own ID across the files of an upload.", family="sheet"),
    Rule("unreadable", "File not read", E,
         "A file given to the run could not be read as a sheet (missing, empty, binary, corrupt, "
         "password-protected, an unsupported format, or without the sheet named by --sheet); the "
         "other files are still checked.",
         "Fix or remove the file (the message says what is wrong with it).", family="sheet"),
    Rule("custom-value-changes", "Custom value changed by the upload", W,
         "A custom.<key> cell holds text that the upload turns into a number that reads differently: "
         "leading zeros dropped (0007 becomes 7) or digits beyond a float's precision rounded.",
         "Keep the text by sending it in a custom JSON column; the suggestion is the text form.",
         family="sheet"),
    Rule("whitespace", "Stray whitespace", W,
         "A cell starts or ends with spaces, or holds a non-breaking space.",
         "Use the trimmed value given as the suggestion.", family="hygiene"),
    Rule("formula-injection", "Looks like a formula", W,
         "A text cell starts with =, +, - or @, which a spreadsheet program runs as a formula "
         "when the file is opened again.",
         "Remove the leading character, or prefix the text with an apostrophe.", family="hygiene"),
    Rule("excel-mangled-id", "ID changed by Excel", W,
         "An ID column holds a value Excel changed on opening: a date, a number in scientific "
         "notation, or a number that lost its leading zeros.",
         "Format the ID column as Text before typing or importing, and restore the IDs.",
         family="hygiene"),
    Rule("future-date", "Date in the future", W, "A collection or sequencing date is after today.",
         "Check the year and the day/month order.", family="hygiene"),
)
