"""Shared fixtures: stores, recorded Alexa envelopes, and a skill wired to a local store."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EVENTS = Path(__file__).parent / "events"

# No test may reach AWS: fake credentials and a region for boto3/moto.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.pop("NO_CONTACT_TABLE", None)
os.environ.pop("SKILL_ID", None)


def load_event(name: str) -> dict[str, Any]:
    """A recorded Alexa request envelope from tests/events/<name>.json (a fresh copy)."""
    data: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    return copy.deepcopy(data)


@pytest.fixture
def dynamodb_table() -> Iterator[tuple[Any, str]]:
    """A moto DynamoDB table with the production key schema: (client, table name)."""
    import boto3
    from moto import mock_aws

    from tests.tables import create_table

    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        create_table(client, "journeys")
        yield client, "journeys"
