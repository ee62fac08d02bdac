"""``samplecheck replay``: recorded traffic (HAR files, VCR.py cassettes) checked offline."""

from __future__ import annotations

import base64
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, found, load_json, readme_text, run_process
from support.server import media as fake_media

from validator.checks.contract.replay import replay

SP = "https://sampleplatform.ccextractor.org/api/v1/samples"
OC = "https://app.onecodex.com/api/v1"
RATE = {"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "119", "X-RateLimit-Reset": "1767225600"}
TOKEN = "spci_Sup3rS3cretT0ken"


def media(i: int) -> dict[str, Any]:
    return fake_media(i, "ts", [], 1, f"s{i}.ts")


def sp_page(ids: list[int], offset: int, limit: int, total: int) -> dict[str, Any]:
    nxt = offset + limit if offset + limit < total else None
    return {"data": [media(i) for i in ids], "meta": {},
            "pagination": {"limit": limit, "offset": offset, "total": total, "next_offset": nxt}}


def har_entry(method: str, url: str, status: int, body: Any, headers: dict[str, str] | None = None, *,
              encode: str = "", request_headers: dict[str, str] | None = None) -> dict[str, Any]:
    """One HAR 1.2 entry; ``encode`` is "", "base64" or "gzip" (gzip bodies are base64 too)."""
    text = body if isinstance(body, str) else json.dumps(body)
    sent = {"Content-Type": "application/json", **(headers or {})}
    raw = text.encode("utf-8")
    content: dict[str, Any] = {"size": len(raw), "mimeType": sent["Content-Type"]}
    if encode == "gzip":
        raw = gzip.compress(raw)
        sent["Content-Encoding"] = "gzip"
    if encode:
        content.update(text=base64.b64encode(raw).decode("ascii"), encoding="base64")
    else:
        content["text"] = text
    asked = {"Authorization": f"Bearer {TOKEN}", **(request_headers or {})}
    return {"startedDateTime": "2026-11-01T10:00:00.000Z", "time": 12,
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1",
                        "headers": [{"name": k, "value": v} for k, v in asked.items()],
                        "cookies": [{"name": "session", "value": "c00kieValue42"}],
                        "queryString": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                         "headers": [{"name": k, "value": v} for k, v in sent.items()],
                         "cookies": [], "content": content, "redirectURL": "",
                         "headersSize": -1, "bodySize": len(raw)},
            "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}}


def write_har(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"},
                                        "entries": entries}}), encoding="utf-8")
    return path


def write_cassette(path: Path, interactions: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}), encoding="utf-8")
    return path


def interaction(method: str, uri: str, status: int, body: Any, headers: dict[str, str] | None = None,
                *, gzipped: bool = False) -> dict[str, Any]:
    """One VCR.py interaction as pytest-recording writes it (headers as lists, body.string)."""
    text = body if isinstance(body, str) else json.dumps(body)
    raw: Any = text
    sent = {"Content-Type": ["application/json"], **{k: [v] for k, v in (headers or {}).items()}}
    if gzipped:
        raw = gzip.compress(text.encode("utf-8"))
        sent["Content-Encoding"] = ["gzip"]
    return {"request": {"body": None, "method": method, "uri": uri,
                        "headers": {"Authorization": [f"Bearer {TOKEN}"], "Accept": ["*/*"]}},
            "response": {"status": {"code": status, "message": "OK"}, "headers": sent,
                         "body": {"string": raw}}}


# --- each exchange checked as a live one -------------------------------------------------------

