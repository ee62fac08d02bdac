"""References between samples and metadata records.

The kind a ``$ref``/``$uri`` points at is checked by the schema
(``reference-kind``). Here: in one list no two records may point at the same
record of the other kind (``reference-shared``, a body rule), and in a pair of
sample and metadata lists each sample's ``metadata`` and each record's ``sample``
must point back at each other (``reference-mismatch``, :func:`check_pair`).
The linking fields are found from the schemas: the field of one schema whose
reference pattern is the other schema's ``$uri`` pattern.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from validator.findings.model import Finding, Report, Source
from validator.spec import schemas
from validator.spec.fields import METADATA
from validator.spec.pointers import pointer, show

SAMPLE = "onecodex/sample"


def ref(node: Any) -> str | None:
    """The target of a reference: its ``$ref``, or the ``$uri`` of an embedded record."""
    if isinstance(node, dict):
        target = node.get("$ref") or node.get("$uri")
        return target if isinstance(target, str) else None
    return None


@functools.cache
def link_field(source: str, target: str) -> str | None:
    """The field of ``source`` records that refers to a ``target`` record."""
    uri = schemas.properties(target).get("$uri", {}).get("pattern")
    for name, node in schemas.properties(source).items():
        if name != "$uri" and node.get("properties", {}).get("$ref", {}).get("pattern") == uri:
            return name
    return None


def _shared(items: Any, source: str, target: str) -> Iterator[Finding]:
    field = link_field(source, target)
    if not isinstance(items, list) or field is None:
        return
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        to = ref(item.get(field)) if isinstance(item, dict) else None
        if to is None:
            continue
        if to in first:
            yield Finding.of("reference-shared", f"{field} {show(to)} is also the {field} of item "
                             f"{first[to]}", pointer=pointer([i, field]), field=field, value=to,
                             expected="a record of its own")
        else:
            first[to] = i


LISTS = (f"{SAMPLE}-list", f"{METADATA}-list")


def shared_references(items: Any, name: str) -> Iterator[Finding]:
    """Two records of a sample list (a metadata list) that point at the same metadata (sample)."""
    source = name.removesuffix("-list")
    yield from _shared(items, source, METADATA if source == SAMPLE else SAMPLE)


def _records(obj: Any) -> list[Any]:
    if isinstance(obj, list):
        return obj
    from validator.checks.contract.exchange import adapt

    body = adapt(obj).body
    return body if isinstance(body, list) else []


def check_pair(samples: Any, metadata: Any) -> Report:
    """Check that a sample list and a metadata list refer to each other consistently.

    Each argument is a parsed list or a response (requests, httpx, or a triple).
    """
    samples, metadata = _records(samples), _records(metadata)
    to_meta, to_sample = link_field(SAMPLE, METADATA), link_field(METADATA, SAMPLE)
    by_uri = {
        "samples": {r.get("$uri"): r for r in samples if isinstance(r, dict)},
        "metadata": {r.get("$uri"): r for r in metadata if isinstance(r, dict)},
    }
    sources = []
    for label, items, field, back, other in (
        ("samples", samples, to_meta, to_sample, "metadata"),
        ("metadata", metadata, to_sample, to_meta, "samples"),
    ):
        found = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            partner = by_uri[other].get(ref(item.get(field)))
            if partner is not None and ref(partner.get(back)) != item.get("$uri"):
                found.append(Finding.of(
                    "reference-mismatch", f"{field} points at {partner.get('$uri')}, whose {back} is "
                    f"{show(ref(partner.get(back)))}, not {show(item.get('$uri'))}",
                    file=label, pointer=pointer([i, field]), field=field, value=ref(item.get(field)),
                    expected=item.get("$uri")))
        sources.append(Source(label, f"{SAMPLE if label == 'samples' else METADATA}-list",
                              rows=len(items), findings=found))
    return Report(sources)
