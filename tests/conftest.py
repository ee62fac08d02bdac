"""Shared test setup: hypothesis profiles, paths to the example files, the fake API server.

The ``ci`` profile (loaded when ``CI`` is set, as ``.ci/run`` does) is bounded
and derandomised so that CI runs are short and repeatable; ``dev`` explores more.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_api import FakeAPI
from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixture_path():
    """``fixture_path("onecodex-metadata-valid.json")`` -> its path under tests/fixtures."""
    return lambda name: FIXTURES / name


@pytest.fixture(scope="session")
def api_server() -> Iterator[str]:
    """Base URL of a local server imitating both APIs (see tests/fake_api.py)."""
    with FakeAPI() as server:
        yield server.url
