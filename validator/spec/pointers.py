"""JSON pointers (RFC 6901) and short renderings of values for messages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(parts: Iterable[object], prefix: str = "") -> str:
    return prefix + "".join(f"/{escape(p)}" for p in parts)


def show(value: Any, limit: int = 60) -> str:
    """A value as it would appear in JSON, cut to ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        return json.dumps(value[: limit - 1] + "…", ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
