"""Hypothesis strategies compiled from the generated JSON Schemas.

- :func:`valid` draws documents that :func:`validator.check` accepts with no
  finding at all (no unknown fields either);
- :func:`invalid` draws ``(document, expected)`` where exactly one rule is
  broken and ``expected`` names the code and JSON pointer of the one finding
  it must yield.

The compiler covers the subset the schemas use: type unions, ``enum``,
``minimum``/``maximum``, ``minLength``/``maxLength`` (characters), ``pattern``,
``format`` ``date-time``/``date``, ``anyOf``, local and relative ``$ref``,
arrays (``maxItems``) and objects (``properties``, ``required``,
``additionalProperties``). Every limit is read from the schemas; ``x-finding-code``
renames the expected code as the checker does, list items with an ``x-identity``
are drawn distinct, and pages get pagination that agrees with their items. Both
strategies drop the rare draw that trips a rule run after the schema
(the document checks of :mod:`validator.checks.registry`, e.g. two records pointing at one sample).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import UTC, timedelta, timezone
from typing import Any, NamedTuple

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "validator.strategies needs hypothesis: pip install 'samplecheck[test]' "
        "(or pip install hypothesis)"
    ) from exc

from validator.checks import registry
from validator.spec import schemas
from validator.spec.pointers import escape

__all__ = ["Expected", "invalid", "rules", "valid"]

_SAFE_INT = 2**53
_MAX_DRAWN_ITEMS = 2
_REFERENCE_FIELDS = ("$ref", "$uri")
_PAGE_KEYS = {"data", "pagination"}
# finding code -> the JSON Schema keyword it comes from, where they differ
_KEYWORDS = {"max-length": "maxLength", "min-length": "minLength", "reference-kind": "pattern"}
_TEXT = st.characters(codec="utf-8")
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5, minutes=30))])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-_SAFE_INT, _SAFE_INT),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(_TEXT, max_size=10))
_NOT_DATE_TIME = st.one_of(
    st.sampled_from(["yesterday", "2025-02-30T10:00:00Z", "2024-13-01T00:00:00Z", "10:00:00", ""]),
    st.dates().map(lambda d: d.isoformat()),  # a date without its time
    st.datetimes().map(lambda d: d.isoformat()),  # no UTC offset
)
_NOT_DATE = st.one_of(
    st.sampled_from(["yesterday", "2025-02-30", "2024-13-01", "01/05/2024", ""]),
    st.datetimes(timezones=_ZONES).map(lambda d: d.isoformat()),
)


class Expected(NamedTuple):
    """The single finding a broken document must yield."""

    code: str
    pointer: str


@dataclass(frozen=True)
class _Broken:
    """One way to break a node: ``strategy`` draws ``(value, code, pointer below the node)``."""

    code: str
    here: bool  # the rule is broken at the node itself, not below it
    strategy: st.SearchStrategy[tuple[Any, str, str]]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _accepts(types: set[str], value: Any) -> bool:
    kind = _json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("type")
    if t is None:
        return set()
    return set(t) if isinstance(t, list) else {t}


def _wrong_values(allowed: set[str]) -> st.SearchStrategy[Any]:
    """Values of a JSON type ``allowed`` does not accept."""
    options = []
    if "string" not in allowed:
        options.append(st.text(_TEXT, max_size=8))
    if "number" not in allowed:
        fraction = st.floats(-1e6, 1e6).filter(lambda x: not x.is_integer())
        options.append(fraction if "integer" in allowed else st.integers(-1000, 1000) | fraction)
    if "boolean" not in allowed:
        options.append(st.booleans())
    if "null" not in allowed:
        options.append(st.none())
    if "object" not in allowed:
        options.append(st.dictionaries(st.text(_TEXT, max_size=5), _SCALARS, max_size=2))
    if "array" not in allowed:
        options.append(st.lists(_SCALARS, max_size=2))
    return st.one_of(options)


def _coherent_page(page: dict[str, Any]) -> dict[str, Any]:
    """Pagination that agrees with the page's items (the page arithmetic body rules check)."""
    pag, data = page.get("pagination"), page.get("data")
    if not isinstance(pag, dict) or not isinstance(data, list):
        return page
    nums = [pag.get(k) for k in ("limit", "offset", "total")]
    if not all(type(n) is int for n in nums):
        return page
    limit, offset, total = nums
    limit = max(limit, len(data))
    total = max(total, offset + len(data))
    pag = {**pag, "limit": limit, "total": total}
    if "next_offset" in pag:
        pag["next_offset"] = offset + limit if offset + limit < total else None
    return {**page, "pagination": pag}


