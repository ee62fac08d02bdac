"""validator.check on records and responses: boundaries, did-you-mean, custom, formats, detection."""

from __future__ import annotations

import json

import jsonschema
import pytest

import validator
from validator import Severity, UnknownSchemaError

META_URI = "/api/v1/metadata/a1b2c3d4e5f67890"
SAMPLE_URI = "/api/v1/samples/a1b2c3d4e5f67890"
SHA = "0123456789abcdefABCDEF0123456789abcdef0123456789abcdef0123456789"


def meta(**fields):
    return {"$uri": META_URI, **fields}


def sample(**fields):
    return {"$uri": SAMPLE_URI, **fields}


def error(**fields):
    return {"code": "not_found", "message": "Run 9317 not found.", "details": {}, **fields}


def page(**pagination):
    return {"data": [], "pagination": {"limit": 50, "offset": 0, "total": 0, **pagination}}


# (schema, document, expected findings as (code, pointer)); [] means it passes.
BOUNDARIES = [
    ("onecodex/metadata", meta(location_lat=90), []),
    ("onecodex/metadata", meta(location_lat=-90), []),
    ("onecodex/metadata", meta(location_lat=90.0), []),
    ("onecodex/metadata", meta(location_lat=90.0001), [("maximum", "/location_lat")]),
    ("onecodex/metadata", meta(location_lat=-90.0001), [("minimum", "/location_lat")]),
    ("onecodex/metadata", meta(location_lon=180), []),
    ("onecodex/metadata", meta(location_lon=-180), []),
    ("onecodex/metadata", meta(location_lon=180.0001), [("maximum", "/location_lon")]),
    ("onecodex/metadata", meta(location_lon=-180.0001), [("minimum", "/location_lon")]),
    ("onecodex/metadata", meta(external_sample_id="a" * 60), []),
    ("onecodex/metadata", meta(external_sample_id="é" * 60), []),
    ("onecodex/metadata", meta(external_sample_id="🦠" * 60), []),
    ("onecodex/metadata", meta(external_sample_id="a" * 61), [("max-length", "/external_sample_id")]),
    ("onecodex/metadata", meta(external_sample_id="é" * 61), [("max-length", "/external_sample_id")]),
    ("onecodex/metadata", meta(external_sample_id="🦠" * 61), [("max-length", "/external_sample_id")]),
    ("onecodex/metadata", meta(name="n" * 255), []),
    ("onecodex/metadata", meta(name="n" * 256), [("max-length", "/name")]),
    ("onecodex/metadata", meta(location_string="ü" * 255), []),
    ("onecodex/metadata", meta(location_string="ü" * 256), [("max-length", "/location_string")]),
    ("sample-platform/list-query", {"limit": 1}, []),
    ("sample-platform/list-query", {"limit": 100}, []),
    ("sample-platform/list-query", {"limit": 0}, [("minimum", "/limit")]),
    ("sample-platform/list-query", {"limit": 101}, [("maximum", "/limit")]),
    ("sample-platform/list-query", {"offset": 0}, []),
    ("sample-platform/list-query", {"offset": -1}, [("minimum", "/offset")]),
    ("sample-platform/list-query", {"sha256": SHA}, []),
    ("sample-platform/list-query", {"sha256": SHA[:63]}, [("pattern", "/sha256")]),
    ("sample-platform/list-query", {"sha256": SHA + "a"}, [("pattern", "/sha256")]),
    ("sample-platform/list-query", {"sha256": "g" + SHA[1:]}, [("pattern", "/sha256")]),
    ("sample-platform/list-query", {"name": "x" * 100, "tag": "t" * 50, "extension": "mp4"}, []),
    ("sample-platform/list-query", {"name": "x" * 101}, [("max-length", "/name")]),
    ("sample-platform/list-query", {"tag": "t" * 51}, [("max-length", "/tag")]),
    ("sample-platform/list-query", {"extension": "ts.gz"}, [("pattern", "/extension")]),
    ("sample-platform/media-sample", {"sample_id": 1, "sha": SHA}, []),
    ("sample-platform/media-sample", {"sample_id": 0, "sha": SHA}, [("minimum", "/sample_id")]),
    ("sample-platform/media-sample", {"sample_id": 1, "sha": SHA[:63]}, [("pattern", "/sha")]),
    ("sample-platform/media-sample", {"sample_id": 1, "sha": SHA, "tags": ["t"] * 50}, []),
    ("sample-platform/media-sample", {"sample_id": 1, "sha": SHA, "tags": ["t"] * 51},
     [("max-items", "/tags")]),
    ("sample-platform/error", error(code="a" * 100), []),
    ("sample-platform/error", error(code="a" * 101), [("max-length", "/code")]),
    ("sample-platform/error", error(message="m" * 500), []),
    ("sample-platform/error", error(message="m" * 501), [("max-length", "/message")]),
    ("sample-platform/error", error(code="Rate Limited"), [("error-code", "/code")]),
    ("sample-platform/error", error(details=None), [("error-details", "/details")]),
    ("sample-platform/page", page(limit=1, next_offset=None), []),
    ("sample-platform/page", page(limit=0), [("minimum", "/pagination/limit")]),
    ("sample-platform/page", page(offset=-1), [("minimum", "/pagination/offset")]),
    ("onecodex/sample-patch", {"project": "p" * 16, "tags": ["t" * 16, None]}, []),
    ("onecodex/sample-patch", {"project": "p" * 17}, [("max-length", "/project")]),
    ("onecodex/sample-patch", {"tags": ["t" * 17]}, [("max-length", "/tags/0")]),
    ("onecodex/sample-patch", {"project": None, "name": "x"}, [("field-not-allowed", "/name")]),
    ("onecodex/list-query", {"page": 1, "per_page": 1}, []),
    ("onecodex/list-query", {"page": 0}, [("minimum", "/page")]),
]


