"""Derivation: the committed schemas are what the OpenAPI documents generate, and they resolve."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import referencing
from referencing.jsonschema import DRAFT202012

from validator.cli.main import main
from validator.spec import derive, schemas

NAMES = [
    "onecodex/sample", "onecodex/metadata", "onecodex/sample-list", "onecodex/metadata-list",
    "onecodex/sample-patch", "onecodex/list-query", "sample-platform/media-sample",
    "sample-platform/page", "sample-platform/error", "sample-platform/list-query",
]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in ("enum", "examples", "default", "x-aliases"):
                yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_every_documented_name_is_generated():
    assert sorted(schemas.names()) == sorted(NAMES)
    assert sorted(derive.build(schemas.openapi_dir())) == sorted(NAMES)


def test_committed_schemas_equal_what_the_specs_generate():
    assert derive.drift(schemas.openapi_dir(), schemas.schemas_dir()) == []
    built = derive.build(schemas.openapi_dir())
    for name in NAMES:
        assert schemas.load(name) == built[name]


def test_drift_names_a_schema_edited_by_hand(tmp_path, capsys):
    copy = tmp_path / "schemas"
    shutil.copytree(schemas.schemas_dir(), copy)
    assert main(["schemas", "check", "--schemas", str(copy)]) == 0
    assert "up to date" in capsys.readouterr().out

    edited = copy / "onecodex" / "metadata.schema.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"maxLength": 60', '"maxLength": 61'),
                      encoding="utf-8")
    assert derive.drift(schemas.openapi_dir(), copy) == ["onecodex/metadata"]
    assert main(["schemas", "check", "--schemas", str(copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("onecodex/metadata: differs")
    assert "sample-platform" not in out


def test_drift_names_a_missing_schema(tmp_path):
    copy = tmp_path / "schemas"
    shutil.copytree(schemas.schemas_dir(), copy)
    (copy / "sample-platform" / "error.schema.json").unlink()
    assert derive.drift(schemas.openapi_dir(), copy) == ["sample-platform/error"]


def test_build_writes_the_committed_files(tmp_path, capsys):
    out = tmp_path / "built"
    assert main(["schemas", "build", "--schemas", str(out)]) == 0
    assert capsys.readouterr().out.count("wrote ") == len(NAMES)
    for name in NAMES:
        written = (out / f"{name}.schema.json").read_text(encoding="utf-8")
        committed = (schemas.schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8")
        assert written == committed


def test_schemas_list_prints_every_name(capsys):
    assert main(["schemas", "list"]) == 0
    assert capsys.readouterr().out.split() == schemas.names()


def test_every_ref_resolves():
    registry = referencing.Registry().with_resources(
        (schemas.load(n)["$id"], DRAFT202012.create_resource(schemas.load(n))) for n in NAMES)
    refs: set[str] = set()
    for name in NAMES:
        resolver = registry.resolver(base_uri=schemas.load(name)["$id"])
        for node in _walk(schemas.load(name)):
            ref = node.get("$ref")
            if isinstance(ref, str):
                target = resolver.lookup(ref).contents
                assert isinstance(target, dict) and target, (name, ref)
                refs.add(ref)
    assert {"metadata.schema.json", "sample.schema.json", "media-sample.schema.json",
            "#/$defs/visibility", "#/$defs/Pagination"} <= refs


@pytest.mark.parametrize("name", NAMES)
def test_no_openapi_only_keywords_remain(name):
    for node in _walk(schemas.load(name)):
        assert not {"nullable", "example", "discriminator", "xml"} & set(node), node
        assert node.get("format") not in ("int32", "int64", "float", "double")
    assert schemas.load(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_nullable_becomes_a_type_union():
    meta = schemas.properties("onecodex/metadata")
    assert meta["external_sample_id"]["type"] == ["string", "null"]
    assert meta["location_lat"]["type"] == ["number", "null"]
    assert meta["date_collected"]["type"] == ["string", "null"]
    assert meta["starred"]["type"] == "boolean"  # not nullable in the pages
    sample = schemas.properties("onecodex/sample")
    assert {"type": "null"} in sample["project"]["anyOf"]
    assert {"type": "null"} in sample["primary_classification"]["anyOf"]
    assert {"type": "null"} not in sample["metadata"]["anyOf"]  # a plain reference, not nullable
    page = schemas.load("sample-platform/page")
    assert page["$defs"]["Pagination"]["properties"]["next_offset"]["type"] == ["integer", "null"]
    assert schemas.properties("sample-platform/error")["details"]["type"] == "object"


def test_schema_files_are_the_rendered_json():
    for name in NAMES:
        text = (schemas.schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8")
        assert json.loads(text) == schemas.load(name)
        assert text == derive.render(schemas.load(name))
