"""The free-text reasons intent hears reasons, and swallows nothing meant for another intent.

AddReasonIntent takes an AMAZON.SearchQuery behind a carrier phrase ("add a
reason ...", "remember that ..."). A carrier that is too loose would turn
"I want to text him" into a reason; these tests send every other intent's
samples, with real slot values, through the chat resolver.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.resolver import Resolver

MODEL_PATH = (
    Path(__file__).resolve().parents[2] / "interaction_model/interactionModels/custom/en-US.json"
)
MODEL: dict[str, Any] = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
INTENTS = {i["name"]: i for i in MODEL["interactionModel"]["languageModel"]["intents"]}
TYPES = {t["name"]: t for t in MODEL["interactionModel"]["languageModel"].get("types", [])}
REASON_INTENTS = {
    "AddReasonIntent",
    "ListReasonsIntent",
    "DeleteLastReasonIntent",
    "ClearReasonsIntent",
    "WaitItOutIntent",
}
# Something said for a slot of each built-in type (custom types use their first value).
BUILT_IN_VALUES = {
    "AMAZON.DATE": "yesterday",
    "AMAZON.TIME": "eight am",
    "AMAZON.NUMBER": "three",
    "AMAZON.SearchQuery": "he never listened",
}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(MODEL, today=dt.date(2026, 11, 28))


def spoken(sample: str, slot_types: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        type_name = slot_types[match.group(1)]
        if type_name in TYPES:
            return str(TYPES[type_name]["values"][0]["name"]["value"])
        return BUILT_IN_VALUES.get(type_name, "something")

    return re.sub(r"\{(\w+)\}", value, sample)


OTHER_SAMPLES = [
    pytest.param(name, sample, id=f"{name}: {sample}")
    for name, intent in INTENTS.items()
    if name not in REASON_INTENTS
    for sample in intent.get("samples", [])
]


@pytest.mark.parametrize(("intent", "sample"), OTHER_SAMPLES)
def test_no_other_intents_sample_lands_on_a_reasons_intent(
    resolver: Resolver, intent: str, sample: str
) -> None:
    slot_types = {s["name"]: s["type"] for s in INTENTS[intent].get("slots", [])}
    line = spoken(sample, slot_types)

    for said in (line, f"tell no contact coach {line}", f"um {line} please"):
        assert resolver.resolve(said).intent not in REASON_INTENTS, said


@pytest.mark.parametrize(
    "line",
    [
        "I want to text him",
        "I really miss her",
        "remind me every morning at eight",
        "what day am I on",
        "delete my data",
        "give me another tip",
        "I slipped up",
        "help",
        "next",
    ],
)
def test_everyday_requests_are_not_taken_for_reasons(resolver: Resolver, line: str) -> None:
    assert resolver.resolve(line).intent != "AddReasonIntent"


def test_no_sample_of_the_reasons_intent_is_a_bare_slot() -> None:
    # Alexa needs carrier words around a SearchQuery; a bare one would catch everything.
    for sample in INTENTS["AddReasonIntent"]["samples"]:
        words = [w for w in sample.split() if not w.startswith("{")]
        assert len(words) >= 2, sample
        assert sample.endswith("{reason}"), sample


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("add a reason he never listened", "he never listened"),
        ("add a reason: he never listened", "he never listened"),
        ("remember that she cancelled my birthday", "she cancelled my birthday"),
        ("Alexa, tell No Contact Coach to remember that He Lied.", "He Lied."),
        ("write this down <speak>he lied</speak> & left", "<speak>he lied</speak> & left"),
        ("remember that he's late 4 times a week", "he's late 4 times a week"),
    ],
)
def test_the_search_query_slot_carries_the_persons_own_words(
    resolver: Resolver, line: str, reason: str
) -> None:
    resolution = resolver.resolve(line)

    assert resolution.intent == "AddReasonIntent"
    assert resolution.slots["reason"].value == reason
    assert resolution.slots["reason"].resolved_id is None


def test_a_carrier_phrase_alone_reaches_the_intent_with_an_empty_slot(
    resolver: Resolver,
) -> None:
    resolution = resolver.resolve("add a reason")

    assert resolution.intent == "AddReasonIntent"
    assert resolution.slots["reason"].value is None


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("what are my reasons", "ListReasonsIntent"),
        ("remind me why I left", "ListReasonsIntent"),
        ("delete the last reason", "DeleteLastReasonIntent"),
        ("clear my reasons", "ClearReasonsIntent"),
        ("help me wait it out", "WaitItOutIntent"),
        ("more", "AMAZON.NextIntent"),
    ],
)
def test_the_reasons_requests_reach_their_intents(
    resolver: Resolver, line: str, intent: str
) -> None:
    assert resolver.resolve(line).intent == intent
