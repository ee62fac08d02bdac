"""``--schema auto`` on broken documents, and messages a person can read (limits, cut values,
date-times without a zone, patterns in words, numbers as written)."""

from __future__ import annotations

import json

import pytest

import validator
from validator.cli.main import main

M, S = "/api/v1/metadata/", "/api/v1/samples/"


def _meta(n: int, **fields: object) -> dict:
    return {"$uri": f"{M}m{n}", "sample": {"$ref": f"{S}s{n}"}, "platform": "Illumina MiSeq",
            "custom": {}, **fields}


PAGE = {"data": [{"sample_id": 1, "sha": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
        "pagination": {"limit": 5, "offset": 0, "total": 1, "next_offset": None}, "meta": {}}


@pytest.mark.parametrize(("doc", "name", "finding"), [
    ([_meta(1), {k: v for k, v in _meta(2).items() if k != "$uri"}], "onecodex/metadata-list",
     ("required", "/1/$uri")),
    ([_meta(1), _meta(2, **{"$uri": None})], "onecodex/metadata-list", ("type", "/1/$uri")),
    ([_meta(1), _meta(2, **{"$uri": "/api/v1/metadta/m2"})], "onecodex/metadata-list",
     ("reference-kind", "/1/$uri")),
    ([_meta(1), _meta(2, **{"$uri": f"{S}s2"})], "onecodex/metadata-list",
     ("reference-kind", "/1/$uri")),
    ([_meta(1), None, _meta(3)], "onecodex/metadata-list", ("type", "/1")),
    ({"data": PAGE["data"], "meta": {}}, "sample-platform/page", ("required", "/pagination")),
    ({"message": "Not found", "details": {}}, "sample-platform/error", ("required", "/code")),
    ([{k: v for k, v in _meta(n).items() if k != "$uri"} for n in (1, 2)], "onecodex/metadata-list",
     ("required", "/0/$uri")),
])
def test_a_broken_document_is_still_told_and_its_fault_found(tmp_path, capsys, doc, name, finding):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["response", str(path), "--format", "json"]) == 1
    [checked] = json.loads(capsys.readouterr().out)["files"]
    assert checked["schema"] == name
    assert finding in [(f["code"], f["pointer"]) for f in checked["findings"]]


def test_two_schemas_that_fit_equally_are_both_named():
    [finding] = validator.check([]).findings
    assert finding.code == "no-schema"
    assert "onecodex/metadata-list and onecodex/sample-list equally well" in finding.message


def _text(tmp_path, capsys, doc, *args: str) -> list[str]:
    path = tmp_path / "doc.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    main(["response", str(path), *args])
    return capsys.readouterr().out.splitlines()[:-1]


def test_max_items_states_the_limit_and_cuts_the_array(tmp_path, capsys):
    page = json.loads(json.dumps(PAGE))
    page["data"][0]["tags"] = [f"tag{i}" for i in range(5000)]
    [line] = _text(tmp_path, capsys, page)
    assert line.endswith("has 5,000 items, more than the 50 allowed")
    assert "…" in line and "characters)" in line and len(line) < 300


def test_a_long_value_is_cut_with_its_length(tmp_path, capsys):
    page = json.loads(json.dumps(PAGE))
    page["data"][0]["original_name"] = "n" * 300
    [line] = _text(tmp_path, capsys, page)
    assert f'"{"n" * 39}…" has 300 characters, more than the 255 allowed' in line
    assert validator.check([_meta(1, description="d" * 5000)]).findings == []
    [enum] = validator.check([_meta(1, platform="p" * 200)]).findings
    assert enum.message == f'"{"p" * 79}…" (200 characters) is not a platform'


def test_a_date_time_without_a_zone_says_so_and_shows_the_fix(tmp_path, capsys):
    [line] = _text(tmp_path, capsys, [_meta(1, updated_at="2024-05-01T10:00:00")])
    assert line.endswith('/0/updated_at: format "2024-05-01T10:00:00" has no time zone; add one, e.g. '
                         "2024-05-01T10:00:00Z for UTC or 2024-05-01T10:00:00+02:00")


def test_a_pattern_is_described_in_words(tmp_path, capsys):
    page = json.loads(json.dumps(PAGE))
    page["data"][0]["sha"] = "not-a-hash"
    [line] = _text(tmp_path, capsys, page)
    assert line.endswith('pattern "not-a-hash" is not a SHA-256: 64 hexadecimal digits (0-9, a-f)')


def test_every_pattern_in_the_documents_has_words_beside_it():
    from validator.spec import schemas

    def patterns(node, where):
        if isinstance(node, dict):
            if "pattern" in node and isinstance(node["pattern"], str):
                yield where, node
            for key, value in node.items():
                if not key.startswith("x-"):  # x-finding-code: {pattern: ...} is not a schema
                    yield from patterns(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from patterns(value, f"{where}/{i}")

    found = [(name, where) for name in schemas.names()
             for where, node in patterns(schemas.load(name), "") if not node.get("x-pattern-description")]
    assert found == []


def test_a_number_too_large_for_a_float_is_shown_as_written(tmp_path, capsys):
    [line] = _text(tmp_path, capsys, '[{"$uri": "/api/v1/metadata/m1", "location_lat": 1e400}]')
    assert line.endswith("/0/location_lat: type 1e400 is too large for a number (at most about 1.8e308)")
