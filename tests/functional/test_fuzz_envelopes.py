"""Bad input: generated and mutated Alexa envelopes through `lambda_function.lambda_handler`.

Every envelope, however broken, must get a response Alexa can read (it
deserialises into ask_sdk_model.ResponseEnvelope), and no exception may
escape. The run is derandomised, so CI sees the same 10,000 envelopes each time.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import ResponseEnvelope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lambda_function
from no_contact_coach.entrypoints.chat import FixedZoneApiClient
from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from tests.conftest import EVENTS

EXAMPLES = 10_000
MODEL = Path(__file__).parents[2] / "interaction_model/interactionModels/custom/en-US.json"
INTENTS = {
    intent["name"]: [slot["name"] for slot in intent.get("slots", [])]
    for intent in json.loads(MODEL.read_text())["interactionModel"]["languageModel"]["intents"]
}
RECORDED = [json.loads(path.read_text()) for path in sorted(EVENTS.glob("*.json"))]

HUGE = "ab " * 40_000
DATES = [
    "2026-02-30", "XXXX-WXX-7", "2026-W07", "2026-W07-WE", "2026-W99", "XXXX-02-29",
    "2026-13-01", "2026", "201X", "2026-SU", "2026-WI", "PRESENT_REF", "0001-01-01",
    "9999-12-31", "2026-03-10", "XXXX-XX-01", "2026-02", "P1D", "T09:00", "", " ",
]  # fmt: skip
TEXTS = [HUGE, "<speak>hi</speak>", "&amp; \" ' < >", "him", "her", "them", "null", "💔" * 500]
LOCALES = ["en-US", "en-GB", "en-IN", "de-DE", "fr-CA", "xx-YY", "", "EN-us", "en_US", "e" * 300]
PENDING_KINDS = ["start", "slip", "tip", "exercise", "exercise_done", "mistake", "ready", "delete"]
REQUEST_TYPES = [
    "LaunchRequest", "IntentRequest", "SessionEndedRequest", "AlexaSkillEvent.SkillDisabled",
    "AlexaSkillEvent.SkillEnabled", "CanFulfillIntentRequest", "Alexa.Presentation.APL.UserEvent",
    "Connections.Response", "Bogus.Request", "",
]  # fmt: skip
USERS = ["amzn1.ask.account.FUZZ1", "amzn1.ask.account.FUZZ2"]

leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(DATES + TEXTS),
)
json_value = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)
slot_value = st.one_of(st.sampled_from(DATES + TEXTS), st.text(max_size=60), json_value)


@st.composite
def a_slot(draw: st.DrawFn, name: str) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if draw(st.booleans()):
        slot["value"] = draw(slot_value)
    if draw(st.booleans()):
        code = draw(st.sampled_from(["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH", "BOGUS"]))
        value_id = draw(st.one_of(st.sampled_from(["him", "her", "them", "quick", "x"]), leaf))
        slot["resolutions"] = {
            "resolutionsPerAuthority": [
                {
                    "authority": "a",
                    "status": {"code": code},
                    "values": [{"value": {"id": value_id}}],
                }
            ]
        }
    return slot


@st.composite
def generated(draw: st.DrawFn) -> dict[str, Any]:
    """A plausible envelope: a known or unknown request, slots, a session with a pending question."""
    kind = draw(st.sampled_from(REQUEST_TYPES))
    request: dict[str, Any] = {
        "type": kind,
        "requestId": "amzn1.echo-api.request.fuzz",
        "timestamp": draw(
            st.sampled_from(["2026-03-10T17:00:00Z", "2026-02-30T00:00:00Z", "later", "2026-03-01"])
        ),
        "locale": draw(st.sampled_from(LOCALES)),
    }
    if kind == "IntentRequest":
        name = draw(st.one_of(st.sampled_from(sorted(INTENTS)), st.text(max_size=20)))
        slots = {slot: draw(a_slot(slot)) for slot in INTENTS.get(name, ["date", "ex", "zz"])}
        request["intent"] = {"name": name, "confirmationStatus": "NONE", "slots": slots}
    user = {"userId": draw(st.sampled_from(USERS))}
    system: dict[str, Any] = {
        "application": {"applicationId": "amzn1.ask.skill.fuzz"},
        "user": user,
        "device": {"deviceId": "amzn1.ask.device.FUZZ", "supportedInterfaces": {}},
        "apiEndpoint": "https://api.amazonalexa.com",
        "apiAccessToken": "token",
    }
    if draw(st.booleans()):
        system["person"] = {"personId": draw(st.sampled_from(["amzn1.ask.person.P", ""]))}
    body: dict[str, Any] = {"version": "1.0", "context": {"System": system}, "request": request}
    if draw(st.booleans()):
        pending = {
            "kind": draw(st.one_of(st.sampled_from(PENDING_KINDS), leaf)),
            "date": draw(st.one_of(st.sampled_from(DATES), leaf)),
            "index": draw(leaf),
            "next": draw(leaf),
            "variant": draw(leaf),
        }
        attributes = {"pending": pending, "last": draw(json_value), "tips_heard": draw(json_value)}
        body["session"] = {
            "new": draw(st.booleans()),
            "sessionId": "amzn1.echo-api.session.fuzz",
            "application": {"applicationId": "amzn1.ask.skill.fuzz"},
            "user": user,
            "attributes": draw(st.one_of(st.just(attributes), json_value)),
        }
    return body


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> Any:
    """Delete or replace (with any JSON value, of any type) a few fields anywhere."""
    envelope: Any = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        path = draw(st.sampled_from(list(paths(envelope))))
        if not path:
            envelope = draw(json_value) if draw(st.integers(0, 20)) == 0 else envelope
            continue
        parent = envelope
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_value)
    return envelope


envelopes = mutated(st.one_of(generated(), st.sampled_from(RECORDED)))


@pytest.fixture(scope="module")
def lambda_handler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """lambda_function.lambda_handler with its skill built on a SQLite file in tmp."""
    store = SqliteStore(tmp_path_factory.mktemp("fuzz") / "journeys.sqlite3")
    store._connect().execute("PRAGMA synchronous=OFF")  # a throwaway file: no need to fsync
    skill = build_skill(store, api_client=FixedZoneApiClient("Asia/Kolkata"), skill_id="")
    previous = lambda_function._handler
    lambda_function._handler = build_handler(skill)
    sent: list[int] = []

    def counted(event: Any, context: Any) -> Any:
        sent.append(1)
        return lambda_function.lambda_handler(event, context)

    yield counted
    lambda_function._handler = previous
    print(f"\nfuzz: {len(sent)} envelopes through lambda_handler")


SERIALIZER = DefaultSerializer()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(event=envelopes)
def test_every_envelope_gets_a_response_alexa_can_read(lambda_handler: Any, event: Any) -> None:
    result = lambda_handler(event, None)
    response = SERIALIZER.deserialize(json.dumps(result), ResponseEnvelope)
    assert isinstance(response, ResponseEnvelope) and response.response is not None
    speech = getattr(response.response.output_speech, "ssml", "") or ""
    assert len(speech) < 8000
