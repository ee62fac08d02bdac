"""The check registry: one table of checks by scope, each selectable by the codes it emits."""

from __future__ import annotations

import json
import subprocess
import sys

from support import FIXTURES, load_json

import validator
from validator.checks import registry
from validator.checks.registry import Scope
from validator.cli.main import main


def _shared_samples():
    samples = load_json("onecodex-samples-valid.json")
    samples[1]["metadata"] = dict(samples[0]["metadata"])  # two samples, one metadata record
    samples.append(dict(samples[0]))  # and the first sample twice
    return samples


def test_every_code_a_check_emits_is_a_listed_rule(capsys):
    assert main(["rules", "--format", "json"]) == 0
    listed = {rule["code"] for rule in json.loads(capsys.readouterr().out)}
    codes = registry.codes_of(registry.all_checks())
    assert codes - listed == set()
    assert {"page-total", "reference-shared", "filter-mismatch", "duplicate-id", "future-date"} <= codes


def test_every_scope_has_its_checks_and_names_are_unique():
    checks = registry.all_checks()
    assert {c.scope for c in checks} == set(Scope)
    assert len({c.name for c in checks}) == len(checks)


def test_checks_are_selected_by_the_codes_they_emit():
    picked = registry.checks(Scope.DOCUMENT, {"reference-shared"})
    assert [c.name for c in picked] == ["shared-references"]
    assert [c.name for c in registry.checks(Scope.EXCHANGE, {"link-header", "sort-order"})] == [
        "onecodex-page", "sort"]
    assert registry.checks(Scope.ROWS, {"enum"}) == []


def test_document_checks_run_for_their_schemas_in_table_order():
    assert [c.name for c in registry.checks(Scope.DOCUMENT, schema="onecodex/sample-list")] == [
        "list-repeats", "shared-references"]
    assert [c.name for c in registry.checks(Scope.DOCUMENT, schema="sample-platform/page")] == [
        "page-arithmetic"]
    assert registry.checks(Scope.DOCUMENT, schema="onecodex/metadata") == []


def test_running_selected_document_checks_gives_only_their_findings():
    samples = _shared_samples()
    everything = registry.run_document(samples, "onecodex/sample-list")
    # /2 repeats /0: its shared metadata follows from the repeat and is not said again
    assert [(f.code, f.pointer) for f in everything] == [
        ("page-repeat", "/2"), ("reference-shared", "/1/metadata")]
    only = registry.run_document(samples, "onecodex/sample-list", codes={"reference-shared"})
    assert [f.code for f in only] == ["reference-shared"]
    assert registry.run_document(samples, "onecodex/sample-list", codes={"page-total"}) == []


def test_a_check_emits_only_the_codes_it_declares():
    cases = [(_arithmetic_broken(), "sample-platform/page"),
             (_shared_samples(), "onecodex/sample-list")]
    for document, name in cases:
        for check in registry.checks(Scope.DOCUMENT, schema=name):
            found = {f.code for f in check.run(document, name)}
            assert found, check.name  # each case trips each of its checks
            assert found <= set(check.codes), check.name


def _arithmetic_broken():
    """The broken page with a limit and offset the schema accepts, so that the page arithmetic
    (which skips values the schema rejected: limit 0, offset -1) has something to say."""
    page = load_json("sample-platform-page-broken.json")
    page["pagination"].update(limit=1, offset=0)
    return page


def test_validator_check_runs_the_document_checks_after_the_schema():
    report = validator.check(_arithmetic_broken(), "sample-platform/page")
    assert [f.code for f in report.findings][-2:] == ["page-limit", "page-next-offset"]


def test_a_fresh_process_finds_the_checks_without_importing_the_check_modules_first():
    code = ("import json, validator\n"
            f"doc = json.load(open({str(FIXTURES / 'sample-platform-page-broken.json')!r}))\n"
            "doc['pagination'].update(limit=1, offset=0)\n"
            "print(json.dumps(sorted({f.code for f in validator.check(doc).findings})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert {"page-limit", "page-next-offset"} <= set(json.loads(done.stdout))
