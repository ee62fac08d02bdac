"""Property tests over documents drawn from the schemas (validator.strategies).

Documents drawn by ``valid`` pass with no finding; each document drawn by
``invalid`` breaks one rule and yields exactly that one finding at that
pointer; the fast pass and the detailed pass agree on every document.
The number of examples follows the hypothesis profile (see conftest.py),
except for the 500-example acceptance run.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import validator
from validator import strategies
from validator.checks import records
from validator.spec import schemas

NAMES = schemas.names()


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_valid_documents_pass(name, data):
    doc = data.draw(strategies.valid(name), label="doc")
    assert validator.check(doc, name).findings == []


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_one_broken_rule_is_one_finding(name, data):
    doc, expected = data.draw(strategies.invalid(name), label="broken")
    assert validator.check(doc, name).flatten("code", "pointer") == [expected]


def _with_unknown_field(doc):
    if isinstance(doc, dict):
        return {**doc, "zz_new_field": 1}
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        return [{**doc[0], "zz_new_field": 1}, *doc[1:]]
    return doc


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_fast_and_detailed_passes_agree(name, data):
    doc = data.draw(st.one_of(strategies.valid(name),
                              strategies.valid(name).map(_with_unknown_field),
                              strategies.invalid(name).map(lambda pair: pair[0])), label="doc")
    fast_ok = schemas.fast(name).is_valid(doc)
    assert fast_ok == schemas.detailed(name).is_valid(doc)
    explained = records.explain(doc, name)
    assert fast_ok == (not explained)
    assert fast_ok == (validator.check(doc, name).findings == [])


def test_invalid_covers_every_rule_the_schemas_can_break():
    codes = set().union(*(strategies.rules(name) for name in NAMES))
    assert "custom-not-flat" in strategies.rules("onecodex/metadata")
    assert "reference-kind" in strategies.rules("onecodex/sample-patch")
    assert codes == {"type", "enum", "minimum", "maximum", "max-length", "pattern", "reference-kind",
                     "custom-not-flat", "format", "required", "error-code", "error-details"}


def test_strategies_say_how_to_install_hypothesis():
    code = "import sys; sys.modules['hypothesis'] = None; import validator.strategies"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "validator.strategies needs hypothesis: pip install" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=500)
@given(data=st.data())
def test_500_examples_per_schema(name, data):
    good = data.draw(strategies.valid(name), label="valid")
    assert validator.check(good, name).findings == []
    bad, expected = data.draw(strategies.invalid(name), label="broken")
    assert validator.check(bad, name).flatten("code", "pointer") == [expected]
