"""Field specs: every fact about one schema property, worked out once from the generated schemas.

A :class:`FieldSpec` holds what the checks, the coercion of sheet cells, the
column mapping, the template and ``fix`` need to know of a field: its kind, the
JSON types it allows, whether it is nullable or read-only, its enum, bounds,
lengths, pattern and format, the header aliases (``x-column-aliases``) and the
value aliases (``x-aliases``). :func:`fields` builds them for a schema by name
(cached); :func:`build` does the same for any schema document, so that a changed
OpenAPI document gives changed field specs.

The kinds: ``string``, ``number``, ``integer``, ``boolean``, ``date`` and
``date-time`` (strings with that format), ``reference`` (a ``$ref``/``$uri``
link to another resource), ``object``, ``array``, and ``scalar`` (a value of
several scalar types, such as a custom metadata value).

The custom-key types a lab may name (``[custom.<key>] type`` in the
configuration, ``--custom key:type`` for the template) form one vocabulary,
:data:`CUSTOM_TYPES`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from validator.spec import schemas

METADATA = "onecodex/metadata"
"""The schema of a metadata record: the one a lab sheet row becomes."""
CUSTOM = "custom"
"""The metadata field that holds a lab's own keys (``custom.<key>`` in a sheet)."""
CUSTOM_PREFIX = CUSTOM + "."

KINDS = ("string", "number", "integer", "boolean", "date", "date-time", "reference", "object",
         "array", "scalar")
NUMERIC = frozenset({"number", "integer"})
DATED = frozenset({"date", "date-time"})

CUSTOM_TYPES: dict[str, str] = {
    "string": "string", "number": "number", "integer": "integer", "boolean": "boolean",
    "date": "date", "text": "string",
}
"""Custom-key type name -> the field kind it stands for (``text`` is another name for ``string``)."""

Resolve = Callable[[dict[str, Any]], dict[str, Any]]  # follows a local "$ref" to its definition
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment", "deprecated",
                          "readOnly", "writeOnly"})
_BOUND_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


@dataclass(frozen=True, eq=True)
class FieldSpec:
    """What a schema says of one field (``name``), in one place."""

    name: str
    kind: str
    types: tuple[str, ...] = ()  # the JSON types allowed besides null, in schema order
    nullable: bool = False
    enum: tuple[Any, ...] = ()  # the allowed values besides null
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    format: str | None = None
    read_only: bool = False
    column_aliases: tuple[str, ...] = ()  # x-column-aliases: other headers for the field
    value_aliases: Mapping[str, str] = field(default_factory=dict)  # x-aliases: alias -> enum value
    description: str = ""
    default: Any = None
    finding_code: Any = None  # x-finding-code: a code, or {keyword: code}
    keywords: frozenset[str] = frozenset()  # the validation keywords the schema node uses
    schema: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash((self.name, self.kind, self.types, self.nullable, self.enum, self.read_only))

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    @property
    def dated(self) -> bool:
        """A date or date-time string."""
        return self.kind in DATED

    @property
    def custom(self) -> bool:
        """The ``custom`` object or one of its keys."""
        return self.name == CUSTOM or self.name.startswith(CUSTOM_PREFIX)

    @property
    def constrained(self) -> bool:
        """Whether the field has an enum, a bound, a length or a pattern (what column checks test)."""
        return bool(self.enum) or self.pattern is not None or any(
            v is not None for v in (self.minimum, self.maximum, self.exclusive_minimum,
                                    self.exclusive_maximum, self.min_length, self.max_length))

    def lower(self) -> tuple[float, bool] | None:
        """The lower bound and whether it is exclusive (``exclusiveMinimum`` wins), or None."""
        if self.exclusive_minimum is not None:
            return self.exclusive_minimum, True
        return (self.minimum, False) if self.minimum is not None else None

    def upper(self) -> tuple[float, bool] | None:
        """The upper bound and whether it is exclusive (``exclusiveMaximum`` wins), or None."""
        if self.exclusive_maximum is not None:
            return self.exclusive_maximum, True
        return (self.maximum, False) if self.maximum is not None else None

    def within(self, number: float) -> bool:
        """Whether a number lies inside the field's bounds (every bound that is given)."""
        low, high = self.lower(), self.upper()
        return not ((low and (number <= low[0] if low[1] else number < low[0]))
                    or (high and (number >= high[0] if high[1] else number > high[0])))


def _merged(node: Mapping[str, Any], resolve: Resolve) -> dict[str, Any]:
    """The node with ``$ref`` resolved and a nullable ``anyOf [X, null]`` folded into X."""
    node = resolve(dict(node))
    branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
    if "anyOf" in node and len(branches) == 1 and len(node["anyOf"]) == 2:
        outer = {k: v for k, v in node.items() if k != "anyOf"}
        node = {**resolve(dict(branches[0])), **outer}
    return node


