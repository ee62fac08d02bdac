"""Per-column work of a large sheet on every core, and batches read ahead.

The column passes of the sheet engine spend their time in pyarrow and numpy, which
let other threads run meanwhile, so the columns of a large table are worked on by
a small pool of threads. Results come back in the order of the columns, so what a
run finds and in which order does not depend on the threads; a small table (most
lab sheets) is worked on in the calling thread, where a pool costs more than it saves.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ROWS = 50_000  # below this many rows a table is worked on in the calling thread
_pool: ThreadPoolExecutor | None = None


def each(work: Callable[[T], R], items: Iterable[T], rows: int) -> list[R]:
    """``[work(item) for item in items]``, across threads when the table has ``rows >= MIN_ROWS``.

    An exception raised by ``work`` is raised here, as the loop would raise it.
    """
    items = list(items)
    if rows < MIN_ROWS or len(items) < 2 or _workers() < 2:
        return [work(item) for item in items]
    return list(_executor().map(work, items))


def ahead(items: Iterator[T]) -> Iterator[T]:
    """The items of ``items``, the next one worked out in a thread while the caller works on this one.

    For batches of a large file: pyarrow parses the next batch while this one is checked.
    An exception raised by ``items`` is raised here, where its item would have come.
    """
    end = object()
    with ThreadPoolExecutor(1, thread_name_prefix="samplecheck-ahead") as pool:
        coming = pool.submit(next, items, end)
        while (item := coming.result()) is not end:
            coming = pool.submit(next, items, end)
            yield item  # type: ignore[misc]


def _workers() -> int:
    return min(os.cpu_count() or 1, 8)


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(_workers(), thread_name_prefix="samplecheck-column")
        atexit.register(_pool.shutdown, wait=False)
    return _pool