@pytest.mark.parametrize(("name", "doc", "expected"), BOUNDARIES)
def test_boundaries(name, doc, expected):
    report = validator.check(doc, name)
    assert report.flatten("code", "pointer") == expected
    assert report.valid is (not expected)


@pytest.mark.parametrize(("name", "doc", "pointer", "suggestion"), [
    ("onecodex/metadata", meta(platform="illumina miseq"), "/platform", "Illumina MiSeq"),
    ("onecodex/metadata", meta(platform="Nanopore MinION"), "/platform", "Oxford Nanopore MinION"),
    ("onecodex/metadata", meta(library_type="16S"), "/library_type", "Targeted/16S"),
    ("onecodex/metadata", meta(sample_type="metagenome"), "/sample_type", "Metagenomic"),
    ("onecodex/sample", sample(visibility="awaiting_data"), "/visibility", "awaiting data"),
    ("onecodex/sample-patch", {"visibility": "awaiting_data"}, "/visibility", "awaiting data"),
    ("onecodex/sample", sample(status="Available"), "/status", "available"),
])
def test_enum_misses_suggest_the_value_meant(name, doc, pointer, suggestion):
    [finding] = validator.check(doc, name).findings
    assert (finding.code, finding.pointer, finding.suggestion) == ("enum", pointer, suggestion)
    assert finding.value == doc[pointer[1:]]
    assert suggestion in finding.expected
    assert f'did you mean "{suggestion}"' in finding.describe()


def test_enum_miss_with_nothing_close_has_no_suggestion():
    [finding] = validator.check(meta(platform="Quantum Sequencer 9000"), "onecodex/metadata").findings
    assert finding.code == "enum"
    assert finding.suggestion is None


def test_awaiting_data_stays_a_valid_status():
    assert validator.check(sample(status="awaiting_data"), "onecodex/sample").findings == []
    assert validator.check(sample(visibility="awaiting data"), "onecodex/sample").findings == []


def test_unknown_fields_are_warnings_with_a_suggestion():
    report = validator.check([meta(platfrom="Illumina", brand_new_field=1)], "onecodex/metadata-list")
    assert report.flatten("code", "pointer", "severity", "suggestion") == [
        ("unknown-field", "/0/platfrom", Severity.WARNING, "platform"),
        ("unknown-field", "/0/brand_new_field", Severity.WARNING, None),
    ]
    assert report.valid
    assert report.findings[0].value == "Illumina"


def test_unknown_fields_inside_references_are_allowed():
    doc = sample(project={"$uri": "/api/v1/projects/p1", "name": "Soil", "public": False})
    assert validator.check(doc, "onecodex/sample").findings == []


@pytest.mark.parametrize("nested", [{"city": "Oslo"}, ["a", "b"], {}, []])
def test_nested_custom_value_is_one_custom_not_flat_finding(nested):
    doc = meta(custom={"site": nested, "lab_tech": "Linus Pauling", "reads": 12, "ok": True, "n": None})
    [finding] = validator.check(doc, "onecodex/metadata").findings
    assert (finding.code, finding.pointer, finding.value) == ("custom-not-flat", "/custom/site", nested)
    assert "custom.site" in finding.message


def test_custom_keys_are_escaped_in_pointers():
    [finding] = validator.check(meta(custom={"a/b~c": [1]}), "onecodex/metadata").findings
    assert finding.pointer == "/custom/a~1b~0c"


def test_flat_custom_passes():
    doc = meta(custom={"k": "v", "i": 1, "f": 1.5, "b": False, "n": None})
    assert validator.check(doc, "onecodex/metadata").findings == []


def test_jsonschema_has_a_date_time_checker():
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert "date-time" in checker.checkers  # rfc3339-validator is installed
    assert "date" in checker.checkers
    assert not checker.conforms("2025-02-30T10:00:00Z", "date-time")
    assert checker.conforms("2025-09-25T17:27:19.596555-07:00", "date-time")


@pytest.mark.parametrize(("value", "ok"), [
    ("2025-09-25T17:27:19.596555-07:00", True),
    ("2023-11-07T05:31:56Z", True),
    ("2025-02-30T10:00:00Z", False),
    ("2024-05-01", False),
    ("2024-05-01T10:00:00", False),
    ("yesterday", False),
])
def test_date_time_is_asserted(value, ok):
    report = validator.check(meta(date_collected=value), "onecodex/metadata")
    assert report.flatten("code", "pointer") == ([] if ok else [("format", "/date_collected")])