def _is_reference(node: Mapping[str, Any], resolve: Resolve) -> bool:
    """A ``$ref``/``$uri`` link, or a choice of which one branch is such a link (a reference or an id)."""
    if "$ref" in node or "$ref" in node.get("properties", {}):
        return True
    return any("$ref" in resolve(dict(b)).get("properties", {}) for b in node.get("anyOf", []))


def _kind(name: str, node: Mapping[str, Any], types: list[str], resolve: Resolve) -> str:
    if name == "$uri" or _is_reference(node, resolve):
        return "reference"
    if "array" in types:
        return "array"
    if types == ["string"]:
        return node["format"] if node.get("format") in DATED else "string"
    if types and set(types) <= NUMERIC:
        return "integer" if types == ["integer"] else "number"
    if types == ["boolean"]:
        return "boolean"
    if "object" in types:
        return "object"
    return "scalar" if types else "string"


def _finite(value: Any) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) \
        and math.isfinite(value) else None


def _as_is(node: dict[str, Any]) -> dict[str, Any]:
    return node


def spec_of(name: str, node: Mapping[str, Any], resolve: Resolve | None = None) -> FieldSpec:
    """The field spec of one property schema ``node`` (``resolve`` follows local ``$ref``)."""
    resolve = resolve or _as_is
    every = schemas.allowed_types(resolve(dict(node)))  # before anyOf [X, null] is folded into X
    node = _merged(node, resolve)
    types = [t for t in schemas.allowed_types(node) if t != "null"]
    raw_enum = node.get("enum", [])
    return FieldSpec(
        name=name,
        kind=_kind(name, node, types, resolve),
        types=tuple(types),
        nullable="null" in every or None in raw_enum,
        enum=tuple(v for v in raw_enum if v is not None),
        minimum=_finite(node.get("minimum")),
        maximum=_finite(node.get("maximum")),
        exclusive_minimum=_finite(node.get("exclusiveMinimum")),
        exclusive_maximum=_finite(node.get("exclusiveMaximum")),
        min_length=node.get("minLength"),
        max_length=node.get("maxLength"),
        pattern=node.get("pattern"),
        format=node.get("format"),
        read_only=bool(node.get("readOnly")),
        column_aliases=tuple(node.get("x-column-aliases", ())),
        value_aliases=dict(node.get("x-aliases", {})),
        description=node.get("description", ""),
        default=node.get("default"),
        finding_code=node.get("x-finding-code"),
        keywords=frozenset(k for k in node if not k.startswith("x-") and k not in _ANNOTATIONS),
        schema=node,
    )


def build(schema: Mapping[str, Any]) -> dict[str, FieldSpec]:
    """Field name -> spec, for every property of an object schema document (not cached)."""
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        seen = 0
        while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/") and seen < 16:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            seen += 1
        return node

    return {name: spec_of(name, node, resolve) for name, node in schema.get("properties", {}).items()}


@functools.cache
def fields(name: str = METADATA) -> dict[str, FieldSpec]:
    """Field name -> spec, for every property of the schema ``name`` (built once)."""
    return build(schemas.load(name))


def get(name: str, field_name: str) -> FieldSpec | None:
    """The spec of one field of schema ``name``, or None when the schema has no such field."""
    return fields(name).get(field_name)


@functools.cache
def writable(name: str = METADATA) -> dict[str, FieldSpec]:
    """The fields a request may set (not ``readOnly``), in schema order."""
    return {k: v for k, v in fields(name).items() if not v.read_only}


@functools.cache
def read_only(name: str = METADATA) -> tuple[str, ...]:
    """The ``readOnly`` fields: the API reports them and takes none of them."""
    return tuple(k for k, v in fields(name).items() if v.read_only)


@functools.cache
def custom_value(name: str = METADATA) -> FieldSpec:
    """The spec every ``custom.<key>`` value shares (the schema of the custom object's values)."""
    node = fields(name)[CUSTOM].schema.get("additionalProperties")
    return spec_of(CUSTOM_PREFIX + "*", node if isinstance(node, Mapping) else {})


def spec_for(field_name: str, name: str = METADATA) -> FieldSpec | None:
    """The spec of a field or of a ``custom.<key>`` (sheet columns name custom keys that way)."""
    if field_name.startswith(CUSTOM_PREFIX):
        return custom_value(name)
    return get(name, field_name)


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "number": (int, float), "integer": (int,),
                                              "boolean": (bool,), "date": (str,)}


def custom_type_ok(value: Any, type_name: str) -> bool:
    """Whether a JSON value is of a custom-key type (a boolean is not a number; a date is ISO text)."""
    kind = CUSTOM_TYPES[type_name]
    if isinstance(value, bool) and kind != "boolean":
        return False
    if kind == "date":
        return isinstance(value, str) and schemas.format_valid("date", value)
    return isinstance(value, _PYTHON_TYPES[kind])


def custom_kind(type_name: str) -> str | None:
    """The field kind a custom-key type name stands for, or None when it is not one."""
    return CUSTOM_TYPES.get(type_name)
