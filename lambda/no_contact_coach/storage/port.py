"""The one port the skill uses to keep a person's journey."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..journey.model import JourneyState

ACCOUNT_MARKER = "#account"
"""Sort key for the account's own row, used when no recognised voice profile speaks."""


@dataclass(frozen=True)
class PersonKey:
    """One journey: an Alexa account and, when a voice profile is recognised, its person."""

    user_id: str
    person_id: str = ACCOUNT_MARKER

    @classmethod
    def of(cls, user_id: str, person_id: str | None) -> PersonKey:
        return cls(user_id, person_id or ACCOUNT_MARKER)


@dataclass(frozen=True)
class Stored:
    state: JourneyState
    version: int


class StoreError(Exception):
    """The store could not be reached or did not answer in time."""


class ConflictError(StoreError):
    """Someone else wrote the item since it was read."""


class UnreadableState(StoreError):
    """A stored item exists but this code cannot read it; it must be kept as it is."""


class StateStore(Protocol):
    def get(self, key: PersonKey) -> Stored | None:
        """The person's journey, or None when there is none."""
        ...

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        """Write `state` if the stored version is still `expected_version` (None: no item yet).

        Returns the new version; raises ConflictError otherwise.
        """
        ...

    def delete(self, key: PersonKey) -> None: ...

    def delete_account(self, user_id: str) -> int:
        """Remove every journey of the account; returns how many were removed."""
        ...


T = TypeVar("T")

MAX_ATTEMPTS = 3


def update(
    store: StateStore,
    key: PersonKey,
    change: Callable[[JourneyState | None], tuple[JourneyState, T]],
    current: Stored | None,
) -> tuple[Stored, T]:
    """Apply `change` to `current` and write it conditionally; return what is now stored.

    On a conflict the item is read again and `change` re-applied (so it must be
    pure), at most MAX_ATTEMPTS times in all; then ConflictError propagates.
    """
    stored = current
    for attempt in range(1, MAX_ATTEMPTS + 1):
        new_state, result = change(stored.state if stored else None)
        try:
            version = store.put(key, new_state, stored.version if stored else None)
            return Stored(new_state, version), result
        except ConflictError:
            if attempt == MAX_ATTEMPTS:
                raise
            stored = store.get(key)
    raise AssertionError("unreachable")
