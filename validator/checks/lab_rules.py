"""What a lab's configuration adds to the schema: required fields and custom keys.

``required = ["external_sample_id"]`` makes a missing, null or empty field a
``required`` finding; ``[custom.amplicon_scheme]`` with ``type`` and ``values``
makes a missing key ``required``, a value of the wrong type ``type`` and any
other value ``enum`` (with a did-you-mean). The same function serves JSON
metadata records and spreadsheet rows (as records keyed by field name).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from validator.findings import messages
from validator.findings.model import Finding
from validator.spec.fields import METADATA, custom_type_ok
from validator.spec.lab import LabSpec
from validator.spec.pointers import escape, show
from validator.spec.suggest import suggest


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def record_findings(record: Mapping[str, Any], config: LabSpec, prefix: str = "") -> list[Finding]:
    """Findings for one metadata record; pointers start with ``prefix``, ``field`` is set."""
    out: list[Finding] = []
    origin = config.origin
    for name in config.required:
        if _blank(record.get(name)):
            said = messages.required(name, origin)
            out.append(Finding.of(said.code, said.text, field=name, pointer=f"{prefix}/{escape(name)}",
                                  expected=said.expected))
    custom = record.get("custom")
    custom = custom if isinstance(custom, Mapping) else {}
    for key, spec in config.custom.items():
        value = custom.get(key)
        where = {"field": f"custom.{key}", "pointer": f"{prefix}/custom/{escape(key)}", "value": value}
        if _blank(value):
            if spec.required:
                out.append(Finding.of("required", f"custom.{key} is required {origin}",
                                      **{**where, "value": None}, expected=spec.type or "a value"))
        elif spec.type and not custom_type_ok(value, spec.type):
            out.append(Finding.of("type", f"custom.{key} {show(value)} is not a {spec.type}",
                                  expected=spec.type, **where))
        elif spec.values is not None and value not in spec.values:
            hint = suggest(value, [v for v in spec.values if isinstance(v, str)])
            out.append(Finding.of("enum", f"custom.{key} {show(value)} is not one of the values "
                                  f"allowed {origin}", expected=list(spec.values),
                                  suggestion=hint.value if hint else None, **where))
    return out


def metadata_records(name: str, obj: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(pointer, record) for every metadata record in a document of schema ``name``."""
    if name == METADATA and isinstance(obj, Mapping):
        yield "", obj
    elif name == f"{METADATA}-list" and isinstance(obj, list):
        yield from ((f"/{i}", r) for i, r in enumerate(obj) if isinstance(r, Mapping))
    elif name in ("onecodex/sample", "onecodex/sample-list"):
        samples = obj if isinstance(obj, list) else [obj]
        for i, sample in enumerate(samples):
            meta = sample.get("metadata") if isinstance(sample, Mapping) else None
            if isinstance(meta, Mapping) and "$ref" not in meta:  # embedded with ?expand=all
                yield (f"/{i}/metadata" if isinstance(obj, list) else "/metadata"), meta


def document_findings(name: str, obj: Any, config: LabSpec) -> list[Finding]:
    """The configured lab rules over every metadata record of a JSON document."""
    if not config.lab_rules:
        return []
    return [f for prefix, record in metadata_records(name, obj)
            for f in record_findings(record, config, prefix)]
