"""One message per JSON Schema keyword: what a finding says when a value breaks it.

The JSON record checks (:mod:`validator.checks.records`) and the sheet column
checks (:mod:`validator.checks.sheets`) both call these functions, so that a bad
value gets the same code, message, ``expected`` and did-you-mean whether it sits
in a spreadsheet cell or in a JSON document. Each function takes the bad value
and what the schema says (the keyword's value) and returns a :class:`Message`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from validator.spec.pointers import show
from validator.spec.suggest import closest, suggest

TYPE_WORDS = {
    "string": "a string", "number": "a number", "integer": "an integer", "boolean": "a boolean",
    "object": "an object", "array": "an array", "null": "null",
}
FORMAT_HINTS = {
    "date-time": "an RFC 3339 date-time, e.g. 2024-05-01T10:00:00Z",
    "date": "an ISO 8601 date, e.g. 2024-05-01",
}
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
LENGTHS = ("minLength", "maxLength")
CODES = {"minimum": "minimum", "exclusiveMinimum": "minimum", "maximum": "maximum",
         "exclusiveMaximum": "maximum", "minLength": "min-length", "maxLength": "max-length",
         "enum": "enum", "const": "enum", "pattern": "pattern", "format": "format", "type": "type",
         "required": "required"}
"""JSON Schema keyword -> the finding code its failures get."""


class Message(NamedTuple):
    """A finding's code, message, what would be valid, and a did-you-mean (or None)."""

    code: str
    text: str
    expected: Any = None
    suggestion: Any = None


def types_word(types: Sequence[str]) -> str:
    """``["number", "null"]`` -> ``a number or null``."""
    words = [TYPE_WORDS.get(t, t) for t in types]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def type_(value: Any, types: Sequence[str], expected: Any = None) -> Message:
    """``type``: the value is not of the allowed JSON type(s)."""
    word = types_word(types)
    return Message("type", f"{show(value)} is not {word}", word if expected is None else expected)


def non_finite(shown: str) -> Message:
    """NaN or an infinity, which JSON cannot hold; or a number written too large to read (``type``)."""
    if shown in ("NaN", "Infinity", "-Infinity"):
        return Message("type", f"{shown} is not a JSON number", "a finite number")
    return Message("type", f"{shown} is too large for a number (at most about 1.8e308)",
                   "a finite number")


def enum(value: Any, field: str, allowed: Iterable[Any],
         aliases: Mapping[str, str] | None = None) -> Message:
    """``enum``/``const``: the value is not one of the allowed ones; did-you-mean from ``aliases`` too."""
    allowed = list(allowed)
    hint = suggest(value, allowed, aliases)
    return Message("enum", f"{show(value)} is not a {field}", [a for a in allowed if a is not None],
                   hint.value if hint else None)


def bound(keyword: str, value: Any, limit: Any) -> Message:
    """``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``."""
    high = "aximum" in keyword
    strict = keyword.startswith("exclusive")
    word = "greater than" if high else "less than"
    sign = ("<" if high else ">") + ("" if strict else "=")
    return Message(CODES[keyword], f"{show(value)} is {word} {show(limit)}", f"{sign} {show(limit)}")


def length(keyword: str, value: str, limit: int) -> Message:
    """``minLength``, ``maxLength``."""
    more = keyword == "maxLength"
    return Message(CODES[keyword], f"{show(value, 40, length=False)} has {len(value)} characters, "
                   f"{'more' if more else 'fewer'} than the {limit} allowed",
                   f"{'at most' if more else 'at least'} {limit} characters")


def pattern(value: Any, regex: str, description: str | None = None) -> Message:
    """``pattern``: the text does not match (a JSON Schema pattern is searched for, not anchored).

    ``description`` is the pattern in words (``x-pattern-description`` beside it in the
    OpenAPI document); the regex stays in ``expected`` for those who read regexes.
    """
    if description:
        return Message("pattern", f"{show(value)} is not {description}",
                       f"{description} (matching {regex})")
    return Message("pattern", f"{show(value)} does not match {regex}", f"matching {regex}")


