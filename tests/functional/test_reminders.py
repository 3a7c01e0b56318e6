"""The daily reminder, through the SDK's Reminders service client, against a local TLS stand-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.port import PersonKey
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from tests.conftest import load_event
from tests.functional.harness import Reply
from tests.functional.standin import StandIn

SAT_EVENING_TOKYO = "2026-11-28T12:00:00Z"  # 21:00 in Tokyo: 8 a.m. is tomorrow's


class Person:
    """Someone whose Echo reaches the stand-in for every Alexa API call."""

    def __init__(self, tmp_path: Path, endpoint: str) -> None:
        self.store = SqliteStore(tmp_path / "j.sqlite3")
        # The production wiring: the SDK's DefaultApiClient (with a time-out).
        self.handler = build_handler(build_skill(self.store, skill_id=""))
        self.endpoint = endpoint

    def send(
        self, event: str, *, consent: bool = True, locale: str = "en-US", **slots: Any
    ) -> Reply:
        envelope = load_event(event)
        system = envelope["context"]["System"]
        system["apiEndpoint"] = self.endpoint
        if not consent:
            system["user"].pop("permissions", None)
        envelope["request"]["timestamp"] = SAT_EVENING_TOKYO
        envelope["request"]["locale"] = locale
        for name, value in slots.items():
            envelope["request"]["intent"]["slots"][name] = {"name": name, "value": value}
        return Reply(self.handler(envelope, None))

    def token(self) -> str | None:
        system = load_event("reminder_every_morning")["context"]["System"]
        stored = self.store.get(PersonKey.of(system["user"]["userId"], None))
        return stored.state.reminder_token if stored else None


@pytest.fixture
def api(alexa_api: tuple[StandIn, str]) -> StandIn:
    return alexa_api[0]


@pytest.fixture
def person(tmp_path: Path, alexa_api: tuple[StandIn, str]) -> Person:
    return Person(tmp_path, alexa_api[1])


def test_remind_me_every_morning_at_eight_creates_a_daily_reminder_in_my_zone(
    person: Person, api: StandIn
) -> None:
    reply = person.send("reminder_every_morning", locale="en-GB")

    assert reply.says("8 a.m. every day")
    (call,) = [c for c in api.reminder_calls() if c.method == "POST"]
    assert call.authorization == "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.example.token"
    trigger = call.body["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE"
    assert trigger["timeZoneId"] == "Asia/Tokyo"  # the zone the Settings API reports
    recurrence = trigger["recurrence"]
    assert recurrence["recurrenceRules"] == ["FREQ=DAILY;BYHOUR=8;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
    assert recurrence["startDateTime"].startswith("2026-11-29T08:00")  # tomorrow, local
    (spoken,) = call.body["alertInfo"]["spokenInfo"]["content"]
    assert spoken["locale"] == "en-GB" and "No Contact Coach" in spoken["text"]
    assert person.token() == "amzn1.alert.token-1"


def test_an_evening_reminder_moves_eight_to_the_evening(person: Person, api: StandIn) -> None:
    reply = person.send("reminder_every_morning", time="07:30", part="evening")

    assert reply.says("7:30 p.m.")
    rule = api.reminder_calls()[-1].body["trigger"]["recurrence"]["recurrenceRules"][0]
    assert "BYHOUR=19;BYMINUTE=30" in rule


def test_asking_again_moves_the_one_reminder_instead_of_adding_another(
    person: Person, api: StandIn
) -> None:
    person.send("reminder_every_morning")
    person.send("reminder_every_morning", time="09:00")

    assert [c.method for c in api.reminder_calls()] == ["POST", "PUT"]
    assert len(api.reminders) == 1
    assert person.token() == "amzn1.alert.token-1"


def test_without_permission_the_consent_card_is_sent_and_nothing_is_called(
    person: Person, api: StandIn
) -> None:
    reply = person.send("reminder_every_morning", consent=False)

    card = reply.response["card"]
    assert card["type"] == "AskForPermissionsConsent"
    assert card["permissions"] == ["alexa::alerts:reminders:skill:readwrite"]
    assert reply.says("alexa app", "allow reminders")
    assert reply.ends_session
    assert api.reminder_calls() == []
    assert person.token() is None


@pytest.mark.parametrize("status", [401, 403])
def test_a_refusal_from_the_api_also_sends_the_consent_card(
    person: Person, api: StandIn, status: int
) -> None:
    api.reminders_status = status
    reply = person.send("reminder_every_morning")

    assert reply.response["card"]["type"] == "AskForPermissionsConsent"
    assert person.token() is None


def test_a_failing_api_is_explained_and_nothing_is_saved(person: Person, api: StandIn) -> None:
    api.reminders_status = 500
    reply = person.send("reminder_every_morning")

    assert reply.says("couldn't reach your reminders")
    assert "card" not in reply.response
    assert person.token() is None


def test_without_a_time_it_asks_for_one(person: Person, api: StandIn) -> None:
    envelope_slots = {"time": "", "part": ""}
    reply = person.send("reminder_every_morning", **envelope_slots)

    assert reply.speech.endswith("?") and not reply.ends_session
    assert api.reminder_calls() == []


def test_stop_my_reminders_deletes_it(person: Person, api: StandIn) -> None:
    person.send("reminder_every_morning")
    reply = person.send("stop_reminders")

    assert reply.says("reminder is off")
    assert [c.method for c in api.reminder_calls()] == ["POST", "DELETE"]
    assert api.reminder_calls()[-1].path.endswith("/amzn1.alert.token-1")
    assert api.reminders == {}
    assert person.token() is None


def test_stop_with_no_reminder_says_so_and_calls_nothing(person: Person, api: StandIn) -> None:
    reply = person.send("stop_reminders")

    assert reply.says("don't have a daily reminder")
    assert api.reminder_calls() == []


def test_a_reminder_already_deleted_in_the_app_counts_as_stopped(
    person: Person, api: StandIn
) -> None:
    person.send("reminder_every_morning")
    api.reminders.clear()  # the person deleted it in the Alexa app
    reply = person.send("stop_reminders")

    assert reply.says("reminder is off")
    assert person.token() is None


def test_delete_my_data_also_removes_the_reminder_from_alexa(person: Person, api: StandIn) -> None:
    person.send("reminder_every_morning")
    ask_first = load_event("reminder_every_morning")
    ask_first["context"]["System"]["apiEndpoint"] = person.endpoint
    ask_first["request"]["intent"] = {"name": "DeleteDataIntent", "confirmationStatus": "NONE"}
    question = Reply(person.handler(ask_first, None))
    yes = load_event("yes")
    yes["context"]["System"] = ask_first["context"]["System"]
    yes["session"]["attributes"] = question.session_attributes
    Reply(person.handler(yes, None))

    assert [c.method for c in api.reminder_calls()] == ["POST", "DELETE"]
    assert api.reminders == {}
    assert person.token() is None
