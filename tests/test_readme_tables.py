"""The README's tables stay true: the rule codes and the column aliases are the ones the code has."""

from __future__ import annotations

import importlib
import pkgutil
import re

from support import readme_text

import validator
from validator.checks.sheets import alias_table
from validator.findings.model import RULES, Rule

README = readme_text()


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


def test_every_sheet_code_is_documented() -> None:
    codes = [r.code for r in RULES.values() if r.family in ("sheet", "hygiene")]
    assert codes and all(f"| `{code}` |" in README for code in codes)


def test_alias_table_matches_the_schema() -> None:
    section = README.split("### Column aliases", 1)[1].split("###", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    documented = {}
    for line in rows:
        field, aliases = (cell.strip() for cell in line.strip("|").split("|"))
        documented[field.strip("`")] = [a.strip("`") for a in aliases.split(", ") if a.startswith("`")]
    assert documented == dict(alias_table())
