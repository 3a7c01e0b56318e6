"""interaction_model/skill.json: a complete manifest that agrees with the interaction models."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.resolver import FALLBACK_INTENT, Resolver

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "interaction_model"
MANIFEST = PACKAGE / "skill.json"
MODELS = PACKAGE / "interactionModels" / "custom"

# Alexa's invocation-name requirements (custom skills): words a name may not contain.
LAUNCH_WORDS = {
    "ask", "begin", "enable", "launch", "load", "open", "play", "resume", "run", "start",
    "tell", "use",
}  # fmt: skip
WAKE_WORDS = {"alexa", "amazon", "computer", "echo"}
GENERIC_WORDS = {"skill", "app"}
CONNECTING_WORDS = {"to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and"}
# A two-word name may not use one of these as either word.
ARTICLES_AND_PREPOSITIONS = {"the", "a", "an", "for", "to", "of"}
# "Alexa, <launch word> <invocation name>[ <connecting word>] <sample utterance>"
EXAMPLE_PHRASE = re.compile(r"^Alexa, (?P<verb>open|ask|tell) (?P<after>.+)$")


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))["manifest"]
    return data


def store_pages() -> dict[str, dict[str, Any]]:
    pages: dict[str, dict[str, Any]] = manifest()["publishingInformation"]["locales"]
    return pages


LOCALES = sorted(store_pages())


def invocation_name(locale: str) -> str:
    model = json.loads((MODELS / f"{locale}.json").read_text(encoding="utf-8"))
    name: str = model["interactionModel"]["languageModel"]["invocationName"]
    return name


def split_phrase(phrase: str, locale: str) -> tuple[str, str | None]:
    """(launch word, the request after the invocation name or None for a bare launch)."""
    match = EXAMPLE_PHRASE.match(phrase)
    assert match, f"{phrase!r} is not 'Alexa, open|ask|tell <invocation name> ...'"
    name = invocation_name(locale)
    after = match["after"]
    if after == name:
        return match["verb"], None
    assert after.startswith(f"{name} "), f"{phrase!r} does not say {name!r} after the launch word"
    return match["verb"], after.removeprefix(f"{name} ")


def example_phrases() -> list[tuple[str, str]]:
    return [(locale, p) for locale in LOCALES for p in store_pages()[locale]["examplePhrases"]]


def test_the_manifest_has_what_the_skill_store_and_certification_ask_for() -> None:
    data = manifest()
    assert data["manifestVersion"] == "1.0"
    publishing = data["publishingInformation"]
    assert publishing["category"]
    assert publishing["isAvailableWorldwide"] is False
    # One country per English locale the skill is published in.
    assert sorted(publishing["distributionCountries"]) == ["AU", "CA", "GB", "IN", "US"]
    assert publishing["testingInstructions"]


@pytest.mark.parametrize("locale", LOCALES)
def test_each_store_page_names_the_skill_and_says_it_is_no_substitute_for_help(
    locale: str,
) -> None:
    page = store_pages()[locale]
    assert page["name"] == "No Contact Coach"
    assert 0 < len(page["summary"]) <= 160
    assert "not a substitute for professional help" in page["description"]
    assert page["keywords"]


def test_every_locale_has_its_model_and_the_package_holds_nothing_else() -> None:
    files = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.is_file()}
    expected = {"skill.json"} | {f"interactionModels/custom/{locale}.json" for locale in LOCALES}
    assert files == expected


def test_privacy_answers_are_given_and_the_policy_urls_are_https() -> None:
    privacy = manifest()["privacyAndCompliance"]
    for answer in (
        "usesPersonalInfo",
        "isChildDirected",
        "isExportCompliant",
        "containsAds",
        "allowsPurchases",
    ):
        assert isinstance(privacy[answer], bool), answer
    # Journeys are kept per account, so a privacy policy is owed to the people using it.
    assert privacy["usesPersonalInfo"] is True
    assert privacy["isChildDirected"] is False
    assert sorted(privacy["locales"]) == LOCALES
    for locale, urls in privacy["locales"].items():
        for key in ("privacyPolicyUrl", "termsOfUseUrl"):
            assert urls[key].startswith("https://"), (locale, key)


def test_requests_and_skill_events_go_to_the_same_lambda_function() -> None:
    data = manifest()
    endpoint = data["apis"]["custom"]["endpoint"]["uri"]
    assert re.fullmatch(r"arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+", endpoint)
    assert data["events"]["endpoint"]["uri"] == endpoint


def test_the_skill_hears_when_it_is_disabled_so_it_can_delete_the_accounts_journeys() -> None:
    subscriptions = manifest()["events"]["subscriptions"]
    assert {"eventName": "SKILL_DISABLED"} in subscriptions


def test_only_the_reminders_and_timers_permissions_and_the_apl_screen_are_requested() -> None:
    data = manifest()
    # The time zone comes from the Settings API, which needs no permission; APL for audio
    # needs no interface declaration. Reminders and the wait-it-out timer need their
    # permissions, screens need APL.
    assert data["permissions"] == [
        {"name": "alexa::alerts:reminders:skill:readwrite"},
        {"name": "alexa::alerts:timers:skill:readwrite"},
    ]
    assert data["apis"]["custom"]["interfaces"] == [{"type": "ALEXA_PRESENTATION_APL"}]


@pytest.mark.parametrize(("locale", "phrase"), example_phrases())
def test_each_example_phrase_opens_the_skill_or_reaches_one_of_its_intents(
    locale: str, phrase: str
) -> None:
    verb, request = split_phrase(phrase, locale)
    if verb == "open":
        assert request is None  # a bare launch: Alexa sends a LaunchRequest
        return
    assert request, f"{phrase!r} asks for nothing"
    resolver = Resolver.from_file(MODELS / f"{locale}.json", today=date(2026, 3, 2))
    resolution = resolver.resolve(request)
    assert resolution.intent != FALLBACK_INTENT, phrase
    assert resolution.score == 1.0, f"{phrase!r} is not one of the {locale} sample utterances"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_example_phrases_are_three_and_the_first_opens_the_skill(locale: str) -> None:
    phrases = store_pages()[locale]["examplePhrases"]
    assert len(phrases) == 3
    assert phrases[0] == f"Alexa, open {invocation_name(locale)}"
    assert len(set(phrases)) == 3


@pytest.mark.parametrize("locale", LOCALES)
def test_the_invocation_name_obeys_alexas_rules(locale: str) -> None:
    name = invocation_name(locale)
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", name), "lowercase letters, two or more words"
    words = set(name.split())
    assert not words & LAUNCH_WORDS
    assert not words & WAKE_WORDS
    assert not words & GENERIC_WORDS
    assert not words & CONNECTING_WORDS
    if len(name.split()) == 2:
        assert not words & ARTICLES_AND_PREPOSITIONS
