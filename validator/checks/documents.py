"""Check a JSON document (a record, a list, an API response body) against a schema by name.

The fast pass (``jsonschema-rs``) decides validity; what it rejects is explained by
:mod:`.records`; then the document checks of :mod:`.registry` for the schema run,
and a lab's rules (:mod:`.lab_rules`) on metadata records.
"""

from __future__ import annotations

from typing import Any

from validator.checks import lab_rules, records, registry
from validator.findings.model import Finding, Report
from validator.spec import schemas
from validator.spec.detect import detect
from validator.spec.lab import LabSpec


def check(obj: Any, schema: str | None = None, *, path: str | None = None,
          config: LabSpec | None = None) -> Report:
    """Check a JSON document against a schema by name (``None`` or ``"auto"`` detects it).

    Returns a :class:`Report` holding every finding, not just the first. A
    ``config`` adds its lab rules (required fields, custom keys) to metadata records.
    """
    name = detect(obj) if schema in (None, "auto") else schema
    schemas.load(name)  # unknown names fail here, with a did-you-mean
    rows = len(obj) if isinstance(obj, list) else 1
    found = findings(obj, name)
    if config is not None:
        found.extend(lab_rules.document_findings(name, obj, config))
    return Report.single(found, path=path, schema=name, rows=rows)


def findings(obj: Any, name: str, prefix: str = "") -> list[Finding]:
    """Every finding for ``obj`` against schema ``name``; pointers start with ``prefix``."""
    out: list[Finding] = []
    item = schemas.item_schema(name)
    if item is not None and isinstance(obj, list):
        if not schemas.fast(name).is_valid(obj):
            is_valid = schemas.fast(item).is_valid
            for i, record in enumerate(obj):
                if not is_valid(record):
                    out.extend(records.explain(record, item, f"{prefix}/{i}"))
    elif not schemas.fast(name).is_valid(obj):
        out.extend(records.explain(obj, name, prefix))
    out.extend(registry.run_document(obj, name))
    return out
