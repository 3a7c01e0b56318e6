"""Five English locales from one model: generated, current, and understood the same way."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tools import build_locales

from no_contact_coach.entrypoints.resolver import Resolver
from tests.unit.test_resolver import _fill as fill

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "interaction_model" / "interactionModels" / "custom"
GENERATED = list(build_locales.VARIANTS)
SATURDAY = dt.date(2026, 11, 28)
CHAT = [sys.executable, "-m", "no_contact_coach.entrypoints.cli", "chat"]
SAFETY = {
    "i want to die": "SelfHarmIntent",
    "i can't go on": "SelfHarmIntent",
    "i want to hurt myself": "SelfHarmIntent",
    "i want to kill myself": "SelfHarmIntent",
    "he hits me": "DangerIntent",
    "she threatens me": "DangerIntent",
    "i'm scared of him": "DangerIntent",
    "i'm not safe": "DangerIntent",
    # and what must stay an urge
    "i want to text him": "UrgeIntent",
    "i want to call her": "UrgeIntent",
    "i miss him": "UrgeIntent",
}


def model(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MODELS / f"{locale}.json").read_text(encoding="utf-8"))
    return data


def shape(locale: str) -> dict[str, Any]:
    """Intents with their slots, and types with their value ids: what must not differ."""
    language_model = model(locale)["interactionModel"]["languageModel"]
    return {
        "invocation": language_model["invocationName"],
        "intents": {i["name"]: i.get("slots", []) for i in language_model["intents"]},
        "types": {t["name"]: [v["id"] for v in t["values"]] for t in language_model["types"]},
    }


def test_the_generated_models_are_current() -> None:
    assert build_locales.main(["--check"]) == 0, "run python tools/build_locales.py"


def test_a_stale_generated_model_is_caught(tmp_path: Path) -> None:
    for locale in build_locales.LOCALES:
        (tmp_path / f"{locale}.json").write_text((MODELS / f"{locale}.json").read_text())
    source = json.loads((tmp_path / "en-US.json").read_text())
    source["interactionModel"]["languageModel"]["intents"][0]["samples"].append("a brand new one")
    (tmp_path / "en-US.json").write_text(json.dumps(source))
    assert build_locales.main(["--check", "--model-dir", str(tmp_path)]) == 1
    assert build_locales.main(["--model-dir", str(tmp_path)]) == 0
    assert build_locales.main(["--check", "--model-dir", str(tmp_path)]) == 0


@pytest.mark.parametrize("locale", GENERATED)
def test_every_locale_has_the_same_intents_slots_and_entity_ids(locale: str) -> None:
    assert shape(locale) == shape("en-US")


def test_local_words_replace_american_ones_without_repeating_a_sample() -> None:
    source = {
        "interactionModel": {
            "languageModel": {
                "invocationName": "no contact coach",
                "intents": [
                    {"name": "A", "samples": ["i told my mom", "i told my mum", "at the store"]},
                    {"name": "B", "samples": ["i saw her at the shops"]},
                ],
                "types": [],
            }
        }
    }
    variant = build_locales.VARIANTS["en-GB"]
    localized = build_locales.localize(source, variant)["interactionModel"]["languageModel"]
    assert localized["intents"][0]["samples"] == ["i told my mum", "at the shops"]
    assert build_locales.localize(source, build_locales.VARIANTS["en-CA"]) == source


@pytest.mark.parametrize("locale", build_locales.LOCALES)
def test_no_sample_repeats_and_every_custom_intent_keeps_fifteen(locale: str) -> None:
    intents = model(locale)["interactionModel"]["languageModel"]["intents"]
    counts = Counter(s for i in intents for s in i.get("samples", []))
    assert [s for s, n in counts.items() if n > 1] == []
    for intent in intents:
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= 15, (locale, intent["name"])


@pytest.fixture(scope="module", params=GENERATED)
def localized(request: pytest.FixtureRequest) -> tuple[str, Resolver]:
    locale: str = request.param
    return locale, Resolver(model(locale), today=SATURDAY)


def test_every_sample_of_a_generated_locale_reaches_its_own_intent(
    localized: tuple[str, Resolver],
) -> None:
    locale, resolver = localized
    wrong = []
    for intent in model(locale)["interactionModel"]["languageModel"]["intents"]:
        slots = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            said, _ = fill(sample, slots)  # the en-US resolver test's slot values
            if resolver.resolve(said).intent != intent["name"]:
                wrong.append((said, intent["name"]))
    assert wrong == []


@pytest.mark.parametrize("locale", build_locales.LOCALES)
def test_safety_words_reach_the_safety_intents_and_urges_stay_urges(locale: str) -> None:
    resolver = Resolver(model(locale), today=SATURDAY)
    heard = {line: resolver.resolve(line).intent for line in SAFETY}
    assert heard == SAFETY


def test_the_chat_talks_in_another_locale_with_its_own_numbers(tmp_path: Path) -> None:
    result = subprocess.run(
        [*CHAT, "--locale", "en-GB", "--tz", "Europe/London", "--db", str(tmp_path / "j.db")],
        input="I saw him at the shops\nI want to die\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
    )
    shops, crisis = (json.loads(line) for line in result.stdout.splitlines())
    assert shops["intent"] == "BumpedIntoExIntent"
    assert crisis["intent"] == "SelfHarmIntent"
    assert "116 123" in crisis["speech"] and "999" in crisis["speech"]


@pytest.mark.parametrize("locale", build_locales.LOCALES)
def test_every_locale_has_a_default_time_zone_for_when_the_settings_api_has_none(
    locale: str,
) -> None:
    from no_contact_coach.voice.timezones import LOCALE_DEFAULT_ZONES, locale_default_zone

    assert locale in LOCALE_DEFAULT_ZONES
    assert locale_default_zone(locale).key == LOCALE_DEFAULT_ZONES[locale]
