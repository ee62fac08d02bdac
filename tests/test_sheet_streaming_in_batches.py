"""Large sheets in batches: the same findings as the whole-file check, for any batch size."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_csv

import validator
from validator.checks.sheets import check_source, stream
from validator.cli.main import main

HEADERS = ["name", "external_sample_id", "platform", "location_lat", "location_lon", "date_collected",
           "custom.plate_id", "", "starred"]
CELLS = {
    "name": st.sampled_from(["S1", "S2", " S3", "=1+1", "", "Sample\u00a0x"]),
    "external_sample_id": st.sampled_from(["X-1", "X-2", "X-3", "X-1 ", "", "2024-01-05", "1.2E+5",
                                           "0042", "42", "X" * 61]),
    "platform": st.sampled_from(["Illumina MiSeq", "Illumina Miseq", "", "PacBio", "nanopore"]),
    "location_lat": st.sampled_from(["10", "", "91", "45,3", "x", "-90"]),
    "location_lon": st.sampled_from(["10", "", "-181", "0.5"]),
    "date_collected": st.sampled_from(["2024-01-05", "", "2024-02-30", "2099-01-01", "2024-01-05 10:00"]),
    "custom.plate_id": st.sampled_from(["007", "7", "", "P1", "0007"]),
    "": st.sampled_from(["", "", "", "stray"]),
    "starred": st.sampled_from(["yes", "no", "", "maybe", "1"]),
}
ROW = st.fixed_dictionaries(CELLS).map(lambda cells: [cells[h] for h in HEADERS])
SHEETS = st.lists(ROW, min_size=0, max_size=40)


def _lines(path: Path) -> int:
    return max(len(line) for line in path.read_bytes().splitlines(keepends=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHEETS, st.data())
def test_batches_give_the_findings_of_the_whole_file(rows: list[list[str]], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "s.csv", [HEADERS, *rows])
        size = path.stat().st_size
        batch = data.draw(st.integers(_lines(path) + 1, size + 1), label="batch_bytes")
        cap = data.draw(st.sampled_from([1, 3, 10_000]), label="max_findings")
        whole = check_source(path, max_findings=cap)
        batched = stream.check_stream(path, max_findings=cap, batch_bytes=batch)
    if any(not any(row) for row in rows):  # a row of empty cells may open notes: read whole
        assert batched is None
        return
    assert batched is not None
    assert batched.to_dict() == whole.to_dict()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHEETS.filter(bool), st.integers(200, 4000))
def test_parquet_batches_give_the_findings_of_the_frame(rows: list[list[str]], batch: int) -> None:
    frame = pd.DataFrame([[c or None for c in r] for r in rows], columns=[h or "unnamed" for h in HEADERS])
    frame = frame.drop(columns="unnamed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=7)
        batched = stream.check_stream(path, max_findings=10_000, batch_bytes=batch)
    whole = validator.check_frame(frame, name=str(path))
    if any(not any(row) for row in rows):  # a row of empty cells may open notes: read whole
        assert batched is None
        return
    assert batched is not None
    assert batched.to_dict() == whole.sources[0].to_dict()


def test_a_large_file_is_checked_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the size bound a file streams: duplicate IDs and lost zeros are found across batches."""
    rows = [["external_sample_id", "platform"]] + [[f"{i:04d}", "Illumina MiSeq"] for i in range(1, 400)]
    rows += [["0007", "Illumina Miseq"], ["12", "Illumina MiSeq"]]
    path = write_csv(tmp_path / "big.csv", rows)
    monkeypatch.setattr(stream, "STREAM_BYTES", 1000)
    monkeypatch.setattr(stream, "BATCH_BYTES", 512)
    seen = []
    monkeypatch.setattr(stream, "_check", _spy(stream._check, seen))
    found = [(f.code, f.cell) for f in validator.check_file(path)]
    assert seen, "the file was not checked in batches"
    assert found == [("duplicate-id", "A8"), ("duplicate-id", "A401"), ("enum", "B401"),
                     ("excel-mangled-id", "A402")]


