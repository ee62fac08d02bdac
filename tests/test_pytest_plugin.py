"""The pytest plugin, run through pytester against the local fake API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx  # noqa: F401  (imported here once: pytester's in-process runs keep what is loaded)
import pytest
import requests  # noqa: F401
from support import README


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Contract tests in pytest", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_is_ten_lines() -> None:
    assert len(readme_example().splitlines()) <= 10


def test_the_readme_example_passes_against_a_correct_server(pytester, api_server, monkeypatch) -> None:
    monkeypatch.setenv("SAMPLES_API", f"{api_server}/sp")
    pytester.makepyfile(test_api=readme_example())
    pytester.runpytest().assert_outcomes(passed=1)


def test_the_readme_example_fails_clearly_on_a_broken_server(pytester, api_server, monkeypatch) -> None:
    monkeypatch.setenv("SAMPLES_API", f"{api_server}/sp-broken")
    pytester.makepyfile(test_api=readme_example())
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E*AssertionError: GET http://127.0.0.1:*/sp-broken/api/v1/samples?limit=2 breaks the "
        "contract: 4 finding(s)",
        "E*/data: page-limit the page holds 5 items, more than its limit 3",
        "E*/pagination/next_offset: page-next-offset next_offset is 1; offset + limit = 3 >= total 1",
    ])
    assert "validator/plugin" not in result.stdout.str()  # samplecheck's frames are hidden


HTTPX_TEST = """
import httpx

def test_onecodex_samples(contract):
    with httpx.Client(base_url="{base}") as client:
        contract(client.get("/api/v1/samples", params={{"per_page": 2, "page": 2}}), api="onecodex")

def test_onecodex_walk(contract):
    with httpx.Client() as client:
        contract.walk(client.get, "{base}/api/v1/samples", {{"per_page": 2}}, api="onecodex")

def test_pair(contract):
    with httpx.Client() as client:
        contract.pair(client.get("{base}/api/v1/samples"), client.get("{base}/api/v1/metadata"))
"""


def good_then_broken(pytester, source: str, good: str, broken: str, tests: int, lines: list[str]) -> None:
    """Run ``source`` against a correct server (all pass), then a broken one (all fail, with ``lines``)."""
    pytester.makepyfile(test_loop=source.format(base=good))
    pytester.runpytest().assert_outcomes(passed=tests)
    pytester.makepyfile(test_loop=source.format(base=broken))
    result = pytester.runpytest()
    result.assert_outcomes(failed=tests)
    result.stdout.fnmatch_lines(lines)


def test_httpx_responses_pass_and_fail(pytester, api_server) -> None:
    good_then_broken(pytester, HTTPX_TEST, f"{api_server}/oc", f"{api_server}/oc-broken", 3, [
        "*header Link: link-header rel=last points at page 2, not 5*",
        "*/0/sample: reference-mismatch sample points at*",
    ])


RATE_TEST = """
import requests

def test_rate_limited(contract):
    contract(requests.get("{base}/api/v1/samples"))
"""


def test_a_429_with_and_without_headers(pytester, api_server) -> None:
    good_then_broken(pytester, RATE_TEST, f"{api_server}/sp-429", f"{api_server}/sp-429-bare", 1, [
        "*breaks the contract: 6 finding(s)",
        "E*header Retry-After: retry-after header Retry-After is missing from a 429 response",
        "E*/details: error-details null is not an object",
    ])


DRIFT_TEST = """
import requests

def test_drift(contract):
    contract(requests.get("{base}/api/v1/samples", params={{"limit": 1}}))
"""


def test_unknown_fields_warn_by_default_and_fail_when_strict(pytester, api_server) -> None:
    pytester.makepyfile(test_drift=DRIFT_TEST.format(base=f"{api_server}/sp-drift"))
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "*samplecheck: 1 warning(s)*",
        "test_drift.py::test_drift: GET *limit=1 /data/0/duration: unknown-field 'duration' is not in "
        "the schema*",
    ])
    strict = pytester.runpytest("--samplecheck-strict")
    strict.assert_outcomes(failed=1)
    strict.stdout.fnmatch_lines(["E*/data/0/duration: unknown-field 'duration' is not in the schema*"])
    pytester.makeini("[pytest]\nsamplecheck_strict = true\n")
    pytester.runpytest().assert_outcomes(failed=1)


ASSERT_TEST = """
import validator

def test_metadata():
    validator.assert_valid([{"$uri": "/api/v1/metadata/x", "location_lat": 100,
                             "platform": "illumina miseq"}], "onecodex/metadata-list")
"""


def test_assert_valid_lists_every_finding_without_internals(pytester) -> None:
    pytester.makepyfile(test_assert=ASSERT_TEST)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E*AssertionError: onecodex/metadata-list breaks the contract: 2 finding(s)",
        "E*/0/location_lat: maximum 100 is greater than 90",
        'E*/0/platform: enum "illumina miseq" is not a platform; did you mean "Illumina MiSeq"?',
    ])
    assert "assertions.py" not in result.stdout.str()


def test_assert_valid_returns_the_report_when_valid() -> None:
    import validator

    report = validator.assert_valid({"$uri": "/api/v1/metadata/x", "platfrom": "MiSeq"},
                                    "onecodex/metadata")
    assert report.flatten() == [("unknown-field", "/platfrom")]
    with pytest.raises(AssertionError, match="/platfrom: unknown-field"):
        validator.assert_valid({"$uri": "/api/v1/metadata/x", "platfrom": "MiSeq"},
                               "onecodex/metadata", strict=True)


def _pytest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_the_entry_point_registers_the_plugin_and_p_no_turns_it_off(tmp_path: Path) -> None:
    (tmp_path / "test_uses.py").write_text("def test_uses(contract):\n    assert contract.strict is False\n")
    assert "--samplecheck-strict" in _pytest("--help", cwd=tmp_path).stdout
    assert _pytest("-q", cwd=tmp_path).returncode == 0
    off = _pytest("-q", "-p", "no:samplecheck", cwd=tmp_path)
    assert off.returncode == 1 and "fixture 'contract' not found" in off.stdout
    assert "--samplecheck-strict" not in _pytest("--help", "-p", "no:samplecheck", cwd=tmp_path).stdout


def test_the_plugin_module_imports_no_checker() -> None:
    code = ("import sys, validator.plugin.pytest_plugin; "
            "print(sorted(m for m in ('jsonschema', 'jsonschema_rs', 'yaml', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"
