"""Who may call: another skill's request reads nothing, and logs never hold ids or words."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import lambda_function
from no_contact_coach.entrypoints.envelopes import (
    Caller,
    Session,
    custom_slot,
    envelope,
    launch_request,
    simple_slot,
)
from no_contact_coach.entrypoints.lambda_entry import RequestRefused
from no_contact_coach.journey.model import JourneyState
from no_contact_coach.logs import JsonFormatter
from no_contact_coach.storage.port import PersonKey, Stored
from no_contact_coach.storage.sqlite import SqliteStore
from tests.dialogs import NOON, Person, skill_handler

OURS = "amzn1.ask.skill.11111111-1111-1111-1111-111111111111"
THEIRS = "amzn1.ask.skill.99999999-9999-9999-9999-999999999999"
USER = "amzn1.ask.account.AGE7SECRETUSERID"
PERSON = "amzn1.ask.person.SECRETPERSONID"


class CountingStore(SqliteStore):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.calls: list[str] = []

    def get(self, key: PersonKey) -> Stored | None:
        self.calls.append("get")
        return super().get(key)

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        self.calls.append("put")
        return super().put(key, state, expected_version)


def test_another_skills_request_is_refused_before_any_state_is_read(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "j.sqlite3")
    handler = skill_handler(store, skill_id=OURS)
    stranger = Caller(user_id=USER, application_id=THEIRS)
    with pytest.raises(RequestRefused):
        handler(envelope(launch_request(NOON), stranger, Session()), None)
    assert store.calls == []

    ours = Person(handler, Caller(user_id=USER, application_id=OURS))
    assert ours.launch().speech  # the same request for our skill is answered
    assert store.calls == ["get"]


def test_the_production_entry_point_refuses_another_skill_from_its_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILL_ID", OURS)
    monkeypatch.setenv("NO_CONTACT_DB", str(tmp_path / "j.sqlite3"))
    monkeypatch.setattr(lambda_function, "_handler", None)
    stranger = Caller(user_id=USER, application_id=THEIRS)
    with pytest.raises(RequestRefused):
        lambda_function.lambda_handler(envelope(launch_request(NOON), stranger, Session()), None)
    assert SqliteStore(tmp_path / "j.sqlite3").get(PersonKey(USER)) is None


SAID = ["I last texted him on Sunday", "my ex Jordan", "the café on Elm Street"]


def test_logs_of_a_whole_dialog_hold_no_ids_and_no_words_the_person_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    person = Person(
        skill_handler(SqliteStore(tmp_path / "j.sqlite3")), Caller(user_id=USER, person_id=PERSON)
    )
    person.launch()
    person.one_shot("StartNoContactIntent", date=simple_slot("date", SAID[0]))
    person.start_today()
    person.one_shot("UrgeIntent", ex=custom_slot("ex", SAID[1], None, type_name="EX_REFERENCE"))
    person.slip_and_yes()
    person.one_shot("ProgressIntent")
    person.one_shot("AMAZON.FallbackIntent")
    person.one_shot("NoSuchIntent", place=simple_slot("place", SAID[2]))
    question = person.one_shot("DeleteDataIntent")
    person.in_session("AMAZON.YesIntent", question.attributes)

    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert len(lines) >= 10
    text = "\n".join(lines)
    for secret in [USER, PERSON, "SECRETUSERID", "SECRETPERSONID", *SAID]:
        assert secret not in text
    persons = {json.loads(line).get("person") for line in lines} - {None}
    assert len(persons) == 1 and len(persons.pop()) == 12  # one hashed id, the same each time
