"""Check a JSON document (a record, a list, an API response body) against a schema by name.

The fast pass (``jsonschema-rs``) decides validity; what it rejects is explained by
:mod:`.records`; then the document checks of :mod:`.registry` for the schema run,
and a lab's rules (:mod:`.lab_rules`) on metadata records.
"""

from __future__ import annotations

from typing import Any

from validator.checks import lab_rules, records, registry
from validator.checks.contract.expanded import expanded
from validator.checks.rejected import without_rejected
from validator.errors import DetectError
from validator.findings.model import Finding, Report, Severity
from validator.spec import schemas
from validator.spec.detect import detect
from validator.spec.lab import LabSpec


def check(obj: Any, schema: str | None = None, *, path: str | None = None,
          config: LabSpec | None = None) -> Report:
    """Check a JSON document against a schema by name (``None`` or ``"auto"`` detects it).

    Returns a :class:`Report` holding every finding, not just the first; a document
    whose schema cannot be told is one ``no-schema`` finding (never a valid report). A
    ``config`` adds its lab rules (required fields, custom keys) to metadata records.
    """
    if schema in (None, "auto"):
        try:
            name = detect(obj)
        except DetectError as exc:  # nothing was checked: say so, never pass
            return Report.single([unplaced(str(exc))], path=path)
    else:
        name = schema
    schemas.load(name)  # unknown names fail here, with a did-you-mean
    rows = len(obj) if isinstance(obj, list) else 1
    found = findings(obj, name)
    if config is not None:
        found.extend(lab_rules.document_findings(name, obj, config))
    return Report.single(found, path=path, schema=name, rows=rows)


def unplaced(why: str) -> Finding:
    """The ``no-schema`` finding of a document that could not be checked, saying why."""
    return Finding.of("no-schema", why)


def findings(obj: Any, name: str, prefix: str = "") -> list[Finding]:
    """Every finding for ``obj`` against schema ``name``; pointers start with ``prefix``."""
    out: list[Finding] = []
    item = schemas.item_schema(name)
    if item is not None and isinstance(obj, list):
        if not _valid(name, obj):
            for i, record in enumerate(obj):
                if not _valid(item, record):
                    out.extend(records.explain(record, item, f"{prefix}/{i}"))
    elif not _valid(name, obj):
        out.extend(records.explain(obj, name, prefix))
    out.extend(_expanded_findings(obj, name, prefix, out))
    out.extend(registry.run_document(without_rejected(obj, out), name))
    return out


def _valid(name: str, obj: Any) -> bool:
    """The fast pass; a value it cannot take (a number written too large for a float) is invalid."""
    try:
        return bool(schemas.fast(name).is_valid(obj))
    except ValueError:
        return False


def _expanded_findings(obj: Any, name: str, prefix: str, found: list[Finding]) -> list[Finding]:
    """Expanded records (``?expand=all``) checked against their kind's full schema, at their
    pointer; what the outer schema already said of a place is not said again."""
    said = {(f.code, f.pointer) for f in found}
    rejected = {f.pointer for f in found if f.severity is Severity.ERROR}
    out = []
    for record, target, at in expanded(obj, name):
        if prefix + at in rejected:
            continue
        out.extend(f for f in findings(record, target, prefix + at) if (f.code, f.pointer) not in said)
    return out