def test_a_har_file_is_checked_entry_by_entry(tmp_path: Path) -> None:
    har = write_har(tmp_path / "traffic.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 2), RATE, encode="gzip"),
        har_entry("GET", f"{SP}?limit=2", 200, load_json("sample-platform-page-broken.json"), RATE,
                  encode="base64"),
        har_entry("GET", f"{OC}/samples", 200, load_json("onecodex-samples-valid.json")),
    ])
    done = run_process("replay", str(har), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    paths = [f["path"] for f in data["files"]]
    assert paths == [f"{har}#1 GET {SP}?limit=2&offset=0", f"{har}#2 GET {SP}?limit=2",
                     f"{har}#3 GET {OC}/samples"]
    seen = found(data, "path", "code", "pointer")
    assert not [c for c in seen if c[0] != paths[1]]  # the valid entries have no finding
    assert (paths[1], "pattern", "/data/0/sha") in seen  # the base64 body was decoded and checked
    assert (paths[1], "max-length", "/data/1/extension") in seen


def test_a_cassette_with_a_gzip_body_is_checked(tmp_path: Path) -> None:
    cassette = write_cassette(tmp_path / "test_pages.yaml", [
        interaction("GET", f"{SP}?limit=2&offset=0", 200, load_json("sample-platform-page-broken.json"),
                    RATE, gzipped=True),
        interaction("GET", f"{OC}/metadata", 200, load_json("onecodex-metadata-valid.json")),
    ])
    data = json.loads(run_process("replay", str(cassette), "--format", "json").stdout)
    first = data["files"][0]
    assert first["path"] == f"{cassette}#1 GET {SP}?limit=2&offset=0"
    assert ("pattern", "/data/0/sha") in [(g["code"], g["pointer"]) for g in first["findings"]]
    assert data["files"][1]["findings"] == []


def test_the_request_a_response_carries_is_checked_too(tmp_path: Path) -> None:
    har = write_har(tmp_path / "t.har", [
        har_entry("GET", f"{SP}?status=ACTIVE", 200, sp_page([1], 0, 50, 1), RATE)])
    report = replay([har]).report  # answered 200: the server accepted what the contract forbids
    assert report.flatten("code", "field") == [("accepted-invalid-request", "status")]


def test_an_operation_outside_the_documents_is_a_warning_not_a_pass(tmp_path: Path) -> None:
    har = write_har(tmp_path / "t.har", [har_entry("GET", f"{OC}/projects", 200, [])])
    report = replay([har]).report
    assert report.flatten("code", "severity") == [("not-in-spec", "warning")]
    assert report.coverage["not_in_spec"] == [{"method": "GET", "path": "/api/v1/projects", "hits": 1}]


# --- pages walked across entries ----------------------------------------------------------------

def test_recorded_pages_are_walked_in_order(tmp_path: Path) -> None:
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 4), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=2", 200, sp_page([2, 3], 2, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=4", 200, sp_page([5], 4, 2, 5), RATE),
        # the collection fetched again from its start: a second walk, not a repeat
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 5), RATE),
    ])
    report = replay([har]).report
    walk = [(f.file.split(" ")[0], f.code, f.pointer) for f in report.findings
            if f.code in ("page-repeat", "walk-total")]
    assert walk == [(f"{har}#2", "walk-total", "/pagination/total"),   # 5, where the first page said 4
                    (f"{har}#2", "page-repeat", "/data/0")]             # sample 2 again
    # the second walk (entry 4) is its first page only: not held to its total


def test_a_whole_walk_short_of_its_total_is_found(tmp_path: Path) -> None:
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=2", 200, sp_page([3, 4], 2, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=4", 200, {**sp_page([], 4, 2, 5), "data": []}, RATE),
    ])
    report = replay([har]).report
    assert [(f.file.split(" ")[0], f.code) for f in report.findings
            if f.code.startswith(("walk", "page"))] == [(f"{har}#1", "walk-total")]  # 4 items, total 5


def test_a_short_page_is_one_gap_not_also_a_wrong_total(tmp_path: Path) -> None:
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=2", 200, sp_page([3], 2, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=4", 200, sp_page([5], 4, 2, 5), RATE),
    ])
    report = replay([har]).report
    assert [(f.file.split(" ")[0], f.code) for f in report.findings
            if f.code.startswith(("walk", "page"))] == [(f"{har}#3", "page-gap")]  # item 4 missing


def test_a_429_retried_in_the_recording_does_not_end_the_walk(tmp_path: Path) -> None:
    limited = {"code": "rate_limited", "message": "slow down",
               "details": {"retry_after": 5, "limit": 120, "window": "60s"}}
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 4), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=2", 429, limited,
                  {**RATE, "X-RateLimit-Remaining": "0", "Retry-After": "5"}),
        har_entry("GET", f"{SP}?limit=2&offset=2", 200, sp_page([3, 3], 2, 2, 4), RATE),
    ])
    report = replay([har]).report
    assert report.flatten("file", "code") == [(f"{har}#3 GET {SP}?limit=2&offset=2", "page-repeat")]


