"""Turn cell values into the JSON values an upload sends, column by column.

What a lab sheet needs: numbers written as text, decimal commas (reported with
the fix), ISO dates and date-times as text (a date becomes an RFC 3339
date-time at midnight UTC, a time without an offset is taken as UTC), typed
Excel dates and numbers, booleans written true/false/yes/no/1/0, and custom
values by the upload rules (a number if it parses, then true/1/t/y/yes and
false/0/f/n/no, else the text). Cells that cannot be coerced come back as
:class:`Problem` rows and are left empty in the result, so that later checks do
not report them again.

Text columns (CSV) are handled with vectorised string operations; only typed
XLSX cells and the failing cells are visited one by one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from validator.findings import messages
from validator.findings.model import Finding
from validator.findings.place import Place
from validator.spec.fields import FieldSpec
from validator.spec.pointers import show

TRUE = ("true", "t", "yes", "y", "1")
FALSE = ("false", "f", "no", "n", "0")
_BOOLEANS = {**dict.fromkeys(TRUE, True), **dict.fromkeys(FALSE, False)}
# ASCII classes and no anchors: pandas runs these in pyarrow (RE2), not row by row in Python.
_DECIMAL_COMMA = r"[+-]?[0-9]+,[0-9]+"
_DATE = r"([0-9]{4}-[0-9]{2}-[0-9]{2})"
_DATE_ONLY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_RFC3339 = _DATE_ONLY + r"[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
_DATETIME = _DATE + r"(?:[Tt ]([0-9]{2}:[0-9]{2})(:[0-9]{2}(?:\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?"


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell that cannot be coerced: the row, the code and what to tell the user."""

    row: int
    code: str
    message: str
    value: Any
    expected: Any = None
    suggestion: Any = None

    def finding(self, place: Place) -> Finding:
        """The finding this problem is at ``place``: the one place a sheet problem becomes a finding."""
        return Finding.of(self.code, self.message, place=place, value=self.value, expected=self.expected,
                          suggestion=self.suggestion)


Coerced = tuple[pd.Series, list[Problem]]
Converter = Callable[[pd.Series, FieldSpec], Coerced]
DATE_EXPECTED = "an ISO 8601 date or RFC 3339 date-time, e.g. 2024-05-01 or 2024-05-01T10:00:00Z"
BOOLEAN_EXPECTED = "true/false, yes/no or 1/0"


# What pandas infers for an object column whose cells are all typed: no cell is text.
_NO_TEXT = frozenset({"floating", "integer", "mixed-integer-float", "decimal", "boolean", "datetime",
                      "datetime64", "date", "time", "empty"})


def holds_text(s: pd.Series) -> pd.Series:
    """Which cells hold text: decided for the whole column when its cells are all of one kind."""
    if s.dtype != object:
        return s.notna()
    kind = pd.api.types.infer_dtype(s, skipna=True)
    if kind == "string":
        return s.notna()
    if kind in _NO_TEXT:
        return pd.Series(False, index=s.index)
    return s.map(lambda v: isinstance(v, str)).astype(bool)


def trimmed(s: pd.Series) -> pd.Series:
    """Text cells without surrounding or non-breaking spaces; other cells unchanged."""
    if s.dtype == object:
        is_text = holds_text(s)
        out = s.copy()
        out[is_text] = _trim(s[is_text].astype(str))
        return out.where(~is_text | out.ne(""), None)
    out = _trim(s)
    return out.where(out.ne(""))


def _trim(s: pd.Series) -> pd.Series:
    return s.str.replace("\u00a0", " ", regex=False).str.strip()


