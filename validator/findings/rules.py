"""The rule table: every rule code samplecheck reports, with what it means.

One row per code: its title, default severity, a one-line summary, how to fix
it, and its family (``schema``, ``sheet``, ``hygiene``, ``config``,
``contract``). This is the whole table: nothing adds rows at import time, so
``samplecheck rules``, configuration and suppression checks, the SARIF rule
entries and the README's rule tables (kept in step by a test) all read it
as it stands. Codes are stable kebab-case names and are never reused.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    severity: Severity
    summary: str
    fix: str = ""
    family: str = "schema"


E, W = Severity.ERROR, Severity.WARNING

_ROWS = (
    # Schema rules: what the JSON Schemas generated from the OpenAPI documents say.
    Rule("type", "Wrong type", E, "The value is not of a type the schema allows.",
         "Write the value as the type shown under 'expected'."),
    Rule("required", "Missing required field", E, "A field the schema requires is absent.",
         "Add the field."),
    Rule("enum", "Not an allowed value", E,
         "The value is not one of the schema's enumerated values.",
         "Use one of the listed values; the suggestion shows the closest one."),
    Rule("minimum", "Below the minimum", E, "A number is below the smallest value allowed.",
         "Use a value within the range."),
    Rule("maximum", "Above the maximum", E, "A number is above the largest value allowed.",
         "Use a value within the range."),
    Rule("min-length", "Too short", E, "A text is shorter than the schema allows.",
         "Lengthen the text."),
    Rule("max-length", "Too long", E,
         "A text has more characters than the schema allows (characters, not bytes).",
         "Shorten the text."),
    Rule("pattern", "Does not match the pattern", E,
         "A text does not match the regular expression the schema gives.",
         "Write the value in the form the pattern describes."),
    Rule("format", "Bad format", E,
         "A date, date-time or other formatted text does not parse.",
         "Write dates as ISO 8601 / RFC 3339, e.g. 2024-05-01 or 2024-05-01T10:00:00Z."),
    Rule("min-items", "Too few items", E, "An array has fewer items than allowed.", "Add items."),
    Rule("max-items", "Too many items", E, "An array has more items than allowed.",
         "Remove items."),
    Rule("unique-items", "Repeated items", E, "An array that must hold distinct items repeats one.",
         "Remove the repeated item."),
    Rule("custom-not-flat", "Nested value in custom", E,
         "custom must be a flat object: its values are strings, numbers, booleans or null, "
         "never objects or arrays.",
         "Flatten the value into one key per scalar, e.g. custom.site_city."),
    Rule("reference-kind", "Reference to the wrong kind", E,
         "A $ref or $uri does not point at the kind of resource the field holds "
         "(e.g. a project field referring to a sample).",
         "Use a reference of the form /api/v1/<kind>/<id> for the right kind."),
    Rule("unknown-field", "Field not in the schema", W,
         "The object has a field the schema does not describe: a typo, or a sign that the API "
         "changed (drift).",
         "Check the spelling; if the API added the field, update the OpenAPI document."),
    Rule("field-not-allowed", "Field not allowed here", E,
         "The schema closes this object (a request body) and the field is not one it allows.",
         "Remove the field."),
    Rule("schema", "Other schema rule", E,
         "The value breaks a schema rule that has no more specific code.",
         "See the message."),
    # Sheet rules: columns and rows of a lab sheet.
    Rule("encoding", "Legacy text encoding", W,
         "The file is not UTF-8: it was read in the legacy single-byte encoding detected "
         "(cp1252, Mac Roman or cp850).",
         "Save the sheet as UTF-8 (Excel: CSV UTF-8).", family="sheet"),
    Rule("mixed-encoding", "Two encodings in one file", E,
         "Some lines of the file are in another encoding than the rest (rows appended from another "
         "export); each line was read in its own, and the lines in the other encoding are named.",
         "Save the sheet as UTF-8 (Excel: CSV UTF-8) from one program.", family="sheet"),
    Rule("unreadable", "File not read", E,
         "A file given to the run could not be read as a sheet (missing, empty, binary, corrupt, "
         "password-protected, an unsupported format, or without the sheet named by --sheet) or, "
         "by samplecheck response, as one JSON document (not UTF-8, not JSON); the other files "
         "are still checked.",
         "Fix or remove the file (the message says what is wrong with it).", family="sheet"),
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
         "The column holds a field the API sets itself ($uri, updated_at).",
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
    Rule("duplicate-id-across-files", "External ID repeated in another file", W,
         "An external_sample_id of this file is also in another file checked in the same run (one "
         "upload); the API accepts it, so it is a warning naming both places.",
         "Give every sample its own ID across the files of an upload.", family="sheet"),
    Rule("custom-value-changes", "Custom value changed by the upload", W,
         "A custom.<key> cell holds text that the upload turns into a number that reads differently: "
         "leading zeros dropped (0007 becomes 7) or digits beyond a float's precision rounded.",
         "Keep the text by sending it in a custom JSON column; the suggestion is the text form.",
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
    # Sheet hygiene: what spreadsheet programs do to cells.
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
    # Suppression: cell comments in workbooks.
    Rule("bad-suppression", "Suppression names an unknown code", W,
         "A 'samplecheck: ignore[...]' cell comment names a rule code that does not exist, so it "
         "silences nothing.",
         "Correct the code (see 'samplecheck rules') or remove the comment.", family="config"),
    # Contract rules: what a page, an exchange or a request must honour beyond its schema.
    # Pages: arithmetic, echo, totals and links, repeats.
    Rule("page-limit", "Page longer than its limit", E,
         "A page holds more items than its limit (Sample Platform) or per_page (One Codex).",
         "Return at most limit (per_page) items per page.", family="contract"),
    Rule("page-next-offset", "Wrong next_offset", E,
         "next_offset must be offset + limit while offset + limit < total, and null on the last page.",
         "Compute next_offset from offset, limit and total.", family="contract"),
    Rule("page-total", "Total smaller than the items seen", E,
         "A page that holds items must have total >= offset + len(data).",
         "Count every item of the collection in total.", family="contract"),
    Rule("page-echo", "Page does not echo the request", E,
         "The page's limit and offset must be the ones the request asked for (or their defaults).",
         "Echo the request's limit and offset in pagination.", family="contract"),
    Rule("page-repeat", "Item seen twice", E,
         "The same item (by its identity: sample_id, $uri) appears twice in a page or in a walk "
         "through a collection.",
         "Give the collection a stable order so pages do not overlap.", family="contract"),
    Rule("total-count", "X-Total-Count wrong", E,
         "X-Total-Count is not a count, or disagrees with the items on the page.",
         "Send the number of records across all pages.", family="contract"),
    Rule("link-header", "Link header inconsistent", E,
         "The Link header's rel=next and rel=last disagree with page, per_page and X-Total-Count.",
         "Send rel=next on every page but the last, and rel=last pointing at the last page.",
         family="contract"),
    # The error envelope and rate limiting.
    Rule("error-details", "Error details not an object", E,
         "The error envelope's details must be an object ({} when empty), never null.",
         "Send details as {} when there is nothing to add.", family="contract"),
    Rule("error-code", "Error code not snake_case", E,
         "The error envelope's code is a machine-readable snake_case word such as rate_limited.",
         "Send a snake_case code; put the human text in message.", family="contract"),
    Rule("retry-after", "Retry-After missing or wrong", E,
         "A 429 must carry Retry-After as whole seconds >= 1, equal to details.retry_after "
         "when that is given.",
         "Send Retry-After: <seconds>.", family="contract"),
    Rule("rate-limit-headers", "X-RateLimit headers missing or incoherent", E,
         "X-RateLimit-Limit, -Remaining and -Reset must be integers, Remaining <= Limit, "
         "Remaining 0 on a 429, and Limit equal to details.limit when that is given.",
         "Send the three headers with the window's real figures.", family="contract"),
    # References between samples and metadata records.
    Rule("reference-shared", "Two records point at one", E,
         "Two records of one list refer to the same record of the other kind (two samples "
         "with one metadata record, or two metadata records for one sample).",
         "Each sample has its own metadata record: fix the reference.", family="contract"),
    Rule("reference-mismatch", "Sample and metadata disagree", E,
         "A sample's metadata reference and that metadata record's sample reference do not point "
         "at each other.",
         "Make sample.metadata and metadata.sample name each other.", family="contract"),
    Rule("conflicting-records", "One identity, two contents", E,
         "Two items share an identity ($uri, sample_id) but differ: a record has one content, so "
         "the collection or the lists contradict themselves. The finding names both places and "
         "the fields that differ.",
         "Find why the server returns two versions of the record (a join, a stale cache).",
         family="contract"),
    # Walks through a collection, page by page.
    Rule("walk-incomplete", "Walk ended early", E,
         "A walk through a collection ended before its last page: a page was answered with a "
         "non-2xx status that is not an error of its own (401, 403, 404, a 429 still there after "
         "waiting once for Retry-After), or max_pages was reached. The items after it were not "
         "checked, so the walk does not pass.",
         "Walk with credentials that reach every page, slower, or with a larger max_pages.",
         family="contract"),
    Rule("page-gap", "Pages do not follow on", E,
         "A page of a walk does not start where the page before it ended (offset, or page and "
         "per_page): the items between were never returned.",
         "Compute next_offset (rel=next) from the items actually returned.", family="contract"),
    # Filters and sort order.
    Rule("filter-mismatch", "Item does not match the filter", E,
         "The request filtered the collection (status, tag, extension, sha256, name) and a "
         "returned item does not match that filter.",
         "Apply the filter on the server before paging.", family="contract"),
    Rule("sort-order", "Items not in the requested order", E,
         "The request asked for a sort order and the returned items are not in it.",
         "Sort before paging; true in the sort clause means descending.", family="contract"),
    # The response as a whole: status, body, headers.
    Rule("status-not-in-spec", "Status not in the spec", E,
         "The response's status code is not one the OpenAPI document lists for the operation.",
         "Answer with a status the operation documents, or document the new one.",
         family="contract"),
    Rule("body-not-json", "Body is not JSON", E,
         "The spec gives a JSON body for this response but the body does not parse as JSON.",
         "Send a JSON body (application/json).", family="contract"),
    Rule("header", "Header not as specified", E,
         "A response header the spec describes is missing (when required) or not of its schema.",
         "Send the header as the OpenAPI document describes it.", family="contract"),
    # Status and Content-Type, with Schemathesis's names; what the server did with the request.
    Rule("not-a-server-error", "Server error", E,
         "The server answered 5xx (Schemathesis: not_a_server_error). A 5xx is a server fault "
         "whatever the spec lists and however well formed its error envelope.",
         "Find the failure in the server's logs; a request the server cannot serve is a 4xx.",
         family="contract"),
    Rule("content-type-conformance", "Content-Type not JSON", E,
         "The spec gives a JSON body for this status but the response's Content-Type is not JSON "
         "(Schemathesis: content_type_conformance); clients that go by the header cannot read it.",
         "Send Content-Type: application/json.", family="contract"),
    Rule("accepted-invalid-request", "Invalid request accepted", E,
         "The request broke the operation's documented parameters or body (an enum, a length, a "
         "pattern) and the server answered 2xx (Schemathesis: negative_data_rejection). The "
         "contract documents a 400 for such requests.",
         "Validate the parameters as the OpenAPI document states them, or document what the "
         "server really accepts.", family="contract"),
    Rule("rejected-valid-request", "Valid request rejected", E,
         "The request kept the operation's documented parameters and body and the server answered "
         "a 4xx other than 401, 403, 404 or 429 (Schemathesis: positive_data_acceptance).",
         "Accept what the contract allows, or document the limit in the OpenAPI document.",
         family="contract"),
    # A document that could not be placed (an unreadable one is `unreadable`, above).
    Rule("no-schema", "Nothing to check against", E,
         "No schema could be told for the document (two fit it equally well, or none does), or "
         "no API for the URL, so nothing in it was checked. Reported so that an unchecked "
         "document never passes.",
         "Name the schema (--schema, or schema= / api= in Python).", family="contract"),
    # Requests before they are sent.
    Rule("read-only-field", "Read-only field in a request body", E,
         "The body sets a field the API only reports (readOnly in the spec): the server ignores or "
         "rejects it.",
         "Remove it; structured information about a sample goes in its metadata record.",
         family="contract"),
    Rule("query-json", "Query parameter is not the JSON it must be", E,
         "sort and where are JSON text: sort an object of field: true|false, where an object of "
         "field: value or field: {operator: value}.",
         "Write the clause as JSON, e.g. sort={\"created_at\": true}.", family="contract"),
    Rule("query-field", "Unknown field in sort or where", E,
         "A sort or where clause names a field the listed records do not have.",
         "Use a field of the record; the suggestion shows the closest.", family="contract"),
    Rule("query-operator", "Operator not allowed for the field", E,
         "A where clause uses an operator that the field's kind (reference, string, number, date, "
         "boolean, array) does not take.",
         "Use one of the operators listed under 'expected'.", family="contract"),
    # Recorded traffic replayed offline.
    Rule("recording-unreadable", "Recording could not be read", E,
         "A HAR file or cassette is truncated, is not JSON or YAML, or holds no exchanges: none of "
         "its traffic was checked (or only the entries before the damage).",
         "Record the traffic again, or repair the file.", family="contract"),
    Rule("recording-entry", "Recorded entry not checked", E,
         "An entry of a recording is not an HTTP exchange with a status (a failed request, a "
         "WebSocket frame, a missing response), or its body cannot be decoded.",
         "Remove the entry or record it again; it was not checked.", family="contract"),
    Rule("not-in-spec", "Exchange outside the OpenAPI documents", W,
         "The recorded request's method and path are not an operation of the OpenAPI documents, so "
         "nothing of it could be checked (or the host does not tell which API it is).",
         "Document the operation, or pass --api when the recorded host is a test server.",
         family="contract"),
    Rule("walk-total", "Walk does not add up to total", E,
         "Across the pages of one collection, total changed between pages, or a whole walk brought "
         "a different number of items than the first page's total.",
         "Keep total the count of the whole collection and pages stable while it is walked.",
         family="contract"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _ROWS}
if len(RULES) != len(_ROWS):  # a code written twice would silently lose a row
    raise ValueError("a rule code appears twice in the rule table")