def test_a_server_error_in_a_recorded_walk_ends_it_with_a_finding(tmp_path: Path) -> None:
    failure = {"code": "internal_error", "message": "boom", "details": {}}
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 6), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=2", 500, failure, RATE),
        har_entry("GET", f"{SP}?limit=2&offset=4", 200, sp_page([5, 6], 4, 2, 6), RATE),
    ])
    report = replay([har]).report
    assert [c for c in report.codes() if c.startswith("walk")] == []  # not held to the total
    assert report.codes()["not-a-server-error"] == 1


def test_a_whole_walk_that_adds_up_has_no_walk_finding(tmp_path: Path) -> None:
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset={o}", 200, sp_page(ids, o, 2, 5), RATE)
        for o, ids in ((0, [1, 2]), (2, [3, 4]), (4, [5]))])
    assert replay([har]).report.findings == []


def test_a_partial_walk_is_not_held_to_the_total(tmp_path: Path) -> None:
    har = write_har(tmp_path / "walk.har", [
        har_entry("GET", f"{SP}?limit=2&offset=0", 200, sp_page([1, 2], 0, 2, 5), RATE),
        har_entry("GET", f"{SP}?limit=2&offset=4", 200, sp_page([5], 4, 2, 5), RATE)])
    assert replay([har]).report.findings == []


# --- coverage ------------------------------------------------------------------------------------

def test_coverage_counts_are_exact(tmp_path: Path) -> None:
    error = {"code": "validation_error", "message": "bad", "details": {}}
    limited = {"code": "rate_limited", "message": "slow down",
               "details": {"retry_after": 5, "limit": 120, "window": "60s"}}
    write_har(tmp_path / "a.har", [
        har_entry("GET", f"{SP}?limit=1&offset=0", 200, sp_page([1], 0, 1, 1), RATE),
        har_entry("GET", f"{SP}?tag=x", 200, sp_page([], 0, 50, 0), RATE),
        har_entry("GET", f"{SP}?limit=0", 400, error, RATE),
        har_entry("GET", SP, 429, limited, {**RATE, "X-RateLimit-Remaining": "0", "Retry-After": "5"}),
        har_entry("GET", SP, 418, error, RATE),
        har_entry("GET", f"{OC}/samples", 200, load_json("onecodex-samples-valid.json")),
    ])
    cassette = write_cassette(tmp_path / "b.yaml", [
        interaction("GET", f"{OC}/samples?page=2", 200, []),
        interaction("PATCH", f"{OC}/samples/0ee172af60e84f61", 200,
                    load_json("onecodex-samples-valid.json")[0]),
    ])
    coverage = replay([tmp_path]).report.coverage
    hits = {(r["api"], r["method"], r["path"], r["status"]): r["hits"] for r in coverage["operations"]}
    assert hits[("sample-platform", "GET", "/api/v1/samples", "200")] == 2
    assert hits[("sample-platform", "GET", "/api/v1/samples", "400")] == 1
    assert hits[("sample-platform", "GET", "/api/v1/samples", "429")] == 1
    assert hits[("sample-platform", "GET", "/api/v1/samples", "401")] == 0
    assert hits[("onecodex", "GET", "/api/v1/samples", "200")] == 2
    assert hits[("onecodex", "PATCH", "/api/v1/samples/{id}", "200")] == 1
    assert hits[("onecodex", "GET", "/api/v1/metadata", "200")] == 0
    assert hits[("sample-platform", "GET", "/api/v1/samples", "default")] == 1  # the 418
    assert sum(hits.values()) == 8 and coverage["undocumented"] == []
    never = {(r["method"], r["path"], r["status"]) for r in coverage["never_seen"]}
    assert ("GET", "/api/v1/metadata", "200") in never
    assert ("GET", "/api/v1/samples", "401") in never
    assert ("GET", "/api/v1/samples", "200") not in never
    assert cassette.exists()


