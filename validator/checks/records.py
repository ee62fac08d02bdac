"""Explain what the generated schemas reject in a JSON document.

A fast pass (``jsonschema-rs``, in :mod:`validator.checks.documents`) decides
validity; only what it rejects is run through ``jsonschema`` here and explained,
each error mapped to a :class:`Finding` with a stable code, a JSON pointer, the
bad value, what would be valid and a did-you-mean where there is one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from validator.findings import messages
from validator.findings.messages import Message
from validator.findings.model import Finding
from validator.findings.rules import RULES
from validator.spec import schemas
from validator.spec.pointers import pointer, show

if TYPE_CHECKING:  # jsonschema is imported only when a failure is explained
    from jsonschema.exceptions import ValidationError


def explain(obj: Any, name: str, prefix: str = "") -> list[Finding]:
    """Detailed findings for one document the fast pass rejected.

    A value of the wrong type gets one ``type`` finding: what other keywords
    (``enum``, ``minimum``...) say of the same value is left out.
    """
    seen: set[tuple[str, str | None, str]] = set()
    out = list(_non_finite(obj, [], prefix))
    for error in schemas.detailed(name).iter_errors(obj):
        for f in _map(error, prefix):
            key = (f.code, f.pointer, f.message)
            if key not in seen:
                seen.add(key)
                out.append(f)
    mistyped = {f.pointer for f in out if f.code == "type"}
    return [f for f in out if f.code == "type" or f.pointer not in mistyped]


def _non_finite(value: Any, path: list[Any], prefix: str) -> Iterator[Finding]:
    """NaN and infinities (Python floats JSON cannot hold; the fast pass rejects them, and
    ``jsonschema`` would pass NaN through every range): one ``type`` finding each."""
    if isinstance(value, float) and not math.isfinite(value):
        shown = show(value)  # "NaN", "Infinity": the value stays printable as JSON
        yield _finding(messages.non_finite(shown), pointer=pointer(path, prefix), value=shown)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, [*path, key], prefix)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _non_finite(item, [*path, i], prefix)


def _field_word(path: list[Any]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _finding(message: Message, **where: Any) -> Finding:
    return Finding.of(message.code, message.text, expected=message.expected,
                      suggestion=message.suggestion, **where)


def _branch_types(schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        return ["object"]
    t = schema.get("type", [])
    return t if isinstance(t, list) else [t]


def _map(error: ValidationError, prefix: str, plain: bool = False) -> Iterator[Finding]:
    """Findings for one error; a schema node's ``x-finding-code`` renames the code (unless ``plain``).

    ``x-finding-code`` is a code, or ``{keyword: code}`` to rename one keyword's failures only.
    """
    schema = error.schema if isinstance(error.schema, dict) else {}
    kw, value = error.validator, error.instance
    path = list(error.absolute_path)
    where = {"pointer": pointer(path, prefix), "value": value}
    field = _field_word(path)

    recode = schema.get("x-finding-code")
    if isinstance(recode, dict):  # {keyword: code}: only that keyword's failure is renamed
        recode = recode.get(kw)
    if recode and recode != "custom-not-flat" and plain is False:
        for f in _map(error, prefix, plain=True):
            yield f.at(code=recode, severity=RULES[recode].severity)
    elif recode == "custom-not-flat":
        kind = "an object" if isinstance(value, dict) else "an array"
        yield Finding.of(schema["x-finding-code"],
                         f"custom.{field} holds {kind}; custom values are strings, numbers, "
                         "booleans or null", expected="string, number, boolean or null", **where)
    elif kw in ("anyOf", "oneOf"):
        yield from _map_branches(error, prefix)
    elif kw == "pattern" and field in ("$ref", "$uri"):
        yield _finding(messages.reference_kind(value, error.validator_value), **where)
    elif kw == "format":
        if schemas.format_valid(error.validator_value, value):
            return  # the fast pass decides (it takes leap seconds)
        yield _finding(messages.format_(value, error.validator_value), **where)
    elif kw == "pattern":
        yield _finding(messages.pattern(value, error.validator_value,
                                        schema.get("x-pattern-description")), **where)
    elif kw in ("type", "enum", "const", *messages.BOUNDS, *messages.LENGTHS):
        yield _finding(messages.for_keyword(kw, value, error.validator_value, field=field,
                                            aliases=schema.get("x-aliases")), **where)
    elif kw == "required":
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                yield _finding(messages.required(key),
                               **{**where, "pointer": pointer([*path, key], prefix), "value": None})
    elif kw == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        for key in (k for k in value if k not in known):
            yield _finding(messages.additional(key, known, bool(schema.get(schemas.CLOSED_MARK))),
                           **{**where, "pointer": pointer([*path, key], prefix), "value": value[key]})
    elif kw in messages.ITEM_CODES:
        yield _finding(messages.items(kw, value, error.validator_value), **where)
    else:
        yield Finding.of("schema", error.message, expected=f"{kw} {error.validator_value}", **where)


def _map_branches(error: ValidationError, prefix: str) -> Iterator[Finding]:
    """anyOf/oneOf: explain the branch the value was evidently meant for."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    options = error.validator_value
    # A branch whose failure is a type error at this very place was not the one meant.
    meant = {i: errs for i, errs in branches.items()
             if not any(e.validator == "type" and not e.relative_path for e in errs)}
    if not meant:
        types: list[str] = []
        for option in options:
            for t in _branch_types(option):
                if t not in types:
                    types.append(t)
        yield _finding(messages.type_(error.instance, types),
                       pointer=pointer(error.absolute_path, prefix), value=error.instance)
        return
    if all(e.validator == "required" for errs in meant.values() for e in errs):
        keys = [k for errs in meant.values() for e in errs for k in e.validator_value]
        yield _finding(messages.required_any(keys), pointer=pointer(error.absolute_path, prefix),
                       value=error.instance)
        return
    if len(meant) == 1:
        chosen = next(iter(meant.values()))
    else:
        from jsonschema.exceptions import best_match

        chosen = [best_match(e for errs in meant.values() for e in errs)]
    for sub in chosen:
        yield from _map(sub, prefix)
