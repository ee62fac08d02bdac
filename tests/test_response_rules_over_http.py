"""Response rules over a real HTTP loop: each fires on a broken answer and stays quiet on a correct one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import requests
from support import FIXTURES, Exchange, readme_text, run_process
from support.server import RATE

import validator
from validator import Report
from validator.checks.contract.references import check_pair
from validator.checks.contract.walk import walk

SORT_DESC = json.dumps({"created_at": True})

Fetch = Callable[[str], Report]


def sp(base: str, mode: str, **params: object) -> Report:
    return validator.check_response(requests.get(f"{base}/{mode}/api/v1/samples", params=params))


def oc(base: str, mode: str, path: str = "samples", **params: object) -> Report:
    return validator.check_response(httpx.get(f"{base}/{mode}/api/v1/{path}", params=params),
                                    api="onecodex")


# code -> (a call that must produce it, the same call against the correct server)
CASES: dict[str, Callable[[str, str], Report]] = {
    "page-limit": lambda b, m: sp(b, m, limit=2),
    "page-next-offset": lambda b, m: sp(b, m, limit=2),
    "page-total": lambda b, m: sp(b, m, limit=2),
    "page-echo": lambda b, m: sp(b, m, limit=3, offset=1),
    "filter-mismatch": lambda b, m: sp(b, m, status="active", tag="dvb", extension="TS"),
    "retry-after": lambda b, m: sp(b, m),
    "rate-limit-headers": lambda b, m: sp(b, m),
    "error-code": lambda b, m: sp(b, m),
    "error-details": lambda b, m: sp(b, m),
    "total-count": lambda b, m: oc(b, m, per_page=5),
    "link-header": lambda b, m: oc(b, m, per_page=2, page=2),
    "sort-order": lambda b, m: oc(b, m, sort=SORT_DESC),
    "status-not-in-spec": lambda b, m: validator.check_response(
        (404 if m == "unlisted" else 200, {}, b"[]"), url=f"{b}/api/v1/samples", api="onecodex"),
    "not-a-server-error": lambda b, m: oc(b, m),
}
BROKEN = {"retry-after": ("sp-429-bare", "sp-429"), "rate-limit-headers": ("sp-429-bare", "sp-429"),
          "error-code": ("sp-429-bare", "sp-429"), "error-details": ("sp-429-bare", "sp-429"),
          "status-not-in-spec": ("unlisted", "listed"), "not-a-server-error": ("oc-500", "oc")}


def _modes(code: str) -> tuple[str, str]:
    if code in BROKEN:
        return BROKEN[code]
    api = "oc" if code in ("total-count", "link-header", "sort-order") else "sp"
    return f"{api}-broken", api


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_a_broken_response(api_server: str, code: str) -> None:
    report = CASES[code](api_server, _modes(code)[0])
    assert code in report.codes()
    assert not report.valid


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_a_correct_response(api_server: str, code: str) -> None:
    report = CASES[code](api_server, _modes(code)[1])
    assert report.findings == []


def test_pages_that_repeat_an_item_are_caught_by_a_walk(api_server: str) -> None:
    report = walk(requests.get, f"{api_server}/sp-repeat/api/v1/samples", {"limit": 2})
    repeats = [f for f in report.findings if f.code == "page-repeat"]
    assert [(f.pointer, f.value) for f in repeats] == [("/data/0", 1), ("/data/0", 1)]
    assert "offset=2" in repeats[0].file and "earlier page" in repeats[0].message


@pytest.mark.parametrize("get", [requests.get, httpx.get])
def test_a_walk_over_a_correct_collection_sees_every_item_once(api_server: str, get: Callable) -> None:
    report = walk(get, f"{api_server}/sp/api/v1/samples", {"limit": 2})
    assert len(report.sources) == 3 and report.findings == []
    report = walk(get, f"{api_server}/oc/api/v1/samples", {"per_page": 2}, api="onecodex")
    assert len(report.sources) == 2 and report.findings == []


def test_a_repeated_item_within_one_page_is_a_body_finding() -> None:
    page = json.loads((FIXTURES / "sample-platform-page-valid.json").read_text())
    page["data"][1] = dict(page["data"][0])  # the same record twice
    assert validator.check(page).flatten() == [("page-repeat", "/data/1")]
    page["data"][1]["extension"] = "mkv"  # one identity, two contents
    [conflict] = validator.check(page).findings
    assert (conflict.code, conflict.pointer) == ("conflicting-records", "/data/1")
    assert "also at /data/0" in conflict.message and "extension" in conflict.message


def test_the_sample_and_metadata_lists_must_point_at_each_other(api_server: str) -> None:
    samples = requests.get(f"{api_server}/oc/api/v1/samples")
    good = check_pair(samples, requests.get(f"{api_server}/oc/api/v1/metadata"))
    assert good.findings == []
    bad = check_pair(samples, requests.get(f"{api_server}/oc-broken/api/v1/metadata"))
    assert bad.flatten("code", "file", "pointer") == [
        ("reference-mismatch", "samples", "/0/metadata"), ("reference-mismatch", "samples", "/1/metadata"),
        ("reference-mismatch", "metadata", "/0/sample"), ("reference-mismatch", "metadata", "/1/sample"),
    ]


def test_two_samples_sharing_one_metadata_record() -> None:
    samples = json.loads((FIXTURES / "onecodex-samples-valid.json").read_text())
    assert validator.check(samples).findings == []
    samples[1]["metadata"] = dict(samples[0]["metadata"])
    assert validator.check(samples).flatten() == [("reference-shared", "/1/metadata")]


def test_a_reference_to_the_wrong_kind(api_server: str) -> None:
    body = requests.get(f"{api_server}/oc/api/v1/samples").json()
    body[0]["metadata"] = {"$ref": "/api/v1/samples/a1b2c3d4e5f67890"}
    report = validator.check_response((200, {}, body), url=f"{api_server}/api/v1/samples", api="onecodex")
    assert report.flatten() == [("reference-kind", "/0/metadata/$ref")]


def test_status_code_picks_the_error_envelope_schema(api_server: str) -> None:
    report = sp(api_server, "sp-429-bare")
    assert report.sources[0].schema == "sample-platform/error"
    assert sp(api_server, "sp", limit=1).sources[0].schema == "sample-platform/page"
    assert oc(api_server, "oc").sources[0].schema == "onecodex/sample-list"
    assert oc(api_server, "oc", "metadata").sources[0].schema == "onecodex/metadata-list"


def test_a_plain_triple_needs_no_client() -> None:
    body = (FIXTURES / "sample-platform-error-valid.json").read_bytes()
    headers = {"Retry-After": "30", "X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0",
               "X-RateLimit-Reset": "1767225600"}
    url = "https://sampleplatform.ccextractor.org/api/v1/samples"
    assert validator.check_response((429, headers, body), url=url).findings == []
    mismatch = validator.check_response((429, {**headers, "Retry-After": "5"}, body), url=url)
    assert mismatch.flatten("code", "field", "value") == [("retry-after", "Retry-After", 30)]
    assert validator.check_response((200, {}, b"not json"), url=url).codes() == {"body-not-json": 1}


def test_the_api_must_be_named_when_nothing_tells(api_server: str) -> None:
    report = validator.check_response((200, {}, b"[]"), url=f"{api_server}/api/v1/samples")
    [finding] = report.findings
    assert finding.code == "no-schema" and not report.valid
    assert "api='onecodex' or api='sample-platform'" in finding.message
    with pytest.raises(validator.InputError, match="not an operation"):
        validator.check_response((200, {}, b"[]"), url=f"{api_server}/api/v1/projects")


def test_saved_error_responses_get_the_envelope_rules_in_the_cli(tmp_path, capsys) -> None:
    from validator.cli.main import main

    saved = tmp_path / "error.json"
    saved.write_text(json.dumps({"code": "Rate Limited", "message": "slow", "details": None}))
    assert main(["response", str(saved)]) == 1
    out = capsys.readouterr().out
    assert f"{saved}:/code: error-code" in out and f"{saved}:/details: error-details" in out


def test_every_contract_code_is_in_the_readme() -> None:
    from validator.findings.rules import RULES

    readme = readme_text()
    codes = [r.code for r in RULES.values() if r.family == "contract"]
    assert len(codes) >= 20
    assert [c for c in codes if f"`{c}`" not in readme] == []


def test_samplecheck_response_runs_the_page_rules_on_a_saved_page(tmp_path: Path) -> None:
    page = json.loads((FIXTURES / "sample-platform-page-valid.json").read_text())
    page["pagination"]["next_offset"] = None
    saved = tmp_path / "page.json"
    saved.write_text(json.dumps(page))
    run = run_process("response", saved, "--format", "json", script=True)
    assert (run.code, run.err) == (1, "")
    (finding,) = run.json["files"][0]["findings"]
    assert (finding["code"], finding["pointer"], finding["expected"]) == (
        "page-next-offset", "/pagination/next_offset", 2)
    assert json.loads(saved.read_text()) == page  # the input is left alone


# answers recorded from a real Sample Platform server (see API-FACTS): what it sends is in contract
RECORDED = [
    Exchange("GET", "/api/v1/samples?limit=2", 403,
             {"code": "forbidden", "message": "The token lacks a required scope.",
              "details": {"required_scopes": ["runs:read"], "missing_scopes": ["runs:read"],
                          "token_scopes": []}}, RATE),
    Exchange("GET", "/api/v1/samples?limit=50", 429,
             {"code": "rate_limited", "message": "Rate limit exceeded. Retry after 30 seconds.",
              "details": {"retry_after": 30, "limit": 120, "window": "60s"}},
             {**RATE, "X-RateLimit-Remaining": "0", "Retry-After": "30"}),
]


def test_recorded_error_answers_of_the_real_server_raise_no_false_alarm(replay_server) -> None:
    server = replay_server(*RECORDED)
    for exchange in RECORDED:
        response = requests.get(server.url + exchange.path)
        assert response.status_code == exchange.status
        assert validator.check_response(response).findings == []
    assert [path for _, path, _ in server.requests] == [e.path for e in RECORDED]
    # the same check fails such an answer once it breaks the contract (a 429 without details)
    broken = {**RECORDED[1].body, "details": None}
    assert [f.code for f in validator.check(broken, "sample-platform/error").findings] == ["error-details"]
