"""The error envelope and rate limiting.

``error-details`` and ``error-code`` are the envelope's ``details`` (an object,
never null) and ``code`` (snake_case) as the schema states them: the OpenAPI
document marks those nodes with ``x-finding-code``, so they also fire in
``validator.check`` and ``samplecheck response``. A 429 must carry ``Retry-After``
and the ``X-RateLimit-*`` headers (the spec marks them required); the rule below
checks that they agree with each other and with the envelope's ``details``.
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus

from validator.checks.contract.exchange import Exchange, as_int
from validator.findings.model import Finding

LIMIT, REMAINING, RETRY_AFTER = "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"
TOO_MANY = HTTPStatus.TOO_MANY_REQUESTS


def rate_limit(ex: Exchange) -> Iterator[Finding]:
    limit, remaining = as_int(ex.header(LIMIT)), as_int(ex.header(REMAINING))
    if limit is not None and remaining is not None and remaining > limit:
        yield Finding.of("rate-limit-headers", f"{REMAINING} {remaining} is more than {LIMIT} {limit}",
                         field=REMAINING, value=remaining, expected=f"<= {limit}")
    if ex.status != TOO_MANY:
        return
    if remaining is not None and remaining != 0:
        yield Finding.of("rate-limit-headers", f"{REMAINING} is {remaining} on a 429",
                         field=REMAINING, value=remaining, expected=0)
    details = ex.body.get("details") if isinstance(ex.body, dict) else None
    if not isinstance(details, dict):
        return
    retry = as_int(ex.header(RETRY_AFTER))
    told = details.get("retry_after")
    if retry is not None and isinstance(told, int) and told != retry:
        yield Finding.of("retry-after", f"{RETRY_AFTER} is {retry} but details.retry_after is {told}",
                         pointer="/details/retry_after", field=RETRY_AFTER, value=told, expected=retry)
    told = details.get("limit")
    if limit is not None and isinstance(told, int) and told != limit:
        yield Finding.of("rate-limit-headers", f"{LIMIT} is {limit} but details.limit is {told}",
                         pointer="/details/limit", field=LIMIT, value=told, expected=limit)
