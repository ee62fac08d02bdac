"""JSON pointers (RFC 6901) and short renderings of values for messages."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any


def escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(parts: Iterable[object], prefix: str = "") -> str:
    return prefix + "".join(f"/{escape(p)}" for p in parts)


SHOWN = 80  # characters of a value a message shows before cutting it


class Written(float):
    """A JSON number too large for a float (``1e400``): it compares as infinity, shows as written."""

    written: str

    def __new__(cls, text: str) -> Written:
        number = super().__new__(cls, text)
        number.written = text
        return number


def parse_float(text: str) -> float:
    """``json.loads``'s ``parse_float``: a float, or a :class:`Written` when it overflows."""
    number = float(text)
    return number if math.isfinite(number) else Written(text)


def show(value: Any, limit: int = SHOWN, *, length: bool = True) -> str:
    """A value as it would appear in JSON, cut to about ``limit`` characters.

    A cut value ends in an ellipsis and says how long it was (``"aaaa…" (5,000 characters)``,
    ``["t0", "t1", …] (238,902 characters)``) unless ``length`` is False (a message that
    states the length itself). A number too large for a float shows as written (``1e400``).
    """
    if isinstance(value, Written):
        return value.written
    if isinstance(value, str) and len(value) > limit:
        cut = json.dumps(value[: limit - 1] + "…", ensure_ascii=False)
        return cut + (f" ({len(value):,} characters)" if length else "")
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…" + (f" ({len(text):,} characters)" if length else "")
