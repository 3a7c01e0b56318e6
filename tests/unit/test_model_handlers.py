"""The interaction model and the handlers agree: no intent unanswered, none imagined."""

from __future__ import annotations

import json
from pathlib import Path

from no_contact_coach.voice.handlers import handled_intents

MODELS = Path(__file__).resolve().parents[2] / "interaction_model" / "interactionModels" / "custom"


def model_intents(locale: str = "en-US") -> set[str]:
    model = json.loads((MODELS / f"{locale}.json").read_text())
    return {i["name"] for i in model["interactionModel"]["languageModel"]["intents"]}


def test_every_intent_in_the_model_has_a_handler() -> None:
    assert model_intents() - handled_intents() == set()


def test_every_intent_a_handler_names_is_in_the_model() -> None:
    assert handled_intents() - model_intents() == set()


def test_the_intents_certification_requires_are_in_the_model() -> None:
    required = {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.NavigateHomeIntent",
    }
    assert required <= model_intents()
