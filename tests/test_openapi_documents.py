"""The OpenAPI documents: valid OpenAPI 3.0, and enums exactly as the published pages give them."""

from __future__ import annotations

import pytest
import yaml
from openapi_spec_validator import validate

from validator.spec import schemas

# Copied from the published API pages (the seeds), in their order.
PLATFORMS = [
    "454 sequencing", "454 GS FLX", "454 GS FLX Titanium", "Illumina", "Illumina Genome Analyzer II",
    "Illumina HiSeq", "Illumina HiSeq 1500", "Illumina HiSeq 2000", "Illumina HiSeq 2500",
    "Illumina HiSeq 3000", "Illumina HiSeq 4000", "Illumina HiSeq X", "Illumina iSeq 100",
    "Illumina MiniSeq", "Illumina MiSeq", "Illumina NextSeq", "Illumina NextSeq 500",
    "Illumina NextSeq 550", "Illumina NovaSeq", "Illumina NovaSeq 5000", "Illumina NovaSeq 6000",
    "BGISEQ", "BGISEQ 50", "Element", "Element AVITI", "Ion", "Ion S5", "Ion S5 XL", "Ion PGM",
    "Ion Proton", "Ion Torrent", "Oxford Nanopore", "Oxford Nanopore GridION X5",
    "Oxford Nanopore MinION", "Oxford Nanopore PromethION", "PacBio", "PacBio RS II", "PacBio Sequel",
    "PacBio Sequel II System", "PacBio Revio", "PacBio Onso", "SOLiD", "Solexa Genome Analyzer",
    "Sanger", "Other",
]
LIBRARY_TYPES = ["WGS", "Targeted/16S", "Other"]
SAMPLE_TYPES = ["Isolate", "Metagenomic", "Other"]
STATUSES = ["awaiting_data", "importing", "validating", "failed_validation", "available", "deleted"]
VISIBILITIES = ["public", "shared", "private", "importing", "awaiting data"]
MEDIA_STATUSES = ["active", "inactive"]


@pytest.mark.parametrize("document", ["onecodex-v1.yaml", "sample-platform-v1.yaml"])
def test_openapi_documents_are_valid(document):
    spec = yaml.safe_load((schemas.openapi_dir() / document).read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.0")
    validate(spec)  # raises on any error


@pytest.mark.parametrize(("name", "field", "expected"), [
    ("onecodex/metadata", "platform", PLATFORMS),
    ("onecodex/metadata", "library_type", LIBRARY_TYPES),
    ("onecodex/metadata", "sample_type", SAMPLE_TYPES),
    ("onecodex/sample", "status", STATUSES),
    ("onecodex/sample", "visibility", VISIBILITIES),
    ("onecodex/sample-patch", "visibility", VISIBILITIES),
    ("sample-platform/list-query", "status", MEDIA_STATUSES),
])
def test_enums_exactly_as_published(name, field, expected):
    node = schemas.properties(name)[field]
    assert schemas.enum_values(node) == expected


@pytest.mark.parametrize("field", ["platform", "library_type", "sample_type"])
def test_nullable_enums_accept_null(field):
    node = schemas.properties("onecodex/metadata")[field]
    assert None in node["enum"]
    assert schemas.allowed_types(node) == ["string", "null"]


@pytest.mark.parametrize(("name", "field", "key", "value"), [
    ("onecodex/metadata", "external_sample_id", "maxLength", 60),
    ("onecodex/metadata", "name", "maxLength", 255),
    ("onecodex/metadata", "location_string", "maxLength", 255),
    ("onecodex/metadata", "location_lat", "minimum", -90),
    ("onecodex/metadata", "location_lat", "maximum", 90),
    ("onecodex/metadata", "location_lon", "minimum", -180),
    ("onecodex/metadata", "location_lon", "maximum", 180),
    ("sample-platform/list-query", "limit", "minimum", 1),
    ("sample-platform/list-query", "limit", "maximum", 100),
    ("sample-platform/list-query", "offset", "minimum", 0),
    ("sample-platform/list-query", "name", "maxLength", 100),
    ("sample-platform/list-query", "tag", "maxLength", 50),
    ("sample-platform/list-query", "sha256", "pattern", "^[a-fA-F0-9]{64}$"),
    ("sample-platform/list-query", "extension", "pattern", "^[a-zA-Z0-9]+$"),
    ("sample-platform/list-query", "extension", "maxLength", 10),
    ("sample-platform/error", "code", "maxLength", 100),
    ("sample-platform/error", "message", "maxLength", 500),
])
def test_limits_as_published(name, field, key, value):
    assert schemas.properties(name)[field][key] == value


def test_sample_platform_error_responses_and_rate_limit_headers():
    spec = yaml.safe_load((schemas.openapi_dir() / "sample-platform-v1.yaml").read_text(encoding="utf-8"))
    responses = spec["paths"]["/api/v1/samples"]["get"]["responses"]
    assert {"200", "400", "401", "403", "429", "default"} <= set(responses)
    limited = spec["components"]["responses"]["RateLimited"]
    assert set(limited["headers"]) == {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                                       "X-RateLimit-Reset"}
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