@pytest.mark.parametrize(("last", "expected"), [
    ("X-0399", []),  # every ID its own, none zero-padded: the batches are read once
    ("X-0001", [("duplicate-id", "A2"), ("duplicate-id", "A400")]),  # the first ID again, many batches on
    ("00012", []),  # a zero-padded digit ID turns up in the last batch only
])
def test_ids_are_judged_over_the_whole_file(last: str, expected: list[tuple[str, str]],
                                            tmp_path: Path) -> None:
    rows = [["external_sample_id", "custom.plate_id", "platform"]]
    rows += [[f"X-{i:04d}", str(i), "Illumina MiSeq"] for i in range(1, 399)]
    rows += [[last, "12", "Illumina MiSeq"]]
    path = write_csv(tmp_path / "ids.csv", rows)
    whole = check_source(path)
    batched = stream.check_stream(path, max_findings=10_000, batch_bytes=700)
    assert batched is not None
    assert batched.to_dict() == whole.to_dict()
    assert [(f.code, f.cell) for f in batched.findings if f.code == "duplicate-id"] == expected


def _spy(real, seen):
    def run(*args, **kwargs):
        seen.append(args[0])
        return real(*args, **kwargs)
    return run


@pytest.mark.parametrize("body", [b"a,b\n\n1,2\n", b"1,2\n1,2,3\n", b"caf\xe9,1\n", b"a,b\n,\nNote: x,\n",
                                  b"a,b\nc,d\nTotal,2\n"])
def test_what_batches_cannot_read_is_read_whole(body: bytes, tmp_path: Path) -> None:
    """A blank line between rows, a ragged row, a byte that is not UTF-8, what may be notes (a row of
    empty cells, a last row of totals): the whole-file reader decides."""
    path = tmp_path / "s.csv"
    path.write_bytes(b"name,platform\n" + body)
    assert stream.check_stream(path, max_findings=10, batch_bytes=4096) is None
    assert check_source(path, batch_bytes=4096).to_dict() == check_source(path).to_dict()


def test_findings_past_the_cap_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["platform", "location_lat"]] + [["Illumina Miseq", "91"]] * 5
    path = write_csv(tmp_path / "s.csv", rows)
    assert main(["check", str(path), "--max-findings", "2", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["cell"] for f in report["files"][0]["findings"]] == ["A2", "B2", "A3", "B3"]
    assert report["files"][0]["not_held"] == {"enum": 3, "maximum": 3}
    assert report["summary"]["not_held"] == 6
    assert main(["check", str(path), "--max-findings", "2"]) == 1
    assert "6 more findings past the cap per code were counted" in capsys.readouterr().out
    assert main(["check", str(path), "--format", "json"]) == 1
    assert "not_held" not in json.loads(capsys.readouterr().out)["summary"]


@pytest.mark.parametrize("batch", [300, 700, 100_000])
def test_lab_rules_in_batches(batch: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A configuration's required fields and custom keys give the same findings in batches, once each."""
    (tmp_path / "samplecheck.toml").write_text(
        'required = ["platform", "date_collected"]\n'
        '[custom.kit]\ntype = "string"\nvalues = ["Nextera", "TruSeq"]\n'
        '[custom.operator]\nrequired = true\n')
    rows = [["name", "platform", "custom.kit"]]
    rows += [[f"S{i}", "" if i % 7 == 0 else "Illumina MiSeq", ["Nextera", "Truseq", ""][i % 3]]
             for i in range(60)]
    path = write_csv(tmp_path / "s.csv", rows)
    main(["check", str(path), "--format", "json"])
    whole = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream, "BATCH_BYTES", batch)
    main(["check", str(path), "--format", "json"])
    batched = json.loads(capsys.readouterr().out)
    assert batched == whole
    codes = [(f["code"], f["row"]) for f in whole["files"][0]["findings"]]
    assert codes.count(("required", 1)) == 2  # date_collected and custom.operator: no column, said once
    assert ("required", 2) in codes and any(c == "enum" for c, _ in codes)


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
@pytest.mark.parametrize("tail", ["", "end", "end end  "])
def test_line_ends_and_trailing_blank_lines(end: bytes, tail: str, tmp_path: Path) -> None:
    """LF, CRLF or CR; blank lines after the last row, or no line end after it: the same rows and cells."""
    lines = [b"name,platform", b"S1,Illumina Miseq", b"S2,PacBio Revio  "]
    body = end.join(lines) + {"": b"", "end": end, "end end  ": end + b"  " + end + end}[tail]
    path = tmp_path / "s.csv"
    path.write_bytes(body)
    whole = check_source(path)
    assert [(f.code, f.cell) for f in whole.findings] == [("enum", "B2"), ("whitespace", "B3")]
    for batch in (8, 20, 4096):
        batched = stream.check_stream(path, max_findings=100, batch_bytes=batch)
        assert batched is not None
        assert batched.to_dict() == whole.to_dict()
