"""Did-you-mean: the one place that proposes what a bad value was meant to be.

Used for enum values, field and column names, schema names and rule codes.
A suggestion is *safe* when the value differs from the target only in case,
spacing or punctuation, or is a documented alias (``x-aliases`` in the OpenAPI
documents); only safe suggestions may be applied automatically.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

_SEPARATORS = re.compile(r"[\s_\-./]+")


class Suggestion(NamedTuple):
    value: str
    safe: bool


def normalise(text: str) -> str:
    """Case-, space-, hyphen-, underscore- and dot-insensitive form of a text."""
    return _SEPARATORS.sub(" ", text.replace("\u00a0", " ")).strip().casefold()


def compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def suggest(value: object, allowed: Iterable[str],
            aliases: Mapping[str, str] | None = None) -> Suggestion | None:
    """The allowed value most likely meant by ``value``, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    allowed = [a for a in allowed if isinstance(a, str)]
    key, flat = normalise(value), compact(value)
    for alias, target in (aliases or {}).items():
        if compact(alias) == flat and target in allowed:
            return Suggestion(target, True)
    for candidate in allowed:
        if compact(candidate) == flat:
            return Suggestion(candidate, True)
    # A unique allowed value that holds the text as whole words ("Nanopore MinION").
    words = [c for c in allowed if f" {key} " in f" {normalise(c)} "]
    if len(words) == 1:
        return Suggestion(words[0], False)
    hit = closest(value, allowed)
    return Suggestion(hit, False) if hit else None


def closest(value: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The candidate closest in spelling (case and separators ignored), or None."""
    by_norm: dict[str, str] = {}
    for c in candidates:
        by_norm.setdefault(compact(c), c)
    hits = difflib.get_close_matches(compact(value), list(by_norm), n=1, cutoff=cutoff)
    return by_norm[hits[0]] if hits else None
