"""Exit codes as CI and pre-commit read them: 0 when nothing fails the run, 1 when findings do
(``--exit-zero`` reports them and exits 0), 2 for usage errors. (``fail-on``: test_configuration.py;
every unreadable input: test_hostile_inputs_one_line_errors.py.)"""

from __future__ import annotations

import pytest
from support import SAMPLES, run_cli, run_process

from validator.cli.main import main

BROKEN = "onecodex-metadata-broken.json"


@pytest.mark.parametrize(("name", "exit_code"), [
    ("onecodex-metadata-valid.json", 0),
    ("onecodex-samples-valid.json", 0),
    ("sample-platform-page-valid.json", 0),
    ("sample-platform-error-valid.json", 0),
    (BROKEN, 1),
    ("onecodex-samples-broken.json", 1),
    ("sample-platform-page-broken.json", 1),
    ("sample-platform-error-broken.json", 1),
])
def test_exit_codes_for_the_fixtures(capsys, fixture_path, name, exit_code):
    run = run_cli(capsys, "response", fixture_path(name))
    assert run.code == exit_code
    assert run.err == ""
    assert run.lines[-1].startswith("All checks passed!" if exit_code == 0 else "Found ")


def test_exit_zero(capsys, fixture_path):
    run = run_cli(capsys, "response", fixture_path(BROKEN), "--exit-zero")
    assert (run.code, run.err) == (0, "")
    assert run.lines[-1] == "Found 6 errors and 1 warning in 1 file (2 records)."  # reported, not failed


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["response"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("samplecheck: ") and "the following arguments are required" in err


@pytest.mark.parametrize(("name", "exit_code"), [("valid.csv", 0), ("broken-values.csv", 1)])
def test_check_as_a_command_on_the_example_sheets(name: str, exit_code: int) -> None:
    done = run_process("check", SAMPLES / name)
    assert done.code == exit_code, done.err
    assert done.err == ""
    last = done.lines[-1]
    assert last.startswith("All checks passed!" if exit_code == 0 else "Found 14 errors")
