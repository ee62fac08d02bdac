"""check_request: query parameters of both APIs and the One Codex PATCH body."""

from __future__ import annotations

import json

import pytest

import validator

SP = "https://sampleplatform.ccextractor.org/api/v1/samples"
OC = "https://app.onecodex.com/api/v1/samples"
PATCH = "https://app.onecodex.com/api/v1/samples/a1b2c3d4e5f67890"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

# (url, params, code, pointer) for a broken request; the fixed value makes it clean.
BROKEN_QUERIES = [
    (SP, {"limit": "0"}, {"limit": "1"}, "minimum", "/limit"),
    (SP, {"limit": 101}, {"limit": 100}, "maximum", "/limit"),
    (SP, {"limit": "ten"}, {"limit": "10"}, "type", "/limit"),
    (SP, {"offset": -1}, {"offset": 0}, "minimum", "/offset"),
    (SP, {"status": "enabled"}, {"status": "active"}, "enum", "/status"),
    (SP, {"name": "n" * 101}, {"name": "n" * 100}, "max-length", "/name"),
    (SP, {"tag": "t" * 51}, {"tag": "t" * 50}, "max-length", "/tag"),
    (SP, {"sha256": SHA[:-1]}, {"sha256": SHA.upper()}, "pattern", "/sha256"),
    (SP, {"extension": "tar.gz"}, {"extension": "gz"}, "pattern", "/extension"),
    (SP, {"extension": "abcdefghijk"}, {"extension": "abcdefghij"}, "max-length", "/extension"),
    (SP, {"limt": 5}, {"limit": 5}, "unknown-field", "/limt"),
    (OC, {"page": 0}, {"page": 1}, "minimum", "/page"),
    (OC, {"per_page": "0"}, {"per_page": "200"}, "minimum", "/per_page"),
    (OC, {"sort": "{created_at: true}"}, {"sort": '{"created_at": true}'}, "query-json", "/sort"),
    (OC, {"sort": '{"created_at": "desc"}'}, {"sort": '{"created_at": false}'}, "query-json",
     "/sort/created_at"),
    (OC, {"sort": '{"created": true}'}, {"sort": '{"created_at": true}'}, "query-field", "/sort/created"),
    (OC, {"where": '["visibility"]'}, {"where": '{"visibility": "private"}'}, "query-json", "/where"),
    (OC, {"where": '{"visibilty": "private"}'}, {"where": '{"visibility": "private"}'}, "query-field",
     "/where/visibilty"),
    (OC, {"where": '{"size": {"$contains": 3}}'}, {"where": '{"size": {"$gte": 3}}'}, "query-operator",
     "/where/size/$contains"),
    (OC, {"where": '{"tags": {"$eq": "x"}}'}, {"where": '{"tags": {"$containsany": ["x"]}}'},
     "query-operator", "/where/tags/$eq"),
    (OC, {"where": '{"created_at": {"$between": "2024"}}'},
     {"where": '{"created_at": {"$between": ["2024-01-01", "2025-01-01"]}}'}, "query-json",
     "/where/created_at/$between"),
    (OC, {"where": '{"project": {"$icontains": "x"}}'}, {"where": '{"project": "4b53797444f846c4"}'},
     "query-operator", "/where/project/$icontains"),
]


@pytest.mark.parametrize(("url", "bad", "good", "code", "where"), BROKEN_QUERIES,
                         ids=[f"{c}{w}" for *_, c, w in BROKEN_QUERIES])
def test_query_rule_fires_and_stays_quiet(url: str, bad: dict, good: dict, code: str, where: str) -> None:
    report = validator.check_request("GET", url, bad)
    assert report.flatten() == [(code, where)]
    assert validator.check_request("GET", url, good).findings == []


def test_the_query_in_the_url_counts_too() -> None:
    report = validator.check_request("GET", f"{SP}?limit=500&offset=3")
    assert report.flatten("code", "field", "value") == [("maximum", "limit", 500)]


def test_operator_suggestions_come_from_the_spec() -> None:
    report = validator.check_request("GET", OC, {"where": json.dumps({"filename": {"$contain": "x"}})})
    (finding,) = report.findings
    assert finding.suggestion == "$contains" and "$icontains" in finding.expected


def test_the_metadata_list_knows_metadata_fields() -> None:
    url = "https://app.onecodex.com/api/v1/metadata"
    assert validator.check_request("GET", url, {"where": '{"platform": "Illumina MiSeq"}'}).findings == []
    report = validator.check_request("GET", url, {"sort": '{"platfrom": true}'})
    assert report.flatten("code", "suggestion") == [("query-field", "platform")]


@pytest.mark.parametrize("body", [
    {"project": {"$ref": "/api/v1/projects/4b53797444f846c4"}},
    {"project": "4b53797444f846c4"},
    {"project": None},
    {"tags": [{"$ref": "/api/v1/tags/1a2b3c4d5e6f7a8b"}, "1a2b3c4d5e6f7a8b"]},
    {"visibility": "shared"},
    {"project": None, "tags": [], "visibility": "private"},
])
def test_patch_bodies_in_every_allowed_shape_pass(body: dict) -> None:
    assert validator.check_request("PATCH", PATCH, body=body).findings == []


def test_a_read_only_field_in_a_patch_body_points_at_the_metadata_record() -> None:
    report = validator.check_request("PATCH", PATCH, body={"filename": "x.fq", "tags": []})
    (finding,) = report.findings
    assert (finding.code, finding.pointer, finding.field) == ("read-only-field", "/filename", "filename")
    assert "metadata record" in finding.message


def test_other_extras_and_bad_shapes_in_a_patch_body() -> None:
    report = validator.check_request("PATCH", PATCH, body={
        "platform": "Illumina MiSeq", "visibility": "awaiting_data",
        "project": {"$ref": "/api/v1/samples/4b53797444f846c4"}, "tags": ["x" * 17]})
    assert sorted(report.flatten()) == [
        ("enum", "/visibility"), ("field-not-allowed", "/platform"), ("max-length", "/tags/0"),
        ("reference-kind", "/project/$ref"),
    ]
    assert [f.suggestion for f in report.findings if f.code == "enum"] == ["awaiting data"]


def test_contract_fixture_checks_requests(contract) -> None:
    assert contract.request("GET", SP, {"limit": 10}).findings == []
    with pytest.raises(AssertionError, match=r"/limit: maximum 500 is greater than 100"):
        contract.request("GET", SP, {"limit": 500})
