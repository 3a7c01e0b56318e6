"""The chat resolver hears a typed line the way Alexa's NLU would."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Intent

from no_contact_coach.entrypoints.amazon_date import parse_amazon_date
from no_contact_coach.entrypoints.resolver import (
    FALLBACK_INTENT,
    Resolver,
    SlotFill,
    is_launch,
    normalize,
    slots_to_envelope,
)

MODEL_PATH = (
    Path(__file__).resolve().parents[2] / "interaction_model/interactionModels/custom/en-US.json"
)
MODEL: dict[str, Any] = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
INTENTS = {
    intent["name"]: intent for intent in MODEL["interactionModel"]["languageModel"]["intents"]
}
TYPES = {t["name"]: t for t in MODEL["interactionModel"]["languageModel"]["types"]}

SATURDAY = dt.date(2026, 11, 28)

# A real value for each slot type, as said in a sentence, and what Alexa sends back.
# (spoken as subject, spoken as object, expected value, expected entity id)
FILLERS: dict[str, tuple[str, str, str, str | None]] = {
    "EX_REFERENCE": ("she", "her", "", "her"),
    "CONTACT_METHOD": ("text", "text", "text", "text"),
    "PRONOUN": ("they", "they", "they", "them"),
    "EXERCISE_LENGTH": ("quick", "quick", "quick", "quick"),
    "AMAZON.DATE": ("yesterday", "yesterday", "2026-11-27", None),
    "AMAZON.TIME": ("eight", "eight", "08:00", None),
    "DAY_PART": ("morning", "morning", "morning", "morning"),
    "AMAZON.SearchQuery": ("he never listened", "he never listened", "", None),
}
SUBJECT_AFTER = {"if", "when", "that"}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.from_file(MODEL_PATH, today=SATURDAY)


def _fill(sample: str, slot_types: dict[str, str]) -> tuple[str, dict[str, tuple[str, str | None]]]:
    words = sample.split()
    spoken, expected = [], {}
    for index, word in enumerate(words):
        placeholder = re.fullmatch(r"\{(\w+)\}", word)
        if not placeholder:
            spoken.append(word)
            continue
        name = placeholder.group(1)
        subject, obj, value, entity = FILLERS[slot_types[name]]
        as_subject = index == 0 or words[index - 1] in SUBJECT_AFTER
        said = subject if as_subject else obj
        spoken.append(said)
        expected[name] = (value or said, entity)
    return " ".join(spoken), expected


SAMPLE_CASES = [
    pytest.param(name, sample, id=f"{name}: {sample}")
    for name, intent in INTENTS.items()
    for sample in intent.get("samples", [])
]


@pytest.mark.parametrize(("intent", "sample"), SAMPLE_CASES)
def test_every_sample_with_real_slot_values_resolves_to_its_own_intent(
    resolver: Resolver, intent: str, sample: str
) -> None:
    slot_types = {slot["name"]: slot["type"] for slot in INTENTS[intent].get("slots", [])}
    sentence, expected = _fill(sample, slot_types)

    resolution = resolver.resolve(sentence)

    assert resolution.intent == intent
    assert set(resolution.slots) == set(slot_types)
    for name, (value, entity) in expected.items():
        assert resolution.slots[name].value == value
        assert resolution.slots[name].resolved_id == entity
    for name in set(slot_types) - set(expected):
        # A finer sample of the same intent may read a slot this one spells out
        # ("i texted {ex}" heard as "i {method} {ex}"); it must then be a known value.
        unnamed = resolution.slots[name]
        assert unnamed.value is None or unnamed.resolved_id is not None


# One sample per custom type; every value and synonym must resolve to its entity.
TYPE_PROBES = {
    "EX_REFERENCE": "i miss {}",
    "CONTACT_METHOD": "i want to {} him",
    "PRONOUN": "use {}",
    "EXERCISE_LENGTH": "play the {} exercise",
}
SYNONYM_CASES = [
    pytest.param(
        type_name, phrase, value["id"], value["name"]["value"], id=f"{type_name}: {phrase}"
    )
    for type_name, probe in TYPE_PROBES.items()
    for value in TYPES[type_name]["values"]
    for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]
]


@pytest.mark.parametrize(("type_name", "phrase", "entity_id", "canonical"), SYNONYM_CASES)
def test_every_synonym_resolves_to_its_entity_id_and_canonical_name(
    resolver: Resolver, type_name: str, phrase: str, entity_id: str, canonical: str
) -> None:
    resolution = resolver.resolve(TYPE_PROBES[type_name].format(phrase))

    fill = next(f for f in resolution.slots.values() if f.type_name == type_name)
    assert (fill.value, fill.resolved_id, fill.resolved_name) == (phrase, entity_id, canonical)


def test_last_texted_him_on_sunday_said_on_a_saturday_is_the_coming_sunday(
    resolver: Resolver,
) -> None:
    resolution = resolver.resolve("I last texted him on Sunday")

    assert resolution.intent == "StartNoContactIntent"
    assert resolution.slots["date"].value == "2026-11-29"
    assert resolution.slots["ex"].resolved_id == "him"


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("today", "2026-11-28"),
        ("tomorrow", "2026-11-29"),
        ("yesterday", "2026-11-27"),
        ("sunday", "2026-11-29"),
        ("monday", "2026-11-30"),
        ("saturday", "2026-11-28"),  # today's weekday is today: dates are on or after today
        ("next saturday", "2026-12-05"),
        ("last sunday", "2026-11-22"),
        ("three days ago", "2026-11-25"),
        ("november 2nd", "2027-11-02"),
        ("november second", "2027-11-02"),
        ("the 2nd of november", "2027-11-02"),
        ("2 november", "2027-11-02"),
        ("november 28th", "2026-11-28"),
        ("december the first", "2026-12-01"),
        ("february 29th", "2028-02-29"),
        ("november 2nd 2026", "2026-11-02"),
        ("2026-11-22", "2026-11-22"),
        ("this week", "2026-W48"),
        ("last week", "2026-W47"),
        ("next week", "2026-W49"),
        ("last weekend", "2026-W47-WE"),
        ("this weekend", "2026-W48-WE"),
        ("this month", "2026-11"),
        ("right now", "PRESENT_REF"),
    ],
)
def test_dates_are_filled_the_way_alexa_fills_amazon_date(
    resolver: Resolver, spoken: str, value: str
) -> None:
    resolution = resolver.resolve(f"my last contact was {spoken}")

    assert resolution.intent == "StartNoContactIntent"
    assert resolution.slots["date"].value == value


def test_a_week_at_new_year_uses_the_iso_week_year() -> None:
    resolver = Resolver(MODEL, today=dt.date(2027, 1, 1))

    assert resolver.resolve("this week").slots["date"].value == "2026-W53"


def test_moving_the_pretend_date_moves_relative_dates() -> None:
    resolver = Resolver(MODEL, today=SATURDAY)
    resolver.resolve("tomorrow")  # compiled and used once before the move

    resolver.today = dt.date(2027, 2, 28)

    assert resolver.resolve("tomorrow").slots["date"].value == "2027-03-01"


@pytest.mark.parametrize("spoken", ["november 31st", "february thirtieth", "the 0th of may"])
def test_an_impossible_day_is_not_a_date(spoken: str) -> None:
    assert parse_amazon_date(normalize(spoken), SATURDAY) is None


def test_he_texted_me_is_the_ex_reaching_out(resolver: Resolver) -> None:
    resolution = resolver.resolve("he texted me")

    assert resolution.intent == "ExContactedMeIntent"
    assert resolution.slots["ex"].resolved_id == "him"


def test_i_texted_him_is_a_slip_by_text(resolver: Resolver) -> None:
    resolution = resolver.resolve("I texted him")

    assert resolution.intent == "SlipIntent"
    assert resolution.slots["ex"].resolved_id == "him"
    assert resolution.slots["method"].resolved_id == "text"


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("Alexa, ask No Contact Coach for today's tip", "TodaysTipIntent"),
        ("Alexa, tell No Contact Coach I want to text him.", "UrgeIntent"),
        ("Alexa, tell No Contact Coach I slipped up.", "SlipIntent"),
        ("Alexa, ask No Contact Coach what day I'm on.", "WhatDayIntent"),
        ("Alexa, ask No Contact Coach to play the detox exercise.", "DetoxExerciseIntent"),
        ("tell no contact coach that she called me", "ExContactedMeIntent"),
        ("open no contact coach and give me a tip", "TodaysTipIntent"),
    ],
)
def test_the_invocation_wrapper_is_stripped(resolver: Resolver, line: str, intent: str) -> None:
    assert resolver.resolve(line).intent == intent


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("yes", "AMAZON.YesIntent"),
        ("Yeah!", "AMAZON.YesIntent"),
        ("yep", "AMAZON.YesIntent"),
        ("sure", "AMAZON.YesIntent"),
        ("okay", "AMAZON.YesIntent"),
        ("please do", "AMAZON.YesIntent"),
        ("no", "AMAZON.NoIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("not now", "AMAZON.NoIntent"),
        ("no thanks", "AMAZON.NoIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("quit", "AMAZON.StopIntent"),
        ("exit", "AMAZON.StopIntent"),
        ("goodbye", "AMAZON.StopIntent"),
        ("cancel", "AMAZON.CancelIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("what can I say?", "AMAZON.HelpIntent"),
        ("repeat", "AMAZON.RepeatIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("what did you say", "AMAZON.RepeatIntent"),
        ("next", "AMAZON.NextIntent"),
        ("go on", "AMAZON.NextIntent"),
        ("continue", "AMAZON.NextIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_built_in_intents_hear_their_everyday_phrases(
    resolver: Resolver, line: str, intent: str
) -> None:
    resolution = resolver.resolve(line)

    assert resolution.intent == intent
    assert resolution.slots == {}


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("whats my day", "WhatDayIntent"),
        ("i really really want to call him", "UrgeIntent"),
        ("um give me todays tip please", "TodaysTipIntent"),
        ("she's seeing someone new", "ExNewPartnerIntent"),
        ("why 4 weeks", "WhyFourWeeksIntent"),
        ("he called me yesterday", "ExContactedMeIntent"),
        ("i bumped into him at the gym", "BumpedIntoExIntent"),
    ],
)
def test_small_changes_in_wording_still_find_the_intent(
    resolver: Resolver, line: str, intent: str
) -> None:
    assert resolver.resolve(line).intent == intent


def test_a_typo_in_a_slot_value_still_resolves_the_entity(resolver: Resolver) -> None:
    resolution = resolver.resolve("i want to txt him")

    assert resolution.intent == "UrgeIntent"
    assert resolution.slots["method"] == SlotFill(
        "method", "txt", resolved_id="text", resolved_name="text", type_name="CONTACT_METHOD"
    )
    assert resolution.slots["ex"].resolved_id == "him"


def test_an_unlisted_name_fills_the_slot_without_an_entity(resolver: Resolver) -> None:
    resolution = resolver.resolve("i miss jessica so much")

    assert resolution.intent == "UrgeIntent"
    assert resolution.slots["ex"].value == "jessica"
    assert resolution.slots["ex"].resolved_id is None


@pytest.mark.parametrize(
    "line", ["purple monkey dishwasher", "the weather in paris", "", "!!!", "zzzz qqqq"]
)
def test_gibberish_falls_back(resolver: Resolver, line: str) -> None:
    resolution = resolver.resolve(line)

    assert resolution.intent == FALLBACK_INTENT
    assert resolution.slots == {}


@pytest.mark.parametrize(
    ("line", "launch"),
    [
        ("Alexa, open No Contact Coach", True),
        ("start no contact coach", True),
        ("talk to no contact coach", True),
        ("start no contact", False),
        ("ask no contact coach for a tip", False),
    ],
)
def test_a_bare_invocation_is_recognised_as_a_launch(line: str, launch: bool) -> None:
    assert is_launch(line) is launch


def test_envelope_of_a_matched_custom_value_carries_an_er_success_match(
    resolver: Resolver,
) -> None:
    slots = resolver.resolve("I want to text my boyfriend").slots

    envelope = slots_to_envelope(slots, skill_id="amzn1.ask.skill.test")

    assert envelope["ex"] == {
        "name": "ex",
        "value": "my boyfriend",
        "confirmationStatus": "NONE",
        "source": "USER",
        "resolutions": {
            "resolutionsPerAuthority": [
                {
                    "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.EX_REFERENCE",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": "him", "id": "him"}}],
                }
            ]
        },
        "slotValue": {
            "type": "Simple",
            "value": "my boyfriend",
            "resolutions": envelope["ex"]["resolutions"],
        },
    }


def test_envelope_of_an_unmatched_custom_value_carries_an_er_success_no_match() -> None:
    fill = SlotFill("ex", "jessica", type_name="EX_REFERENCE")

    envelope = slots_to_envelope({"ex": fill}, skill_id="amzn1.ask.skill.test")

    assert envelope["ex"]["value"] == "jessica"
    assert envelope["ex"]["resolutions"] == {
        "resolutionsPerAuthority": [
            {
                "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.EX_REFERENCE",
                "status": {"code": "ER_SUCCESS_NO_MATCH"},
            }
        ]
    }


def test_envelope_of_a_date_and_an_empty_slot_have_no_resolutions(resolver: Resolver) -> None:
    envelope = slots_to_envelope(resolver.resolve("my last contact was yesterday").slots)

    assert envelope["date"] == {
        "name": "date",
        "value": "2026-11-27",
        "confirmationStatus": "NONE",
        "source": "USER",
        "slotValue": {"type": "Simple", "value": "2026-11-27"},
    }
    assert envelope["ex"] == {"name": "ex", "confirmationStatus": "NONE"}


def test_the_envelope_reads_back_through_the_ask_sdk_as_alexa_would_send_it(
    resolver: Resolver,
) -> None:
    resolution = resolver.resolve("i want to call my ex boyfriend")
    payload = {
        "name": resolution.intent,
        "confirmationStatus": "NONE",
        "slots": slots_to_envelope(resolution.slots),
    }

    intent = DefaultSerializer().deserialize(json.dumps(payload), Intent)

    ex = intent.slots["ex"]
    assert ex.value == "my ex boyfriend"
    assert ex.resolutions.resolutions_per_authority[0].values[0].value.id == "ex"
    assert intent.slots["method"].resolutions.resolutions_per_authority[0].values[0].value.id == (
        "call"
    )
