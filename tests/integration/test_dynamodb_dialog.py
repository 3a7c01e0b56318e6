"""A whole conversation through the Lambda handler, with state in a DynamoDB table built
(under moto) from infra/template.yaml's own key schema, as production would have it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import boto3
import pytest
from ask_sdk_core.exceptions import AskSdkException
from moto import mock_aws

from no_contact_coach.entrypoints.chat import FixedZoneApiClient
from no_contact_coach.entrypoints.envelopes import (
    Caller,
    Session,
    envelope,
    intent_request,
    launch_request,
    skill_disabled_event,
)
from no_contact_coach.entrypoints.lambda_entry import Handler, build_handler
from no_contact_coach.journey.model import SCHEMA_VERSION
from no_contact_coach.storage.dynamodb import PARTITION_KEY, SORT_KEY, DynamoDbStore
from no_contact_coach.storage.port import ACCOUNT_MARKER
from no_contact_coach.voice.skill import build_skill
from no_contact_coach.voice.speech import ssml_to_text
from tests.tables import table_definition_from_template

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
TABLE = "no-contact-journeys"
ZONE = "America/New_York"
# 9 a.m. in New York on the day contact stopped, and nine days later.
DAY_ONE = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
DAY_TEN = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        dynamodb.create_table(TableName=TABLE, **table_definition_from_template())
        yield dynamodb


@pytest.fixture
def handler(client: Any) -> Handler:
    # The store builds its own client, with the production time-outs, inside moto.
    skill = build_skill(
        DynamoDbStore(TABLE), api_client=FixedZoneApiClient(ZONE), skill_id=SKILL_ID
    )
    return build_handler(skill)


@dataclass
class Person:
    """Someone talking to an Echo: sessions open and close as Alexa's would."""

    handler: Handler
    caller: Caller
    session: Session | None = None
    heard: list[str] = field(default_factory=list)

    def says(self, request: dict[str, Any]) -> str:
        if self.session is None:
            self.session = Session()
        result = self.handler(envelope(request, self.caller, self.session), None)
        response = result["response"]
        self.session = self.session.carry(result)
        speech = ssml_to_text(response.get("outputSpeech", {}).get("ssml", ""))
        self.heard.append(speech)
        return speech


def stored_item(client: Any, user_id: str, person_id: str = ACCOUNT_MARKER) -> dict[str, Any]:
    response = client.get_item(
        TableName=TABLE,
        Key={PARTITION_KEY: {"S": user_id}, SORT_KEY: {"S": person_id}},
        ConsistentRead=True,
    )
    item: dict[str, Any] = response.get("Item", {})
    return item


def version_of(item: dict[str, Any]) -> int | None:
    return int(item["version"]["N"]) if item else None


def streaks_of(item: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {name: value["S"] for name, value in streak["M"].items()} for streak in item["streaks"]["L"]
    ]


def numbers_in(speech: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", speech)}


def test_a_journey_started_slipped_and_restarted_lives_in_the_templates_table(
    client: Any, handler: Handler
) -> None:
    me = Person(handler, Caller(application_id=SKILL_ID))
    user = me.caller.user_id
    versions: list[int | None] = []

    def turn(request: dict[str, Any]) -> str:
        speech = me.says(request)
        versions.append(version_of(stored_item(client, user)))
        return speech

    offer = turn(launch_request(DAY_ONE))
    assert "start your count" in offer.lower()
    assert me.session is not None  # Alexa waits for the answer
    assert stored_item(client, user) == {}  # nothing is kept before the person agrees

    started = turn(intent_request("AMAZON.YesIntent", DAY_ONE))
    assert "day one" in started.lower()
    item = stored_item(client, user)
    assert version_of(item) == 1
    assert streaks_of(item) == [{"start": "2026-03-02"}]
    assert item["timeZone"] == {"S": ZONE}

    me.session = None  # nine days later, a new "Alexa, ask No Contact Coach ..."
    day = turn(intent_request("WhatDayIntent", DAY_TEN))
    assert "day 10" in day.lower()

    question = turn(intent_request("SlipIntent", DAY_TEN))
    assert question.rstrip().endswith("?")
    before_confirming = stored_item(client, user)
    assert streaks_of(before_confirming) == [{"start": "2026-03-02"}]  # nothing restarts yet

    restarted = turn(intent_request("AMAZON.YesIntent", DAY_TEN))
    assert "day one" in restarted.lower()
    assert 9 in numbers_in(restarted)  # the nine days kept are acknowledged
    after = stored_item(client, user)
    assert version_of(after) == (version_of(before_confirming) or 0) + 1
    assert streaks_of(after) == [
        {"start": "2026-03-02", "end": "2026-03-11", "endedBy": "slip"},
        {"start": "2026-03-11"},
    ]

    progress = turn(intent_request("ProgressIntent", DAY_TEN))
    assert re.search(r"\bday (1|one)\b", progress.lower())
    assert re.search(r"\bday 9\b", progress.lower())  # the longest run is not forgotten

    final = stored_item(client, user)
    assert final["schemaVersion"] == {"N": str(SCHEMA_VERSION)}
    assert streaks_of(final) == streaks_of(after)
    # Each turn wrote at most once, and each write moved the version on by exactly one.
    assert versions[:2] == [None, 1]
    written = [v or 0 for v in versions[1:]]
    assert {b - a for a, b in pairwise(written)} <= {0, 1}


def test_disabling_the_skill_deletes_every_journey_of_the_account_and_no_other(
    client: Any, handler: Handler
) -> None:
    household = Caller(application_id=SKILL_ID, user_id="amzn1.ask.account.HOUSEHOLD")
    partner = Caller(
        application_id=SKILL_ID,
        user_id="amzn1.ask.account.HOUSEHOLD",
        person_id="amzn1.ask.person.PARTNER",
    )
    neighbour = Caller(application_id=SKILL_ID, user_id="amzn1.ask.account.NEIGHBOUR")
    for caller in (household, partner, neighbour):
        person = Person(handler, caller)
        person.says(launch_request(DAY_ONE))
        person.says(intent_request("AMAZON.YesIntent", DAY_ONE))
    assert stored_item(client, household.user_id)
    assert stored_item(client, household.user_id, "amzn1.ask.person.PARTNER")

    handler(envelope(skill_disabled_event(DAY_TEN), household, None), None)

    assert stored_item(client, household.user_id) == {}
    assert stored_item(client, household.user_id, "amzn1.ask.person.PARTNER") == {}
    assert streaks_of(stored_item(client, neighbour.user_id)) == [{"start": "2026-03-02"}]


def test_a_request_for_another_skill_is_refused_and_nothing_is_stored(
    client: Any, handler: Handler
) -> None:
    stranger = Caller(application_id="amzn1.ask.skill.99999999-9999-9999-9999-999999999999")
    with pytest.raises(AskSdkException):
        handler(envelope(launch_request(DAY_ONE), stranger, Session()), None)
    assert client.scan(TableName=TABLE)["Count"] == 0
