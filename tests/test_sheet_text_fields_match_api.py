"""Fields that skip the per-value API pass: what the sheet accepts, the API schema accepts."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import jsonschema_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_csv

from validator import check_file
from validator.checks.sheets import upload
from validator.spec import fields, schemas

SETTLED = sorted(f for f in fields.writable() if upload.settled(f))
LONE = ("lat-without-lon", "lon-without-lat")  # a cross-field rule, not the value's
CHARS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S"])


def _values(field: str) -> st.SearchStrategy[tuple[str, str]]:
    """Text around the field's length limit, its enum values and near misses, numbers around its bounds."""
    spec = fields.writable()[field]
    options = [st.text(CHARS, max_size=12)]
    for limit in (spec.minimum, spec.maximum):
        if limit is not None:
            options.append(st.sampled_from([limit - 1, limit - 0.5, limit, limit + 0.5, limit + 1]).map(str))
    if "boolean" in spec.types:
        options.append(st.sampled_from(["true", "FALSE", "yes", "0", "2", "maybe"]))
    if spec.max_length is not None:
        n = spec.max_length
        options.append(st.sampled_from([n, n + 1]).flatmap(lambda k: st.text(CHARS, min_size=k, max_size=k)))
    allowed = [v for v in spec.enum if isinstance(v, str)]
    if allowed:
        options.append(st.sampled_from(allowed))
        change = st.sampled_from([str.lower, str.upper, " {}x".format])
        options.append(st.tuples(st.sampled_from(allowed), change).map(lambda pair: pair[1](pair[0])))
    return st.tuples(st.just(field), st.one_of(options))


def _api_accepts(field: str, value: str) -> bool:
    """The API's own schema for the field (readOnly fields dropped), as one record (numbers as numbers)."""
    types = fields.writable()[field].types
    sent: object = value
    if "number" in types and re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)", value):
        sent = float(value)
    elif "boolean" in types and value.lower() in ("true", "false", "yes", "0"):
        sent = value.lower() in ("true", "yes")
    record = {"$uri": "/api/v1/metadata/abc", field: sent}
    schema = schemas.closed(fields.METADATA)
    return jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(record)


def test_settled_fields_are_those_the_column_checks_decide() -> None:
    assert {"name", "external_sample_id", "platform", "location_lat", "starred"} <= set(SETTLED)
    assert not {"date_collected", "date_sequenced", "custom"} & set(SETTLED)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SETTLED).flatmap(_values))
def test_what_the_sheet_accepts_the_api_accepts(drawn: tuple[str, str]) -> None:
    field, text = drawn
    value = text.strip()
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "s.csv", [["custom.note", field], ["x", value]])
        errors = [f for f in check_file(path).errors if f.field == field and f.code not in LONE]
    assert (not errors) == (not value or _api_accepts(field, value)), (field, value, errors)
