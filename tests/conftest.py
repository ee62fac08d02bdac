"""Shared test setup: hypothesis profiles and paths to the example files.

The ``ci`` profile (loaded when ``CI`` is set, as ``.ci/run`` does) is bounded
and derandomised so that CI runs are short and repeatable; ``dev`` explores more.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
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
