"""The README: its opening commands and its rule-code table stay true."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import validator
from validator.findings import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _table_rows() -> dict[str, tuple[str, str]]:
    section = README.split("### Rule codes", 1)[1].split("\n#", 1)[0]
    return {m[0]: (m[1], m[2]) for m in re.findall(r"^\| `([a-z-]+)` \| (\w+) \| (.+) \|$", section, re.M)}


def test_every_rule_code_is_in_the_readme_table():
    for module in pkgutil.walk_packages(validator.__path__, "validator."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)  # modules register their own codes on import
    rows = _table_rows()
    assert set(rows) == set(RULES)
    for code, rule in RULES.items():
        assert rows[code] == (str(rule.severity), rule.summary)


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block == [
        'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && '
        "samplecheck response tests/fixtures/onecodex-metadata-broken.json",
        "python -m pytest -q",
    ]
