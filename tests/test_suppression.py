"""Suppression: per cell by an XLSX comment, per file and rule by the configuration."""

from __future__ import annotations

from support import found, write_config, write_xlsx

from validator.findings.model import Finding, Report, Source
from validator.policy import select as policy
from validator.policy.config import Settings
from validator.policy.suppress import codes_in


def workbook(path, comments):
    rows = [["name", "platform", "location_lat"], ["s1", "illumina miseq", 100], ["s2", "MinION", 95]]
    return str(write_xlsx(path, {"Samples": rows}, comments=comments))


def findings_for(path):
    where = {"file": path, "sheet": "Samples"}
    return [
        Finding.of("enum", '"illumina miseq" is not a platform', row=2, cell="B2", field="platform", **where),
        Finding.of("maximum", "100 is greater than 90", row=2, cell="C2", field="location_lat", **where),
        Finding.of("enum", '"MinION" is not a platform', row=3, cell="B3", field="platform", **where),
        Finding.of("maximum", "95 is greater than 90", row=3, cell="C3", field="location_lat", **where),
    ]


def apply(path, settings=None):
    report = Report([Source(path, "onecodex/metadata", ["Samples"], 2, findings_for(path))])
    return policy.apply(report, settings or Settings(isolated=True))


def test_marks_are_found_in_comment_text():
    assert codes_in("Checked with the PI.\nsamplecheck: ignore[maximum, enum]") == ["maximum", "enum"]
    assert codes_in("SampleCheck: Ignore[type]") == ["type"]
    assert codes_in("ignore[enum] without the prefix") == []


def test_a_cell_comment_silences_only_its_codes_on_its_cell(tmp_path):
    path = workbook(tmp_path / "run.xlsx", {"C2": "Arctic station, confirmed.\nsamplecheck: ignore[maximum]",
                                            "B3": "samplecheck: ignore[maximum]"})
    before = (tmp_path / "run.xlsx").read_bytes()
    assert found(apply(path)) == [("enum", "B2"), ("enum", "B3"), ("maximum", "C3")]
    assert (tmp_path / "run.xlsx").read_bytes() == before


def test_an_unknown_code_in_a_comment_is_a_warning_and_silences_nothing(tmp_path):
    path = workbook(tmp_path / "run.xlsx", {"C2": "samplecheck: ignore[maximun]"})
    report = apply(path)
    assert found(report)[:4] == [("enum", "B2"), ("maximum", "C2"), ("enum", "B3"), ("maximum", "C3")]
    bad = report.findings[4]
    assert (bad.code, bad.cell, bad.row, bad.sheet, bad.severity) == ("bad-suppression", "C2", 2, "Samples",
                                                                      "warning")
    assert bad.suggestion == "maximum"


def test_comments_and_configuration_combine(tmp_path):
    path = workbook(tmp_path / "run.xlsx", {"B2": "samplecheck: ignore[enum]"})
    write_config(tmp_path, '[per-file-ignores]\n"run.xlsx" = ["maximum"]\n')
    assert found(apply(path, Settings())) == [("enum", "B3")]


def test_per_file_ignores_leave_other_files_alone(tmp_path):
    write_config(tmp_path, '[per-file-ignores]\n"archive/**" = ["enum"]\n')
    kept = workbook(tmp_path / "run.xlsx", {})
    (tmp_path / "archive" / "2019").mkdir(parents=True)
    old = workbook(tmp_path / "archive" / "2019" / "run.xlsx", {})
    assert [c for c, _ in found(apply(kept, Settings()))] == ["enum", "maximum", "enum", "maximum"]
    assert [c for c, _ in found(apply(old, Settings()))] == ["maximum", "maximum"]
