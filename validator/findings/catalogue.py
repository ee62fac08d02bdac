"""The whole catalogue of rule codes, with every module that registers codes imported.

Checkers register their codes when imported, and the package imports them
lazily; configuration checks, ``samplecheck rules`` and cell suppressions need
every code, so they ask here.
"""

from __future__ import annotations

import importlib

from validator.findings.model import RULES, Rule

REGISTERING_MODULES = (
    "validator.checks.sheets.codes",
    "validator.policy.suppress",
    "validator.checks.contract.errors_rules",
    "validator.checks.contract.filters",
    "validator.checks.contract.pagination",
    "validator.checks.contract.references",
    "validator.checks.contract.request_checks",
    "validator.checks.contract.responses",
    "validator.checks.contract.replay",
)


def all_rules() -> dict[str, Rule]:
    """Every rule code of every checker."""
    for name in REGISTERING_MODULES:
        importlib.import_module(name)
    return RULES