def test_a_status_the_operation_does_not_list_is_undocumented(tmp_path: Path) -> None:
    """One Codex's PATCH lists only 200 (no ``default``): a 418 is counted apart and reported."""
    har = write_har(tmp_path / "a.har", [har_entry("PATCH", f"{OC}/samples/abc", 418, {})])
    report = replay([har]).report
    assert report.coverage["undocumented"] == [{"api": "onecodex", "method": "PATCH",
                                                "path": "/api/v1/samples/{id}", "status": 418, "hits": 1}]
    assert ("PATCH", "/api/v1/samples/{id}", "200") in {
        (r["method"], r["path"], r["status"]) for r in report.coverage["never_seen"]}
    assert "status-not-in-spec" in report.codes()


def test_the_coverage_table_is_printed_and_in_json(tmp_path: Path) -> None:
    har = write_har(tmp_path / "a.har", [har_entry("GET", f"{OC}/samples", 200, [])])
    text = run_process("replay", str(har)).stdout
    assert "Coverage of the OpenAPI documents by the recorded exchanges:" in text
    assert any(line.split()[:5] == ["onecodex", "GET", "/api/v1/samples", "200", "1"]
               for line in text.splitlines())
    assert "never seen: " in text and "onecodex GET /api/v1/metadata 200" in text
    data = json.loads(run_process("replay", str(har), "--format", "json").stdout)
    assert {"api": "onecodex", "method": "GET", "path": "/api/v1/samples", "status": "200",
            "hits": 1} in data["coverage"]["operations"]


# --- bodies and bad recordings -------------------------------------------------------------------

def test_empty_and_binary_bodies_are_findings_not_tracebacks(tmp_path: Path) -> None:
    har = write_har(tmp_path / "t.har", [
        har_entry("GET", f"{OC}/samples", 200, ""),
        {**har_entry("GET", f"{OC}/metadata", 200, ""),
         "response": {**har_entry("GET", f"{OC}/metadata", 200, "")["response"],
                      "content": {"mimeType": "application/octet-stream", "encoding": "base64",
                                  "text": base64.b64encode(bytes(range(256))).decode()}}},
    ])
    done = run_process("replay", str(har))
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.count(" body-not-json ") == 2
    report = replay([har]).report
    assert [f.code for f in report.findings] == ["body-not-json", "body-not-json"]


@pytest.mark.parametrize("damage", ["truncated-json", "truncated-yaml", "no-entries", "empty",
                                    "not-json"])
