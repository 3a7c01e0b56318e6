"""Every handler, driven by recorded Alexa envelopes, as a person would hear it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from no_contact_coach.voice.apla_schema import estimate_duration_s, validate_apla_document
from tests.conftest import load_event
from tests.functional.harness import Skill

SAT_MORNING_LA = "2026-11-28T17:05:12Z"  # 09:05 on Saturday, November 28th in Los Angeles


@pytest.fixture
def skill(tmp_path: Path, locale: str) -> Skill:
    # Every dialog here runs in each of the five English locales (tests/functional/conftest.py).
    return Skill(tmp_path / "journeys.sqlite3", locale=locale)


def start_today(skill: Skill) -> None:
    skill.send("launch")
    reply = skill.send("yes", continue_session=True)
    assert reply.says("day one")


def assert_open_with_question(reply: object) -> None:
    from tests.functional.harness import Reply

    assert isinstance(reply, Reply)
    assert not reply.ends_session
    assert reply.speech.rstrip().endswith("?")
    assert reply.reprompt


def test_first_launch_welcomes_and_offers_to_start(skill: Skill) -> None:
    reply = skill.send("launch")
    assert_open_with_question(reply)
    assert reply.says("no contact coach", "self-help")
    assert skill.stored() is None


def test_yes_to_the_offer_starts_the_count_today(skill: Skill) -> None:
    start_today(skill)
    stored = skill.stored()
    assert stored is not None
    assert stored.state.current.start.isoformat() == "2026-11-28"
    assert stored.state.time_zone == "America/Los_Angeles"


def test_no_to_the_offer_says_how_to_start_later_and_closes(skill: Skill) -> None:
    skill.send("launch")
    reply = skill.send("no", continue_session=True)
    assert reply.ends_session
    assert reply.says("start no contact")
    assert skill.stored() is None


def test_a_past_weekday_is_read_back_and_saved_only_on_yes(skill: Skill) -> None:
    reply = skill.send("start_with_date")  # "I last texted him on Sunday" -> Alexa: 2026-11-29
    assert_open_with_question(reply)
    assert reply.says("Sunday, November 22nd", "day 7")
    assert skill.stored() is None
    reply = skill.send("yes", continue_session=True)
    assert reply.says("day 7")
    assert skill.stored().state.current.start.isoformat() == "2026-11-22"


def test_no_to_the_read_back_date_asks_again_and_saves_nothing(skill: Skill) -> None:
    skill.send("start_with_date")
    reply = skill.send("no", continue_session=True)
    assert_open_with_question(reply)
    assert skill.stored() is None


@pytest.mark.parametrize("value", ["2026-W50", "2025-06-01"])
def test_a_future_or_too_old_date_is_explained_and_changes_nothing(
    skill: Skill, value: str
) -> None:
    reply = skill.send("start_with_date", date=value)
    assert_open_with_question(reply)
    assert reply.day() is None or "day one" in reply.speech.lower()
    assert skill.stored() is None


@pytest.mark.parametrize("value", ["2026-02-30", "XXXX-WXX-7", "201X", "next tuesday-ish"])
def test_an_unreadable_date_asks_for_the_day_again(skill: Skill, value: str) -> None:
    reply = skill.send("start_with_date", date=value)
    assert_open_with_question(reply)
    assert skill.stored() is None


def test_starting_again_while_a_journey_runs_asks_first(skill: Skill) -> None:
    start_today(skill)
    reply = skill.send("start_without_date", at="2026-12-06T17:00:00Z")
    assert reply.says("day 9")
    assert_open_with_question(reply)
    kept = skill.send("no", continue_session=True, at="2026-12-06T17:00:00Z")
    assert kept.says("day 9")
    assert skill.stored().state.current.start.isoformat() == "2026-11-28"


def test_what_day_one_shot_answers_and_closes_without_writing(skill: Skill) -> None:
    start_today(skill)
    skill.send("what_day_one_shot")  # today's milestone (day 1) is announced once
    before = skill.stored().version
    reply = skill.send("what_day_one_shot", at="2026-11-29T17:00:00Z")
    assert reply.ends_session
    assert reply.day() == 2
    assert "?" not in reply.speech
    assert skill.stored().version == before


def test_what_day_counts_in_the_persons_time_zone(tmp_path: Path) -> None:
    la = Skill(tmp_path / "la.sqlite3", zone="America/Los_Angeles")
    tokyo = Skill(tmp_path / "tokyo.sqlite3", zone="Asia/Tokyo")
    for skill in (la, tokyo):
        skill.send("start_with_date", date="2026-11-20", at="2026-11-28T06:00:00Z")
        skill.send("yes", continue_session=True, at="2026-11-28T06:00:00Z")
    # 22:00 on the 27th in Los Angeles is 15:00 on the 28th in Tokyo.
    assert la.send("what_day_one_shot", at="2026-11-28T06:00:00Z").day() == 8
    assert tokyo.send("what_day_one_shot", at="2026-11-28T06:00:00Z").day() == 9


def test_milestones_are_announced_once(skill: Skill) -> None:
    skill.send("start_with_date", date="2026-11-22")
    skill.send("yes", continue_session=True)
    first = skill.send("what_day_one_shot")
    second = skill.send("what_day_one_shot")
    assert len(first.speech) > len(second.speech)
    assert second.day() == 7


def test_a_slip_is_confirmed_before_the_count_restarts(skill: Skill) -> None:
    skill.send("start_with_date", date="2026-11-22")
    skill.send("yes", continue_session=True)
    reply = skill.send("slip")
    assert_open_with_question(reply)
    assert skill.stored().state.slips == 0
    reply = skill.send("yes", continue_session=True)
    assert reply.says("6")  # the days kept
    state = skill.stored().state
    assert state.slips == 1
    assert state.current.start.isoformat() == "2026-11-28"


def test_no_to_the_slip_question_keeps_the_count(skill: Skill) -> None:
    skill.send("start_with_date", date="2026-11-22")
    skill.send("yes", continue_session=True)
    skill.send("slip")
    reply = skill.send("no", continue_session=True)
    assert reply.says("day 7")
    assert skill.stored().state.slips == 0


def test_a_slip_before_any_journey_offers_to_start(skill: Skill) -> None:
    reply = skill.send("slip")
    assert_open_with_question(reply)
    assert skill.stored() is None


def test_an_urge_is_logged_learns_the_pronoun_and_offers_the_exercise(skill: Skill) -> None:
    start_today(skill)
    reply = skill.send("urge_text_him")
    assert_open_with_question(reply)
    state = skill.stored().state
    assert state.urge_count == 1
    assert state.pronoun == "him"
    assert reply.session_attributes.get("pending", {}).get("kind") == "exercise"


def test_two_urges_in_a_row_get_different_answers(skill: Skill) -> None:
    start_today(skill)
    first = skill.send("urge_text_him")
    second = skill.send("urge_text_him")
    assert first.speech != second.speech


def test_progress_speaks_the_numbers(skill: Skill) -> None:
    skill.send("start_with_date", date="2026-11-22")
    skill.send("yes", continue_session=True)
    skill.send("what_day_one_shot")  # the week milestone, said once
    skill.send("urge_text_him")
    skill.send("urge_text_him")
    account_row = load_event("progress_person")
    del account_row["context"]["System"]["person"]
    reply = skill.send(account_row)
    numbers = [int(n) for n in re.findall(r"\b\d+\b", reply.speech)]
    assert reply.day() == 7
    assert numbers.count(2) == 1  # two urges ridden out
    assert sorted(numbers) == [0, 0, 2, 7, 7]  # day, longest, urges, exercises, slips


def test_a_recognised_voice_has_its_own_journey(skill: Skill) -> None:
    start_today(skill)
    reply = skill.send("progress_person")
    assert_open_with_question(reply)
    assert reply.session_attributes["pending"]["kind"] == "start"


def test_help_always_works_and_asks_what_next(skill: Skill) -> None:
    reply = skill.send("help")
    assert_open_with_question(reply)
    assert reply.says("tip", "slipped", "self-help")


@pytest.mark.parametrize("event", ["stop"])
def test_stop_closes_without_a_question(skill: Skill, event: str) -> None:
    reply = skill.send(event)
    assert reply.ends_session
    assert "?" not in reply.speech


def test_fallback_explains_and_keeps_the_session_open(skill: Skill) -> None:
    assert_open_with_question(skill.send("fallback"))


def test_an_unknown_intent_gets_a_kind_answer_and_changes_nothing(skill: Skill) -> None:
    reply = skill.send("unknown_intent")
    assert reply.speech
    assert skill.stored() is None


def test_repeat_says_the_last_answer_again(skill: Skill) -> None:
    first = skill.send("launch")
    again = skill.send("repeat", continue_session=True)
    assert again.speech == first.speech
    # and the question it repeats still takes its answer
    assert skill.send("yes", continue_session=True).says("day one")


def test_the_pronoun_is_set_by_voice_and_used_afterwards(skill: Skill) -> None:
    start_today(skill)
    reply = skill.send("pronoun_her")
    assert skill.stored().state.pronoun == "her"
    assert "her" in reply.speech.lower()
    assert "him" not in skill.send("slip").speech.lower().split()


def test_an_unmatched_pronoun_asks_again_and_saves_nothing(skill: Skill) -> None:
    start_today(skill)
    assert_open_with_question(skill.send("pronoun_unmatched"))
    assert skill.stored().state.pronoun is None


def test_the_exercise_plays_as_apl_for_audio_and_counts_when_finished(skill: Skill) -> None:
    start_today(skill)
    reply = skill.send("exercise")
    kinds = [d["type"] for d in reply.directives]
    assert kinds == ["Alexa.Presentation.APLA.RenderDocument"]
    document = reply.directives[0]["document"]
    assert validate_apla_document(document) == []
    assert 150 <= estimate_duration_s(document) <= 210
    assert "soundbank://" in json.dumps(document) and '"Silence"' in json.dumps(document)
    assert not reply.ends_session and reply.reprompt
    assert skill.stored().state.exercises_completed == 0
    skill.send("no", continue_session=True)
    assert skill.stored().state.exercises_completed == 1


def test_todays_tip_before_a_journey_explains_the_rule_and_offers_to_start(skill: Skill) -> None:
    reply = skill.send("tip")
    assert_open_with_question(reply)
    assert reply.session_attributes["pending"]["kind"] == "start"


def test_todays_tip_is_the_same_on_repeat_and_changes_with_the_day(skill: Skill) -> None:
    start_today(skill)
    skill.send("tip")  # day-one milestone
    first = skill.send("tip")
    assert skill.send("tip").speech == first.speech
    assert skill.send("tip", at="2026-11-29T17:00:00Z").speech != first.speech


def test_session_ended_is_acknowledged_silently(skill: Skill) -> None:
    for event in ("session_ended", "session_ended_error"):
        reply = skill.send(event)
        assert "outputSpeech" not in reply.response


def test_disabling_the_skill_deletes_the_account(skill: Skill) -> None:
    start_today(skill)
    skill.send("progress_person")
    skill.send("skill_disabled")
    assert skill.stored() is None


def test_a_request_without_a_device_still_answers(skill: Skill) -> None:
    reply = skill.send("missing_device")
    assert reply.speech
    assert skill.stored() is None


def test_yes_after_the_quick_exercise_plays_the_full_one_and_counts_the_first(skill: Skill) -> None:
    start_today(skill)
    quick = load_event("exercise")
    quick["request"]["intent"]["slots"]["length"] = {
        "name": "length",
        "value": "quick",
        "resolutions": {
            "resolutionsPerAuthority": [
                {
                    "authority": "amzn1.er-authority.echo-sdk.x.EXERCISE_LENGTH",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": "quick", "id": "quick"}}],
                }
            ]
        },
    }
    short = skill.send(quick)
    longer = skill.send("yes", continue_session=True)
    assert short.directives[0]["document"] != longer.directives[0]["document"]
    assert longer.session_attributes["pending"] == {"kind": "exercise_done", "variant": "full"}
    assert skill.stored().state.exercises_completed == 1


def test_stop_during_the_exercise_ends_quietly_and_counts_nothing(skill: Skill) -> None:
    start_today(skill)
    skill.send("exercise")
    reply = skill.send("stop", continue_session=True)
    assert reply.ends_session and not reply.speech
    assert skill.stored().state.exercises_completed == 0
