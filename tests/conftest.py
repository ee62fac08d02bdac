"""Shared test setup: hypothesis profiles and fixtures (fixture paths, the fake API server).
Shared helpers are in support/ (``from support import ...``).

The ``ci`` profile (loaded when ``CI`` is set, as ``.ci/run`` does) is bounded
and derandomised so that CI runs are short and repeatable; ``dev`` explores more.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from support import FIXTURES, Exchange, FakeAPI

pytest_plugins = ["pytester"]

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    """``fixture_path("onecodex-metadata-valid.json")`` -> its path under tests/fixtures."""
    return lambda name: FIXTURES / name


@pytest.fixture(scope="session")
def api_server() -> Iterator[str]:
    """Base URL of a local server imitating both APIs (see tests/support/server.py)."""
    with FakeAPI() as server:
        yield server.url


@pytest.fixture
def replay_server() -> Iterator[Callable[..., FakeAPI]]:
    """``replay_server(Exchange(...), ...)`` -> a running server replaying those recorded exchanges
    (its ``url``, and the ``requests`` it received); stopped at the end of the test."""
    started: list[FakeAPI] = []

    def start(*recorded: Exchange) -> FakeAPI:
        server = FakeAPI(recorded).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)
