"""One message per JSON Schema keyword: a sheet cell and a JSON record with the same bad value agree."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_csv, write_xlsx

import validator
from validator.findings import messages
from validator.spec import fields
from validator.spec.fields import METADATA

URI = "/api/v1/metadata/a1b2c3d4e5f67890"
CASES = [
    ("platform", "Illumina Miseq", "enum"),
    ("sample_type", "metagenome", "enum"),
    ("location_lat", 91, "maximum"),
    ("location_lon", -180.5, "minimum"),
    ("name", "n" * 256, "max-length"),
    ("external_sample_id", "x" * 61, "max-length"),
]
# Sheets type what JSON cannot: their "expected" says how a cell may be written, the message is the same.
MESSAGE_ONLY = [
    ("starred", "maybe", "type"),
    ("date_collected", "2024-13-01", "format"),
]


def _record(field: str, value: Any) -> Any:
    [finding] = [f for f in validator.check({"$uri": URI, field: value}, METADATA).findings
                 if f.field == field or (f.pointer or "").endswith(field)]
    return finding


def _cell(field: str, value: Any, tmp_path: Path, suffix: str) -> Any:
    path = tmp_path / f"sheet{suffix}"
    rows = [["name", field], ["s1", str(value)]] if field != "name" else [[field], [str(value)]]
    if suffix == ".csv":
        write_csv(path, rows)
    else:
        write_xlsx(path, rows, typed=True)  # numbers typed as Excel would hold them
    [finding] = [f for f in validator.check_file(str(path)).findings if f.field == field]
    return finding


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("field", "value", "code"), CASES)
def test_same_bad_value_same_finding(field: str, value: Any, code: str, suffix: str,
                                     tmp_path: Path) -> None:
    record, cell = _record(field, value), _cell(field, value, tmp_path, suffix)
    assert record.code == cell.code == code
    assert (cell.message, cell.expected, cell.suggestion) == \
        (record.message, record.expected, record.suggestion)


@pytest.mark.parametrize(("field", "value", "code"), MESSAGE_ONLY)
def test_same_bad_value_same_message(field: str, value: Any, code: str, tmp_path: Path) -> None:
    record, cell = _record(field, value), _cell(field, value, tmp_path, ".csv")
    assert record.code == cell.code == code
    assert cell.message == record.message


def test_messages_read_as_before() -> None:
    assert _record("location_lat", 91).message == "91 is greater than 90"
    assert _record("location_lat", 91).expected == "<= 90"
    assert _record("platform", "Illumina Miseq").message == '"Illumina Miseq" is not a platform'
    assert _record("platform", "Illumina Miseq").suggestion == "Illumina MiSeq"
    assert _record("sample_type", "metagenome").suggestion == "Metagenomic"
    assert _record("name", "n" * 256).message.endswith("has 256 characters, more than the 255 allowed")
    assert _record("starred", "maybe").message == '"maybe" is not a boolean'


@pytest.mark.parametrize(("keyword", "value", "limit", "said"), [
    ("exclusiveMinimum", 0, 0, ("minimum", "0 is less than 0", "> 0")),
    ("exclusiveMaximum", 5, 5, ("maximum", "5 is greater than 5", "< 5")),
    ("minimum", -1, 0, ("minimum", "-1 is less than 0", ">= 0")),
    ("minLength", "ab", 3, ("min-length", '"ab" has 2 characters, fewer than the 3 allowed',
                            "at least 3 characters")),
    ("pattern", "x1", "^[a-z]+$", ("pattern", '"x1" does not match ^[a-z]+$', "matching ^[a-z]+$")),
    ("format", "2024-13-01", "date", ("format", '"2024-13-01" is not a valid date',
                                      "an ISO 8601 date, e.g. 2024-05-01")),
    ("type", "x", ["integer", "null"], ("type", '"x" is not an integer or null', "an integer or null")),
])
def test_one_message_per_keyword(keyword: str, value: Any, limit: Any, said: tuple) -> None:
    message = messages.for_keyword(keyword, value, limit)
    assert (message.code, message.text, message.expected) == said


def test_a_keyword_without_a_message_is_refused() -> None:
    with pytest.raises(ValueError, match="uniqueItems"):
        messages.for_keyword("uniqueItems", [1, 1], True)


def test_a_reference_missing_both_keys_is_one_required_finding() -> None:
    report = validator.check({"$uri": URI, "custom": {}, "sample": {}}, METADATA)
    assert any(f.code == "required" and f.message == "'$ref' or '$uri' is required"
               for f in report.findings)


SCHEMA_CODES = {"enum", "minimum", "maximum", "max-length", "min-length", "pattern"}
LETTERS = st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from(" /-")
PLATFORMS = list(fields.writable()["platform"].enum)
ROW = st.fixed_dictionaries({
    "platform": st.sampled_from(PLATFORMS) | st.sampled_from(PLATFORMS).map(str.lower)
    | st.text(LETTERS, min_size=1, max_size=20).map(str.strip).filter(lambda s: s and s[0] not in "-"),
    "name": st.text(LETTERS, min_size=250, max_size=260).map(lambda s: "n" + s.strip() + "n"),
    "location_lat": st.floats(-200, 200, allow_nan=False).filter(lambda x: not x.is_integer()),
})


ROW_FIELDS = ("platform", "name", "location_lat")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=6))
def test_a_sheet_and_json_records_with_the_same_values_get_the_same_findings(rows: list[dict]) -> None:
    names = list(ROW_FIELDS)
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "s.csv", [names] + [[repr(r[n]) if isinstance(r[n], float)
                                                          else r[n] for n in names] for r in rows])
        sheet = [f for f in validator.check_file(str(path)).findings if f.code in SCHEMA_CODES]
    records = [{"$uri": URI, **r} for r in rows]
    json_found = [f for f in validator.check(records, f"{METADATA}-list").findings if f.code in SCHEMA_CODES]

    def said(f: Any, row: int, field: str) -> tuple:
        return row, field, f.code, f.message, json.dumps(f.expected), f.suggestion

    assert sorted(said(f, f.row - 2, f.field) for f in sheet) == \
        sorted(said(f, int(f.pointer.split("/")[1]), f.pointer.split("/")[2]) for f in json_found)