def _split(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(text cells, typed cells) of a trimmed column, both without empty cells."""
    s = s.dropna()
    if s.dtype != object:
        return s, s.iloc[:0]
    is_text = holds_text(s)
    return s[is_text].astype("str"), s[~is_text]


def _problems(values: pd.Series, make: Callable[[Any], tuple[str, str, Any, Any]]) -> list[Problem]:
    out = []
    for row, value in values.items():
        code, message, expected, suggestion = make(value)
        out.append(Problem(int(row), code, message, plain(value), expected, suggestion))
    return out


def _said(message: messages.Message) -> tuple[str, str, Any, Any]:
    return message.code, message.text, message.expected, message.suggestion


def plain(value: Any) -> Any:
    """A cell value as JSON shows it: dates as ISO text, numpy scalars as Python, 12.0 as 12."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def as_text(s: pd.Series, spec: FieldSpec) -> Coerced:
    """Text fields: typed cells are written out as Excel shows them (12.0 -> "12")."""
    text, typed = _split(trimmed(s))
    if not len(typed):
        return text.reindex(s.index), []
    out = pd.Series(None, index=s.index, dtype=object)
    out[text.index] = text.astype(object)
    out[typed.index] = typed.map(_typed_text)
    return out, []


def _typed_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def as_number(s: pd.Series, spec: FieldSpec) -> Coerced:
    types = ["integer" if spec.kind == "integer" else "number"]
    word = messages.types_word(types)
    text, typed = _split(trimmed(s))
    out = pd.Series(np.nan, index=s.index, dtype="float64")
    parsed = pd.to_numeric(text, errors="coerce")
    good = parsed.notna() & np.isfinite(parsed.fillna(0))
    out[parsed.index[good]] = parsed[good].astype("float64")
    bad = text[~good]
    comma = bad.str.fullmatch(_DECIMAL_COMMA)
    problems = _problems(bad[comma], lambda v: (
        "decimal-comma", f"{show(v)} uses a decimal comma",
        word, float(v.replace(",", "."))))
    problems += _problems(bad[~comma], lambda v: _said(messages.type_(v, types)))
    if len(typed):
        if pd.api.types.infer_dtype(typed) in ("floating", "integer", "mixed-integer-float"):
            numeric = pd.Series(np.isfinite(typed.to_numpy(dtype="float64")), index=typed.index)
        else:  # booleans, dates or a mix: cell by cell
            numeric = typed.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)
                                and math.isfinite(v)).astype(bool)
        out[typed.index[numeric]] = typed[numeric].astype("float64")
        problems += _problems(typed[~numeric], lambda v: _said(messages.type_(plain(v), types)))
    return out, problems


def as_datetime(s: pd.Series, spec: FieldSpec) -> Coerced:
    """RFC 3339 date-time text; problems for what does not parse as an ISO date or date-time."""
    text, typed = _split(trimmed(s))
    out = pd.Series(None, index=s.index, dtype=object)
    date = text.str.fullmatch(_DATE_ONLY)
    stamp = text.where(text.str.fullmatch(_DATETIME)).where(~date, text + "T00:00:00Z")
    odd = stamp.notna() & ~date & ~text.str.fullmatch(_RFC3339)
    if odd.any():  # times without seconds or offset, a space for T: the few are rebuilt
        parts = text[odd].str.extract(_DATETIME)
        stamp[odd] = (parts[0] + "T" + parts[1].fillna("00:00") + parts[2].fillna(":00")
                      + parts[3].fillna("Z").str.upper())
    good = stamp.notna() & pd.to_datetime(stamp, format="ISO8601", utc=True, errors="coerce").notna()
    out[text.index[good]] = stamp[good].astype(object)
    problems = _problems(text[~good], lambda v: _said(messages.format_(v, "date-time", DATE_EXPECTED)))
    if len(typed):
        is_date = typed.map(lambda v: isinstance(v, dt.date)).astype(bool)
        out[typed.index[is_date]] = typed[is_date].map(_typed_stamp)
        problems += _problems(typed[~is_date], lambda v: (
            "format", f"{show(plain(v))} is not a date", DATE_EXPECTED, None))
    return out, problems


def _typed_stamp(value: dt.date) -> str:
    if not isinstance(value, dt.datetime):
        return f"{value.isoformat()}T00:00:00Z"
    if value.tzinfo is None:
        return value.isoformat() + "Z"
    return value.isoformat()


