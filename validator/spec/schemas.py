"""Load the generated JSON Schemas by name and compile each validator once.

Two validators per schema, over a *closed* variant of it (every object that
lists ``properties`` and says nothing of ``additionalProperties`` is closed,
marked ``x-closed``, so that a field the schema does not know fails the fast
pass and is then reported as an ``unknown-field`` warning):

- :func:`fast` (``jsonschema-rs``): answers "is it valid" at about a million
  records a second;
- :func:`detailed` (``jsonschema``): explains the failures, for the records the
  fast pass rejected only.

Both assert formats (``date-time``, ``date``) rather than treating them as
annotations.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from validator.errors import UnknownSchemaError
from validator.spec.suggest import closest

if TYPE_CHECKING:  # jsonschema is imported only to explain a failure (see detailed)
    import jsonschema
    import referencing

_PACKAGE = Path(__file__).resolve().parent.parent  # the validator package
CLOSED_MARK = "x-closed"


def _data_dir(kind: str) -> Path:
    """``schemas`` or ``openapi``: shipped inside the wheel, or beside the package in a checkout."""
    for candidate in (_PACKAGE / "_data" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"samplecheck's {kind} folder is missing from the installation")


def schemas_dir() -> Path:
    return _data_dir("schemas")


def openapi_dir() -> Path:
    return _data_dir("openapi")


@functools.cache
def _all() -> dict[str, dict[str, Any]]:
    root = schemas_dir()
    out = {}
    for path in sorted(root.rglob("*.schema.json")):
        name = path.relative_to(root).as_posix().removesuffix(".schema.json")
        out[name] = json.loads(path.read_text(encoding="utf-8"))
    return out


def names() -> list[str]:
    """Every schema name users may pass, e.g. ``onecodex/metadata``."""
    return list(_all())


def load(name: str) -> dict[str, Any]:
    """The published schema (as committed under ``schemas/``)."""
    try:
        return _all()[name]
    except KeyError:
        hint = closest(name, names())
        msg = f"unknown schema {name!r}"
        msg += f"; did you mean {hint!r}?" if hint else f"; known schemas: {', '.join(names())}"
        raise UnknownSchemaError(msg) from None


def _close(node: Any) -> Any:
    if isinstance(node, list):
        return [_close(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: (v if k in ("enum", "default", "examples", "x-aliases") else _close(v))
           for k, v in node.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
        out[CLOSED_MARK] = True
    return out


@functools.cache
def closed(name: str) -> dict[str, Any]:
    """The closed variant of a schema that both validators check against."""
    return _close(copy.deepcopy(load(name)))


@functools.cache
def _rs_registry() -> jsonschema_rs.Registry:
    return jsonschema_rs.Registry([(closed(n)["$id"], closed(n)) for n in names()])


@functools.cache
def _py_registry() -> referencing.Registry:
    import referencing
    from referencing.jsonschema import DRAFT202012

    return referencing.Registry().with_resources(
        (closed(n)["$id"], DRAFT202012.create_resource(closed(n))) for n in names()
    )


def format_checker() -> jsonschema.FormatChecker:
    import jsonschema

    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    missing = {"date", "date-time"} - set(checker.checkers)
    if missing:  # jsonschema skips date-time silently without rfc3339-validator
        raise RuntimeError(
            f"format checks {sorted(missing)} are unavailable: install jsonschema[format-nongpl]"
        )
    return checker


@functools.cache
def fast(name: str) -> Any:
    """A compiled ``jsonschema-rs`` validator for the closed schema ``name``."""
    return jsonschema_rs.validator_for(closed(name), registry=_rs_registry(), validate_formats=True)


@functools.cache
def _format_validator(fmt: str) -> Any:
    return jsonschema_rs.validator_for({"format": fmt}, validate_formats=True)


def format_valid(fmt: str, value: Any) -> bool:
    """Whether the fast pass accepts ``value`` for ``format`` ``fmt``.

    The two format checkers differ at the edges (``jsonschema-rs`` takes RFC 3339 leap
    seconds and year 0000, ``rfc3339-validator`` does not); the fast pass is the authority.
    """
    return bool(_format_validator(fmt).is_valid(value))


@functools.cache
def detailed(name: str) -> jsonschema.Draft202012Validator:
    """A ``jsonschema`` validator for the closed schema ``name``, formats asserted."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        closed(name), registry=_py_registry(), format_checker=format_checker()
    )


def item_schema(name: str) -> str | None:
    """For a list schema (``onecodex/sample-list``), the name of its item schema."""
    items = load(name).get("items")
    if not isinstance(items, dict) or "$ref" not in items:
        return None
    folder = name.rsplit("/", 1)[0]
    target = f"{folder}/{items['$ref'].removesuffix('.schema.json')}"
    return target if target in _all() else None


def resolve(name: str, node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/x``) inside schema ``name``; merge its annotations."""
    seen = 0
    while "$ref" in node and node["$ref"].startswith("#/$defs/") and seen < 16:
        target = load(name)["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def properties(name: str) -> dict[str, dict[str, Any]]:
    """Field name -> its (resolved) schema, for an object schema."""
    return {k: resolve(name, v) for k, v in load(name).get("properties", {}).items()}


def allowed_types(node: dict[str, Any]) -> list[str]:
    """The JSON types a (resolved) property schema allows."""
    if "type" in node:
        return node["type"] if isinstance(node["type"], list) else [node["type"]]
    types: list[str] = []
    for branch in node.get("anyOf", []) + node.get("oneOf", []):
        for t in allowed_types(branch) or ["object"]:
            if t not in types:
                types.append(t)
    return types


def enum_values(node: dict[str, Any]) -> list[Any]:
    """The non-null enum values of a property schema (empty when it is not an enum)."""
    return [v for v in node.get("enum", []) if v is not None]
