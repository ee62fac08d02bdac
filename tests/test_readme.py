"""The README: its opening commands and its rule-code table stay true."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import validator
from validator.findings.model import RULES, Rule

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _table_rows() -> dict[str, tuple[str, str]]:
    section = README.split("### Schema rule codes", 1)[1].split("\n#", 1)[0]
    return {m[0]: (m[1], m[2]) for m in re.findall(r"^\| `([a-z-]+)` \| (\w+) \| (.+) \|$", section, re.M)}


def _all_rules() -> dict[str, Rule]:
    for module in pkgutil.walk_packages(validator.__path__, "validator."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)  # modules register their own codes on import
    return RULES


def test_schema_rule_table_is_the_catalogue():
    schema_rules = {code: rule for code, rule in _all_rules().items() if rule.family == "schema"}
    rows = _table_rows()
    assert set(rows) == set(schema_rules)
    for code, rule in schema_rules.items():
        assert rows[code] == (str(rule.severity), rule.summary)


def test_every_code_is_documented_somewhere():
    missing = [code for code in _all_rules() if f"`{code}`" not in README]
    assert missing == []

