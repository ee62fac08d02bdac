"""``samplecheck template``: the workbook is read back and compared with the schemas."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from support import run_process

from validator.cli.main import main
from validator.spec import schemas

SCHEMA = "onecodex/metadata"


def _make(tmp_path: Path, *extra: str) -> openpyxl.Workbook:
    out = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(out), *extra]) == 0
    return openpyxl.load_workbook(out)


def _expected_fields() -> dict[str, dict]:
    return {name: node for name, node in schemas.properties(SCHEMA).items()
            if not node.get("readOnly") and "object" not in schemas.allowed_types(node)}


def _validations(ws) -> dict[str, object]:
    """Header -> the data validation covering its column's row 2."""
    headers = {c.column_letter: c.value for c in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            letter = get_column_letter(rng.min_col)
            out[headers[letter]] = dv
            assert (rng.min_row, rng.max_row) == (2, 1001)
            assert rng.min_col == rng.max_col
    return out


def _list_values(wb: openpyxl.Workbook, ref: str) -> list[str]:
    sheet, cells = ref.split("!")
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_one_column_per_writable_field_with_comment_and_fill(tmp_path):
    wb = _make(tmp_path)
    assert wb.sheetnames == ["Samples", "README", "Lists"]
    ws = wb["Samples"]
    headers = [c.value for c in ws[1]]
    expected = _expected_fields()
    assert headers == list(expected)
    assert "$uri" not in headers and "updated_at" not in headers and "custom" not in headers
    for cell in ws[1]:
        description = expected[cell.value].get("description", "")
        assert cell.comment is not None and description in cell.comment.text
        assert cell.fill.fgColor.rgb.endswith(("DDEBF7", "E2EFDA"))
        assert cell.font.b
    assert ws.freeze_panes == "A2"


def test_enum_dropdowns_reference_the_hidden_lists_sheet(tmp_path):
    wb = _make(tmp_path)
    assert wb["Lists"].sheet_state == "hidden"
    found = _validations(wb["Samples"])
    enums = {k: schemas.enum_values(v) for k, v in _expected_fields().items() if schemas.enum_values(v)}
    assert set(enums) == {"library_type", "platform", "sample_type"}
    for name, values in enums.items():
        dv = found[name]
        assert dv.type == "list"
        assert dv.formula1.startswith("'Lists'!$")
        assert _list_values(wb, dv.formula1) == values  # drift: lists equal the schema's
    # the platform list could not be written inline: Excel's limit is 255 characters
    assert len(",".join(enums["platform"])) > 255


def test_ranges_lengths_dates_and_booleans(tmp_path):
    found = _validations(_make(tmp_path)["Samples"])
    props = _expected_fields()
    for name in ("location_lat", "location_lon"):
        dv = found[name]
        assert (dv.type, dv.operator) == ("decimal", "between")
        assert (float(dv.formula1), float(dv.formula2)) == (props[name]["minimum"], props[name]["maximum"])
    dv = found["external_sample_id"]
    assert (dv.type, dv.operator, dv.formula1) == ("textLength", "lessThanOrEqual", "60")
    assert int(dv.formula1) == props["external_sample_id"]["maxLength"]
    for name in ("date_collected", "date_sequenced"):
        assert found[name].type == "date"
    assert found["starred"].type == "list"
    assert "description" not in found  # free text without a limit has no validation


def test_schema_version_in_properties_and_readme(tmp_path):
    wb = _make(tmp_path)
    version = schemas.load(SCHEMA)["x-spec-version"]
    assert wb.properties.version == version
    assert wb.properties.subject == SCHEMA
    custom = {p.name: p.value for p in wb.custom_doc_props.props}
    assert custom == {"samplecheck-schema": SCHEMA, "samplecheck-spec-version": version}
    readme = [[c.value for c in row] for row in wb["README"].iter_rows()]
    assert ["schema version", version, None] in readme
    listed = [row[0] for row in readme[9:]]
    assert listed == [f"Column {name}" for name in _expected_fields()]


def test_custom_columns(tmp_path):
    wb = _make(tmp_path, "--custom", "lab_tech", "--custom", "read_depth:number",
               "--custom", "extracted:date", "--custom", "pooled:boolean")
    ws = wb["Samples"]
    headers = [c.value for c in ws[1]]
    assert headers[-4:] == ["custom.lab_tech", "custom.read_depth", "custom.extracted", "custom.pooled"]
    assert ws.cell(1, len(headers) - 3).fill.fgColor.rgb.endswith("FFF2CC")
    found = _validations(ws)
    assert "custom.lab_tech" not in found
    assert found["custom.read_depth"].type == "decimal"
    assert found["custom.extracted"].type == "date"
    assert _list_values(wb, found["custom.pooled"].formula1) == ["TRUE", "FALSE"]


def test_custom_columns_take_the_configuration_type_names(tmp_path):
    """string, integer: the names ``[custom.<key>] type`` takes work for --custom too."""
    wb = _make(tmp_path, "--custom", "note:string", "--custom", "reads:integer")
    found = _validations(wb["Samples"])
    assert "custom.note" not in found
    assert found["custom.reads"].type == "decimal"


@pytest.mark.parametrize("spec", ["depth:float", "a.b", ":text"])
def test_bad_custom_spec_is_a_usage_error(tmp_path, capsys, spec):
    out = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(out), "--custom", spec]) == 2
    assert capsys.readouterr().err.startswith("samplecheck: --custom")
    assert not out.exists()


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"keep")
    assert main(["template", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep"
    assert main(["template", "-o", str(out), "--force"]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Samples"


def test_csv_template_is_the_header_row(tmp_path):
    out = tmp_path / "template.csv"
    result = run_process("template", "-o", out, "--custom", "lab_tech")
    assert (result.code, result.err) == (0, ""), result.err
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows == [[*_expected_fields(), "custom.lab_tech"]]
