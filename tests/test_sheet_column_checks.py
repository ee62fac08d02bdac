"""The column checks are a pandera schema (polars backend) generated from the metadata JSON Schema, lazily."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pandera.polars as pa
import pytest
from support import FIXTURES, found, run_cli, write_csv, write_xlsx

from validator.checks.sheets import frame
from validator.spec import fields


def _check(column: str, name: str) -> pa.Check:
    [check] = [c for c in frame.dataframe_schema().columns[column].checks if c.name == name]
    return check


def test_schema_is_pandera_built_from_the_json_schema() -> None:
    schema = frame.dataframe_schema()
    assert isinstance(schema, pa.DataFrameSchema)
    specs = fields.writable()
    assert set(_check("platform", "enum").statistics["allowed_values"]) == set(specs["platform"].enum)
    lat = specs["location_lat"]
    assert (_check("location_lat", "minimum").statistics["min_value"],
            _check("location_lat", "maximum").statistics["max_value"]) == (lat.minimum, lat.maximum)
    assert (lat.minimum, lat.maximum) == (-90, 90)
    assert _check("name", "maxLength").statistics["max_value"] == specs["name"].max_length
    assert all(c.nullable and not c.required for c in schema.columns.values())
    assert set(schema.columns) == {f for f, n in specs.items()
                                   if {"enum", "minimum", "maximum", "maxLength", "pattern"} & set(n.schema)}


def test_each_constraint_is_checked_once() -> None:
    """The API-schema pass leaves out what the column checks decide; what is left is not restated."""
    from validator.checks.sheets import constraints, upload

    for field, stated in constraints.constraints().items():
        assert not {c.keyword for c in stated} & set(upload.api_node(field)), field
    assert upload.settled("platform") and upload.settled("location_lat") and upload.settled("starred")
    assert not upload.settled("date_collected")  # a format: the API pass checks it


def test_every_failing_cell_is_reported() -> None:
    longest = fields.writable()["name"].max_length
    bad = pd.DataFrame({
        "platform": pd.array(["Illumina MiSeq", "Illumina Miseq", None, "nanopore"], dtype="str"),
        "location_lat": [91.0, None, -95.5, 12.0],
        "location_lon": [0.0, 181.0, -181.0, None],
        "name": pd.array(["x" * (longest + 1), "ok", "y" * (longest + 3), None], dtype="str"),
    }, index=[2, 3, 4, 5])
    got = {field: [(p.row, p.code, p.value) for p in problems]
           for field, problems in frame.validate(bad).items()}
    assert got == {
        "platform": [(3, "enum", "Illumina Miseq"), (5, "enum", "nanopore")],
        "location_lat": [(4, "minimum", -95.5), (2, "maximum", 91)],
        "location_lon": [(4, "minimum", -181), (3, "maximum", 181)],
        "name": [(2, "max-length", "x" * (longest + 1)), (4, "max-length", "y" * (longest + 3))],
    }
    assert frame.validate(bad.iloc[[0]].assign(platform="Illumina MiSeq", location_lat=1.0,
                                               name="ok")) == {}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_failing_cell_in_a_sheet(suffix: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["platform", "location_lat", "location_lon"],
            ["Illumina Miseq", "91", "10"],
            ["", "-90", "-181"],
            ["Illumina Miseq", "95", "181"]]
    path = tmp_path / f"s{suffix}"
    write_csv(path, rows) if suffix == ".csv" else write_xlsx(path, rows, typed=True)
    run = run_cli(capsys, "check", path, "--format", "json")
    assert run.code == 1
    assert found(run) == [("enum", "A2"), ("maximum", "B2"), ("minimum", "C3"),
                         ("enum", "A4"), ("maximum", "B4"), ("maximum", "C4")]


def test_pandera_is_imported_only_to_check_a_sheet(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", [["platform"], ["Illumina MiSeq"]])
    script = (
        "import sys\nfrom validator.cli import main\n"
        f"main(['response', {str(FIXTURES / 'onecodex-samples-valid.json')!r}, ])\n"
        "print('pandera' in sys.modules, file=sys.stderr)\n"
        f"main(['check', {str(sheet)!r}, ])\n"
        "print('pandera' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stderr.split() == ["False", "True"]
