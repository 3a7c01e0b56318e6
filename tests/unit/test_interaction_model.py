"""The en-US interaction model builds on Alexa and understands the ways people name their ex."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.resolver import Resolver

MODEL_PATH = (
    Path(__file__).resolve().parents[2] / "interaction_model/interactionModels/custom/en-US.json"
)
REQUIRED_BUILT_INS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.NextIntent",
}
# What Alexa accepts in a sample: words, spaces, possessive apostrophes, periods of
# abbreviations, and {slot} placeholders. Digits must be spelled out.
SAMPLE_CHARACTERS = re.compile(r"[a-z' .{}]+")
EX_FORMS = {
    "him": ("he", "him"),
    "her": ("she", "her"),
    "them": ("they", "them"),
    "ex": ("my ex",) * 2,
}
# Words after which the ex is the subject of the sentence ("what if she calls").
SUBJECT_AFTER = {"if", "when", "that"}


def _load() -> dict[str, Any]:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


MODEL = _load()
LANGUAGE_MODEL = MODEL["interactionModel"]["languageModel"]
INTENTS = {intent["name"]: intent for intent in LANGUAGE_MODEL["intents"]}
CUSTOM_INTENTS = [name for name in INTENTS if not name.startswith("AMAZON.")]
TYPES = {slot_type["name"]: slot_type for slot_type in LANGUAGE_MODEL["types"]}


def _slot_names(sample: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", sample)


def _intents_with_slot(slot: str) -> list[str]:
    return [
        name
        for name in CUSTOM_INTENTS
        if any(s["name"] == slot for s in INTENTS[name].get("slots", []))
    ]


def test_the_model_is_valid_json_with_the_skill_invocation_name() -> None:
    assert LANGUAGE_MODEL["invocationName"] == "no contact coach"


def test_every_required_built_in_intent_is_declared() -> None:
    assert set(INTENTS) >= REQUIRED_BUILT_INS


@pytest.mark.parametrize("intent", CUSTOM_INTENTS)
def test_each_custom_intent_has_at_least_fifteen_samples(intent: str) -> None:
    assert len(INTENTS[intent]["samples"]) >= 15


def test_no_sample_appears_twice_anywhere_in_the_model() -> None:
    counts = Counter(
        " ".join(sample.lower().split())
        for intent in INTENTS.values()
        for sample in intent.get("samples", [])
    )
    assert [sample for sample, count in counts.items() if count > 1] == []


def test_no_two_intents_share_a_sample_shape_once_slots_stand_for_their_types() -> None:
    # "{ex} texted me" and "{who} texted me" would be the same sentence to Alexa.
    owner: dict[str, str] = {}
    clashes = []
    for name, intent in INTENTS.items():
        types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            shape = sample
            for slot_name, type_name in types.items():
                shape = shape.replace("{" + slot_name + "}", "{" + type_name + "}")
            if owner.setdefault(shape, name) != name:
                clashes.append((shape, owner[shape], name))
    assert clashes == []


@pytest.mark.parametrize("intent", list(INTENTS))
def test_samples_use_only_characters_alexa_accepts(intent: str) -> None:
    bad = [s for s in INTENTS[intent].get("samples", []) if not SAMPLE_CHARACTERS.fullmatch(s)]
    assert bad == []


@pytest.mark.parametrize("intent", CUSTOM_INTENTS)
def test_every_slot_in_a_sample_is_declared_and_every_declared_slot_is_used(intent: str) -> None:
    declared = {slot["name"] for slot in INTENTS[intent].get("slots", [])}
    used = {name for sample in INTENTS[intent]["samples"] for name in _slot_names(sample)}
    assert used == declared


def test_every_slot_type_used_is_defined_or_built_in() -> None:
    used = {slot["type"] for intent in INTENTS.values() for slot in intent.get("slots", [])}
    undefined = {t for t in used if not t.startswith("AMAZON.") and t not in TYPES}
    assert undefined == set()


@pytest.mark.parametrize("type_name", list(TYPES))
def test_custom_slot_values_have_unique_ids_and_no_synonym_belongs_to_two_values(
    type_name: str,
) -> None:
    values = TYPES[type_name]["values"]
    ids = [value["id"] for value in values]
    phrases = [
        phrase.lower()
        for value in values
        for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]
    ]
    assert len(ids) == len(set(ids))
    assert [p for p, count in Counter(phrases).items() if count > 1] == []


def test_the_ex_slot_accepts_him_her_them_and_my_ex_as_entities() -> None:
    ids = {value["id"] for value in TYPES["EX_REFERENCE"]["values"]}
    assert ids == {"him", "her", "them", "ex"}


@pytest.mark.parametrize("intent", _intents_with_slot("ex"))
def test_intents_naming_the_ex_also_work_without_naming_anyone(intent: str) -> None:
    assert any("{ex}" not in sample for sample in INTENTS[intent]["samples"])


def _say(sample: str, ex_id: str) -> str:
    subject, obj = EX_FORMS[ex_id]
    words = sample.split()
    spoken = []
    for index, word in enumerate(words):
        if word == "{ex}":
            before = words[index - 1] if index else None
            spoken.append(subject if before is None or before in SUBJECT_AFTER else obj)
        elif word == "{method}":
            spoken.append("text")
        elif word == "{date}":
            spoken.append("yesterday")
        else:
            spoken.append(word)
    return " ".join(spoken)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(MODEL, today=dt.date(2026, 11, 28))


@pytest.mark.parametrize("intent", _intents_with_slot("ex"))
@pytest.mark.parametrize("ex_id", ["him", "her", "them", "ex"])
def test_every_intent_naming_the_ex_understands_him_her_them_and_my_ex(
    resolver: Resolver, intent: str, ex_id: str
) -> None:
    samples = [s for s in INTENTS[intent]["samples"] if "{ex}" in s]
    for sample in samples:
        sentence = _say(sample, ex_id)
        resolution = resolver.resolve(sentence)
        assert resolution.intent == intent, sentence
        assert resolution.slots["ex"].resolved_id == ex_id, sentence
