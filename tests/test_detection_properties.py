"""``--schema auto`` by best fit: a document with one thing wrong is still told for what it is.

For every schema ``--schema auto`` chooses between, a document drawn with exactly one rule
broken (validator.strategies.invalid) and with enough of it left to tell (an object with at
least three keys, a list with at least two items) is detected as that schema, and the one
finding is at its pointer. Request schemas (a PATCH body, query parameters) are never guessed.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import validator
from validator import strategies
from validator.spec import detect, schemas


def _telling(doc: object) -> bool:
    return (isinstance(doc, dict) and len(doc) >= 3) or (isinstance(doc, list) and len(doc) >= 2)


@pytest.mark.parametrize("name", detect.candidates())
@given(data=st.data())
def test_a_document_with_one_mutation_is_still_detected(name, data):
    doc, expected = data.draw(strategies.invalid(name), label="broken")
    assume(_telling(doc) and expected.pointer != "")  # one item or field, not the whole document
    report = validator.check(doc)
    assert report.sources[0].schema == name
    assert expected in report.flatten("code", "pointer")


@pytest.mark.parametrize("name", detect.candidates())
@given(data=st.data())
def test_a_valid_document_is_detected_with_no_finding(name, data):
    doc = data.draw(strategies.valid(name), label="doc")
    assume(_telling(doc))
    report = validator.check(doc)
    assert report.sources[0].schema == name and report.findings == []


def test_auto_chooses_between_every_response_and_record_schema():
    assert set(detect.candidates()) | detect.request_schemas() == set(schemas.names())
    assert detect.request_schemas() == {"onecodex/sample-patch", "onecodex/list-query",
                                        "sample-platform/list-query"}
