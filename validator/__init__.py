"""samplecheck: validate and lint microbial-genomics sample metadata.

The public API::

    import validator
    report = validator.check(obj, "onecodex/metadata")   # or check(obj) to detect
    report.valid, report.findings, report.to_dict()
    report = validator.check_file("samples.xlsx")        # a lab spreadsheet (CSV, TSV, XLSX, Parquet)
    report = validator.check_frame(df)                   # a pandas or polars DataFrame, as a sheet
    validator.assert_valid(obj, "onecodex/metadata")     # AssertionError listing every finding
    validator.check_request("GET", url, params)          # query parameters and PATCH bodies
    validator.check_response(response)                   # a whole HTTP response

Everything not named in ``__all__`` is private. The checkers are imported on
first use, so that importing the package (the pytest plugin does) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from validator.errors import DetectError, InputError, SamplecheckError, UnknownSchemaError
from validator.findings.model import Finding, Report, Source
from validator.findings.rules import RULES, Rule, Severity
from validator.version import __version__

if TYPE_CHECKING:  # the names type checkers and editors see; at run time they load lazily
    from validator.checks.contract.request_checks import check_request
    from validator.checks.contract.responses import check_response
    from validator.checks.documents import check
    from validator.checks.sheets import check_file
    from validator.checks.sheets.frames import check_frame
    from validator.plugin.assertions import assert_valid
    from validator.spec.schemas import names as schema_names

_LAZY = {
    "check": ("checks.documents", "check"),
    "check_file": ("checks.sheets", "check_file"),
    "check_frame": ("checks.sheets.frames", "check_frame"),
    "schema_names": ("spec.schemas", "names"),
    "assert_valid": ("plugin.assertions", "assert_valid"),
    "check_request": ("checks.contract.request_checks", "check_request"),
    "check_response": ("checks.contract.responses", "check_response"),
}

__all__ = [
    "RULES",
    "DetectError",
    "Finding",
    "InputError",
    "Report",
    "Rule",
    "SamplecheckError",
    "Severity",
    "Source",
    "UnknownSchemaError",
    "__version__",
    "assert_valid",
    "check",
    "check_file",
    "check_frame",
    "check_request",
    "check_response",
    "schema_names",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'validator' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
