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

from validator.checks.contract.pagination import differing, repeat_or_conflict
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
    """A record that is a repeat of an earlier one (same ``$uri``) is left to ``page-repeat``
    and ``conflicting-records``: the shared reference follows from the repeat."""
    field = link_field(source, target)
    if not isinstance(items, list) or field is None:
        return
    first: dict[str, int] = {}
    uris: set[Any] = set()
    for i, item in enumerate(items):
        own = item.get("$uri") if isinstance(item, dict) else None
        if isinstance(own, str):
            if own in uris:
                continue
            uris.add(own)
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


def _by_uri(items: list[Any], label: str) -> tuple[dict[Any, Any], set[Any], list[Finding]]:
    """Records by ``$uri``; the ``$uri``s held by two different records, and a finding for each."""
    first: dict[Any, tuple[str, Any]] = {}
    conflicted: set[Any] = set()
    found = []
    for i, item in enumerate(items):
        uri = item.get("$uri") if isinstance(item, dict) else None
        if not isinstance(uri, str):
            continue
        if uri not in first:
            first[uri] = (f"/{i}", item)
        elif differing(first[uri][1], item):
            conflicted.add(uri)
            found.append(repeat_or_conflict("$uri", uri, first[uri], (f"/{i}", item), file=label))
    return {u: it for u, (_, it) in first.items()}, conflicted, found


def check_pair(samples: Any, metadata: Any) -> Report:
    """Check that a sample list and a metadata list refer to each other consistently.

    Each argument is a parsed list or a response (requests, httpx, or a triple). A
    ``$uri`` held by two records with different content is ``conflicting-records``
    (both places and the fields that differ), and references to it are not compared:
    which copy is right cannot be told.
    """
    samples, metadata = _records(samples), _records(metadata)
    to_meta, to_sample = link_field(SAMPLE, METADATA), link_field(METADATA, SAMPLE)
    indexed = {"samples": _by_uri(samples, "samples"), "metadata": _by_uri(metadata, "metadata")}
    sources = []
    for label, items, field, back, other in (
        ("samples", samples, to_meta, to_sample, "metadata"),
        ("metadata", metadata, to_sample, to_meta, "samples"),
    ):
        _, mine, found = indexed[label]
        partners, theirs, _ = indexed[other]
        for i, item in enumerate(items):
            if not isinstance(item, dict) or item.get("$uri") in mine:
                continue
            target = ref(item.get(field))
            partner = partners.get(target) if target not in theirs else None
            if partner is not None and ref(partner.get(back)) != item.get("$uri"):
                found.append(Finding.of(
                    "reference-mismatch", f"{field} points at {partner.get('$uri')}, whose {back} is "
                    f"{show(ref(partner.get(back)))}, not {show(item.get('$uri'))}",
                    file=label, pointer=pointer([i, field]), field=field, value=target,
                    expected=item.get("$uri")))
        sources.append(Source(label, f"{SAMPLE if label == 'samples' else METADATA}-list",
                              rows=len(items), findings=found))
    return Report(sources)
