"""DynamoDB failing in each way it can: the person hears a short apology, nothing is half-written.

The requests go through the Lambda adapter and a real botocore client (with
the production time-outs and retries) to moto over HTTP, or to a loopback port
nobody listens on.
"""

from __future__ import annotations

import json
import logging
import random
import time
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse

from no_contact_coach.entrypoints.envelopes import Caller
from no_contact_coach.journey.model import JourneyState
from no_contact_coach.logs import JsonFormatter
from no_contact_coach.storage import dynamodb
from no_contact_coach.storage.dynamodb import DynamoDbStore
from no_contact_coach.storage.port import PersonKey, Stored
from tests.dialogs import Person, Said, skill_handler
from tests.integration import moto_server

USER = "amzn1.ask.account.FAULTS"
PERSON = "amzn1.ask.person.FAULTS"
KEY = PersonKey(USER, PERSON)


def a_table(endpoint: str) -> DynamoDbStore:
    client = moto_server.client(endpoint)
    return DynamoDbStore(
        moto_server.create_table(client, f"faults-{random.randrange(10**9)}"), client=client
    )


def person_on(store: DynamoDbStore) -> Person:
    return Person(skill_handler(store), Caller(user_id=USER, person_id=PERSON))


def failure_logs(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records]
    for line in lines:
        text = json.dumps(line)
        assert USER not in text and PERSON not in text, "a raw id reached the logs"
    return [line for line in lines if line["message"] == "store_failed"]


def assert_apologised(said: Said, key: str = "storage_down") -> None:
    assert said.is_line(key), said.speech
    assert said.ends_session and not said.has_reprompt
    assert "pending" not in said.attributes


def throttle(store: DynamoDbStore, operation: str, code: str) -> list[str]:
    """Every `operation` call is answered 400 with `code`, before it reaches moto."""
    calls: list[str] = []

    def answer(request: Any, **_: Any) -> AWSResponse | None:
        target = request.headers.get("X-Amz-Target", b"")
        if isinstance(target, bytes):
            target = target.decode()
        if not target.endswith(f".{operation}"):
            return None
        calls.append(operation)
        body = json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": "slow"})
        return AWSResponse(request.url, 400, {"x-amzn-ErrorType": code}, _Raw(body.encode()))

    store._client.meta.events.register("before-send.dynamodb", answer, unique_id="throttle")
    return calls


def stop_throttling(store: DynamoDbStore) -> None:
    store._client.meta.events.unregister("before-send.dynamodb", unique_id="throttle")


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


@pytest.mark.parametrize("code", ["ProvisionedThroughputExceededException", "ThrottlingException"])
def test_a_throttled_write_is_retried_then_apologised_for_and_nothing_changes(
    moto_endpoint: str, code: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = a_table(moto_endpoint)
    person = person_on(store)
    person.start_today()
    before = store.get(KEY)
    calls = throttle(store, "PutItem", code)
    caplog.set_level(logging.INFO)

    said = person.urge()

    assert_apologised(said)
    assert len(calls) == dynamodb.MAX_ATTEMPTS  # botocore retried before giving up
    stop_throttling(store)
    assert store.get(KEY) == before
    [line] = failure_logs(caplog)
    assert line["error_class"] == "throttled" and line["person"] != "unknown"


def test_a_throttled_read_is_apologised_for_even_in_the_middle_of_a_dialog(
    moto_endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = a_table(moto_endpoint)
    person = person_on(store)
    person.start_today()
    question = person.one_shot("SlipIntent")
    before = store.get(KEY)
    throttle(store, "GetItem", "ThrottlingException")
    caplog.set_level(logging.INFO)

    said = person.in_session("AMAZON.YesIntent", question.attributes)

    assert_apologised(said)
    assert [line["error_class"] for line in failure_logs(caplog)] == ["throttled"]
    stop_throttling(store)
    assert store.get(KEY) == before


def test_an_unreachable_endpoint_gets_a_prompt_apology(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # The production client, built from the environment, pointed at a closed port.
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", f"http://127.0.0.1:{moto_server.closed_port()}")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    store = DynamoDbStore("journeys")
    caplog.set_level(logging.INFO)

    began = time.perf_counter()
    said = person_on(store).urge()
    elapsed = time.perf_counter() - began

    assert_apologised(said)
    [line] = failure_logs(caplog)
    assert line["error_class"] == "unreachable"
    print(f"\nanswer time with DynamoDB unreachable (connection refused): {elapsed * 1000:.0f} ms")


def test_a_missing_table_gets_an_apology_and_creates_nothing(
    moto_endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = moto_server.client(moto_endpoint)
    store = DynamoDbStore("no-such-table", client=client)
    caplog.set_level(logging.INFO)

    for said in (person_on(store).urge(), person_on(store).start_today()):
        assert_apologised(said)
    assert [line["error_class"] for line in failure_logs(caplog)] == ["missing_table"] * 2
    assert "no-such-table" not in client.list_tables()["TableNames"]


class RivalWins(DynamoDbStore):
    """Before each of our writes, another device records an urge first."""

    rival_writes = 0

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        current = super().get(key)
        if current is not None:
            rival = current.state.with_changes(urge_count=current.state.urge_count + 1)
            super().put(key, rival, current.version)
            self.rival_writes += 1
        return super().put(key, state, expected_version)


def test_a_conflict_that_outlives_the_retries_is_apologised_for_and_writes_nothing(
    moto_endpoint: str, caplog: pytest.LogCaptureFixture
) -> None:
    plain = a_table(moto_endpoint)
    person_on(plain).start_today()
    store = RivalWins(plain._table, client=plain._client)
    caplog.set_level(logging.INFO)

    said = person_on(store).urge()

    assert_apologised(said, "storage_busy")
    stored: Stored | None = plain.get(KEY)
    assert stored is not None
    assert stored.state.urge_count == store.rival_writes >= 2  # only the rival's urges
    assert [line["error_class"] for line in failure_logs(caplog)] == ["conflict"]


def test_a_write_whose_answer_was_lost_is_not_applied_twice(moto_endpoint: str) -> None:
    store = a_table(moto_endpoint)
    person = person_on(store)
    person.start_today()
    twin = moto_server.client(moto_endpoint)
    lost: list[str] = []

    def land_then_lose_the_answer(request: Any, **_: Any) -> AWSResponse | None:
        target = request.headers.get("X-Amz-Target", b"")
        target = target.decode() if isinstance(target, bytes) else target
        if lost or not target.endswith(".PutItem"):
            return None
        twin.put_item(**json.loads(request.body))  # the write lands...
        lost.append(target)
        body = b'{"__type": "InternalServerError", "message": "answer lost"}'
        return AWSResponse(request.url, 500, {}, _Raw(body))  # ...but the answer is lost

    store._client.meta.events.register("before-send.dynamodb", land_then_lose_the_answer)

    said = person.urge()

    assert lost and not said.is_line("storage_busy") and not said.is_line("storage_down")
    stored = store.get(KEY)
    assert stored is not None and stored.state.urge_count == 1  # counted once, not twice
