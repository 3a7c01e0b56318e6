"""Choosing the store from the environment (see README, "Configuration")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .port import StateStore


def default_sqlite_path(env: Mapping[str, str]) -> Path:
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "no-contact-coach" / "journeys.sqlite3"


def store_from_env(env: Mapping[str, str] | None = None) -> StateStore:
    """NO_CONTACT_TABLE -> DynamoDB; otherwise SQLite at NO_CONTACT_DB or the data directory."""
    env = os.environ if env is None else env
    table = env.get("NO_CONTACT_TABLE")
    if table:
        from .dynamodb import DynamoDbStore

        return DynamoDbStore(table)
    from .sqlite import SqliteStore

    return SqliteStore(env.get("NO_CONTACT_DB") or default_sqlite_path(env))
