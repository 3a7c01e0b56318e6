"""SQLite adapter: the embedded default for local runs (`make chat`)."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from ..journey.model import JourneyState
from .codec import from_data, to_data
from .port import ConflictError, PersonKey, Stored, StoreError, UnreadableState

_SCHEMA = """
CREATE TABLE IF NOT EXISTS journeys (
    user_id   TEXT NOT NULL,
    person_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (user_id, person_id)
)
"""


class SqliteStore:
    def __init__(self, path: str | Path) -> None:
        self._path = str(path)
        if self._path != ":memory:":
            Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections must not cross threads.
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, timeout=5.0, isolation_level=None)
            db.execute("PRAGMA busy_timeout=5000")
            self._local.db = db
        return db

    def get(self, key: PersonKey) -> Stored | None:
        try:
            row = (
                self._connect()
                .execute(
                    "SELECT version, body FROM journeys WHERE user_id = ? AND person_id = ?",
                    (key.user_id, key.person_id),
                )
                .fetchone()
            )
        except sqlite3.Error as e:
            raise StoreError(f"sqlite read failed: {e}", kind=_kind(e)) from e
        if row is None:
            return None
        version, body = row
        try:
            data = json.loads(body)
        except (TypeError, ValueError) as e:
            raise UnreadableState(f"stored body is not JSON: {type(e).__name__}") from e
        if not isinstance(data, dict):
            raise UnreadableState("stored body is not an object")
        return Stored(from_data(data), int(version))

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        body = json.dumps(to_data(state), separators=(",", ":"))
        db = self._connect()
        try:
            if expected_version is None:
                cursor = db.execute(
                    "INSERT INTO journeys (user_id, person_id, version, body) VALUES (?, ?, 1, ?)"
                    " ON CONFLICT DO NOTHING",
                    (key.user_id, key.person_id, body),
                )
                new_version = 1
            else:
                new_version = expected_version + 1
                cursor = db.execute(
                    "UPDATE journeys SET version = ?, body = ?"
                    " WHERE user_id = ? AND person_id = ? AND version = ?",
                    (new_version, body, key.user_id, key.person_id, expected_version),
                )
        except sqlite3.Error as e:
            raise StoreError(f"sqlite write failed: {e}", kind=_kind(e)) from e
        if cursor.rowcount != 1:
            raise ConflictError(f"journey changed since version {expected_version}")
        return new_version

    def delete(self, key: PersonKey) -> None:
        try:
            self._connect().execute(
                "DELETE FROM journeys WHERE user_id = ? AND person_id = ?",
                (key.user_id, key.person_id),
            )
        except sqlite3.Error as e:
            raise StoreError(f"sqlite delete failed: {e}", kind=_kind(e)) from e

    def delete_account(self, user_id: str) -> int:
        try:
            cursor = self._connect().execute("DELETE FROM journeys WHERE user_id = ?", (user_id,))
        except sqlite3.Error as e:
            raise StoreError(f"sqlite delete failed: {e}", kind=_kind(e)) from e
        return cursor.rowcount


def _kind(error: sqlite3.Error) -> str:
    """Tells a database held by another writer past the busy time-out from other errors."""
    return "busy" if "locked" in str(error) or "busy" in str(error) else "sqlite_error"
