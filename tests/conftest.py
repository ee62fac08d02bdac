"""Shared fixtures: the fake One Codex / Sample Platform server, and pytester."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_api import FakeAPI

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def api_server() -> Iterator[str]:
    """Base URL of a local server imitating both APIs (see tests/fake_api.py)."""
    with FakeAPI() as server:
        yield server.url
