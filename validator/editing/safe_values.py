"""Rewrites of one cell value that cannot change its meaning.

- stray spaces and non-breaking spaces (trimmed; a non-breaking space inside
  becomes a plain space);
- an enum value that differs from an allowed one only in case, spacing or
  punctuation, or is a documented alias (``x-aliases`` in the OpenAPI
  documents): only the *safe* suggestions of :func:`validator.suggest.suggest`;
- a decimal comma in a numeric field (``45,3``), unless the comma could be a
  thousands separator that gives an allowed number too (``1,500``);
- a date written in another unambiguous form (``2024/05/01``, ``25.12.2024``,
  ``1 May 2024``) rewritten as ISO 8601 ``YYYY-MM-DD``; ``03/04/2024`` is left
  alone, since it may be the 3rd of April or the 4th of March.

Every function returns the new value, or None when there is nothing safe to do.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from validator.spec.fields import FieldSpec
from validator.spec.suggest import suggest

_SPACES = " \t\r\n\u00a0\u2007\u202f\ufeff"
_DECIMAL_COMMA = re.compile(r"([+-]?)(\d+),(\d+)")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_OR_MDY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_NAMED_MONTH = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def trimmed(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    new = value.strip(_SPACES).replace("\u00a0", " ")
    return new if new != value else None


def enum_value(value: Any, spec: FieldSpec) -> str | None:
    allowed = [v for v in spec.enum if isinstance(v, str)]
    if not allowed or not isinstance(value, str) or value in allowed:
        return None
    hit = suggest(value, allowed, spec.value_aliases)
    return hit.value if hit and hit.safe else None


def decimal_point(value: Any, spec: FieldSpec) -> str | None:
    if spec.kind != "number" or not isinstance(value, str):
        return None
    match = _DECIMAL_COMMA.fullmatch(value.strip(_SPACES))
    if not match:
        return None
    sign, whole, fraction = match.groups()
    if len(fraction) == 3 and whole.lstrip("0"):  # 1,500: a thousands separator reads as 1500
        as_thousands = float(f"{sign}{whole}{fraction}")
        if spec.within(as_thousands):
            return None
    return f"{sign}{whole}.{fraction}"


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: Any, spec: FieldSpec) -> str | None:
    if not spec.dated or not isinstance(value, str):
        return None
    text = value.strip(_SPACES)
    if match := _YMD.fullmatch(text):
        year, month, day = map(int, match.groups())
        new = _date(year, month, day)
    elif match := _DMY_OR_MDY.fullmatch(text):
        first, second, year = map(int, match.groups())
        if first > 12 >= second or first == second:
            new = _date(year, second, first)
        elif second > 12 >= first:
            new = _date(year, first, second)
        else:
            new = None  # 03/04/2024: day first or month first cannot be told
    else:
        new = _named_month(text)
    return new if new != value else None


def _named_month(text: str) -> str | None:
    cleaned = re.sub(r"[\s,.\-/]+", " ", text).strip()
    for pattern in _NAMED_MONTH:
        try:
            return dt.datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    return None


REWRITES = (("enum", enum_value), ("decimal comma", decimal_point), ("date", iso_date))


def safe_value(value: Any, spec: FieldSpec | None) -> tuple[Any, list[str]]:
    """The value after every safe rewrite for a field with spec ``spec``, and their names.

    ``spec`` is None for a column the schema does not describe (a custom key):
    only spaces are trimmed there.
    """
    reasons = []
    if (new := trimmed(value)) is not None:
        value, reasons = new, ["whitespace"]
    for reason, rewrite in REWRITES if spec else ():
        if (new := rewrite(value, spec)) is not None:
            value = new
            reasons.append(reason)
    return value, reasons
