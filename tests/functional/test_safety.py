"""Safety first: crisis and danger are met with the locale's help lines before anything else."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from no_contact_coach.voice.speech import ALEXA_SSML_TAGS
from tests.conftest import load_event
from tests.functional.harness import Reply, Skill

# What a person in each locale must hear and see: the numbers from VOICE.md's care section.
CRISIS = {
    "en-US": ["988"],
    "en-CA": ["988"],
    "en-GB": ["116 123"],
    "en-AU": ["13 11 14"],
    "en-IN": ["14416"],
}
ABUSE = {"en-US": ["1-800-799-7233"], "en-GB": ["0808 2000 247"]}
EMERGENCY = {"en-US": "911", "en-CA": "911", "en-GB": "999", "en-AU": "000", "en-IN": "112"}
# Digits as the SSML carries them (digit by digit, group by group), or the name a country uses.
SPOKEN = {
    "988": ["988"],
    "116 123": ["116", "123"],
    "0808 2000 247": ["0808", "2000", "247"],
    "1-800-799-7233": ["1", "800", "799", "7233"],
    "14416": ["14416"],
    "911": ["911"],
    "999": ["999"],
    "112": ["112"],
}
NAMED = {"13 11 14": "thirteen eleven fourteen", "000": "triple zero"}


@pytest.fixture
def skill(tmp_path: Path, locale: str) -> Skill:
    return Skill(tmp_path / "journeys.sqlite3", locale=locale)


def ssml(reply: Reply) -> str:
    text: str = reply.response["outputSpeech"]["ssml"]
    return text


def says_number(reply: Reply, number: str) -> bool:
    markup = ssml(reply)
    if number in NAMED:
        return f'alias="{NAMED[number]}"' in markup
    digits = re.findall(r'<say-as interpret-as="digits">(\d+)</say-as>', markup)
    groups = SPOKEN[number]
    return any(digits[i : i + len(groups)] == groups for i in range(len(digits)))


def card(reply: Reply) -> dict[str, str]:
    found: dict[str, str] = reply.response["card"]
    return found


def start_and_slip(skill: Skill) -> None:
    """A journey with a pending yes/no question (did you make contact?)."""
    skill.send("launch")
    skill.send("yes", continue_session=True)
    skill.send("slip", continue_session=True)
    assert skill.session.get("pending", {}).get("kind") == "slip"


def test_wanting_to_die_is_answered_with_the_crisis_line_and_emergency_number(
    skill: Skill, locale: str
) -> None:
    reply = skill.send("self_harm")
    for number in [*CRISIS[locale], EMERGENCY[locale]]:
        assert says_number(reply, number), (locale, number)
    assert not reply.ends_session
    assert reply.speech.endswith("?") and reply.reprompt
    assert "no contact" not in reply.speech.lower().replace("no contact coach", "")


def test_danger_names_the_emergency_number_first_then_abuse_and_crisis_lines(
    skill: Skill, locale: str
) -> None:
    reply = skill.send("danger_he_hits_me")
    for number in [EMERGENCY[locale], *ABUSE.get(locale, []), *CRISIS[locale]]:
        assert says_number(reply, number), (locale, number)
    markup = ssml(reply)
    emergency = EMERGENCY[locale]
    first = NAMED.get(emergency) or SPOKEN[emergency][0]
    later = NAMED.get(CRISIS[locale][0]) or SPOKEN[CRISIS[locale][0]][0]
    assert markup.index(first) < markup.rindex(later)
    assert "safety comes first" in reply.speech.lower()
    assert not reply.ends_session


@pytest.mark.parametrize("event", ["self_harm", "danger_he_hits_me"])
def test_the_same_lines_go_to_the_alexa_app_as_a_card(
    skill: Skill, locale: str, event: str
) -> None:
    shown = card(skill.send(event))
    assert shown["type"] == "Simple"
    for number in [*CRISIS[locale], *ABUSE.get(locale, []), EMERGENCY[locale]]:
        assert number in shown["content"], (locale, number)
    assert "self-help, not therapy" in shown["content"]


def test_safety_comes_before_a_pending_question_and_drops_it(skill: Skill) -> None:
    start_and_slip(skill)
    reply = skill.send("self_harm", continue_session=True)
    assert reply.session_attributes["pending"]["kind"] == "safety"
    # "yes" now answers the safety question, not "did you make contact?"
    again = skill.send("yes", continue_session=True)
    assert skill.stored().state.slips == 0
    assert "card" in again.response
    assert again.speech.endswith("?") and not again.ends_session


def test_yes_says_the_numbers_again_and_no_closes_gently_with_a_question(
    skill: Skill, locale: str
) -> None:
    skill.send("self_harm")
    again = skill.send("yes", continue_session=True)
    assert says_number(again, CRISIS[locale][0])
    skill.send("self_harm")
    declined = skill.send("no", continue_session=True)
    assert "alexa app" in declined.speech.lower()
    assert not declined.ends_session and declined.speech.endswith("?")


def test_a_one_shot_safety_request_keeps_the_session_open(skill: Skill) -> None:
    envelope = load_event("self_harm")
    envelope["session"]["new"] = True  # "Alexa, tell No Contact Coach I want to die"
    reply = skill.send(envelope)
    assert not reply.ends_session and reply.reprompt


def test_the_safety_ssml_uses_only_tags_alexa_supports(skill: Skill) -> None:
    for event in ("self_harm", "danger_he_hits_me"):
        root = ET.fromstring(ssml(skill.send(event)))
        assert {element.tag for element in root.iter()} <= ALEXA_SSML_TAGS
