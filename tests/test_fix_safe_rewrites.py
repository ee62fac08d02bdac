"""The rewrites ``samplecheck fix`` may apply: each one, and what it must leave alone."""

from __future__ import annotations

import pytest

from validator.editing.safe_values import decimal_point, enum_value, iso_date, safe_value, trimmed
from validator.spec import fields

PROPS = fields.fields(fields.METADATA)


@pytest.mark.parametrize(("before", "after"), [
    ("  s1 ", "s1"), ("\u00a0s1\u00a0", "s1"), ("Sample\u00a0one", "Sample one"), ("ok", None), (5, None),
])
def test_trimmed(before, after):
    assert trimmed(before) == after


@pytest.mark.parametrize(("field", "before", "after"), [
    ("platform", "ONT MinION", "Oxford Nanopore MinION"),
    ("platform", "illumina miseq", "Illumina MiSeq"),
    ("platform", "Illumina-MiSeq", "Illumina MiSeq"),
    ("library_type", "16S", "Targeted/16S"),
    ("sample_type", "metagenome", "Metagenomic"),
    ("platform", "Illumina MiSeq", None),         # already allowed
    ("platform", "Ilumina MiSeq", None),          # a typo: the suggestion is not safe
    ("platform", "MinION Mk1C", None),
    ("name", "ONT MinION", None),                 # not an enum field
])
def test_enum_value_applies_only_safe_suggestions(field, before, after):
    assert enum_value(before, PROPS[field]) == after


@pytest.mark.parametrize(("field", "before", "after"), [
    ("location_lat", "45,3", "45.3"),
    ("location_lon", "-122,4194", "-122.4194"),
    ("location_lat", "0,125", "0.125"),
    ("location_lat", "12,500", "12.500"),        # 12500 is no latitude: the comma is decimal
    ("location_lon", "1,500", "1.500"),          # 1500 is no longitude either
    ("location_lat", "45.3", None),
    ("location_lat", "1,234,5", None),
    ("name", "45,3", None),                      # text field: left alone
])
def test_decimal_point(field, before, after):
    assert decimal_point(before, PROPS[field]) == after


def test_decimal_comma_that_may_be_thousands_is_left_alone():
    custom_number = fields.spec_of("custom.depth", {"type": ["number", "null"]})
    assert decimal_point("1,500", custom_number) is None
    assert decimal_point("1,50", custom_number) == "1.50"


@pytest.mark.parametrize(("before", "after"), [
    ("2024/05/01", "2024-05-01"),
    ("2024.5.1", "2024-05-01"),
    ("25/12/2024", "2024-12-25"),                # day first: 25 is no month
    ("12/25/2024", "2024-12-25"),                # month first: 25 is no month
    ("07.07.2024", "2024-07-07"),                # the same either way
    ("1 May 2024", "2024-05-01"),
    ("May 1, 2024", "2024-05-01"),
    ("01-Mar-2024", "2024-03-01"),
    ("03/04/2024", None),                        # 3 April or 4 March
    ("2024-02-30", None),                        # no such day
    ("2024-05-01", None),                        # already ISO
    ("yesterday", None),
])
def test_iso_date(before, after):
    assert iso_date(before, PROPS["date_collected"]) == after


def test_safe_value_combines_and_names_the_rewrites():
    assert safe_value(" ont minion\u00a0", PROPS["platform"]) == ("Oxford Nanopore MinION",
                                                                  ["whitespace", "enum"])
    assert safe_value(" 45,3 ", PROPS["location_lat"]) == ("45.3", ["whitespace", "decimal comma"])
    assert safe_value(" 16S ", None) == ("16S", ["whitespace"])  # a custom column: trim only
    assert safe_value("Illumina MiSeq", PROPS["platform"]) == ("Illumina MiSeq", [])


def test_every_alias_in_the_schemas_is_a_safe_rewrite():
    aliased = {k: v for k, v in PROPS.items() if v.value_aliases}
    assert aliased, "the metadata schema documents aliases"
    for spec in aliased.values():
        for alias, target in spec.value_aliases.items():
            assert enum_value(alias, spec) == target
