"""Looking content up at run time: tips by day, messages by key, stable variety."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from no_contact_coach.content.catalog import (
    Catalog,
    ContentNotFoundError,
    ExerciseScript,
    ExerciseStep,
    choose,
    load_catalog,
)


def small_compiled(after: int = 2, keep_going: int = 3) -> dict[str, Any]:
    """A compiled.json-shaped structure with recognisable ids, independent of real wording."""

    def tip(tip_id: str, **extra: Any) -> dict[str, Any]:
        return {"id": tip_id, "section": "rule", "say": f"Tip {tip_id}.", **extra}

    return {
        "format": 2,
        "messages": {"goodbye": {"section": "app", "say": ["Bye.", "See you."], "reprompt": None}},
        "questions": {"why_four_weeks": {"section": "faq.why_four_weeks", "say": ["Because."]}},
        "tips": {
            "before_start": {"section": "rule", "say": "Here is how it works."},
            "day": [tip(f"d{n}", day=n) for n in range(1, 29)],
            "after": [tip(f"a{n}") for n in range(1, after + 1)],
            "keep_going": [tip(f"k{n}") for n in range(1, keep_going + 1)],
        },
        "urges": [
            {"id": "u1", "section": "rule", "say": "Day {day}.", "needs_day": True},
            {"id": "u2", "section": "rule.clouds", "say": "Let it pass.", "needs_day": False},
        ],
        "mistakes": [],
        "readiness": [],
        "exercise": {
            "quick": {
                "section": "rule.clouds",
                "steps": [
                    {"say": "Breathe in.", "pause_after_ms": 3000},
                    {"say": "Let it go.", "pause_after_ms": 0},
                ],
                "closing_question": "Again?",
            }
        },
    }


def test_days_one_to_twenty_eight_follow_the_course() -> None:
    catalog = Catalog.from_data(small_compiled())
    assert [catalog.tip_for_day(d).id for d in (1, 2, 28)] == ["d1", "d2", "d28"]
    assert catalog.tip_for_day(14).day == 14


def test_after_four_weeks_the_after_tips_come_in_order_then_keep_going_rotates() -> None:
    catalog = Catalog.from_data(small_compiled(after=2, keep_going=3))
    ids = [catalog.tip_for_day(d).id for d in range(29, 36)]
    assert ids == ["a1", "a2", "k1", "k2", "k3", "k1", "k2"]


def test_keep_going_starts_on_day_twenty_nine_when_there_are_no_after_tips() -> None:
    catalog = Catalog.from_data(small_compiled(after=0, keep_going=2))
    assert [catalog.tip_for_day(d).id for d in (29, 30, 31)] == ["k1", "k2", "k1"]


def test_a_tip_is_always_found_even_a_year_in() -> None:
    catalog = Catalog.from_data(small_compiled())
    assert catalog.tip_for_day(400).id.startswith("k")


def test_day_zero_has_no_tip() -> None:
    with pytest.raises(ValueError, match="day must be 1 or more"):
        Catalog.from_data(small_compiled()).tip_for_day(0)


def test_before_start_tip_and_all_tips_cover_everything() -> None:
    catalog = Catalog.from_data(small_compiled(after=2, keep_going=3))
    assert catalog.before_start_tip().say == "Here is how it works."
    assert len(catalog.all_tips()) == 1 + 28 + 2 + 3


def test_urges_without_a_count_leave_out_those_that_speak_the_day() -> None:
    catalog = Catalog.from_data(small_compiled())
    assert [u.id for u in catalog.urges()] == ["u1", "u2"]
    assert [u.id for u in catalog.urges(with_day=False)] == ["u2"]


def test_an_unknown_message_key_names_itself() -> None:
    catalog = Catalog.from_data(small_compiled())
    with pytest.raises(ContentNotFoundError, match="no_such_key"):
        catalog.message("no_such_key")
    with pytest.raises(KeyError):
        catalog.question("no_such_question")


def test_an_exercise_script_keeps_its_steps_and_pauses_in_order() -> None:
    script = Catalog.from_data(small_compiled()).exercise("quick")

    assert script == ExerciseScript(
        variant="quick",
        section="rule.clouds",
        steps=(ExerciseStep("Breathe in.", 3000), ExerciseStep("Let it go.", 0)),
        closing_question="Again?",
    )


def test_an_unknown_exercise_variant_names_itself() -> None:
    with pytest.raises(ContentNotFoundError, match="slow"):
        Catalog.from_data(small_compiled()).exercise("slow")


def test_a_compiled_file_of_another_format_is_refused() -> None:
    data = small_compiled()
    data["format"] = 99
    with pytest.raises(ValueError, match="format 99"):
        Catalog.from_data(data)


def test_choose_gives_the_same_words_for_the_same_seed() -> None:
    variants = ("one", "two", "three")
    assert {choose(variants, "goodbye:2024-11-22:p1") for _ in range(5)} == {
        choose(variants, "goodbye:2024-11-22:p1")
    }


def test_choose_varies_across_days() -> None:
    variants = ("one", "two", "three")
    picks = {choose(variants, f"goodbye:2024-11-{day:02d}:p1") for day in range(1, 29)}
    assert picks == set(variants)


def test_choose_refuses_an_empty_list() -> None:
    with pytest.raises(ValueError):
        choose((), "seed")


def test_the_real_catalog_has_a_tip_for_every_course_day_and_beyond() -> None:
    catalog = load_catalog()
    assert [catalog.tip_for_day(d).day for d in range(1, 29)] == list(range(1, 29))
    assert catalog.tip_for_day(29).day is None
    assert catalog.message("ask_tip").say[0].endswith("?")
    assert len(catalog.mistakes()) == 8
    assert len(catalog.readiness()) == 6
    assert catalog.question("why_four_weeks").say
    for variant in ("full", "quick"):
        script = catalog.exercise(variant)
        assert script.steps and script.closing_question.endswith("?")
    assert len(catalog.exercise("full").steps) > len(catalog.exercise("quick").steps)


def test_the_real_catalog_is_read_once() -> None:
    assert load_catalog() is load_catalog()


def test_runtime_content_and_speech_modules_do_not_load_pydantic() -> None:
    code = (
        "import sys\n"
        "from no_contact_coach.content.catalog import load_catalog\n"
        "import no_contact_coach.content.pronouns, no_contact_coach.voice.speech\n"
        "load_catalog().tip_for_day(3)\n"
        "load_catalog().exercise('full')\n"
        "assert 'pydantic' not in sys.modules, 'pydantic loaded at run time'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_urge_answer_is_never_the_one_heard_last_time() -> None:
    catalog = load_catalog()
    for urge in catalog.urges():
        for n in range(5):
            chosen = catalog.urge_after(urge.id, with_day=True, seed=f"seed-{n}")
            assert chosen.id != urge.id


def test_without_a_count_no_urge_answer_speaks_a_day_number() -> None:
    catalog = load_catalog()
    chosen = {catalog.urge_after(None, with_day=False, seed=f"s{n}").id for n in range(60)}
    assert all(not u.needs_day for u in catalog.urges() if u.id in chosen)
    assert len(chosen) > 3
