"""samplecheck: validate and lint microbial-genomics sample metadata.

The public API::

    import validator
    report = validator.check(obj, "onecodex/metadata")   # or check(obj) to detect
    report.valid, report.findings, report.to_dict()
    report = validator.check_file("samples.xlsx")           # a lab spreadsheet

Everything not named in ``__all__`` is private.
"""

from __future__ import annotations

from . import suppress as suppress  # registers the bad-suppression rule code
from .errors import DetectError, InputError, SamplecheckError, UnknownSchemaError
from .findings import RULES, Finding, Report, Rule, Severity, Source
from .records import check
from .schemas import names as schema_names
from .sheets import check_file

__version__ = "0.1.0"

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
    "check",
    "check_file",
    "schema_names",
]
