"""No lost updates: a burst of urges and slips for one person, all sent at once.

Every request must be accounted for: it either took effect (and said so) or
told the person it did not (and wrote nothing). The stored counts must equal
the acknowledged ones exactly: one fewer is a lost update, one more a phantom.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from no_contact_coach.entrypoints.envelopes import Caller
from no_contact_coach.journey.model import JourneyState
from no_contact_coach.storage.dynamodb import DynamoDbStore
from no_contact_coach.storage.port import ConflictError, PersonKey, StateStore, Stored
from no_contact_coach.storage.sqlite import SqliteStore
from tests.dialogs import Person, Said, skill_handler
from tests.integration import moto_server

URGES = 120
SLIPS = 80  # each a "I slipped" + "yes" pair: 280 requests, 200 of them writes
USER = "amzn1.ask.account.BURST"
APOLOGIES = ("storage_busy", "storage_down")


class CountingConflicts:
    """The real store, counting the conditional writes that lost a race."""

    def __init__(self, inner: StateStore) -> None:
        self.inner = inner
        self.conflicts = 0
        self._lock = threading.Lock()

    def get(self, key: PersonKey) -> Stored | None:
        return self.inner.get(key)

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        try:
            return self.inner.put(key, state, expected_version)
        except ConflictError:
            with self._lock:
                self.conflicts += 1
            raise

    def delete(self, key: PersonKey) -> None:
        self.inner.delete(key)

    def delete_account(self, user_id: str) -> int:
        return self.inner.delete_account(user_id)


@pytest.fixture(params=["dynamodb", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> StateStore:
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "burst.sqlite3")
    endpoint = request.getfixturevalue("moto_endpoint")
    # A pool as large as the burst, so all requests are on the wire at once; a longer
    # read time-out (so no write is left ambiguous by a client-side time-out), because the
    # one-at-a-time test server queues them (time-outs
    # have their own tests in test_storage_faults.py).
    client = moto_server.client(endpoint, pool=URGES + SLIPS, read_timeout=120)
    table = moto_server.create_table(client, f"burst-{random.randrange(10**9)}")
    return DynamoDbStore(table, client=client)


def took_effect(said: Said) -> bool:
    if any(said.is_line(key) for key in APOLOGIES):
        assert said.ends_session and not said.has_reprompt, "an apology closes the session"
        assert "pending" not in said.attributes
        return False
    assert not said.ends_session, f"neither an answer nor an apology: {said.speech!r}"
    return True


@pytest.mark.parametrize(
    "senders",
    [
        pytest.param(URGES + SLIPS, id="all-at-once"),
        pytest.param(4, id="four-devices"),
    ],
)
def test_a_burst_of_urges_and_slips_loses_no_update(
    store: StateStore, senders: int, request: pytest.FixtureRequest
) -> None:
    counting = CountingConflicts(store)
    person = Person(skill_handler(counting), Caller(user_id=USER))
    person.start_today()
    jobs = ["urge"] * URGES + ["slip"] * SLIPS
    random.Random(6).shuffle(jobs)
    gate = threading.Barrier(senders)

    def send(kind: str) -> tuple[str, bool]:
        if senders == len(jobs):
            gate.wait()  # every request leaves at the same moment
        if kind == "urge":
            return kind, took_effect(person.urge())
        question, answer = person.slip_and_yes()
        assert not question.ends_session and "pending" in question.attributes
        return kind, took_effect(answer)

    with ThreadPoolExecutor(max_workers=senders) as pool:
        results = list(pool.map(send, jobs))

    acknowledged = Counter(kind for kind, done in results if done)
    apologised = Counter(kind for kind, done in results if not done)
    stored = store.get(PersonKey(USER))
    assert stored is not None
    assert len(results) == URGES + SLIPS  # every request answered: none raised
    assert stored.state.urge_count == acknowledged["urge"]
    assert stored.state.slips == acknowledged["slip"]
    lost = (acknowledged["urge"] - stored.state.urge_count) + (
        acknowledged["slip"] - stored.state.slips
    )
    print(
        f"\nconcurrency[{request.node.callspec.id}]: {len(jobs)} state-changing requests"
        f" from {senders} senders ({URGES} urges, {SLIPS} slip+yes pairs); took effect"
        f" {sum(acknowledged.values())}, apologised {sum(apologised.values())},"
        f" lost updates {lost}, conflicts retried {counting.conflicts},"
        f" final version {stored.version}"
    )
