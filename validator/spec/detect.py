"""``--schema auto``: tell which schema a JSON document follows, by shape and ``$uri``."""

from __future__ import annotations

from typing import Any

from validator.errors import DetectError
from validator.spec.fields import METADATA

SAMPLE = "onecodex/sample"
_URI_KINDS = {"/api/v1/samples/": SAMPLE, "/api/v1/metadata/": METADATA}


def _record_kind(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    uri = obj.get("$uri")
    if isinstance(uri, str):
        for prefix, name in _URI_KINDS.items():
            if uri.startswith(prefix):
                return name
    if {"data", "pagination"} <= obj.keys():
        return "sample-platform/page"
    if {"code", "message"} <= obj.keys() and ("details" in obj or len(obj) <= 3):
        return "sample-platform/error"
    if {"sample_id", "sha"} <= obj.keys():
        return "sample-platform/media-sample"
    return None


def detect(obj: Any) -> str:
    """The schema name for ``obj``; raises :class:`DetectError` saying why when it cannot tell."""
    if isinstance(obj, list):
        if not obj:
            raise DetectError("cannot tell the schema of an empty list (samples or metadata?); "
                              "pass --schema")
        kinds = {_record_kind(item) for item in obj}
        if len(kinds) == 1:
            kind = kinds.pop()
            if kind in (SAMPLE, METADATA):
                return f"{kind}-list"
        if kinds <= {SAMPLE, METADATA, None} and kinds - {None}:
            raise DetectError("cannot tell the schema: the list mixes samples, metadata and other "
                              "objects; pass --schema")
        raise DetectError("cannot tell the schema of this list: its items carry no One Codex "
                          "$uri; pass --schema")
    kind = _record_kind(obj)
    if kind is None:
        raise DetectError("cannot tell the schema: not a sample or metadata list, a Sample "
                          "Platform page or an error envelope; pass --schema")
    return kind
