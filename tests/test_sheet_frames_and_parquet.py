"""Frames in memory and Parquet files report as ``check_file`` reports the same sheet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support import SAMPLES, write_csv

import validator
from validator.cli.main import main

# The sample sheets whose header is their first row and whose text is UTF-8: a frame has no title
# rows above its header and no encoding (broken-columns.csv and broken-cp1252.csv have those).
FLAT = ["broken-one-column.csv", "broken-rows.csv", "broken-values.csv", "template.csv", "valid.csv"]
ROWS = [["name", "external_sample_id", "platform", "location_lat", "location_lon", "date_collected",
         "starred", "custom.depth", " description"],
        ["S1", "X-1", "Illumina Miseq", "91", "10", "2024-02-30", "yes", "12", "ok "],
        ["S2", "X-1", "Illumina MiSeq", "45,3", "", "2024-01-05", "maybe", "", "=SUM(A1)"],
        ["", "", "", "", "", "", "", "", ""],
        ["S3", "X-3", "nanopore", "", "-181", "2099-01-01", "0", "x", ""],
        ["S4", "X-4", "PacBio", "10", "", "2024-01-05", "1", "7.5", "fine"]]


def _findings(report: validator.Report) -> list[dict]:
    return [f.to_dict() for f in report]


@pytest.mark.parametrize("name", FLAT)
def test_a_pandas_frame_reports_as_its_csv(name: str) -> None:
    path = str(SAMPLES / name)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert _findings(validator.check_frame(frame, name=path)) == _findings(validator.check_file(path))


@pytest.mark.parametrize("name", FLAT)
def test_a_polars_frame_reports_as_its_csv(name: str) -> None:
    path = str(SAMPLES / name)
    frame = pl.read_csv(path, infer_schema=False)
    assert _findings(validator.check_frame(frame, name=path)) == _findings(validator.check_file(path))


def test_typed_frames_report_as_text_frames(tmp_path: Path) -> None:
    """pandas and polars with their own type inference (numbers, booleans) give the same findings."""
    path = str(write_csv(tmp_path / "s.csv", ROWS))
    expected = _findings(validator.check_file(path))
    assert {f["code"] for f in expected} >= {"enum", "maximum", "minimum", "decimal-comma", "format",
                                              "duplicate-id", "lat-without-lon", "whitespace"}
    for frame in (pd.read_csv(path), pl.read_csv(path), pd.read_csv(path, dtype=str, keep_default_na=False),
                  pl.read_csv(path, infer_schema=False).lazy()):
        assert _findings(validator.check_frame(frame, name=path)) == expected, type(frame)


def test_check_frame_places_rows_as_a_written_sheet() -> None:
    frame = pd.DataFrame({"platform": ["Illumina MiSeq", "Illumina Miseq"]}, index=[70, 3])
    report = validator.check_frame(frame)
    assert [(f.code, f.cell, f.row, f.file) for f in report] == [("enum", "A3", 3, "<frame>")]
    assert report.summary()["rows"] == 2


def test_check_frame_refuses_what_is_not_a_frame() -> None:
    with pytest.raises(TypeError, match="pandas or polars DataFrame"):
        validator.check_frame([{"platform": "Illumina"}])


def test_parquet_is_checked_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "s.csv", ROWS)
    text = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    pq.write_table(pa.Table.from_pandas(text, preserve_index=False), tmp_path / "s.parquet")
    typed = pd.read_csv(csv_path)
    pq.write_table(pa.Table.from_pandas(typed, preserve_index=False), tmp_path / "typed.parquet")
    expected = [{k: v for k, v in f.items() if k != "file"}
                for f in _findings(validator.check_file(csv_path))]
    for name in ("s.parquet", "typed.parquet"):
        code = main(["check", str(tmp_path / name), "--format", "json"])
        found = json.loads(capsys.readouterr().out)["files"][0]
        assert code == 1
        assert found["rows"] == 4  # the row of empty cells is not a sample
        assert [{k: v for k, v in f.items() if k != "file"} for f in found["findings"]] == expected, name


def test_a_corrupt_parquet_file_is_an_unreadable_finding(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr()
    assert "unreadable cannot read the Parquet file" in out.out and "Traceback" not in out.err


def test_importing_the_package_imports_no_frame_library() -> None:
    script = ("import sys, validator\nvalidator.check_frame\n"
              "print(sorted(m for m in ('pandas', 'polars', 'pyarrow', 'pandera') if m in sys.modules))")
    lazy = subprocess.run([sys.executable, "-c", "import sys, validator\n"
                           "print([m for m in ('pandas', 'polars', 'pandera') if m in sys.modules])"],
                          capture_output=True, text=True, check=True)
    assert lazy.stdout.strip() == "[]"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "pandas" in loaded.stdout
