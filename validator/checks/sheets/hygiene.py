"""Spreadsheet hygiene: warnings about cells a spreadsheet program or a person got subtly wrong.

- stray whitespace (leading, trailing, non-breaking), with the trimmed value as the fix;
- text that a spreadsheet program would run as a formula (``= + - @`` first);
- ID columns Excel changed on opening: dates, scientific notation, lost leading zeros;
- dates in the future.

ID columns are ``external_sample_id`` and custom columns whose key ends in ``id``. The
``*_check`` functions are the ``column`` checks of :mod:`validator.checks.registry`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from validator.checks.sheets.coerce import Problem, holds_text, plain, trimmed
from validator.checks.sheets.values import ColumnValues
from validator.spec.fields import DATED
from validator.spec.pointers import show

_FORMULA = r"[=+\-@]"
# ASCII classes and no anchors: pandas runs these in pyarrow (RE2), not row by row in Python.
_SCIENTIFIC = r"[0-9](?:[.,][0-9]+)?[eE]\+?[0-9]+"
_DATE_LIKE = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T].*)?|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}"
              r"|[0-9]{1,2}-[A-Za-z]{3}(?:-[0-9]{2,4})?")


def is_id_field(field: str) -> bool:
    key = field.split(".", 1)[-1].casefold()
    return key.endswith("_id") or key == "id" or (field.startswith("custom.") and key.endswith("id"))


def _text_cells(s: pd.Series) -> pd.Series:
    s = s.dropna()
    if s.dtype == object:
        s = s[holds_text(s)].astype("str")
    return s


def candidates(raw: pd.Series) -> pd.Series:
    """The cells a whitespace, formula or mangled-ID rule could flag: a text column loses its plain cells.

    A plain cell is ASCII text that starts with a letter and has nothing to trim: it has
    no stray space, does not start like a formula and is not digits, a date or a number.
    Typed (XLSX object) columns are kept whole. A few vectorised passes here spare the
    rules theirs over every cell of a column of distinct values (names, IDs).
    """
    if raw.dtype == object:
        return raw
    text = raw.dropna()
    plain = text.str.isascii() & text.str[:1].str.isalpha() & text.eq(text.str.strip())
    return text[~plain]


def whitespace(raw: pd.Series) -> list[Problem]:
    text = _text_cells(raw)
    flagged = text[text.ne(text.str.strip()) | text.str.contains("\u00a0", regex=False)]
    fixed = trimmed(flagged)
    return [Problem(int(row), "whitespace", _space_message(value), value, None,
                    "" if pd.isna(fix) else fix)
            for (row, value), fix in zip(flagged.items(), fixed, strict=True)]


def _space_message(value: str) -> str:
    if "\u00a0" in value:
        return f"{show(value)} holds a non-breaking space"
    where = [w for w, hit in (("leading", value[:1].isspace()), ("trailing", value[-1:].isspace())) if hit]
    return f"{show(value)} has {' and '.join(where)} whitespace"


def formulas(values: pd.Series) -> list[Problem]:
    """Coerced text values (not numbers) that start like a formula."""
    text = _text_cells(values)
    flagged = text[text.str.match(_FORMULA)]
    return [Problem(int(row), "formula-injection",
                    f"{show(value)} starts with {value[0]!r}: a spreadsheet program runs it as a formula",
                    value, "text that does not start with = + - @", value.lstrip("=+-@ ") or None)
            for row, value in flagged.items()]


def mangled_ids(raw: pd.Series, width: int | None = None) -> list[Problem]:
    """Cells of an ID column that show Excel's silent changes.

    ``width``: the longest zero-padded ID of the whole column, when ``raw`` is a batch of it.
    """
    out: list[Problem] = []
    raw = raw.dropna()
    text = trimmed(_text_cells(raw)).dropna()
    for row, value in text[text.str.fullmatch(_SCIENTIFIC)].items():
        out.append(Problem(int(row), "excel-mangled-id",
                           f"{show(value)} is an ID in scientific notation: Excel has rounded it", value,
                           "the ID as text"))
    for row, value in text[text.str.fullmatch(_DATE_LIKE)].items():
        out.append(Problem(int(row), "excel-mangled-id",
                           f"{show(value)} in an ID column looks like a date Excel made of an ID", value,
                           "the ID as text"))
    typed = raw.iloc[:0]
    if raw.dtype == object:
        typed = raw[~holds_text(raw)]
    for row, value in typed.items():
        if isinstance(value, dt.date):
            out.append(Problem(int(row), "excel-mangled-id",
                               f"{show(plain(value))} in an ID column is a date cell: Excel read the ID "
                               "as a date", plain(value), "the ID as text"))
        elif isinstance(value, float) and abs(value) >= 1e15:
            out.append(Problem(int(row), "excel-mangled-id",
                               f"{show(value)} in an ID column is a number too long for Excel to keep "
                               "exactly", value, "the ID as text"))
    out += _lost_zeros(raw, width)
    return sorted(out, key=lambda p: p.row)


def _digits(raw: pd.Series) -> pd.Series:
    """The cells of an ID column that are digits only, as Excel shows them."""
    if raw.dtype == object:
        shown = raw.map(lambda v: v if isinstance(v, str)
                        else str(int(v)) if isinstance(v, float) and v.is_integer()
                        else str(v)).astype("str")
    else:
        shown = raw.astype("str")
    shown = shown.str.strip()
    return shown[shown.str.fullmatch("[0-9]+")]


def padded_width(raw: pd.Series) -> int:
    """The length of the longest zero-padded digit ID among these cells (0: none)."""
    digits = _digits(raw.dropna())
    padded = digits[digits.str.startswith("0")]
    return int(padded.str.len().max()) if len(padded) else 0


def _lost_zeros(raw: pd.Series, width: int | None = None) -> list[Problem]:
    """Digit-only IDs shorter than the zero-padded IDs beside them (00123 became 123)."""
    digits = _digits(raw)
    if width is None:
        width = padded_width(raw)
    if not width:
        return []
    short = digits[(digits.str.len() < width) & ~digits.str.startswith("0")]
    return [Problem(int(row), "excel-mangled-id",
                    f"{show(value)} is shorter than the zero-padded IDs in this column: Excel drops "
                    "leading zeros", plain(raw[row]), f"{width} digits", value.zfill(width))
            for row, value in short.items()]


def future_dates(stamps: pd.Series, raw: pd.Series, today: dt.datetime | None = None) -> list[Problem]:
    """Coerced RFC 3339 stamps after now; the value is the cell as written."""
    stamps = stamps.dropna()
    if stamps.empty:
        return []
    now = pd.Timestamp(today or dt.datetime.now(dt.UTC))
    parsed = pd.to_datetime(stamps.astype("str"), format="ISO8601", utc=True, errors="coerce")
    late = stamps[parsed > now]
    return [Problem(int(row), "future-date", f"{show(plain(raw[row]))} is in the future", plain(raw[row]),
                    f"a date on or before {now.date().isoformat()}")
            for row in late.index]


def _suspects(col: ColumnValues) -> pd.Series:
    return col.once("hygiene-candidates", lambda c: candidates(c.raw))


def whitespace_check(col: ColumnValues) -> list[Problem]:
    """``whitespace`` in any column."""
    return whitespace(_suspects(col))


def formula_check(col: ColumnValues) -> list[Problem]:
    """``formula-injection`` in text and custom columns (their coerced values)."""
    if col.kind not in ("string", "scalar"):
        return []
    return formulas(col.values.loc[_suspects(col).index])


def mangled_id_check(col: ColumnValues) -> list[Problem]:
    """``excel-mangled-id`` in ID columns."""
    if not is_id_field(col.field):
        return []
    return mangled_ids(_suspects(col), col.once("padded-width", lambda c: None))  # seeded for a batch


def future_date_check(col: ColumnValues) -> list[Problem]:
    """``future-date`` in date-time columns."""
    return future_dates(col.values, col.raw) if col.kind in DATED else []
