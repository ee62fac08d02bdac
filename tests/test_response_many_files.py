"""``samplecheck response a.json b.json c.json``: every file is checked, whatever the others hold."""

from __future__ import annotations

import json

from validator.cli.main import main

METADATA = [{"$uri": "/api/v1/metadata/a1", "sample": {"$ref": "/api/v1/samples/s1"},
             "platform": "Illumina Miseq", "custom": {}}]


def test_a_file_that_cannot_be_placed_does_not_hide_the_others(tmp_path, capsys):
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    a.write_text(json.dumps(METADATA), encoding="utf-8")
    b.write_text(json.dumps({"a": 1}), encoding="utf-8")  # no schema fits it
    c.write_text(json.dumps({"code": "not_found", "message": "No such sample", "details": None}),
                 encoding="utf-8")
    report = tmp_path / "report.json"
    code = main(["response", str(a), str(b), str(c), str(tmp_path / "gone.json"),
                 "--format", "json", "-o", str(report)])
    assert code == 1
    assert capsys.readouterr().out == "Found 4 errors and 0 warnings in 4 files (2 records).\n"
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    got = [(f["path"], [(x["code"], x["pointer"]) for x in f["findings"]]) for f in files]
    assert got == [
        (str(a), [("enum", "/0/platform")]),
        (str(b), [("no-schema", None)]),
        (str(c), [("error-details", "/details")]),
        (str(tmp_path / "gone.json"), [("unreadable", None)]),
    ]


def test_usage_errors_still_exit_2_before_any_file(tmp_path, capsys):
    a = tmp_path / "a.json"
    a.write_text(json.dumps(METADATA), encoding="utf-8")
    assert main(["response", str(a), "--schema", "onecodex/metadatas"]) == 2
    assert main(["response", str(a), "-o", str(a)]) == 2
    assert json.loads(a.read_text(encoding="utf-8")) == METADATA


SAMPLES = [{"$uri": "/api/v1/samples/a", "metadata": {"$ref": "/api/v1/metadata/a"}},
           {"$uri": "/api/v1/samples/b", "metadata": {"$ref": "/api/v1/metadata/b"}}]
PAIRED = [{"$uri": "/api/v1/metadata/a", "sample": {"$ref": "/api/v1/samples/a"}},
          {"$uri": "/api/v1/metadata/b", "sample": {"$ref": "/api/v1/samples/b"}}]


def _write(path, doc):
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_pair_cross_checks_a_sample_list_with_a_metadata_list(tmp_path, capsys):
    samples, metadata = _write(tmp_path / "s.json", SAMPLES), _write(tmp_path / "m.json", PAIRED)
    assert main(["response", samples, "--pair", metadata]) == 0
    capsys.readouterr()
    crossed = [PAIRED[0], {**PAIRED[1], "sample": {"$ref": "/api/v1/samples/a"}}]
    metadata = _write(tmp_path / "m.json", crossed)
    assert main(["response", metadata, "--pair", samples, "--format", "json"]) == 1  # either order
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(f["path"], [(x["code"], x["pointer"]) for x in f["findings"]]) for f in files] == [
        (metadata, [("reference-shared", "/1/sample"), ("reference-mismatch", "/1/sample")]),
        (samples, [("reference-mismatch", "/1/metadata")]),
    ]


def test_pair_needs_one_list_of_each_kind(tmp_path, capsys):
    samples = _write(tmp_path / "s.json", SAMPLES)
    assert main(["response", samples, "--pair", samples]) == 1
    assert "no-schema --pair needs a sample list and a metadata list" in capsys.readouterr().out
    assert main(["response", samples, samples, "--pair", samples]) == 2
