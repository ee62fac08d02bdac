"""Configuration: discovery, every key, and bad files giving one line and exit 2."""

from __future__ import annotations

import pytest
from support import VALID_RECORDS as VALID
from support import (
    Run,
    copy_fixture,
    copy_of,
    found,
    load_json,
    run_cli,
    run_process,
    write_config,
    write_json,
)

from validator.cli.main import main
from validator.policy.config import Settings, discover

ALL_BROKEN = [
    ("custom-not-flat", "/0/custom/site", "error"),
    ("max-length", "/0/external_sample_id", "error"),
    ("maximum", "/0/location_lat", "error"),
    ("enum", "/0/platform", "error"),
    ("format", "/1/date_collected", "error"),
    ("enum", "/1/library_type", "error"),
    ("unknown-field", "/1/platfrom", "warning"),
]


@pytest.fixture
def repo(tmp_path):
    """A repository with the broken fixture at data/run1.json."""
    copy_fixture(tmp_path / "data" / "run1.json")
    return tmp_path


KEYS = ("code", "pointer", "severity")


def check(capsys, path, *extra) -> Run:
    """``samplecheck response PATH *extra --format json``."""
    return run_cli(capsys, "response", path, *extra, "--format", "json")


# --- discovery -----------------------------------------------------------------------------

def test_no_configuration_changes_nothing(repo, capsys):
    out = check(capsys, repo / "data" / "run1.json")
    assert out.code == 1 and found(out, *KEYS) == ALL_BROKEN


def test_closest_file_wins_without_merging(repo, capsys):
    write_config(repo, 'ignore = ["enum"]\n', "pyproject.toml")
    write_config(repo / "data", 'ignore = ["maximum"]\n')
    out = check(capsys, repo / "data" / "run1.json")
    assert {c for c, _, _ in found(out, *KEYS)} == {"custom-not-flat", "max-length", "enum", "format",
                                             "unknown-field"}


