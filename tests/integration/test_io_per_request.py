"""How many DynamoDB calls each request makes, counted through botocore's event hooks (moto).

Counts, never timings: a read-only request is one GetItem and no write, a state-changing
one at most one read and one conditional write, and nothing ever scans the table.
bench/run.py prints the same counts for the whole benchmark mix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from no_contact_coach.entrypoints.chat import FixedZoneApiClient
from no_contact_coach.entrypoints.envelopes import (
    Caller,
    Session,
    custom_slot,
    envelope,
    intent_request,
    launch_request,
)
from no_contact_coach.entrypoints.lambda_entry import Handler, build_handler
from no_contact_coach.journey.model import JourneyState, Streak
from no_contact_coach.storage.dynamodb import DynamoDbStore
from no_contact_coach.storage.port import PersonKey
from no_contact_coach.voice.skill import build_skill
from no_contact_coach.voice.speech import ssml_to_text

ZONE = "America/New_York"
START = date(2026, 3, 2)
DAY_TEN = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)  # 10 a.m. in New York, day 10
DAY_FOURTEEN = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)  # a milestone day
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


@dataclass
class Calls:
    """Every DynamoDB operation the client is asked for: (name, its parameters)."""

    made: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def record(self, params: dict[str, Any], event_name: str, **_: Any) -> None:
        self.made.append((event_name.rsplit(".", 1)[-1], dict(params)))

    def names(self) -> list[str]:
        return [name for name, _ in self.made]

    def writes(self) -> list[dict[str, Any]]:
        return [params for name, params in self.made if name in WRITES]


@dataclass
class Rig:
    handler: Handler
    calls: Calls
    caller: Caller
    session: Session | None = None

    def says(self, request: dict[str, Any]) -> tuple[str, list[str]]:
        """One request in the running session: (what Alexa said, the DynamoDB calls it made)."""
        if self.session is None:
            self.session = Session()
        self.calls.made.clear()
        result = self.handler(envelope(request, self.caller, self.session), None)
        response = result["response"]
        self.session = self.session.carry(result)
        speech = ssml_to_text((response.get("outputSpeech") or {}).get("ssml", ""))
        return speech, self.calls.names()


def journey_on_day_ten() -> JourneyState:
    return JourneyState(
        streaks=(Streak(START),), time_zone=ZONE, milestones_announced=frozenset({"d1", "d3", "d7"})
    )


@pytest.fixture
def rig(dynamodb_table: tuple[Any, str]) -> Rig:
    client, table = dynamodb_table
    calls = Calls()
    store = DynamoDbStore(table, client=client)
    caller = Caller()
    store.put(PersonKey(caller.user_id), journey_on_day_ten(), None)
    client.meta.events.register("provide-client-params.dynamodb", calls.record)
    skill = build_skill(store, api_client=FixedZoneApiClient(ZONE), skill_id="")
    return Rig(build_handler(skill), calls, caller)


READ_ONLY = {
    "launch": launch_request(DAY_TEN),
    "what day": intent_request("WhatDayIntent", DAY_TEN),
    "today's tip": intent_request("TodaysTipIntent", DAY_TEN),
    "progress": intent_request("ProgressIntent", DAY_TEN),
    "the exercise": intent_request("DetoxExerciseIntent", DAY_TEN),
    "a slip, before it is confirmed": intent_request("SlipIntent", DAY_TEN),
}


@pytest.mark.parametrize("name", READ_ONLY)
def test_a_read_only_request_reads_the_journey_once_and_writes_nothing(rig: Rig, name: str) -> None:
    if name != "launch":
        rig.says(launch_request(DAY_TEN))  # in an open session, as a person would ask it
    _, calls = rig.says(READ_ONLY[name])
    assert calls == ["GetItem"]


def test_a_one_shot_question_reads_once_and_writes_nothing(rig: Rig) -> None:
    speech, calls = rig.says(intent_request("WhatDayIntent", DAY_TEN))
    assert "10" in speech
    assert calls == ["GetItem"]


def test_an_urge_is_one_read_and_one_conditional_write(rig: Rig) -> None:
    rig.says(launch_request(DAY_TEN))
    slot = {"ex": custom_slot("ex", "him", "him", "him", "EX_REFERENCE")}
    _, calls = rig.says(intent_request("UrgeIntent", DAY_TEN, slots=slot))
    assert calls == ["GetItem", "PutItem"]
    assert "ConditionExpression" in rig.calls.writes()[0]


def test_a_confirmed_slip_is_one_read_and_one_conditional_write(rig: Rig) -> None:
    rig.says(launch_request(DAY_TEN))
    rig.says(intent_request("SlipIntent", DAY_TEN))
    speech, calls = rig.says(intent_request("AMAZON.YesIntent", DAY_TEN))
    assert "day one" in speech.lower() or "day 1" in speech.lower()
    assert calls == ["GetItem", "PutItem"]
    assert "ConditionExpression" in rig.calls.writes()[0]


def test_a_milestone_is_written_once_by_the_first_request_that_announces_it(rig: Rig) -> None:
    first, first_calls = rig.says(intent_request("WhatDayIntent", DAY_FOURTEEN))
    marker = rig.calls.writes()
    again, again_calls = rig.says(intent_request("WhatDayIntent", DAY_FOURTEEN))
    assert first != again  # the announcement is heard once
    assert first_calls == ["GetItem", "PutItem"]
    assert "ConditionExpression" in marker[0]
    assert again_calls == ["GetItem"]


def test_stop_reads_nothing_and_help_reads_once_for_the_pronoun(rig: Rig) -> None:
    rig.says(launch_request(DAY_TEN))
    _, stop_calls = rig.says(intent_request("AMAZON.StopIntent", DAY_TEN))
    _, help_calls = rig.says(intent_request("AMAZON.HelpIntent", DAY_TEN))
    assert stop_calls == []
    assert help_calls == ["GetItem"]  # Help names the ex ("say I want to text him")


def test_a_whole_session_never_scans_and_never_reads_twice_in_one_request(rig: Rig) -> None:
    slot = {"ex": custom_slot("ex", "him", "him", "him", "EX_REFERENCE")}
    session = [
        launch_request(DAY_TEN),
        intent_request("WhatDayIntent", DAY_TEN),
        intent_request("TodaysTipIntent", DAY_TEN),
        intent_request("ProgressIntent", DAY_TEN),
        intent_request("DetoxExerciseIntent", DAY_TEN),
        intent_request("UrgeIntent", DAY_TEN, slots=slot),
        intent_request("SlipIntent", DAY_TEN),
        intent_request("AMAZON.YesIntent", DAY_TEN),
        intent_request("ProgressIntent", DAY_TEN),
    ]
    for request in session:
        _, calls = rig.says(request)
        assert "Scan" not in calls
        assert calls.count("GetItem") <= 1
        assert sum(1 for name in calls if name in WRITES) <= 1
