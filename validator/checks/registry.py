"""Every check, in one explicit table, by scope; each selectable by the codes it emits.

A check is a function of one of four signatures (its scope):

- ``document``: ``(document, schema name) -> Iterable[Finding]``, for the schema names it
  applies to; runs after the schema in :func:`validator.check` and ``samplecheck response``
  (so a saved response file gets it) and on a response body in :func:`validator.check_response`;
- ``exchange``: ``(Exchange) -> Iterable[Finding]``, a whole HTTP exchange (status, headers,
  request, body), in :func:`validator.check_response`;
- ``column``: ``(ColumnValues) -> list[Problem]``, one column of a sheet (its distinct values,
  as read and coerced), after the schema's column checks;
- ``rows``: ``(columns by field) -> {field: [Problem]}``, rows across a table (a problem's
  ``row`` is the spreadsheet row).

The table below is the whole registry: a check module never registers itself. The
order of the table is the order the checks run in, and so the order of their findings.
The sheet checks need pandas; they are imported when a sheet is first checked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from validator.checks.contract import errors_rules, filters, pagination, references, status_rules
from validator.checks.contract.exchange import Exchange
from validator.findings.model import Finding
from validator.spec import schemas


class Scope(StrEnum):
    """What a check reads, and so its signature."""

    DOCUMENT = "document"
    EXCHANGE = "exchange"
    COLUMN = "column"
    ROWS = "rows"


@dataclass(frozen=True)
class Check:
    """One check: its function, what it reads, the codes it can emit, and (documents) where it runs."""

    name: str
    scope: Scope
    codes: tuple[str, ...]
    run: Callable[..., Any]
    applies: Callable[[str], bool] | None = None  # document checks: the schema names they run for

    def emits(self, codes: Collection[str] | None) -> bool:
        """Whether the check can emit one of ``codes`` (``None``: every code)."""
        return codes is None or not set(self.codes).isdisjoint(codes)


def _named(*names: str) -> Callable[[str], bool]:
    return frozenset(names).__contains__


def _lists(name: str) -> bool:
    """The list schemas (whose items have a schema of their own)."""
    return schemas.item_schema(name) is not None


_JSON_CHECKS = (
    Check("page-arithmetic", Scope.DOCUMENT,
          ("page-limit", "page-next-offset", "page-total", "page-repeat", "conflicting-records"),
          pagination.page_arithmetic, _named(pagination.PAGE)),
    Check("list-repeats", Scope.DOCUMENT, ("page-repeat", "conflicting-records"),
          pagination.list_repeats, _lists),
    Check("shared-references", Scope.DOCUMENT, ("reference-shared",), references.shared_references,
          _named(*references.LISTS)),
    Check("server-error", Scope.EXCHANGE, ("not-a-server-error",), status_rules.not_a_server_error),
    Check("content-type", Scope.EXCHANGE, ("content-type-conformance",),
          status_rules.content_type_conformance),
    Check("request-acceptance", Scope.EXCHANGE, ("accepted-invalid-request", "rejected-valid-request"),
          status_rules.request_acceptance),
    Check("rate-limit", Scope.EXCHANGE, ("retry-after", "rate-limit-headers"), errors_rules.rate_limit),
    Check("page-echo", Scope.EXCHANGE, ("page-echo",), pagination.page_echo),
    Check("onecodex-page", Scope.EXCHANGE, ("page-limit", "total-count", "link-header"),
          pagination.onecodex_page),
    Check("filters", Scope.EXCHANGE, ("filter-mismatch",), filters.filters_honoured),
    Check("sort", Scope.EXCHANGE, ("sort-order",), filters.sort_honoured),
)


@functools.cache
def _table_checks() -> tuple[Check, ...]:
    from validator.checks.sheets import hygiene, rules  # pandas: loaded only when a sheet is checked

    return (
        Check("duplicate-ids", Scope.ROWS, ("duplicate-id",), rules.duplicate_id_check),
        Check("lone-coordinates", Scope.ROWS, ("lat-without-lon", "lon-without-lat"),
              rules.lone_coordinate_check),
        Check("whitespace", Scope.COLUMN, ("whitespace",), hygiene.whitespace_check),
        Check("formulas", Scope.COLUMN, ("formula-injection",), hygiene.formula_check),
        Check("mangled-ids", Scope.COLUMN, ("excel-mangled-id",), hygiene.mangled_id_check),
        Check("future-dates", Scope.COLUMN, ("future-date",), hygiene.future_date_check),
    )


def all_checks() -> tuple[Check, ...]:
    """The whole table, in the order the checks run (the sheet checks import pandas)."""
    return _JSON_CHECKS + _table_checks()


def checks(scope: Scope, codes: Collection[str] | None = None, schema: str | None = None) -> list[Check]:
    """The checks of one scope, in order: those that can emit one of ``codes`` (``None``: all);
    for documents, those that run for ``schema`` (``None``: any)."""
    table = _JSON_CHECKS if scope in (Scope.DOCUMENT, Scope.EXCHANGE) else _table_checks()
    return [c for c in table if c.scope is scope and c.emits(codes)
            and (schema is None or c.applies is None or c.applies(schema))]


def run_document(document: Any, name: str, codes: Collection[str] | None = None) -> list[Finding]:
    """The document checks for schema ``name`` over ``document``."""
    out: list[Finding] = []
    for check in checks(Scope.DOCUMENT, codes, name):
        out.extend(check.run(document, name))
    return out


def run_exchange(ex: Exchange, codes: Collection[str] | None = None) -> list[Finding]:
    """The exchange checks over one HTTP exchange."""
    out: list[Finding] = []
    for check in checks(Scope.EXCHANGE, codes):
        out.extend(check.run(ex))
    return out


def codes_of(found: Iterable[Check]) -> set[str]:
    """Every code the given checks can emit."""
    return {code for check in found for code in check.codes}
