"""Fixtures the functional tests share: every English locale the skill is published in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional.standin import StandIn, serving

# The five interaction models; every dialog test runs in each (tools/build_locales.py).
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")


@pytest.fixture(params=LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    """The request locale: a test using it runs once per locale."""
    value: str = request.param
    return value


@pytest.fixture
def alexa_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[StandIn, str]]:
    """The Alexa service APIs (Settings, Reminders) as a local TLS stand-in: (it, endpoint)."""
    with serving(tmp_path, monkeypatch) as running:
        yield running
