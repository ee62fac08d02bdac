"""The contract fixture over recorded exchanges, replayed by a stdlib server on 127.0.0.1.

Each recording under tests/recordings/contract/ holds a case a team meets with a real
server (a 5xx with a tidy envelope, a walk cut short, filters matched in either case,
accepted-invalid and rejected-valid requests, expanded records, conflicting records,
a cascade, long messages); each test drives it with requests and with httpx.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import requests
from support.server import Exchange, FakeAPI

import validator
from validator.checks.contract.references import check_pair

RECORDINGS = Path(__file__).resolve().parent / "recordings" / "contract"
GETS = pytest.mark.parametrize("get", [requests.get, httpx.get], ids=["requests", "httpx"])


def recording(name: str) -> list[Exchange]:
    """The exchanges of ``tests/recordings/contract/NAME.json`` (request method and URL as sent,
    response status, headers and JSON body as received)."""
    data = json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))
    return [Exchange(e["request"]["method"], e["request"]["url"], e["response"]["status"],
                     e["response"]["body"], e["response"]["headers"]) for e in data["exchanges"]]


@pytest.fixture
def recorded() -> Iterator[Callable[[str], str]]:
    """``recorded("walk-500")`` replays that recording on 127.0.0.1 and returns its base URL."""
    servers: list[FakeAPI] = []

    def serve(name: str) -> str:
        servers.append(FakeAPI(recording(name)).__enter__())
        return servers[-1].url

    yield serve
    for server in servers:
        server.__exit__(None, None, None)


def _fails(check: Callable[[], object]) -> str:
    with pytest.raises(AssertionError) as info:
        check()
    return str(info.value)


@GETS
def test_a_server_error_with_a_tidy_envelope_fails(contract, recorded, get) -> None:
    base = recorded("server-error")
    text = _fails(lambda: contract(get(f"{base}/api/v1/samples", params={"limit": 2})))
    assert "not-a-server-error the server answered 500 Internal Server Error" in text
    assert "1 finding(s)" in text  # not also status-not-in-spec: one root cause


@GETS
@pytest.mark.parametrize("name", ["walk-500", "walk-429"])
def test_a_walk_that_stops_at_an_error_page_fails(contract, recorded, get, name) -> None:
    base = recorded(name)
    text = _fails(lambda: contract.walk(get, f"{base}/api/v1/samples", {"limit": 2},
                                        api="sample-platform"))
    assert "the walk stopped here, the pages after it were not checked" in text
    code = "not-a-server-error" if name == "walk-500" else "walk-incomplete"
    assert f"{code} " in text


@GETS
def test_a_walk_waits_once_for_retry_after(contract, recorded, get) -> None:
    base = recorded("walk-429-once")
    report = contract.walk(get, f"{base}/api/v1/samples", {"limit": 2}, api="sample-platform")
    assert report.valid
    assert [s.path.rsplit("?", 1)[-1] for s in report.sources] == [
        "limit=2", "limit=2&offset=2", "limit=2&offset=2", "limit=2&offset=4"]


@GETS
def test_a_walk_with_fewer_items_than_total_fails(contract, recorded, get) -> None:
    base = recorded("walk-short")
    text = _fails(lambda: contract.walk(get, f"{base}/api/v1/samples", {"limit": 2},
                                        api="sample-platform"))
    assert "walk-total the walk saw 4 items over its pages but the first page's total is 5" in text


@GETS
def test_a_walk_whose_total_changes_fails_once(contract, recorded, get) -> None:
    base = recorded("walk-total-changes")
    text = _fails(lambda: contract.walk(get, f"{base}/api/v1/samples", {"limit": 2},
                                        api="sample-platform"))
    assert "1 finding(s)" in text  # the count at the end follows from the change: not said again
    assert "/pagination/total: walk-total total is 6 on this page but 5 on the first" in text


@GETS
@pytest.mark.parametrize(("query", "param", "why"), [
    ({"status": "ACTIVE"}, "status", '"ACTIVE" is not a status'),
    ({"sha256": "not-a-hash"}, "sha256", "is not a SHA-256"),
    ({"extension": "abcdefghijklmnopqrst"}, "extension", "20 characters, more than the 10 allowed"),
])
def test_a_server_that_accepts_what_the_contract_forbids_fails(contract, recorded, get, query,
                                                               param, why) -> None:
    base = recorded("accepted-invalid")
    text = _fails(lambda: contract(get(f"{base}/api/v1/samples", params=query), api="sample-platform"))
    assert f"query {param}: accepted-invalid-request the request's {param}=" in text and why in text
    assert "1 finding(s)" in text  # the filter is not compared with a value the contract forbids


@GETS
def test_a_server_that_refuses_what_the_contract_allows_fails(contract, recorded, get) -> None:
    base = recorded("accepted-invalid")
    text = _fails(lambda: contract(get(f"{base}/api/v1/samples", params={"status": "active"}),
                                   api="sample-platform"))
    assert "rejected-valid-request the server answered 400 Bad Request to GET /api/v1/samples" \
           "?status=active, which the contract allows" in text


@GETS
def test_a_tag_filter_matched_in_either_case_passes(contract, recorded, get) -> None:
    base = recorded("tag-case")
    report = contract(get(f"{base}/api/v1/samples", params={"tag": "dvb"}), api="sample-platform")
    assert report.findings == []


def test_a_tag_filter_still_fails_on_items_without_the_tag(recorded) -> None:
    base = recorded("tag-case")
    report = validator.check_response(requests.get(f"{base}/api/v1/samples", params={"tag": "dvb"}),
                                      api="sample-platform")
    body = report.sources[0]
    assert body.schema == "sample-platform/page" and report.valid
    wrong = validator.check_response((200, {"Content-Type": "application/json"}, requests.get(
        f"{base}/api/v1/samples", params={"tag": "dvb"}).content.replace(b'"Dvb"', b'"web"')),
        url=f"{base}/api/v1/samples?tag=dvb", api="sample-platform")
    assert wrong.flatten() == [("filter-mismatch", "/data/2/tags")]


def test_nothing_checked_is_never_valid() -> None:
    report = validator.check_response((200, {}, b'{"id": 1}'))
    assert not report.valid and report.codes() == {"no-schema": 1}
    assert not validator.check_response((204, {}, b"")).valid
    request = validator.check_request("GET", "http://127.0.0.1:9/api/v1/samples")
    assert request.valid and request.findings == []  # both APIs allow it: nothing to refuse
    ambiguous = validator.check_request("GET", "http://127.0.0.1:9/api/v1/samples?foo=1")
    assert ambiguous.codes() == {"no-schema": 1} and "api=" in ambiguous.findings[0].message


@GETS
def test_an_expanded_record_is_checked_against_its_full_schema(contract, recorded, get) -> None:
    base = recorded("expanded")
    text = _fails(lambda: contract(get(f"{base}/api/v1/samples", params={"expand": "all"}),
                                   api="onecodex"))
    assert '/0/metadata/platform: enum "bogus" is not a platform' in text


@GETS
def test_one_bad_value_is_one_finding(contract, recorded, get) -> None:
    base = recorded("cascade")
    text = _fails(lambda: contract(get(f"{base}/api/v1/samples"), api="sample-platform"))
    assert "1 finding(s)" in text and "/pagination/limit: minimum 0 is less than 1" in text


@GETS
def test_records_that_share_a_uri_but_differ_are_a_conflict(contract, recorded, get) -> None:
    base = recorded("conflicting")
    metadata = get(f"{base}/api/v1/metadata")
    text = _fails(lambda: contract(metadata, api="onecodex"))
    assert ('/1: conflicting-records $uri "/api/v1/metadata/0ee172af60e84f61" is also at /0 with '
            "other content: sample differ") in text
    assert "/2: conflicting-records" in text and "page-repeat" not in text
    pair = check_pair(get(f"{base}/api/v1/samples"), metadata)
    assert pair.flatten("code", "file", "pointer") == [
        ("conflicting-records", "metadata", "/1"), ("conflicting-records", "metadata", "/2")]