@pytest.mark.parametrize("value", ["2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z"])
def test_formats_the_fast_pass_accepts_are_not_findings(value):
    assert validator.check(meta(date_collected=value), "onecodex/metadata").findings == []
    report = validator.check(meta(date_collected=value, location_lat=91), "onecodex/metadata")
    assert report.flatten() == [("maximum", "/location_lat")]


def test_reference_to_the_wrong_kind():
    doc = sample(project={"$ref": SAMPLE_URI})
    [finding] = validator.check(doc, "onecodex/sample").findings
    assert (finding.code, finding.pointer) == ("reference-kind", "/project/$ref")
    assert "projects" in finding.message


def test_reference_without_ref_or_uri_is_required():
    [finding] = validator.check(sample(owner={"name": "x"}), "onecodex/sample").findings
    assert (finding.code, finding.pointer) == ("required", "/owner")
    assert finding.expected == ["$ref", "$uri"]


def test_null_project_and_classification_pass():
    doc = sample(project=None, primary_classification=None, tags=[], size=None)
    assert validator.check(doc, "onecodex/sample").findings == []


def test_every_finding_is_reported_not_just_the_first():
    # three distinct records: a list that repeats one record is a page-repeat finding
    doc = [meta(location_lat=91, platform="x"), meta(name="n" * 256), meta()]
    for i, record in enumerate(doc):
        record["$uri"] += str(i)
    report = validator.check(doc, "onecodex/metadata-list")
    assert sorted(report.flatten("code", "pointer")) == [
        ("enum", "/0/platform"), ("max-length", "/1/name"), ("maximum", "/0/location_lat")]
    assert report.summary() == {"files": 1, "rows": 3, "errors": 3, "warnings": 0}


def test_missing_uri_is_required():
    assert validator.check({"name": "x"}, "onecodex/metadata").flatten() == [("required", "/$uri")]


@pytest.mark.parametrize(("doc", "name"), [
    ([sample()], "onecodex/sample-list"),
    ([meta(), meta()], "onecodex/metadata-list"),
    (page(), "sample-platform/page"),
    (error(), "sample-platform/error"),
    ({"code": "x", "message": "y"}, "sample-platform/error"),
])
def test_auto_detection(doc, name):
    for report in (validator.check(doc), validator.check(doc, "auto")):
        assert report.sources[0].schema == name


@pytest.mark.parametrize(("doc", "words"), [
    ([], "the empty list fits onecodex/metadata-list and onecodex/sample-list equally well"),
    ([{"a": 1}], "no schema fits this array"),
    ({"a": 1}, "no schema fits this object"),
    ("text", "no schema fits this string"),
])
def test_auto_detection_says_when_it_cannot_tell(doc, words):
    report = validator.check(doc)
    assert not report.valid
    [finding] = report.findings
    assert finding.code == "no-schema" and report.sources[0].schema is None
    assert words in finding.message and "--schema" in finding.message


def test_a_list_that_mixes_kinds_is_checked_as_the_kind_most_items_are():
    report = validator.check([meta(), sample(), meta(name="second", **{"$uri": "/api/v1/metadata/m2"})])
    assert report.sources[0].schema == "onecodex/metadata-list"
    assert ("reference-kind", "/1/$uri") in report.flatten()
    assert {f.pointer.split("/")[1] for f in report.findings} == {"1"}


def test_unknown_schema_name_suggests_one():
    with pytest.raises(UnknownSchemaError, match="did you mean 'onecodex/metadata'"):
        validator.check({}, "onecodex/metadat")


def test_report_round_trips_through_its_dictionary():
    report = validator.check([meta(platform="illumina miseq", platfrom=1)], "onecodex/metadata-list",
                             path="r.json")
    again = validator.Report.from_dict(report.to_dict())
    assert again.to_dict() == report.to_dict()
    assert again.findings == report.findings


def _strict_json(text):
    def refuse(constant):
        raise ValueError(f"{constant} in the JSON output")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(("value", "shown"), [
    (float("nan"), "NaN"), (float("inf"), "Infinity"), (float("-inf"), "-Infinity")])
def test_nan_and_infinity_from_python_are_type_findings(value, shown):
    report = validator.check([meta(location_lat=value, custom={"depth": value})],
                             "onecodex/metadata-list")
    assert not report.valid
    assert report.flatten("code", "pointer", "value") == [
        ("type", "/0/location_lat", shown), ("type", "/0/custom/depth", shown)]
    assert report.findings[0].message == f"{shown} is not a JSON number"
    assert report.findings[0].expected == "a finite number"
    assert _strict_json(report.to_json())["summary"]["errors"] == 2


def test_nan_in_a_single_record_is_a_type_finding():
    report = validator.check(meta(location_lon=float("nan")), "onecodex/metadata")
    assert report.flatten("code", "pointer") == [("type", "/location_lon")]
