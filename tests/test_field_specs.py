"""Field specs: every fact the OpenAPI document states about a field, worked out once."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from validator.spec import derive, fields, schemas

KEYWORDS = {"minimum": "minimum", "maximum": "maximum", "exclusiveMinimum": "exclusive_minimum",
            "exclusiveMaximum": "exclusive_maximum", "minLength": "min_length",
            "maxLength": "max_length", "pattern": "pattern", "format": "format"}


def _metadata_properties(openapi: Path) -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((openapi / "onecodex-v1.yaml").read_text(encoding="utf-8"))
    return doc["components"]["schemas"]["metadata"]["properties"]


def _built(openapi: Path) -> dict[str, fields.FieldSpec]:
    return fields.build(derive.build(openapi)[fields.METADATA])


def test_every_enum_bound_and_length_of_the_metadata_is_in_its_field_spec() -> None:
    published = _metadata_properties(schemas.openapi_dir())
    specs = fields.fields(fields.METADATA)
    assert set(specs) == set(published)
    stated = 0
    for name, node in published.items():
        spec = specs[name]
        if "enum" in node:
            assert spec.enum == tuple(v for v in node["enum"] if v is not None), name
            stated += 1
        for keyword, attribute in KEYWORDS.items():
            if keyword in node and node[keyword] not in ("int32", "int64", "float", "double"):
                assert getattr(spec, attribute) == node[keyword], (name, keyword)
                stated += 1
        assert spec.column_aliases == tuple(node.get("x-column-aliases", ())), name
        assert dict(spec.value_aliases) == node.get("x-aliases", {}), name
        assert spec.read_only == bool(node.get("readOnly")), name
        assert spec.nullable == bool(node.get("nullable")), name
    assert stated >= 10  # platform, library_type, sample_type, both coordinates' bounds, lengths...


def test_a_changed_document_changes_the_field_spec(tmp_path: Path) -> None:
    openapi = tmp_path / "openapi"
    shutil.copytree(schemas.openapi_dir(), openapi)
    before = _built(openapi)
    assert before == fields.fields(fields.METADATA)
    path = openapi / "onecodex-v1.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    props = doc["components"]["schemas"]["metadata"]["properties"]
    props["external_sample_id"]["maxLength"] = 61
    props["sample_type"]["enum"].insert(0, "Mock community")
    props["location_lat"]["minimum"] = -45
    props["name"]["x-column-aliases"] = ["specimen"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    after = _built(openapi)
    assert after["external_sample_id"].max_length == 61
    assert after["sample_type"].enum[0] == "Mock community"
    assert after["location_lat"].lower() == (-45, False)
    assert after["name"].column_aliases == ("specimen",)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"external_sample_id", "sample_type", "location_lat", "name"}


@pytest.mark.parametrize(("schema", "field", "kind", "nullable"), [
    (fields.METADATA, "name", "string", True),
    (fields.METADATA, "date_collected", "date-time", True),
    (fields.METADATA, "location_lat", "number", True),
    (fields.METADATA, "starred", "boolean", False),
    (fields.METADATA, "custom", "object", False),
    (fields.METADATA, "sample", "reference", False),
    (fields.METADATA, "$uri", "reference", False),
    ("onecodex/sample", "project", "reference", True),
    ("onecodex/sample", "primary_classification", "reference", True),
    ("onecodex/sample", "tags", "array", False),
    ("onecodex/sample", "size", "integer", True),
    ("onecodex/sample", "visibility", "string", False),
    ("onecodex/list-query", "per_page", "integer", False),
])
def test_kind_and_nullability(schema: str, field: str, kind: str, nullable: bool) -> None:
    spec = fields.get(schema, field)
    assert spec is not None
    assert (spec.kind, spec.nullable) == (kind, nullable)


def test_writable_and_read_only_split_the_metadata_fields() -> None:
    assert set(fields.read_only()) == {"$uri", "sample", "updated_at"}
    assert set(fields.writable()) | set(fields.read_only()) == set(fields.fields())
    assert not set(fields.writable()) & set(fields.read_only())


def test_a_custom_key_is_one_scalar_value() -> None:
    spec = fields.spec_for("custom.lab_tech")
    assert spec is not None
    assert (spec.kind, spec.types, spec.nullable) == ("scalar", ("string", "number", "boolean"), True)
    assert spec.finding_code == "custom-not-flat"
    assert fields.spec_for("no_such_field") is None


def test_bounds_in_words_and_in_use() -> None:
    lat = fields.writable()["location_lat"]
    assert (lat.lower(), lat.upper()) == ((-90, False), (90, False))
    assert lat.within(90) and lat.within(-90) and not lat.within(90.0001)
    assert lat.constrained and not fields.writable()["description"].constrained
    strict = fields.spec_of("x", {"type": "number", "exclusiveMinimum": 0})
    assert strict.lower() == (0, True) and not strict.within(0) and strict.within(0.1)


def test_custom_key_types_are_one_vocabulary() -> None:
    assert set(fields.CUSTOM_TYPES.values()) <= set(fields.KINDS)
    assert fields.custom_kind("text") == fields.custom_kind("string") == "string"
    assert fields.custom_kind("float") is None
