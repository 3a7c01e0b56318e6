"""Fixtures for the integration tests that need DynamoDB over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.moto_server import start_server


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """The URL of a moto server on a free loopback port, for the whole test session."""
    server, endpoint = start_server()
    yield endpoint
    server.stop()
