"""The one port the skill uses to keep a person's journey."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import NamedTuple, Protocol, TypeVar

from ..journey.model import JourneyState

ACCOUNT_MARKER = "#account"
"""Sort key for the account's own row, used when no recognised voice profile speaks."""


class PersonKey(NamedTuple):
    """One journey: an Alexa account and, when a voice profile is recognised, its person."""

    user_id: str
    person_id: str = ACCOUNT_MARKER

    @classmethod
    def of(cls, user_id: str, person_id: str | None) -> PersonKey:
        return cls(user_id, person_id or ACCOUNT_MARKER)


class Stored(NamedTuple):
    state: JourneyState
    version: int


class StoreError(Exception):
    """The store could not be reached or did not answer in time.

    `kind` names the failure for logs and for choosing the apology: "conflict",
    "unreadable", "throttled", "unreachable", "timeout", "missing_table", ...
    """

    kind: str = "store_error"

    def __init__(self, message: str = "", *, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind


class ConflictError(StoreError):
    """Someone else wrote the item since it was read."""

    kind = "conflict"


class UnreadableState(StoreError):
    """A stored item exists but this code cannot read it; it must be kept as it is."""

    kind = "unreadable"


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

# Conflict retries. A person's own requests rarely overlap (two Echos, a double
# tap), but a burst must not turn into lost updates: each retry re-reads and
# re-applies the change after a fully jittered, growing pause, so colliding
# writers spread out instead of colliding again in lock-step. The budget keeps
# the retries (about 1.5 s at most, plus their reads and writes) well inside
# Alexa's 8-second answer window; a request that still loses says so and has
# written nothing.
MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 0.01
BACKOFF_CAP_S = 0.25
RETRY_BUDGET_S = 1.5


class RetryPolicy(NamedTuple):
    attempts: int = MAX_ATTEMPTS
    base_s: float = BACKOFF_BASE_S
    cap_s: float = BACKOFF_CAP_S
    budget_s: float = RETRY_BUDGET_S

    def pause(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: anywhere between 0 and the capped exponential step."""
        return rng.uniform(0.0, min(self.cap_s, self.base_s * 2 ** (attempt - 1)))


DEFAULT_RETRY = RetryPolicy()
_rng = random.Random()


def update(
    store: StateStore,
    key: PersonKey,
    change: Callable[[JourneyState | None], tuple[JourneyState, T]],
    current: Stored | None,
    policy: RetryPolicy = DEFAULT_RETRY,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[Stored, T]:
    """Apply `change` to `current` and write it conditionally; return what is now stored.

    On a conflict the item is read again and `change` re-applied (so it must be
    pure), at most `policy.attempts` times in all and not past its time budget;
    then ConflictError propagates and nothing of this change has been written.
    """
    stored = current
    spent = 0.0
    for attempt in range(1, policy.attempts + 1):
        new_state, result = change(stored.state if stored else None)
        try:
            version = store.put(key, new_state, stored.version if stored else None)
            return Stored(new_state, version), result
        except ConflictError:
            pause = policy.pause(attempt, _rng)
            if attempt == policy.attempts or spent + pause > policy.budget_s:
                raise
            sleep(pause)
            spent += pause
            stored = store.get(key)
    raise AssertionError("unreachable")