def test_pyproject_without_the_table_is_skipped(repo, capsys):
    write_config(repo, 'ignore = ["enum"]\n', "pyproject.toml")
    (repo / "data" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert discover(repo / "data" / "run1.json") == repo / "pyproject.toml"
    out = check(capsys, repo / "data" / "run1.json")
    assert "enum" not in {c for c, _, _ in found(out, *KEYS)}


def test_samplecheck_toml_comes_before_pyproject_in_one_folder(repo):
    write_config(repo, 'ignore = ["enum"]\n', "pyproject.toml")
    write_config(repo, 'ignore = ["type"]\n')
    assert discover(repo / "data" / "run1.json") == repo / "samplecheck.toml"
    assert Settings().for_path(str(repo / "data" / "run1.json")).ignore == {"type"}


def test_config_option_names_one_file_and_isolated_ignores_all(repo, capsys, tmp_path):
    write_config(repo / "data", 'ignore = ["maximum"]\n')
    other = write_config(tmp_path / "elsewhere", 'select = ["maximum"]\n')
    out = check(capsys, repo / "data" / "run1.json", "--config", str(other))
    assert found(out, *KEYS) == [("maximum", "/0/location_lat", "error")]
    out = check(capsys, repo / "data" / "run1.json", "--isolated")
    assert found(out, *KEYS) == ALL_BROKEN


# --- every key -----------------------------------------------------------------------------

def test_select(repo, capsys):
    write_config(repo, 'select = ["enum", "unknown-field"]\n')
    out = check(capsys, repo / "data" / "run1.json")
    assert [c for c, _, _ in found(out, *KEYS)] == ["enum", "enum", "unknown-field"]


def test_ignore_and_the_command_line_adds_to_it(repo, capsys):
    write_config(repo, 'ignore = ["enum", "format"]\n')
    out = check(capsys, repo / "data" / "run1.json", "--ignore", "maximum,max-length")
    assert [c for c, _, _ in found(out, *KEYS)] == ["custom-not-flat", "unknown-field"]


def test_command_line_select_replaces_the_files(repo, capsys):
    write_config(repo, 'select = ["enum"]\n')
    out = check(capsys, repo / "data" / "run1.json", "--select", "format")
    assert found(out, *KEYS) == [("format", "/1/date_collected", "error")]


def test_severity_override(repo, capsys):
    write_config(repo, '[severity]\nenum = "warning"\nunknown-field = "error"\n')
    out = check(capsys, repo / "data" / "run1.json", "--select", "enum,unknown-field")
    assert found(out, *KEYS) == [("enum", "/0/platform", "warning"),
                                 ("enum", "/1/library_type", "warning"),
                                 ("unknown-field", "/1/platfrom", "error")]
    assert out.code == 1 and out.json["summary"]["errors"] == 1


def test_fail_on_warning(repo, capsys):
    only_warnings = ["--select", "unknown-field"]
    assert check(capsys, repo / "data" / "run1.json", *only_warnings).code == 0
    write_config(repo, 'fail-on = "warning"\n')
    assert check(capsys, repo / "data" / "run1.json", *only_warnings).code == 1
    assert check(capsys, repo / "data" / "run1.json", "--select", "unknown-field", "--exit-zero").code == 0


def test_required_fields_on_json_metadata_records(tmp_path, capsys):
    good = load_json(VALID)[0]
    doc = write_json(tmp_path / "m.json", [good, copy_of(good, 1, date_collected=None)])
    assert check(capsys, doc).code == 0
    write_config(tmp_path, 'required = ["external_sample_id", "date_collected"]\n')
    out = check(capsys, doc)
    assert out.code == 1
    assert found(out, *KEYS) == [("required", "/1/date_collected", "error")]
    assert out.json["files"][0]["findings"][0]["field"] == "date_collected"
    assert "required by samplecheck.toml" in out.json["files"][0]["findings"][0]["message"]


def test_column_aliases_are_read_and_validated(tmp_path):
    path = write_config(tmp_path, '[column-aliases]\nexternal_sample_id = ["Tube", "Barcode ID"]\n'
                                  'platform = "Machine"\n')
    config = Settings(path).for_path(None)
    assert config.column_aliases == {"external_sample_id": ("Tube", "Barcode ID"), "platform": ("Machine",)}


CUSTOM = """
[custom.amplicon_scheme]
type = "string"
values = ["V3-V4", "V4", "ARTIC v4.1"]

[custom.read_depth]
type = "integer"

[custom.operator]
required = false
values = ["A. Smith", "B. Jones"]
"""


def test_custom_keys_required_typed_and_enumerated(tmp_path, capsys):
    good = load_json(VALID)[0]
    rows = [good,
            copy_of(good, 1, custom={"amplicon_scheme": "v3v4", "read_depth": "many"}),
            copy_of(good, 2, custom={"read_depth": 10, "operator": "C. Brown"}),
            copy_of(good, 3, custom={"amplicon_scheme": "V4", "read_depth": True})]
    doc = write_json(tmp_path / "m.json", rows)
    write_config(tmp_path, CUSTOM)
    out = check(capsys, doc)
    assert out.code == 1
    assert found(out, "code", "pointer", "field") == [
        ("enum", "/1/custom/amplicon_scheme", "custom.amplicon_scheme"),
        ("type", "/1/custom/read_depth", "custom.read_depth"),
        ("required", "/2/custom/amplicon_scheme", "custom.amplicon_scheme"),
        ("enum", "/2/custom/operator", "custom.operator"),
        ("type", "/3/custom/read_depth", "custom.read_depth"),
    ]
    first = out.json["files"][0]["findings"][0]
    assert first["suggestion"] == "V3-V4" and first["expected"] == ["V3-V4", "V4", "ARTIC v4.1"]


def test_custom_rules_reach_embedded_sample_metadata(tmp_path, capsys):
    meta = load_json(VALID)[0]
    sample = load_json("onecodex-samples-valid.json")[0]
    doc = write_json(tmp_path / "s.json", {**sample, "metadata": {**meta, "custom": {}}})
    write_config(tmp_path, CUSTOM)
    out = check(capsys, doc, "--schema", "onecodex/sample", "--select", "required")
    assert [p for _, p, _ in found(out, *KEYS)] == ["/metadata/custom/amplicon_scheme",
                                                    "/metadata/custom/read_depth"]


def test_per_file_ignores(tmp_path, capsys):
    old = copy_fixture(tmp_path / "legacy" / "2019.json")
    new = copy_fixture(tmp_path / "current" / "2025.json")
    write_config(tmp_path, '[per-file-ignores]\n"legacy/*.json" = ["enum", "maximum"]\n'
                           '"2025.json" = ["format"]\n')
    out = check(capsys, old, new)
    by_file = {s["path"]: [f["code"] for f in s["findings"]] for s in out.json["files"]}
    assert "enum" not in by_file[str(old)] and "maximum" not in by_file[str(old)]
    assert "format" in by_file[str(old)]
    assert "enum" in by_file[str(new)] and "format" not in by_file[str(new)]


# --- bad configuration: one line, exit 2 ---------------------------------------------------

@pytest.mark.parametrize(("body", "says"), [
    ('selct = ["enum"]\n', "unknown key 'selct'; did you mean 'select'?"),
    ('select = ["enmu"]\n', "select: unknown rule code 'enmu'; did you mean 'enum'?"),
    ('ignore = ["no-such-code"]\n', "ignore: unknown rule code 'no-such-code'"),
    ('select = "enum, 3"\n', "select: unknown rule code 'enum, 3'"),
    ('ignore = [1]\n', "ignore must be a list of strings"),
    ('[severity]\nenum = "fatal"\n', 'severity.enum must be "error" or "warning", not \'fatal\''),
    ('[severity]\nenmu = "warning"\n', "severity: unknown rule code 'enmu'"),
    ('fail-on = "info"\n', "fail-on must be \"error\" or \"warning\""),
    ('required = ["external_id"]\n', "required: unknown field 'external_id'"),
    ('required = ["$uri"]\n', "required: unknown field '$uri'"),
    ('[column-aliases]\nplatfrm = ["Machine"]\n', "column-aliases: unknown field 'platfrm'"),
    ('[column-aliases]\nplatform = ["Site"]\nlocation_string = ["site"]\n',
     "column-aliases: 'site' is given for both 'platform' and 'location_string'"),
    ('[custom.x]\ntype = "str"\n',
     "custom.x.type must be one of string, number, integer, boolean, date, text"),
    ('[custom.x]\nvalue = ["a"]\n', "unknown key 'value' in custom.x; did you mean 'values'?"),
    ('[custom.x]\ntype = "integer"\nvalues = ["a"]\n', "custom.x.values must all be of type integer"),
    ('[custom.x]\nrequired = "yes"\n', "custom.x.required must be true or false"),
    ('custom = ["x"]\n', "custom must be a table"),
    ('[per-file-ignores]\n"*.csv" = ["enmu"]\n', "unknown rule code 'enmu'"),
    ("select = [\n", "invalid TOML"),
])
def test_bad_config_is_one_line_and_exit_2(repo, capsys, body, says):
    config = write_config(repo, body)
    assert main(["response", str(repo / "data" / "run1.json")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(f"samplecheck: {config}: ")
    assert says in captured.err


def test_bad_command_line_codes_and_config_paths(repo, capsys):
    target = str(repo / "data" / "run1.json")
    assert main(["response", target, "--ignore", "enum,nope"]) == 2
    assert capsys.readouterr().err == ("samplecheck: --ignore: unknown rule code 'nope' "
                                       "(see 'samplecheck rules')\n")
    assert main(["response", target, "--config", str(repo / "missing.toml")]) == 2
    assert "missing.toml: no such configuration file" in capsys.readouterr().err
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert main(["response", target, "--config", str(repo / "pyproject.toml")]) == 2
    assert "has no [tool.samplecheck] table" in capsys.readouterr().err


def test_bad_config_in_a_real_process_has_no_traceback(repo):
    write_config(repo, 'fail-on = "sometimes"\n', "pyproject.toml")
    proc = run_process("response", "data/run1.json", cwd=repo)
    assert proc.code == 2 and proc.out == ""
    assert proc.err.splitlines() == [
        f"samplecheck: {repo / 'pyproject.toml'}: fail-on must be \"error\" or \"warning\", not 'sometimes'"]


def test_config_file_named_on_the_command_line_may_hold_a_tool_table(tmp_path, capsys):
    cfg = tmp_path / "lab-settings.toml"
    cfg.write_text('[tool.samplecheck]\nignore = ["enum"]\n', encoding="utf-8")
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,platform\ns1,Illumina Miseq\n", encoding="utf-8")
    assert main(["check", str(sheet)]) == 1  # the enum error the named file ignores
    run = run_cli(capsys, "check", sheet, "--config", cfg)
    assert (run.code, run.err) == (0, "")
    assert run.lines[-1].startswith("All checks passed!") and "enum" not in run.out