def as_boolean(s: pd.Series, spec: FieldSpec) -> Coerced:
    text, typed = _split(trimmed(s))
    out = pd.Series(None, index=s.index, dtype=object)
    mapped = text.str.lower().map(_BOOLEANS)
    out[mapped.index[mapped.notna()]] = mapped[mapped.notna()].astype(bool).astype(object)
    problems = _problems(text[mapped.isna()],
                         lambda v: _said(messages.type_(v, ["boolean"], BOOLEAN_EXPECTED)))
    if len(typed):
        flag = typed.map(lambda v: isinstance(v, bool) or v in (0, 1)).astype(bool)
        out[typed.index[flag]] = typed[flag].map(bool)
        problems += _problems(typed[~flag],
                              lambda v: _said(messages.type_(plain(v), ["boolean"], BOOLEAN_EXPECTED)))
    return out, problems


def as_custom_value(s: pd.Series, spec: FieldSpec | None = None) -> Coerced:
    """A ``custom.<key>`` column, by the upload rules: number, then boolean, else text."""
    text, typed = _split(trimmed(s))
    out = pd.Series(None, index=s.index, dtype=object)
    parsed = pd.to_numeric(text, errors="coerce")
    number = parsed.notna() & np.isfinite(parsed.fillna(0))
    out[text.index] = text.astype(object)
    if number.any():
        out[parsed.index[number]] = parsed[number].map(plain_number)
    flags = text[~number].str.lower().map(_BOOLEANS)
    out[flags.index[flags.notna()]] = flags[flags.notna()].astype(bool).astype(object)
    if len(typed):
        out[typed.index] = typed.map(lambda v: v if isinstance(v, bool) else
                                     plain_number(v) if isinstance(v, int | float) else _typed_text(v))
    return out, _lossy(text[number], out)


_LOSSY_CANDIDATE = r"[+-]?0[0-9]|[+-]?[0-9]{16}"


def _lossy(text: pd.Series, out: pd.Series) -> list[Problem]:
    """Custom text that the upload turns into a number that reads differently: leading zeros
    (``0007`` becomes 7) and digit strings beyond a float's precision."""
    suspects = text[text.str.match(_LOSSY_CANDIDATE)]
    problems = []
    for row, cell in suspects.items():
        number = out[row]
        digits = cell.lstrip("+-")
        if digits.isdigit() and int(cell) == number and not (digits.startswith("0") and len(digits) > 1):
            continue
        problems.append(Problem(
            int(row), "custom-value-changes", f"{show(cell)} is uploaded as the number {number!r}, "
            "which reads differently; to keep the text, write it in a custom JSON column "
            f'(custom: {{"key": {show(cell)}}})', cell, "text kept as written", cell))
    return problems


def plain_number(value: float) -> int | float:
    """12.0 -> 12 (when exact), other numbers unchanged: a number as JSON writes it."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def as_custom_object(s: pd.Series, spec: FieldSpec | None = None) -> Coerced:
    """A ``custom`` column: one JSON object per cell (flatness is checked against the schema)."""
    text, typed = _split(trimmed(s))
    out = pd.Series(None, index=s.index, dtype=object)
    problems = []
    expected = 'a JSON object, e.g. {"lab_tech": "Linus Pauling"}'
    for row, cell in text.items():
        try:
            value = json.loads(cell)
        except ValueError:
            value = None
        if isinstance(value, dict):
            out[row] = value
        else:
            problems.append(Problem(int(row), "type", f"{show(cell)} is not a JSON object", cell,
                                    expected))
    problems += _problems(typed, lambda v: ("type", f"{show(plain(v))} is not a JSON object",
                                            expected, None))
    return out, problems


BY_KIND: dict[str, Converter] = {
    "string": as_text,
    "date": as_datetime,
    "date-time": as_datetime,
    "number": as_number,
    "integer": as_number,
    "boolean": as_boolean,
    "object": as_custom_object,
    "scalar": as_custom_value,
}
"""Field kind (:attr:`FieldSpec.kind`) -> how a column of that kind is coerced."""
