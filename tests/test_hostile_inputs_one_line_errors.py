"""Hostile input to every subcommand: one ``samplecheck: ...`` line and exit 2, or findings.

Each case runs the real CLI in a folder holding the same set of files (valid and
broken sheets, junk, a corrupt workbook, bad configurations and baselines) and
checks the exit status, that standard error is one line (for exit 2), that no
traceback is printed, that every file that was there is byte-for-byte unchanged
and, when the run fails, that nothing new was written.
"""

from __future__ import annotations

import csv
import io
import shlex
import shutil
import zipfile
from pathlib import Path

import pytest
from support import FIXTURES, SAMPLES, Run, run_cli, run_process, snapshot, write_xlsx

from validator.cli.main import main

VALID_ROWS = list(csv.reader(io.StringIO((SAMPLES / "valid.csv").read_text("utf-8"))))


def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "a zip archive, not a workbook")
    return buf.getvalue()


def _valid_rows(encoding: str) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(VALID_ROWS)
    return buf.getvalue().encode(encoding)


FILES: dict[str, bytes] = {
    "valid.csv": (SAMPLES / "valid.csv").read_bytes(),
    "broken.csv": (SAMPLES / "broken-values.csv").read_bytes(),
    "latin.csv": "name,description\nSoil caf\u00e9,r\u00e9sum\u00e9\n".encode("cp1252"),
    "unicode.tsv": "\ufeff".encode("utf-16-le") + _valid_rows("utf-16-le").replace(b",\x00", b"\t\x00"),
    "records.json": (FIXTURES / "onecodex-metadata-broken.json").read_bytes(),
    "empty.csv": b"",
    "empty.json": b"   \n",
    "junk.csv": bytes(range(256)) * 8,
    "junk.json": bytes(range(256)) * 8,
    "junk.xlsx": bytes(range(256)) * 8,
    "truncated.xlsx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "zip.xlsx": _zip_without_workbook(),
    "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
    "nan.json": b'[{"location_lat": NaN}]',
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "overflow.json": b'[{"location_lat": 1e999}]',
    "huge-int.json": b'[{"location_lat": ' + b"9" * 5000 + b"}]",
    "latin1.json": '[{"name": "caf\u00e9"}]'.encode("latin-1"),
    "corrupt.parquet": b"PAR1 not a Parquet file PAR1",
    "bad.toml": b"select = [\n",
    "wrong-type.toml": b'fail-on = 3\n',
    "wrong-list.toml": b"required = [1]\n",
    "unknown-key.toml": b'selct = ["enum"]\n',
    "not-json-baseline.json": b"not json\n",
    "list-baseline.json": b"[1, 2]\n",
    "wrong-baseline.json": b'{"version": 1, "entries": [1]}\n',
    "a-file": b"a file, so a-file/x is a path under a file\n",
    "samplecheck.toml": b"# this folder's configuration: discovered for every sheet here\n",
    "named.toml": b'ignore = ["unknown-column"]\n',
    "select-nothing.toml": b"select = []\n",
    "empty-baseline.json": b'{"version": 1, "findings": []}\n',
    "report.txt": b"yesterday's report\n",
    "overflow-baseline.json": b'{"version": 1, "findings": [{"file": "broken.csv", "code": "enum", '
                              b'"field": "platform", "content": "0", "count": 1e999}]}',
    "deep-baseline.json": b'{"version": 1, "findings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    write_xlsx(folder / "valid.xlsx", VALID_ROWS, typed=True)
    (folder / "no-sheets").mkdir()
    return folder


@pytest.fixture
def workdir(files, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "work"
    shutil.copytree(files, folder)
    (folder / "hard-link.csv").hardlink_to(folder / "broken.csv")
    (folder / "sym-link.csv").symlink_to(folder / "broken.csv")
    monkeypatch.chdir(folder)
    return folder


# (argv, exit status, what the one line on standard error says; None for findings)
CASES = [
    # check: paths that are not sheets are unreadable findings (exit 1), the run goes on
    ("check missing.csv", 1, "missing.csv: unreadable no such file"),
    ("check no-sheets", 2, "directory holds no sheets"),
    ("check empty.csv", 1, "empty file"),
    ("check junk.csv", 1, "binary data"),
    ("check corrupt.parquet", 1, "cannot read the Parquet file"),
    ("check junk.xlsx", 1, "not an .xlsx workbook"),
    ("check truncated.xlsx", 1, "truncated.xlsx: unreadable cannot read the workbook"),
    ("check zip.xlsx", 1, "zip.xlsx: unreadable cannot read the workbook"),
    ("check old.xls", 1, ".xls) is not supported"),
    ("check a-file/x.csv", 1, "a-file/x.csv: unreadable no such file"),
    ("check valid.xlsx --sheet Nope", 1, "no sheet named 'Nope'"),
    ("check valid.csv --sheet Nope", 1, "--sheet applies to .xlsx"),
    ("check empty.csv junk.csv broken.csv", 1, "broken.csv:C2: enum"),
    # check: content problems are findings
    ("check latin.csv", 0, None),
    ("check unicode.tsv", 0, None),
    ("check broken.csv", 1, None),
    # output paths
    ("check valid.csv -o missing-dir/out.txt", 2, "missing-dir/out.txt: cannot write"),
    ("check valid.csv -o a-file/out.txt", 2, "a-file/out.txt: cannot write"),
    ("check valid.csv -o no-sheets", 2, "no-sheets: cannot write"),
    ("check valid.csv -o valid.csv", 2, "refusing to write over an input"),
    ("check broken.csv --annotate broken.csv", 2, "refusing to write over"),
    ("check broken.csv --annotate missing-dir/a.xlsx", 2, "cannot write"),
    ("check broken.csv --annotate no-sheets", 2, "is a directory"),
    ("check valid.csv broken.csv --annotate a.xlsx", 2, "--annotate takes exactly one sheet"),
    ("check valid.csv --write-baseline missing-dir/b.json", 2, "cannot write the baseline"),
    ("check valid.csv --write-baseline a-file/b.json", 2, "cannot write the baseline"),
    ("check valid.csv --write-baseline valid.csv", 2, "refusing to write over an input"),
    # outputs over files the run reads, or over each other; names that hide what is written
    ("check broken.csv -o hard-link.csv", 2, "refusing to write over an input"),
    ("check broken.csv -o sym-link.csv", 2, "refusing to write over an input"),
    ("check broken.csv --write-baseline hard-link.csv", 2, "refusing to write over an input"),
    ("check broken.csv -o samplecheck.toml", 2, "refusing to write over an input"),
    ("check broken.csv --config named.toml -o named.toml", 2, "refusing to write over an input"),
    ("check broken.csv --config named.toml --write-baseline named.toml", 2,
     "refusing to write over an input"),
    ("check broken.csv --baseline empty-baseline.json -o empty-baseline.json", 2,
     "refusing to write over an input"),
    ("response records.json --baseline empty-baseline.json -o empty-baseline.json", 2,
     "refusing to write over an input"),
    ("response records.json -o report.txt --write-baseline report.txt", 2,
     "-o and --write-baseline name the same file"),
    ("check broken.csv --annotate a.xlsx -o a.xlsx", 2, "-o and --annotate name the same file"),
    ("check broken.csv --annotate annotated.csv", 2, "give a name ending in .xlsx"),
    ("fix broken.csv -o hard-link.csv --force", 2, "refusing to write over an input"),
    ("fix broken.csv -o fixed.xlsx", 2, "a text sheet, not a workbook"),
    ("fix valid.xlsx -o fixed.csv", 2, "give a name ending in .xlsx"),
    ("template -o template.txt", 2, "give a name ending in .xlsx"),
    ("template -o template.xlsx --format csv", 2, "a text sheet, not a workbook"),
    # configuration
    ("check valid.csv --config bad.toml", 2, "bad.toml: invalid TOML"),
    ("check valid.csv --config wrong-type.toml", 2, "fail-on must be"),
    ("check valid.csv --config wrong-list.toml", 2, "required must be a list of strings"),
    ("check valid.csv --config unknown-key.toml", 2, "unknown key 'selct'; did you mean 'select'?"),
    ("check valid.csv --config missing.toml", 2, "no such configuration file"),
    ("check valid.csv --config no-sheets", 2, "is a directory"),
    ("check valid.csv --config junk.csv", 2, "junk.csv: cannot read"),
    ("check valid.csv --select nope", 2, "--select: unknown rule code 'nope'"),
    ("check broken.csv --select ''", 2, "--select names no rule code"),
    ("check broken.csv --select ,", 2, "--select names no rule code"),
    ("check broken.csv --config select-nothing.toml", 2, "select names no rule code"),
    # baselines
    ("check valid.csv --baseline not-json-baseline.json", 2, "not a samplecheck baseline"),
    ("check valid.csv --baseline list-baseline.json", 2, "not a samplecheck baseline"),
    ("check broken.csv --baseline wrong-baseline.json", 2, "not a samplecheck baseline"),
    ("check valid.csv --baseline junk.json", 2, "not a samplecheck baseline"),
    ("check valid.csv --baseline missing.json", 2, "no such baseline file"),
    ("check broken.csv --baseline overflow-baseline.json", 2, "not a samplecheck baseline"),
    ("check broken.csv --baseline deep-baseline.json", 2, "not a samplecheck baseline"),
    ("response records.json --baseline list-baseline.json", 2, "not a samplecheck baseline"),
    # response: a file that cannot be read is one finding at its name; the run goes on (exit 1)
    ("response missing.json", 1, "missing.json: no such file"),
    ("response no-sheets", 1, "is a directory"),
    ("response a-file/x.json", 1, "a-file/x.json: no such file"),
    ("response empty.json", 1, "empty input"),
    ("response junk.json", 1, "binary data"),
    ("response latin1.json", 1, "not UTF-8"),
    ("response nan.json", 1, "NaN is not a JSON number"),
    ("response deep.json", 1, "nested too deeply"),
    ("response huge-int.json", 1, "an integer with more than"),
    ("response records.json --schema nope", 2, "unknown schema 'nope'"),
    ("response records.json -o records.json", 2, "refusing to write over an input"),
    ("response records.json -o missing-dir/r.txt", 2, "cannot write"),
    ("response records.json", 1, None),
    ("response overflow.json --schema onecodex/metadata-list", 1, None),
    # fix
    ("fix missing.csv -o out.csv", 2, "no such file"),
    ("fix no-sheets -o out.csv", 2, "is a directory"),
    ("fix empty.csv -o out.csv", 2, "empty file"),
    ("fix junk.csv -o out.csv", 2, "binary data"),
    ("fix junk.xlsx -o out.xlsx", 2, "not a readable XLSX workbook"),
    ("fix truncated.xlsx -o out.xlsx", 2, "not a readable XLSX workbook"),
    ("fix zip.xlsx -o out.xlsx", 2, "not a readable XLSX workbook"),
    ("fix old.xls -o out.xls", 2, "old.xls"),
    ("fix broken.csv -o broken.csv", 2, "refusing to write over an input"),
    ("fix broken.csv -o valid.csv", 2, "already exists (use --force"),
    ("fix broken.csv -o no-sheets --force", 2, "is a directory"),
    ("fix broken.csv -o missing-dir/out.csv", 2, "cannot write"),
    ("fix broken.csv -o a-file/out.csv", 2, "cannot write"),
    ("fix valid.xlsx --sheet Nope --dry-run", 2, "no sheet named 'Nope'"),
    ("fix latin.csv --dry-run", 0, None),
    # template, rules, schemas
    ("template -o missing-dir/t.xlsx", 2, "cannot write"),
    ("template -o a-file/t.xlsx", 2, "cannot write"),
    ("template -o valid.csv", 2, "already exists (use --force"),
    ("template -o no-sheets --force", 2, "is a directory"),
    ("template -o t.xlsx --custom lab:colour", 2, "type must be one of"),
    ("template -o t.xlsx --custom ''", 2, "give a key"),
    ("rules nope", 2, "unknown rule code 'nope'"),
    ("rules --format xml", 2, "invalid choice"),
    ("schemas show", 2, "invalid choice"),
    ("check", 2, "the following arguments are required"),
]


def _argv(line: str) -> list[str]:
    return shlex.split(line)


def _assert_outcome(folder: Path, before: dict[str, str], run: Run, expected: int, says: str | None) -> None:
    code, out, err = run.code, run.out, run.err
    assert "Traceback" not in err  # where Python prints one; in this process it would fail the test
    assert code == expected, err
    after = snapshot(folder)
    assert {name: after.get(name) for name in before} == before, "an existing file changed"
    if expected == 2:
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("samplecheck: "), err
        assert says in lines[0]
        assert set(after) == set(before), "a failed run wrote a file"
    else:
        assert err == ""
        if says is not None:  # the reason is a finding the run printed, at the file's name
            path, _, why = says.rpartition(": ")  # "missing.json: no such file" names the file
            assert says in out or [line for line in out.splitlines()
                                   if line.startswith(path) and ": unreadable " in line and why in line]


@pytest.mark.parametrize(("line", "expected", "says"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_in_process(workdir, capsys, line, expected, says):
    before = snapshot(workdir)
    _assert_outcome(workdir, before, run_cli(capsys, *_argv(line)), expected, says)


@pytest.mark.parametrize(("line", "expected", "says"), [
    ("response huge-int.json", 1, "an integer with more than"),
    ("fix zip.xlsx -o out.xlsx", 2, "not a readable XLSX workbook"),
])
def test_hostile_input_as_a_command(workdir, line, expected, says):
    before = snapshot(workdir)
    _assert_outcome(workdir, before, run_process(*_argv(line), cwd=workdir, script=True), expected,
                    says)


def test_an_unknown_output_format_in_the_environment_is_one_line(workdir, capsys, monkeypatch):
    monkeypatch.setenv("SAMPLECHECK_OUTPUT_FORMAT", "xml")
    with pytest.raises(SystemExit) as done:
        main(["check", "broken.csv"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("samplecheck: argument --format: unknown format 'xml'")
    assert len(err.splitlines()) == 1
    assert main(["check", "broken.csv", "--format", "json"]) == 1  # an explicit --format wins


def test_outputs_that_are_meant_to_be_rewritten_are_replaced(workdir, capsys):
    """A report and a baseline are replaced (re-running is how they are kept up to date)."""
    assert main(["check", "broken.csv", "-o", "report.txt", "--write-baseline",
                 "empty-baseline.json"]) == 0
    assert "yesterday" not in (workdir / "report.txt").read_text("utf-8")
    assert '"findings": []' not in (workdir / "empty-baseline.json").read_text("utf-8")
    assert "recorded 14 findings" in capsys.readouterr().err


def test_lab_rules_on_a_sheet_with_an_empty_custom_cell(workdir, capsys):
    (workdir / "lab.toml").write_text('required = ["name"]\n', encoding="utf-8")
    (workdir / "custom.csv").write_text("name,custom\ns1,\n", encoding="utf-8")
    run = run_cli(capsys, "check", "custom.csv", "--config", "lab.toml")
    assert (run.code, run.err) == (0, "")
    assert run.lines[-1].startswith("All checks passed!")


def test_lab_rules_with_a_custom_cell_that_is_not_an_object(workdir, capsys):
    (workdir / "lab.toml").write_text('required = ["name"]\n', encoding="utf-8")
    (workdir / "custom.csv").write_text('name,custom\ns1,[1]\n,{}\n', encoding="utf-8")
    assert main(["check", "custom.csv", "--config", "lab.toml"]) == 1
    out = capsys.readouterr().out
    assert "custom.csv:B2: type" in out
    assert "custom.csv:A3: required" in out
