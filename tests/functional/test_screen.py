"""The Echo Show screen: the day counter and today's tip in APL, and nothing on an Echo Dot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_event
from tests.functional.harness import Reply, Skill

RENDER = "Alexa.Presentation.APL.RenderDocument"


@pytest.fixture
def skill(tmp_path: Path, locale: str) -> Skill:
    return Skill(tmp_path / "journeys.sqlite3", locale=locale)


def on_a_show(event: str) -> dict[str, Any]:
    """A recorded request as an Echo Show would send it."""
    envelope = load_event(event)
    show = load_event("launch_echo_show")["context"]
    envelope["context"]["System"]["device"] = show["System"]["device"]
    envelope["context"]["Viewport"] = show["Viewport"]
    return envelope


def screens(reply: Reply) -> list[dict[str, Any]]:
    return [d for d in reply.directives if d["type"] == RENDER]


def started_a_week_ago(skill: Skill) -> None:
    skill.send("start_with_date", date="2026-11-22")
    skill.send("yes", continue_session=True)
    skill.send("what_day_one_shot")  # the week milestone, said once


def test_a_launch_from_an_echo_show_carries_the_apl_screen(skill: Skill) -> None:
    started_a_week_ago(skill)
    (screen,) = screens(skill.send("launch_echo_show"))
    coach = screen["datasources"]["coach"]
    assert coach["day"] == "Day 7"
    assert coach["progress"].endswith("21")
    assert coach["percent"] == "25%"
    assert len(coach["tip"].split()) > 5
    assert screen["document"]["type"] == "APL"


def test_a_launch_from_an_echo_dot_carries_no_directive(skill: Skill) -> None:
    started_a_week_ago(skill)
    assert skill.send("launch").directives == []


def test_a_first_launch_on_a_show_explains_how_to_start(skill: Skill) -> None:
    (screen,) = screens(skill.send("launch_echo_show"))
    assert "start no contact" in screen["datasources"]["coach"]["progress"].lower()


@pytest.mark.parametrize("event", ["what_day_one_shot", "tip"])
def test_what_day_and_todays_tip_show_the_screen_on_a_show_only(skill: Skill, event: str) -> None:
    started_a_week_ago(skill)
    assert len(screens(skill.send(on_a_show(event)))) == 1
    assert screens(skill.send(event)) == []


def test_the_screen_shows_todays_tip_the_voice_reads(skill: Skill) -> None:
    started_a_week_ago(skill)
    reply = skill.send(on_a_show("tip"))
    (screen,) = screens(reply)
    assert screen["datasources"]["coach"]["tip"] in reply.speech


def test_the_exercise_on_a_show_plays_audio_only(skill: Skill) -> None:
    started_a_week_ago(skill)
    reply = skill.send(on_a_show("exercise"))
    assert [d["type"] for d in reply.directives] == ["Alexa.Presentation.APLA.RenderDocument"]


def test_the_recorded_echo_show_launch_carries_the_directive_and_the_dot_launch_does_not(
    skill: Skill,
) -> None:
    assert [d["type"] for d in skill.send("launch_echo_show").directives] == [RENDER]
    assert skill.send("launch").directives == []
