"""The README's column alias table is the one the schema generates."""

from __future__ import annotations

from pathlib import Path

from validator.checks.sheets import alias_table

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_alias_table_matches_the_schema() -> None:
    section = README.split("### Column aliases", 1)[1].split("###", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    documented = {}
    for line in rows:
        field, aliases = (cell.strip() for cell in line.strip("|").split("|"))
        documented[field.strip("`")] = [a.strip("`") for a in aliases.split(", ") if a.startswith("`")]
    assert documented == dict(alias_table())


def test_first_command_checks_a_broken_example() -> None:
    first = README.split("```sh", 1)[1].splitlines()[1]
    assert 'pip install -e ".[test]"' in first
    assert first.endswith("samplecheck check samples_csv/broken-values.csv")


def test_every_sheet_code_is_documented() -> None:
    from validator.findings.rules import RULES

    codes = [r.code for r in RULES.values() if r.family in ("sheet", "hygiene")]
    assert codes and all(f"| `{code}` |" in README for code in codes)
