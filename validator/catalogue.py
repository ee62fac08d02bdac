"""The whole catalogue of rule codes, with every module that registers codes imported.

Checkers register their codes when imported, and the package imports them
lazily; configuration checks, ``samplecheck rules`` and cell suppressions need
every code, so they ask here.
"""

from __future__ import annotations

import importlib

from .findings import RULES, Rule

REGISTERING_MODULES = (
    "validator.sheets.codes",
    "validator.suppress",
    "validator.contract.errors_rules",
    "validator.contract.filters",
    "validator.contract.pagination",
    "validator.contract.references",
    "validator.contract.request_checks",
    "validator.contract.responses",
)


def all_rules() -> dict[str, Rule]:
    """Every rule code of every checker."""
    for name in REGISTERING_MODULES:
        importlib.import_module(name)
    return RULES
