"""The README's tables stay true: the rule codes and the column aliases are the ones the code has."""

from __future__ import annotations

import re

from support import readme_text

from validator.checks.sheets import alias_table
from validator.findings.rules import RULES

README = readme_text()

TABLES = {  # README section -> the families of the rule table it lists
    "### Schema rule codes": ("schema",),
    "### Sheet rule codes": ("sheet", "hygiene"),
    "### Suppression code": ("config",),
    "### Contract codes": ("contract",),
}


def _section(title: str) -> str:
    return README.split(f"\n{title}\n", 1)[1].split("\n#", 1)[0]


def _table_rows(title: str) -> dict[str, tuple[str, str]]:
    """code -> (severity, what it means) for the rows of one README table.

    Cells are split at `` | `` (an escaped ``\\|`` is a ``|`` of the text); columns after the
    third (why this severity) are not the rule table's.
    """
    rows = {}
    for line in _section(title).splitlines():
        if line.startswith("| `") and line.endswith(" |"):
            code, severity, meaning, *_ = re.split(r"(?<!\\) \| ", line[2:-2])
            rows[code.strip("`")] = (severity, meaning.replace("\\|", "|"))
    return rows


def test_each_rule_code_table_is_its_families_rows_of_the_rule_table():
    for title, families in TABLES.items():
        want = {code: (str(r.severity), r.summary) for code, r in RULES.items() if r.family in families}
        assert want, title
        assert _table_rows(title) == want, title


def test_the_tables_list_every_rule_once():
    listed = [code for title in TABLES for code in _table_rows(title)]
    assert sorted(listed) == sorted(RULES)
    assert {r.family for r in RULES.values()} == {f for families in TABLES.values() for f in families}


def test_the_rules_a_schema_cannot_say_name_real_codes():
    section = _section("### Rules a schema cannot say")
    named = re.findall(r"^\| .+ \| `([a-z-]+)` \| [a-z /]+ \|$", section, re.M)
    assert len(named) >= 19
    assert [code for code in named if code not in RULES] == []


def test_every_code_is_documented_somewhere():
    missing = [code for code in RULES if f"`{code}`" not in README]
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