ITEM_CODES = {"maxItems": "max-items", "minItems": "min-items", "uniqueItems": "unique-items"}


def items(keyword: str, value: Any, limit: Any) -> Message:
    """``maxItems``, ``minItems``, ``uniqueItems``: the limit stated, the array shown cut."""
    count = len(value) if isinstance(value, list) else 0
    if keyword == "maxItems":
        return Message("max-items", f"{show(value)} has {count:,} items, more than the {limit} "
                       "allowed", f"at most {limit} items")
    if keyword == "minItems":
        return Message("min-items", f"{show(value)} has {count:,} items, fewer than the {limit} "
                       "needed", f"at least {limit} items")
    return Message("unique-items", f"{show(value)} repeats an item", "each item once")


def date_time_without_zone(value: str) -> Message | None:
    """``format`` for a date-time that lacks only its time zone: say so, and show the fix."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if "T" not in value.upper() or parsed.tzinfo is not None:
        return None
    return Message("format", f"{show(value)} has no time zone; add one, e.g. {value}Z for UTC "
                   f"or {value}+02:00", "an RFC 3339 date-time with a zone, e.g. "
                   f"{value}Z")


def reference_kind(value: Any, regex: str) -> Message:
    """``pattern`` on a ``$ref``/``$uri``: the link names another kind of resource."""
    kind = regex.split("/")[3] if regex.count("/") > 3 else "?"
    return Message("reference-kind", f"{show(value)} is not a reference to {kind}", f"matching {regex}")


def format_(value: Any, fmt: str, expected: Any = None) -> Message:
    """``format``: the text is not a valid ``date``, ``date-time``...; ``expected`` overrides the hint."""
    if fmt == "date-time" and isinstance(value, str) and expected is None:
        zone = date_time_without_zone(value)
        if zone:
            return zone
    return Message("format", f"{show(value)} is not a valid {fmt}",
                   FORMAT_HINTS.get(fmt, fmt) if expected is None else expected)


def required(key: str, origin: str = "") -> Message:
    """``required``: the key is missing (``origin`` says who asks, e.g. ``by samplecheck.toml``)."""
    return Message("required", f"{key!r} is required" + (f" {origin}" if origin else ""), key)


def required_any(keys: list[str]) -> Message:
    """``required`` in each branch of an ``anyOf``: one of the keys must be there."""
    return Message("required", " or ".join(repr(k) for k in keys) + " is required", keys)


def additional(key: str, known: list[str], closed: bool) -> Message:
    """``additionalProperties``: a key the schema does not know (closed) or does not allow."""
    code = "unknown-field" if closed else "field-not-allowed"
    what = "not in the schema" if closed else "not allowed here"
    return Message(code, f"{key!r} is {what}", known, closest(key, known))


def for_keyword(keyword: str, value: Any, limit: Any, *, field: str = "value",
                aliases: Mapping[str, str] | None = None) -> Message:
    """The message for ``value`` failing ``keyword`` whose schema value is ``limit``."""
    if keyword in BOUNDS:
        return bound(keyword, value, limit)
    if keyword in LENGTHS:
        return length(keyword, value, limit)
    if keyword == "enum":
        return enum(value, field, limit, aliases)
    if keyword == "const":
        return enum(value, field, [limit], aliases)
    if keyword == "pattern":
        return pattern(value, limit)
    if keyword == "format":
        return format_(value, limit)
    if keyword == "type":
        return type_(value, limit if isinstance(limit, list) else [limit])
    raise ValueError(f"no message for the keyword {keyword!r}")


READ_ONLY_WHY = "the API sets it, so an upload cannot write it; remove the column"
"""Why a read-only field cannot be a sheet column (ends the ``read-only-column`` message)."""
