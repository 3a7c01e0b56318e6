"""Durable storage: items from older releases load; items this code cannot read are kept.

tests/fixtures/journey_v1.*.json were written by the first release (schema
version 1), through its own adapters, before version 2 existed.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.envelopes import Caller
from no_contact_coach.journey.model import SCHEMA_VERSION
from no_contact_coach.storage import codec
from no_contact_coach.storage.dynamodb import DynamoDbStore
from no_contact_coach.storage.port import PersonKey, StateStore, UnreadableState
from no_contact_coach.storage.sqlite import SqliteStore
from tests.dialogs import Person, skill_handler

FIXTURES = Path(__file__).parents[1] / "fixtures"
RECORDED = PersonKey("amzn1.ask.account.RECORDED")


def recorded_v1(store: StateStore) -> None:
    """Put the first release's item into the store exactly as that release wrote it."""
    if isinstance(store, SqliteStore):
        row = json.loads((FIXTURES / "journey_v1.sqlite.json").read_text())
        store._connect().execute(
            "INSERT INTO journeys (user_id, person_id, version, body) VALUES (?, ?, ?, ?)",
            (row["user_id"], row["person_id"], row["version"], row["body"]),
        )
    else:
        assert isinstance(store, DynamoDbStore)
        item = json.loads((FIXTURES / "journey_v1.dynamodb.json").read_text())
        store._client.put_item(TableName=store._table, Item=item)


def raw(store: StateStore, key: PersonKey) -> Any:
    """The stored bytes of an item, as the store holds them."""
    if isinstance(store, SqliteStore):
        return (
            store._connect()
            .execute(
                "SELECT version, body FROM journeys WHERE user_id = ? AND person_id = ?",
                (key.user_id, key.person_id),
            )
            .fetchone()
        )
    assert isinstance(store, DynamoDbStore)
    keys = {"userId": {"S": key.user_id}, "personId": {"S": key.person_id}}
    return store._client.get_item(TableName=store._table, Key=keys).get("Item")


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> StateStore:
    if request.param == "sqlite":
        return SqliteStore(tmp_path / "j.sqlite3")
    client, table = request.getfixturevalue("dynamodb_table")
    return DynamoDbStore(table, client=client)


def test_a_journey_saved_by_the_first_release_loads_whole(store: StateStore) -> None:
    recorded_v1(store)
    stored = store.get(RECORDED)
    assert stored is not None and stored.version == 3
    state = stored.state
    assert state.current is not None and state.current.start == date(2026, 1, 19)
    assert (state.slips, state.urge_count, state.exercises_completed) == (1, 2, 1)
    assert (state.pronoun, state.time_zone, state.last_urge_id) == ("her", "America/Chicago", "u02")
    assert state.milestones_announced == {"d1", "d3", "d7"}


def test_the_next_change_saves_an_old_journey_in_todays_layout_keeping_its_history(
    store: StateStore,
) -> None:
    recorded_v1(store)
    Person(skill_handler(store), Caller(user_id=RECORDED.user_id)).urge()
    stored = store.get(RECORDED)
    assert stored is not None and stored.version == 4
    assert (stored.state.slips, stored.state.urge_count) == (1, 3)
    item = raw(store, RECORDED)
    layout = (
        json.loads(item[1])
        if isinstance(store, SqliteStore)
        else {"schemaVersion": int(item["schemaVersion"]["N"])}
    )
    assert layout["schemaVersion"] == SCHEMA_VERSION


def test_migrations_step_an_item_up_one_version_at_a_time() -> None:
    steps = {
        1: lambda d: {**d, "schemaVersion": 2, "seen": [*d.get("seen", []), 1]},
        2: lambda d: {**d, "schemaVersion": 3, "seen": [*d["seen"], 2]},
    }
    assert codec.migrate({"schemaVersion": 1}, steps, current=3)["seen"] == [1, 2]
    with pytest.raises(UnreadableState):
        codec.migrate({"schemaVersion": 1}, {1: steps[1]}, current=3)  # a missing step
    with pytest.raises(UnreadableState):
        codec.migrate({"schemaVersion": 4}, steps, current=3)  # from the future
    with pytest.raises(UnreadableState):
        codec.migrate({"schemaVersion": "2"}, steps, current=3)


def test_every_version_before_this_one_has_a_migration() -> None:
    assert set(codec.MIGRATIONS) == set(range(1, SCHEMA_VERSION))


UNREADABLE = [
    pytest.param({"schemaVersion": SCHEMA_VERSION + 1, "streaks": []}, id="newer-schema"),
    pytest.param({"schemaVersion": 1, "streaks": [{"start": "2026-02-30"}]}, id="impossible-date"),
    pytest.param({"schemaVersion": 1, "streaks": "many", "urgeCount": "two"}, id="wrong-types"),
]


def put_unreadable(store: StateStore, key: PersonKey, data: dict[str, Any]) -> None:
    if isinstance(store, SqliteStore):
        store._connect().execute(
            "INSERT INTO journeys (user_id, person_id, version, body) VALUES (?, ?, 7, ?)",
            (key.user_id, key.person_id, json.dumps(data)),
        )
        return
    assert isinstance(store, DynamoDbStore)
    from boto3.dynamodb.types import TypeSerializer

    item = {k: TypeSerializer().serialize(v) for k, v in data.items()}
    item.update({"userId": {"S": key.user_id}, "personId": {"S": key.person_id}})
    item["version"] = {"N": "7"}
    store._client.put_item(TableName=store._table, Item=item)


@pytest.mark.parametrize("data", UNREADABLE)
def test_an_unreadable_journey_is_kept_unchanged_and_the_person_hears_an_apology(
    store: StateStore, data: dict[str, Any]
) -> None:
    key = PersonKey("amzn1.ask.account.FUTURE")
    put_unreadable(store, key, data)
    before = raw(store, key)
    person = Person(skill_handler(store), Caller(user_id=key.user_id))

    read_only = person.one_shot("WhatDayIntent")
    changes = [
        person.urge(),
        person.start_today(),
        person.launch(),
        person.one_shot("SlipIntent"),
        person.in_session("AMAZON.YesIntent", {"pending": {"kind": "slip"}}),
    ]

    for said in [read_only, *changes]:
        assert said.is_line("journey_unreadable"), said.speech
        assert said.ends_session
    assert raw(store, key) == before
    help_ = person.one_shot("AMAZON.HelpIntent")  # help still works
    assert not help_.is_line("journey_unreadable") and help_.speech.endswith("?")


def test_a_body_that_is_not_json_is_unreadable_and_kept(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "j.sqlite3")
    db = sqlite3.connect(tmp_path / "j.sqlite3")
    db.execute("INSERT INTO journeys VALUES ('amzn1.ask.account.X', '#account', 1, '{broken')")
    db.commit()
    person = Person(skill_handler(store), Caller(user_id="amzn1.ask.account.X"))
    assert person.urge().is_line("journey_unreadable")
    assert raw(store, PersonKey("amzn1.ask.account.X"))[1] == "{broken"


def test_an_unreadable_journey_can_still_be_deleted_when_the_person_asks(
    store: StateStore,
) -> None:
    key = PersonKey("amzn1.ask.account.FUTURE")
    put_unreadable(store, key, {"schemaVersion": SCHEMA_VERSION + 1})
    person = Person(skill_handler(store), Caller(user_id=key.user_id))
    question = person.one_shot("DeleteDataIntent")
    assert question.is_line("delete_confirm")
    person.in_session("AMAZON.YesIntent", question.attributes)
    assert raw(store, key) is None
