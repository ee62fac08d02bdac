"""Property tests: generated valid sheets pass; one broken cell gives exactly that finding there."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_csv

from validator import check_file
from validator.checks.sheets import column_letter
from validator.spec import schemas

PROPS = schemas.properties("onecodex/metadata")
HEADERS = ["name", "external_sample_id", "platform", "library_type", "sample_type", "date_collected",
           "location_lat", "location_lon", "location_string", "starred", "custom"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=20)


def _number(field: str) -> st.SearchStrategy[str]:
    node = PROPS[field]
    return st.floats(node["minimum"], node["maximum"], allow_nan=False).map(lambda x: f"{x:.6f}")


def _enum(field: str) -> st.SearchStrategy[str]:
    return st.sampled_from(schemas.enum_values(PROPS[field]))


ROW = st.fixed_dictionaries({
    "name": TEXT, "external_sample_id": st.text("ABC0123-", min_size=3, max_size=10).map(lambda s: "X" + s),
    "platform": _enum("platform"), "library_type": _enum("library_type"),
    "sample_type": _enum("sample_type"),
    "date_collected": st.dates(min_value=dt.date(2000, 1, 1),
                               max_value=dt.date(2024, 12, 31)).map(str),
    "location_lat": _number("location_lat"), "location_lon": _number("location_lon"),
    "location_string": TEXT, "starred": st.sampled_from(["true", "false", "yes", "no", "1", "0"]),
    "custom": st.dictionaries(st.sampled_from(["lab_tech", "kit", "plate"]),
                              st.one_of(st.none(), st.booleans(), st.integers(-5, 5), TEXT)).map(json.dumps),
})
SHEETS = st.lists(ROW, min_size=1, max_size=6, unique_by=lambda r: r["external_sample_id"])

BREAKS = {
    "platform": ("enum", st.just("Illumina Miseqq")),
    "location_lat": ("maximum", st.floats(90.001, 1e6).map(lambda x: f"{x:.3f}")),
    "location_lon": ("minimum", st.floats(-1e6, -180.001).map(lambda x: f"{x:.3f}")),
    "name": ("max-length", st.integers(256, 300).map(lambda n: "n" * n)),
    "custom": ("custom-not-flat", st.just(json.dumps({"site": {"city": "Berlin"}}))),
    "date_collected": ("format", st.sampled_from(["2024-02-30", "31/12/2024", "yesterday", "2024-1-5"])),
}


def _check(rows: list[dict[str, str]]) -> list[tuple]:
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "s.csv", [HEADERS, *([r[h] for h in HEADERS] for r in rows)])
        return check_file(path).flatten("code", "cell")


@SETTINGS
@given(SHEETS)
def test_valid_sheets_pass(rows: list[dict[str, str]]) -> None:
    assert _check(rows) == []


@SETTINGS
@given(SHEETS, st.data())
def test_one_broken_cell_gives_exactly_that_finding(rows: list[dict[str, str]], data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(sorted(BREAKS)))
    code, bad = BREAKS[field]
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index] = {**rows[index], field: data.draw(bad)}
    cell = f"{column_letter(HEADERS.index(field))}{index + 2}"
    assert _check(rows) == [(code, cell)]
