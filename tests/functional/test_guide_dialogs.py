"""The guide's questions, the eight mistakes, readiness and tips, through the real skill."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.content.catalog import load_catalog
from no_contact_coach.content.pronouns import render
from no_contact_coach.voice.handlers import QUESTION_INTENTS
from tests.conftest import load_event
from tests.functional.harness import Reply, Skill


@pytest.fixture
def skill(tmp_path: Path, locale: str) -> Skill:
    # Every dialog here runs in each of the five English locales (tests/functional/conftest.py).
    return Skill(tmp_path / "journeys.sqlite3", locale=locale)


def intent(name: str, new: bool = False) -> dict[str, Any]:
    event = load_event("what_day_in_session")
    event["request"]["intent"] = {"name": name, "confirmationStatus": "NONE", "slots": {}}
    event["session"]["new"] = new
    return event


def started_days_ago(skill: Skill, start: str) -> None:
    skill.send("start_with_date", date=start)
    skill.send("yes", continue_session=True)


def test_each_question_of_the_guide_gets_its_own_answer(skill: Skill) -> None:
    answers = {name: skill.send(intent(name, new=True)) for name in QUESTION_INTENTS}
    texts = [reply.speech for reply in answers.values()]
    assert len(set(texts)) == len(texts)
    for reply in answers.values():
        assert reply.ends_session  # asked one-shot: answered and closed
        assert len(reply.speech.split()) > 10


def test_a_question_in_an_open_session_is_followed_by_a_question(skill: Skill) -> None:
    reply = skill.send(intent("WhyFourWeeksIntent"))
    assert not reply.ends_session and reply.speech.endswith("?") and reply.reprompt


def test_the_eight_mistakes_come_one_at_a_time_and_next_goes_on(skill: Skill) -> None:
    mistakes = load_catalog().mistakes()
    heard: list[Reply] = [skill.send(intent("MistakesIntent"))]
    for n in range(2, 9):
        step = intent("AMAZON.NextIntent" if n % 2 else "AMAZON.YesIntent")
        heard.append(skill.send(step, continue_session=True))
    for number, reply in enumerate(heard, start=1):
        first_words = " ".join(render(mistakes[number - 1].say, None).split()[:4])
        assert first_words.lower() in reply.speech.lower()
    assert heard[-1].session_attributes.get("pending") is None


def test_readiness_before_four_weeks_says_how_many_days_remain(skill: Skill) -> None:
    started_days_ago(skill, "2026-11-22")  # day 7
    reply = skill.send(intent("ReadyToReachOutIntent", new=True))
    assert "21" in reply.speech
    assert reply.ends_session


def test_readiness_after_four_weeks_asks_six_questions_then_answers(skill: Skill) -> None:
    started_days_ago(skill, "2026-10-30")  # day 30
    checks = load_catalog().readiness()
    reply = skill.send(intent("ReadyToReachOutIntent"))
    asked = [reply]
    for _ in checks[1:]:
        asked.append(skill.send(intent("AMAZON.YesIntent"), continue_session=True))
    for check, reply in zip(checks, asked, strict=True):
        assert reply.speech.endswith(render(check.ask, None))
    final = skill.send(intent("AMAZON.YesIntent"), continue_session=True)
    assert "?" not in final.speech.rsplit(".", 2)[0] or final.reprompt
    assert final.speech != asked[-1].speech


def test_a_no_on_the_checklist_gives_that_items_advice(skill: Skill) -> None:
    started_days_ago(skill, "2026-10-30")
    skill.send(intent("ReadyToReachOutIntent"))
    skill.send(intent("AMAZON.YesIntent"), continue_session=True)
    reply = skill.send(intent("AMAZON.NoIntent"), continue_session=True)
    advice = render(load_catalog().readiness()[1].if_no, None)
    assert " ".join(advice.split()[:4]).lower() in reply.speech.lower()


def test_another_tip_is_never_todays_and_never_repeats_in_a_session(skill: Skill) -> None:
    started_days_ago(skill, "2026-11-22")
    skill.send("what_day_one_shot")  # milestone said
    todays = skill.send("tip").speech
    heard = {todays}
    for _ in range(5):
        reply = skill.send(intent("AnotherTipIntent"), continue_session=True)
        assert reply.speech not in heard
        heard.add(reply.speech)