def test_a_bad_recording_is_one_finding_and_the_run_goes_on(tmp_path: Path, damage: str) -> None:
    good = write_har(tmp_path / "good.har", [har_entry("GET", f"{OC}/samples", 200, [])])
    bad_har = write_har(tmp_path / "bad.har", [
        har_entry("GET", f"{OC}/samples", 200, load_json("onecodex-samples-broken.json")),
        har_entry("GET", f"{OC}/samples", 200, [])])
    text = bad_har.read_text()
    bad = {"truncated-json": (bad_har, text[: len(text) * 3 // 4]),
           "truncated-yaml": (tmp_path / "bad.yaml", "interactions:\n- request: {method: GET, uri: 'http"),
           "no-entries": (bad_har, json.dumps({"log": {"version": "1.2", "entries": []}})),
           "empty": (bad_har, ""),
           "not-json": (bad_har, "<html>not a HAR</html>")}[damage]
    if bad[0] != bad_har:
        bad_har.unlink()
    bad[0].write_text(bad[1], encoding="utf-8")
    done = run_process("replay", str(tmp_path), "--format", "json")
    assert (done.returncode, done.stderr) == (1, ""), done.stderr
    data = json.loads(done.stdout)
    unreadable = [(f["path"], g["code"]) for f in data["files"] for g in f["findings"]
                  if g["code"] == "recording-unreadable"]
    assert unreadable == [(str(bad[0]), "recording-unreadable")]
    assert f"{good}#1 GET {OC}/samples" in [f["path"] for f in data["files"]]
    if damage == "truncated-json":  # the entries before the damage were still checked
        assert any(f["path"].startswith(f"{bad_har}#1 ") and f["findings"] for f in data["files"])


def test_an_entry_that_is_not_http_is_named_and_the_others_are_checked(tmp_path: Path) -> None:
    har = write_har(tmp_path / "t.har", [
        {"request": {"method": "GET", "url": "wss://example.org/socket"}, "response": {"status": 101}},
        {"request": {"method": "GET", "url": f"{OC}/samples"}, "response": {"status": 0}},
        {"note": "no request"},
        har_entry("GET", f"{OC}/samples", 200, []),
    ])
    report = replay([har]).report
    assert report.flatten("file", "code") == [(f"{har}#{n}", "recording-entry") for n in (1, 2, 3)]
    assert report.sources[3].path == f"{har}#4 GET {OC}/samples"


def test_files_in_a_folder_that_are_not_recordings_are_skipped_and_listed(tmp_path: Path) -> None:
    write_har(tmp_path / "a.har", [har_entry("GET", f"{OC}/samples", 200, [])])
    (tmp_path / "README.txt").write_text("recorded on staging", encoding="utf-8")
    done = run_process("replay", str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert f"{tmp_path / 'README.txt'}: skipped (not a recording" in done.stdout
    assert "1 file skipped" in done.stdout


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    done = run_process("replay", str(tmp_path / "nope.har"))
    assert done.returncode == 2
    assert done.stderr.startswith("samplecheck: ") and done.stderr.count("\n") == 1
    assert "nope.har" in done.stderr and done.stdout == ""


# --- secrets -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_secrets_never_appear_in_any_output(tmp_path: Path, fmt: str) -> None:
    leaky = load_json("sample-platform-error-valid.json")
    leaky["message"] = f"token {TOKEN} is not allowed"
    har = write_har(tmp_path / "t.har", [
        har_entry("GET", f"{SP}?api_key=k3yV4lu3SECRET&limit=5", 400, leaky, RATE,
                  request_headers={"X-Api-Key": "h3aderK3ySECRET", "Cookie": "session=c00kieValue42"}),
        har_entry("GET", "https://user:pa55w0rdSECRET@app.onecodex.com/api/v1/samples", 200,
                  [{"token": TOKEN}]),
    ])
    done = run_process("replay", str(har), "--format", fmt)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "/api/v1/samples" in out  # the run did report on both entries
    for secret in (TOKEN, "k3yV4lu3SECRET", "h3aderK3ySECRET", "c00kieValue42", "pa55w0rdSECRET"):
        assert secret not in out


# --- memory ----------------------------------------------------------------------------------------

PEAK = """
import resource, sys
from validator.checks.contract.replay import replay
done = replay([sys.argv[1]])
print(len(done.report.sources), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def big_har(path: Path, entries: int) -> Path:
    """``entries`` pages, each about 1 MB (a long ``meta`` note), written entry by entry."""
    note = "x" * 1_000_000
    page = json.dumps({**sp_page([1], 0, 50, 1), "meta": {"note": note}})
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"log": {"version": "1.2", "entries": [')
        for n in range(entries):
            entry = har_entry("GET", f"{SP}?offset=0&n={n}", 200, page, RATE)
            fh.write(("," if n else "") + json.dumps(entry))
        fh.write("]}}")
    return path


@pytest.mark.slow
def test_memory_follows_the_largest_entry_not_the_file(tmp_path: Path) -> None:
    peaks = {}
    for entries in (4, 34):
        har = big_har(tmp_path / f"big{entries}.har", entries)
        done = subprocess.run([sys.executable, "-c", PEAK, str(har)], capture_output=True, text=True,
                              timeout=300, check=True)
        count, peak_kb = map(int, done.stdout.split())
        assert count == entries
        peaks[entries] = peak_kb
        har.unlink()
    # 30 MB more of file must not mean 30 MB more of memory
    assert peaks[34] - peaks[4] < 12_000, peaks


# --- recordings made by pytest-recording, and the pytest plugin -------------------------------------

RECORDED_TEST = '''
import pytest
import requests

BASE = "{base}"


@pytest.mark.vcr
def test_walk_the_samples():
    first = requests.get(BASE + "/api/v1/samples", params={{"limit": 2, "offset": 0}}, timeout=10)
    assert first.status_code == 200
    requests.get(BASE + "/api/v1/samples", params={{"limit": 2, "offset": 2}}, timeout=10)
    requests.get(BASE + "/api/v1/samples", params={{"status": "ACTIVE"}}, timeout=10)
'''


def record_with_pytest_recording(pytester: pytest.Pytester, base: str) -> Path:
    """Run a test under pytest-recording against the local server; return the cassette it wrote."""
    pytester.makepyfile(test_recorded=RECORDED_TEST.format(base=base))
    pytester.runpytest_subprocess("--record-mode=once", "-p", "no:samplecheck").assert_outcomes(passed=1)
    cassettes = sorted(pytester.path.rglob("*.yaml"))
    assert [c.name for c in cassettes] == ["test_walk_the_samples.yaml"]
    return cassettes[0]


def test_a_cassette_written_by_pytest_recording_replays(pytester: pytest.Pytester, api_server: str) -> None:
    cassette = record_with_pytest_recording(pytester, f"{api_server}/sp-broken")
    report = replay([cassette], api="sample-platform").report
    paths = [s.path for s in report.sources]
    assert len(paths) == 3 and paths[0].startswith(f"{cassette}#1 GET http://127.0.0.1:")
    assert report.findings, "the broken server's pages must give findings"
    assert ("accepted-invalid-request", "status") in report.flatten("code", "field")  # ACTIVE: 200
    hits = {(r["method"], r["path"], r["status"]): r["hits"] for r in report.coverage["operations"]}
    assert hits[("GET", "/api/v1/samples", "200")] == 3
    good = record_with_pytest_recording_again(pytester, f"{api_server}/sp")
    clean = replay([good], api="sample-platform").report
    assert [f.code for f in clean.findings] == ["accepted-invalid-request"]  # only ACTIVE, answered 200


def record_with_pytest_recording_again(pytester: pytest.Pytester, base: str) -> Path:
    for old in pytester.path.rglob("*.yaml"):
        old.unlink()
    return record_with_pytest_recording(pytester, base)


PLUGIN_TEST = '''
def test_replayed(contract):
    contract.replay("{cassette}", api="sample-platform")
'''


def test_contract_replay_in_the_plugin_fails_on_a_broken_recording(pytester: pytest.Pytester,
                                                                   api_server: str) -> None:
    cassette = record_with_pytest_recording(pytester, f"{api_server}/sp-broken")
    pytester.makepyfile(test_plugin=PLUGIN_TEST.format(cassette=cassette))
    result = pytester.runpytest_subprocess("test_plugin.py", "--samplecheck-coverage")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "test_walk_the_samples.yaml#3 GET http://127.0.0.1" in out
    assert "samplecheck: contract coverage" in out
    assert any(line.split()[:5] == ["sample-platform", "GET", "/api/v1/samples", "200", "3"]
               for line in result.stdout.lines)


LIVE_TESTS = '''
import requests

def test_page(contract):
    contract(requests.get("{base}/sp/api/v1/samples", params={{"limit": 2}}, timeout=10))

def test_rate_limited(contract):
    contract(requests.get("{base}/sp-429/api/v1/samples", timeout=10))
'''


def test_coverage_of_live_tests_is_opt_in(pytester: pytest.Pytester, api_server: str) -> None:
    pytester.makepyfile(test_live=LIVE_TESTS.format(base=api_server))
    plain = pytester.runpytest_subprocess("--samplecheck-api", "sample-platform")
    plain.assert_outcomes(passed=2)
    assert "contract coverage" not in plain.stdout.str()
    covered = pytester.runpytest_subprocess("--samplecheck-api", "sample-platform", "--samplecheck-coverage")
    covered.assert_outcomes(passed=2)
    rows = {tuple(line.split()[:4]): line.split()[4] for line in covered.stdout.lines
            if line.startswith("sample-platform ")}
    assert rows[("sample-platform", "GET", "/api/v1/samples", "200")] == "1"
    assert rows[("sample-platform", "GET", "/api/v1/samples", "429")] == "1"
    assert rows[("sample-platform", "GET", "/api/v1/samples", "400")] == "0"


def test_the_readme_replay_example_prints_what_the_readme_shows() -> None:
    readme = readme_text().split("## Replaying recorded traffic", 1)[1]
    command = readme.split("```sh\n", 1)[1].split("\n", 1)[0]
    blocks = re.finditer(r"^```(\w*)\n(.*?)^```$", readme, re.S | re.M)
    shown = next(m.group(2) for m in blocks if not m.group(1)).strip().splitlines()
    done = run_process(*command.split()[1:], cwd=ROOT)
    assert done.returncode == 1
    assert done.stdout.strip().splitlines() == shown