def _no_body_findings(name: str) -> Any:
    """A filter: the document trips none of the document checks run after the schema."""
    return lambda doc: not registry.run_document(doc, name)


def _here(code: str, values: st.SearchStrategy[Any]) -> _Broken:
    return _Broken(code, True, values.map(lambda v: (v, code, "")))


class _Compiler:
    """Compiles the nodes of one schema family; ``ctx`` is the schema name a node lives in."""

    def resolve(self, node: dict[str, Any], ctx: str) -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` (local ``#/$defs/x`` or a relative file); siblings are annotations."""
        while "$ref" in node:
            ref = node["$ref"]
            if ref.startswith("#/$defs/"):
                target = schemas.load(ctx)["$defs"][ref.rsplit("/", 1)[-1]]
            elif ref == "#":
                target = schemas.load(ctx)
            else:
                ctx = self.relative(ctx, ref)
                target = schemas.load(ctx)
            node = {**target, **{k: v for k, v in node.items() if k != "$ref" and k not in target}}
        return node, ctx

    @staticmethod
    def relative(ctx: str, ref: str) -> str:
        parts = ctx.split("/")[:-1]
        for part in ref.removesuffix(".schema.json").split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        return "/".join(parts)

    def branch_types(self, node: dict[str, Any], ctx: str) -> set[str]:
        node, ctx = self.resolve(node, ctx)
        if "anyOf" in node and "type" not in node:
            return set().union(*(self.branch_types(b, ctx) for b in node["anyOf"]))
        return _types(node) or {"string", "number", "integer", "boolean", "null", "object", "array"}

    # -- valid values ---------------------------------------------------------------------------

    def valid(self, node: dict[str, Any], ctx: str) -> st.SearchStrategy[Any]:
        node, ctx = self.resolve(node, ctx)
        if "enum" in node:
            return st.sampled_from(node["enum"])
        if "anyOf" in node and "type" not in node:
            return st.one_of([self.valid(b, ctx) for b in node["anyOf"]])
        kinds = sorted(_types(node)) or ["object"]
        return st.one_of([self.valid_of_type(node, ctx, kind) for kind in kinds])

    def valid_of_type(self, node: dict[str, Any], ctx: str, kind: str) -> st.SearchStrategy[Any]:
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            return st.integers(node.get("minimum", -_SAFE_INT), node.get("maximum", _SAFE_INT))
        if kind == "number":
            lo, hi = node.get("minimum"), node.get("maximum")
            floats = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
            ints = st.integers(math.ceil(lo) if lo is not None else -_SAFE_INT,
                               math.floor(hi) if hi is not None else _SAFE_INT)
            return floats | ints
        if kind == "string":
            return self.valid_string(node)
        if kind == "array":
            return self.valid_array(node, ctx)
        return self.valid_object(node, ctx)

    @staticmethod
    def valid_string(node: dict[str, Any]) -> st.SearchStrategy[str]:
        lo, hi = node.get("minLength", 0), node.get("maxLength")
        fmt = node.get("format")
        if fmt == "date-time":
            return st.datetimes(timezones=_ZONES).map(lambda d: d.isoformat())
        if fmt == "date":
            return st.dates().map(lambda d: d.isoformat())
        if "pattern" in node:
            fits = st.from_regex(node["pattern"], fullmatch=True, alphabet=_TEXT)
            return fits.filter(lambda s: lo <= len(s) and (hi is None or len(s) <= hi))
        return st.text(_TEXT, min_size=lo, max_size=min(hi, 12) if hi is not None else 12)

    def valid_array(self, node: dict[str, Any], ctx: str) -> st.SearchStrategy[list[Any]]:
        items = node.get("items", {})
        hi = min(node.get("maxItems", _MAX_DRAWN_ITEMS), _MAX_DRAWN_ITEMS)
        key = self.resolve(items, ctx)[0].get("x-identity")  # items that must not repeat
        unique = {"unique_by": lambda item: item.get(key) if isinstance(item, dict) else None} if key else {}
        return st.lists(self.valid(items, ctx), min_size=node.get("minItems", 0), max_size=hi, **unique)

    def required_sets(self, node: dict[str, Any]) -> list[list[str]]:
        """The required keys; an ``anyOf`` of ``required`` lists gives one set per branch."""
        base = list(node.get("required", []))
        branches = node.get("anyOf") if "type" in node else None
        if branches and all(set(b) == {"required"} for b in branches):
            return [base + [k for k in b["required"] if k not in base] for b in branches]
        return [base]

    def valid_object(self, node: dict[str, Any], ctx: str, skip: str | None = None,
                     required: list[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
        """A valid object; ``skip`` leaves one key out (to be set by the caller)."""
        if required is None:
            return st.one_of([self.valid_object(node, ctx, skip, req) for req in self.required_sets(node)])
        props = node.get("properties", {})
        must = {k: self.valid(props.get(k, {}), ctx) for k in required if k != skip}
        may = {k: self.valid(v, ctx) for k, v in props.items() if k not in required and k != skip}
        base = st.fixed_dictionaries(must, optional=may)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not props:
            pairs = st.dictionaries(st.text(_TEXT, max_size=12), self.valid(extra, ctx), max_size=4)
            return st.tuples(base, pairs).map(lambda t: {**t[1], **t[0]})
        if extra is True and not props:
            return st.dictionaries(st.text(_TEXT, max_size=8), _SCALARS, max_size=3)
        return base.map(_coherent_page) if set(props) >= _PAGE_KEYS else base

    # -- broken values --------------------------------------------------------------------------

    def broken(self, node: dict[str, Any], ctx: str, field: str | None = None) -> list[_Broken]:
        """Every way to break exactly one rule at or below ``node``."""
        node, ctx = self.resolve(node, ctx)
        out = self.broken_plain(node, ctx, field)
        recode = node.get("x-finding-code")
        if not recode:
            return out
        renamed = []
        for b in out:  # x-finding-code renames what fails at this node: all, or {keyword: code}
            code = recode if isinstance(recode, str) else recode.get(_KEYWORDS.get(b.code, b.code))
            if b.here and code:
                b = _Broken(code, True, b.strategy.map(lambda t, code=code: (t[0], code, t[2])))
            renamed.append(b)
        return renamed

    def broken_plain(self, node: dict[str, Any], ctx: str, field: str | None) -> list[_Broken]:
        if "anyOf" in node and "type" not in node:
            return self.broken_any_of(node, ctx, field)
        types = _types(node)
        out = [_here("type", _wrong_values(types))] if types else []
        if "enum" in node:
            allowed = node["enum"]
            out.append(_here("enum", st.text(_TEXT, max_size=20).filter(lambda s: s not in allowed)))
            return out
        if "string" in types:
            out.extend(self.broken_string(node, field))
        if types & {"number", "integer"}:
            out.extend(self.broken_number(node, types))
        if "array" in types:
            out.extend(self.broken_array(node, ctx))
        if "object" in types:
            out.extend(self.broken_object(node, ctx))
        return out

    def broken_any_of(self, node: dict[str, Any], ctx: str, field: str | None) -> list[_Broken]:
        branches = node["anyOf"]
        out = [_here("type", _wrong_values(self.branch_types(node, ctx)))]
        for i, branch in enumerate(branches):
            others: set[str] = set()
            for j, other in enumerate(branches):
                if j != i:
                    others |= self.branch_types(other, ctx)
            for b in self.broken(branch, ctx, field):
                if b.code == "type" and b.here:
                    continue  # a value no branch takes: covered above
                fits_other = b.strategy.filter(lambda t, others=others: not _accepts(others, t[0]))
                out.append(_Broken(b.code, b.here, fits_other))
        return out

    @staticmethod
    def broken_string(node: dict[str, Any], field: str | None) -> list[_Broken]:
        out = []
        hi = node.get("maxLength")
        if hi is not None and "pattern" not in node and "format" not in node:
            out.append(_here("max-length", st.text(_TEXT, min_size=hi + 1, max_size=hi + 3)))
        if "pattern" in node:
            pattern = node["pattern"]
            code = "reference-kind" if field in _REFERENCE_FIELDS else "pattern"
            size = min(hi, 20) if hi is not None else 20
            out.append(_here(code, st.text(_TEXT, max_size=size).filter(lambda s: not re.search(pattern, s))))
        if node.get("format") == "date-time":
            out.append(_here("format", _NOT_DATE_TIME))
        elif node.get("format") == "date":
            out.append(_here("format", _NOT_DATE))
        return out

    @staticmethod
    def broken_number(node: dict[str, Any], types: set[str]) -> list[_Broken]:
        out = []
        whole = "number" not in types
        if "minimum" in node:
            lo = node["minimum"]
            below = st.integers(math.ceil(lo) - 1000, math.ceil(lo) - 1)
            if not whole:
                below = below | st.floats(lo - 1000, lo, exclude_max=True)
            out.append(_here("minimum", below))
        if "maximum" in node:
            hi = node["maximum"]
            above = st.integers(math.floor(hi) + 1, math.floor(hi) + 1000)
            if not whole:
                above = above | st.floats(hi, hi + 1000, exclude_min=True)
            out.append(_here("maximum", above))
        return out

    def broken_array(self, node: dict[str, Any], ctx: str) -> list[_Broken]:
        good = self.valid_array(node, ctx)
        out = []
        for b in self.broken(node.get("items", {}), ctx):
            def place(t: tuple[list[Any], int, tuple[Any, str, str]]) -> tuple[Any, str, str]:
                items, at, (value, code, below) = t
                at = min(at, len(items))
                return ([*items[:at], value, *items[at:]], code, f"/{at}{below}")

            out.append(_Broken(b.code, False, st.tuples(good, st.integers(0, _MAX_DRAWN_ITEMS),
                                                         b.strategy).map(place)))
        return out

    def broken_object(self, node: dict[str, Any], ctx: str) -> list[_Broken]:
        out = []
        props = node.get("properties", {})
        for key, sub in props.items():
            page = set(props) >= _PAGE_KEYS and key != "pagination"
            for b in self.broken(sub, ctx, key):
                rest = self.valid_object(node, ctx, skip=key)
                out.append(_Broken(b.code, False, st.tuples(rest, b.strategy).map(
                    lambda t, key=key, page=page: (
                        (_coherent_page if page else dict)({**t[0], key: t[1][0]}),
                        t[1][1], f"/{escape(key)}{t[1][2]}"))))
        for key in node.get("required", []):
            out.append(_Broken("required", False, self.valid_object(node, ctx, skip=key).map(
                lambda obj, key=key: (obj, "required", f"/{escape(key)}"))))
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not props:
            good = self.valid_object(node, ctx)
            keys = st.text(_TEXT, max_size=12)
            for b in self.broken(extra, ctx):
                out.append(_Broken(b.code, False, st.tuples(good, keys, b.strategy).map(
                    lambda t: ({**t[0], t[1]: t[2][0]}, t[2][1], f"/{escape(t[1])}{t[2][2]}"))))
        return out


@functools.cache
def valid(name: str) -> st.SearchStrategy[Any]:
    """Documents that pass ``validator.check(doc, name)`` with no finding at all."""
    return _Compiler().valid(schemas.load(name), name).filter(_no_body_findings(name))


@functools.cache
def rules(name: str) -> frozenset[str]:
    """The finding codes :func:`invalid` can produce for schema ``name``."""
    return frozenset(way.code for way in _Compiler().broken(schemas.load(name), name))


@functools.cache
def invalid(name: str) -> st.SearchStrategy[tuple[Any, Expected]]:
    """``(document, expected)``: exactly one rule broken, and the one finding it must yield."""
    by_code: dict[str, list[st.SearchStrategy[tuple[Any, str, str]]]] = {}
    for way in _Compiler().broken(schemas.load(name), name):
        by_code.setdefault(way.code, []).append(way.strategy)
    # Each code is drawn as often as any other, whatever the number of places it can break.
    ways = st.one_of([st.one_of(group) for _, group in sorted(by_code.items())])
    clean = _no_body_findings(name)
    return ways.filter(lambda t: clean(t[0])).map(lambda t: (t[0], Expected(t[1], t[2])))
