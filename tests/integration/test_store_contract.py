"""One contract for every state store: SQLite (local runs) and DynamoDB (production, via moto)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.journey import rules
from no_contact_coach.journey.model import JourneyState
from no_contact_coach.storage.port import (
    ConflictError,
    PersonKey,
    StateStore,
    UnreadableState,
    update,
)

ALICE = PersonKey("amzn1.ask.account.ALICE")
ALICE_PARTNER = PersonKey("amzn1.ask.account.ALICE", "amzn1.ask.person.PARTNER")
BOB = PersonKey("amzn1.ask.account.BOB")


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> StateStore:
    if request.param == "sqlite":
        from no_contact_coach.storage.sqlite import SqliteStore

        return SqliteStore(tmp_path / "journeys.sqlite3")
    from no_contact_coach.storage.dynamodb import DynamoDbStore

    client, table = request.getfixturevalue("dynamodb_table")
    return DynamoDbStore(table, client=client)


def a_journey() -> JourneyState:
    state = rules.start(None, date(2026, 11, 1), date(2026, 11, 1))
    state, _ = rules.slip(state, date(2026, 11, 9))
    state = rules.record_urge(state, date(2026, 11, 10), "u03")
    state = rules.set_pronoun(state, "them")
    return rules.mark_announced(state, rules.Milestone("d7", 7)).with_changes(
        time_zone="Europe/London"
    )


def test_an_unknown_person_has_no_journey(store: StateStore) -> None:
    assert store.get(ALICE) is None


def test_a_saved_journey_reads_back_whole(store: StateStore) -> None:
    state = a_journey()
    version = store.put(ALICE, state, None)
    stored = store.get(ALICE)
    assert stored is not None
    assert stored.state == state
    assert stored.version == version == 1


def test_each_write_raises_the_version(store: StateStore) -> None:
    store.put(ALICE, a_journey(), None)
    assert store.put(ALICE, a_journey(), 1) == 2
    stored = store.get(ALICE)
    assert stored is not None and stored.version == 2


def test_a_write_based_on_a_stale_read_is_refused(store: StateStore) -> None:
    store.put(ALICE, a_journey(), None)
    store.put(ALICE, a_journey(), 1)
    with pytest.raises(ConflictError):
        store.put(ALICE, JourneyState(), 1)
    with pytest.raises(ConflictError):
        store.put(ALICE, JourneyState(), None)
    stored = store.get(ALICE)
    assert stored is not None and stored.state == a_journey()


def test_update_reapplies_the_change_to_fresh_state_after_a_conflict(store: StateStore) -> None:
    store.put(ALICE, a_journey(), None)
    stale = store.get(ALICE)
    assert stale is not None
    # Someone else records an urge after our read.
    store.put(ALICE, rules.record_urge(stale.state, date(2026, 11, 11)), stale.version)
    stored, _ = update(
        store,
        ALICE,
        lambda s: (rules.record_urge(s or JourneyState(), date(2026, 11, 11)), None),
        stale,
    )
    assert stored.state.urge_count == 3
    fresh = store.get(ALICE)
    assert fresh is not None and fresh.state.urge_count == 3


def test_people_sharing_an_account_keep_separate_journeys(store: StateStore) -> None:
    store.put(ALICE, a_journey(), None)
    store.put(ALICE_PARTNER, JourneyState(pronoun="him"), None)
    alice, partner = store.get(ALICE), store.get(ALICE_PARTNER)
    assert alice is not None and partner is not None
    assert alice.state.pronoun == "them" and partner.state.pronoun == "him"


def test_delete_removes_one_journey_only(store: StateStore) -> None:
    store.put(ALICE, a_journey(), None)
    store.put(ALICE_PARTNER, a_journey(), None)
    store.delete(ALICE)
    assert store.get(ALICE) is None
    assert store.get(ALICE_PARTNER) is not None


def test_deleting_an_account_removes_every_person_and_nobody_else(store: StateStore) -> None:
    for key in (ALICE, ALICE_PARTNER, BOB):
        store.put(key, a_journey(), None)
    assert store.delete_account(ALICE.user_id) == 2
    assert store.get(ALICE) is None and store.get(ALICE_PARTNER) is None
    assert store.get(BOB) is not None


def test_an_item_from_a_newer_schema_is_unreadable_not_overwritten(
    store: StateStore, tmp_path: Path
) -> None:
    _write_raw(store, ALICE, {"schemaVersion": 99, "streaks": []})
    with pytest.raises(UnreadableState):
        store.get(ALICE)


def _write_raw(store: StateStore, key: PersonKey, data: dict[str, Any]) -> None:
    import json

    from no_contact_coach.storage.dynamodb import DynamoDbStore
    from no_contact_coach.storage.sqlite import SqliteStore

    if isinstance(store, SqliteStore):
        store._connect().execute(
            "INSERT INTO journeys (user_id, person_id, version, body) VALUES (?, ?, 1, ?)",
            (key.user_id, key.person_id, json.dumps(data)),
        )
    elif isinstance(store, DynamoDbStore):
        store._client.put_item(
            TableName=store._table,
            Item={
                "userId": {"S": key.user_id},
                "personId": {"S": key.person_id},
                "version": {"N": "1"},
                "schemaVersion": {"N": str(data["schemaVersion"])},
                "streaks": {"L": []},
            },
        )
