"""One message per JSON Schema keyword: a sheet cell and a JSON record with the same bad value agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import write_csv, write_xlsx

import validator
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
