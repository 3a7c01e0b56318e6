"""The real content/*.toml: valid, compiled, speakable for every pronoun choice."""

from __future__ import annotations

import copy
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from tools import build_content

from no_contact_coach.content.pronouns import PRONOUN_CHOICES, render
from no_contact_coach.content.schema import (
    GUIDE_SECTIONS,
    SAMPLE_VALUES,
    ContentBundle,
)
from no_contact_coach.voice.speech import (
    ALEXA_SSML_TAGS,
    MAX_SSML_CHARS,
    estimate_seconds,
    to_ssml,
)

CONTENT_DIR = build_content.CONTENT_DIR
PRONOUNS: tuple[str | None, ...] = (*PRONOUN_CHOICES, None)


@pytest.fixture(scope="module")
def sources() -> dict[str, Any]:
    return build_content.load_sources(CONTENT_DIR)


@pytest.fixture(scope="module")
def bundle(sources: dict[str, Any]) -> ContentBundle:
    return ContentBundle.model_validate(sources)


def invalid(sources: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> str:
    """Apply `change` to a copy of the real content and return the validation error text."""
    data = copy.deepcopy(sources)
    change(data)
    with pytest.raises(ValidationError) as caught:
        ContentBundle.model_validate(data)
    return str(caught.value)


# --- the real content ------------------------------------------------------------


def test_the_real_content_passes_every_rule(bundle: ContentBundle) -> None:
    assert len(bundle.tips.day) == 28
    assert len(bundle.urges.urge) >= 14
    assert len(bundle.mistakes.mistake) == 8
    assert len(bundle.readiness.check) == 6
    assert [name for name, _ in bundle.exercise.variants()] == ["full", "quick"]


def test_compiled_json_matches_the_content() -> None:
    assert build_content.COMPILED.read_text(encoding="utf-8") == build_content.build(), (
        "compiled.json is stale: run python tools/build_content.py"
    )


def test_every_guide_section_is_taught_somewhere(bundle: ContentBundle) -> None:
    assert set(GUIDE_SECTIONS) - bundle.sections() == set()


def _spoken_variants(bundle: ContentBundle) -> list[tuple[str, str | None, str]]:
    return [
        (where, pronoun, render(template, pronoun, **SAMPLE_VALUES))
        for where, template in bundle.texts()
        for pronoun in PRONOUNS
    ]


def test_every_text_becomes_valid_short_ssml_for_every_pronoun(bundle: ContentBundle) -> None:
    for where, pronoun, text in _spoken_variants(bundle):
        ssml = to_ssml(text)
        root = ET.fromstring(ssml)  # raises on anything that is not well-formed XML
        tags = {element.tag for element in root.iter()}
        assert tags <= ALEXA_SSML_TAGS, (where, pronoun, tags)
        assert len(ssml) < MAX_SSML_CHARS, (where, pronoun)
        assert estimate_seconds(ssml) < 20, (where, pronoun, text)


def test_no_text_leaves_a_placeholder_or_breaks_grammar_with_them(bundle: ContentBundle) -> None:
    # Subject forms only: "a thought about them is..." is fine English.
    wrong = re.compile(r"\b(they (is|was|has|does)|(he|she) (are|have))\b", re.IGNORECASE)
    for where, pronoun, text in _spoken_variants(bundle):
        assert "{" not in text and "}" not in text, (where, pronoun, text)
        assert not wrong.search(text), (where, pronoun, text)


def test_the_object_form_ex_is_never_put_where_a_subject_belongs(bundle: ContentBundle) -> None:
    # "{ex}" renders as "them": "if {ex} gets in touch" would say "if them gets in touch".
    # Subjects need {ex_subj} / {Ex_subj}.
    subject_slot = re.compile(
        r"(\b(if|when|whether|what|because|until|unless|while|once|where|somewhere|that)\s+"
        r"|^|[.!?:]\s+)\{ex\}",
        re.IGNORECASE,
    )
    for where, template in bundle.texts():
        assert not subject_slot.search(template), (where, template)


def test_say_start_no_contact_is_how_every_no_journey_text_explains_starting(
    bundle: ContentBundle,
) -> None:
    for key in ("start_declined", "no_journey", "urge_no_journey_note", "slip_no_journey"):
        for text in bundle.messages.root[key].say:
            assert "start no contact" in text, key


# --- every validator, on the real content with one thing broken ------------------


def test_an_id_used_twice_anywhere_is_refused(sources: dict[str, Any]) -> None:
    def reuse_mistake_id(data: dict[str, Any]) -> None:
        data["urges"]["urge"][0]["id"] = data["mistakes"]["mistake"][0]["id"]

    assert "ids used more than once" in invalid(sources, reuse_mistake_id)


def test_a_message_key_reused_as_a_tip_id_is_refused(sources: dict[str, Any]) -> None:
    def reuse_key(data: dict[str, Any]) -> None:
        data["tips"]["keep_going"][0]["id"] = "goodbye"

    # "goodbye" is valid kebab-case, so only the uniqueness rule can catch it.
    assert "ids used more than once" in invalid(sources, reuse_key)


def test_a_course_day_listed_twice_is_refused(sources: dict[str, Any]) -> None:
    def repeat_day(data: dict[str, Any]) -> None:
        data["tips"]["day"][1]["day"] = 1

    assert "repeated [1], missing [2]" in invalid(sources, repeat_day)


def test_a_missing_course_day_is_refused(sources: dict[str, Any]) -> None:
    assert "missing [28]" in invalid(sources, lambda d: d["tips"]["day"].pop())


def test_course_days_out_of_order_are_refused(sources: dict[str, Any]) -> None:
    def swap(data: dict[str, Any]) -> None:
        days = data["tips"]["day"]
        days[0], days[1] = days[1], days[0]

    assert "course order" in invalid(sources, swap)


def test_a_question_key_that_does_not_ask_is_refused(sources: dict[str, Any]) -> None:
    def no_question_mark(data: dict[str, Any]) -> None:
        data["messages"]["ask_tip"]["say"][0] = "Here is today's tip."

    assert "ask_tip.say[0]: is a question" in invalid(sources, no_question_mark)


def test_a_statement_key_that_asks_is_refused(sources: dict[str, Any]) -> None:
    def ends_asking(data: dict[str, Any]) -> None:
        data["urges"]["urge"][0]["say"] = "Why not go for a walk instead?"

    assert "must not end with a question" in invalid(sources, ends_asking)


def test_a_readiness_check_must_ask_a_question(sources: dict[str, Any]) -> None:
    def statement(data: dict[str, Any]) -> None:
        data["readiness"]["check"][0]["ask"] = "You went four weeks."

    assert "ask: is a question" in invalid(sources, statement)


def test_a_reprompt_on_a_statement_key_is_refused(sources: dict[str, Any]) -> None:
    def reprompt(data: dict[str, Any]) -> None:
        data["messages"]["goodbye"]["reprompt"] = "Still there?"

    assert "only question keys may have a reprompt" in invalid(sources, reprompt)


def test_a_value_the_handler_does_not_pass_is_refused(sources: dict[str, Any]) -> None:
    def day_in_welcome(data: dict[str, Any]) -> None:
        data["messages"]["welcome_new"]["say"][0] = "Welcome. Today is day {day}."

    assert "placeholders not allowed here: ['day']" in invalid(sources, day_in_welcome)


def test_a_required_value_left_out_is_refused(sources: dict[str, Any]) -> None:
    def no_day(data: dict[str, Any]) -> None:
        data["messages"]["what_day"]["say"][0] = "You're doing well."

    assert "what_day.say[0]: must use ['day']" in invalid(sources, no_day)


def test_an_unknown_placeholder_is_refused(sources: dict[str, Any]) -> None:
    def unknown(data: dict[str, Any]) -> None:
        data["mistakes"]["mistake"][0]["say"] = "Mistake one: texting {name}."

    assert "unknown placeholder {name}" in invalid(sources, unknown)


def test_an_urge_speaks_the_day_only_when_marked_needs_day(sources: dict[str, Any]) -> None:
    def unmarked(data: dict[str, Any]) -> None:
        urge = next(u for u in data["urges"]["urge"] if not u["needs_day"])
        urge["say"] = "You're on day {day}. Keep going."

    def marked_without_day(data: dict[str, Any]) -> None:
        urge = next(u for u in data["urges"]["urge"] if u["needs_day"])
        urge["say"] = "Keep going."

    assert "placeholders not allowed here: ['day']" in invalid(sources, unmarked)
    assert "must use ['day']" in invalid(sources, marked_without_day)


def test_a_text_over_fifty_words_is_refused(sources: dict[str, Any]) -> None:
    def long_text(data: dict[str, Any]) -> None:
        data["questions"]["what_to_do"]["say"][0] = "Keep going. " * 26

    assert "text has 52 words; the limit is 50" in invalid(sources, long_text)


def test_an_empty_text_is_refused(sources: dict[str, Any]) -> None:
    def empty(data: dict[str, Any]) -> None:
        data["messages"]["fallback"]["say"][0] = "   "

    assert "text is empty" in invalid(sources, empty)


def test_ssml_written_into_content_is_refused(sources: dict[str, Any]) -> None:
    def markup(data: dict[str, Any]) -> None:
        data["messages"]["fallback"]["say"][0] = 'Sorry. <break time="1s"/> Again.'

    assert "plain, not SSML" in invalid(sources, markup)


def test_an_unknown_field_is_refused(sources: dict[str, Any]) -> None:
    def typo(data: dict[str, Any]) -> None:
        data["messages"]["goodbye"]["sya"] = ["Bye."]

    assert "Extra inputs are not permitted" in invalid(sources, typo)


def test_an_unknown_section_is_refused(sources: dict[str, Any]) -> None:
    def section(data: dict[str, Any]) -> None:
        data["urges"]["urge"][0]["section"] = "stronger.yoga"

    assert "stronger.yoga" in invalid(sources, section)


def test_a_mistake_tagged_with_another_mistakes_section_is_refused(
    sources: dict[str, Any],
) -> None:
    def wrong(data: dict[str, Any]) -> None:
        data["mistakes"]["mistake"][0]["section"] = "mistakes.2"

    assert "section must be mistakes.1" in invalid(sources, wrong)


def test_a_missing_message_key_is_refused(sources: dict[str, Any]) -> None:
    assert "messages missing: ['goodbye']" in invalid(
        sources, lambda d: d["messages"].pop("goodbye")
    )


def test_repeated_urge_responses_are_refused(sources: dict[str, Any]) -> None:
    def repeat(data: dict[str, Any]) -> None:
        urges = [u for u in data["urges"]["urge"] if not u["needs_day"]]
        urges[1]["say"] = urges[0]["say"]

    assert "urge responses must be distinct" in invalid(sources, repeat)


def test_an_exercise_pause_over_ten_seconds_is_refused(sources: dict[str, Any]) -> None:
    def long_pause(data: dict[str, Any]) -> None:
        data["exercise"]["full"]["step"][0]["pause_after_ms"] = 12_000

    def negative_pause(data: dict[str, Any]) -> None:
        data["exercise"]["quick"]["step"][0]["pause_after_ms"] = -1

    assert "exercise.full.step.0.pause_after_ms" in invalid(sources, long_pause)
    assert "less than or equal to 10000" in invalid(sources, long_pause)
    assert "greater than or equal to 0" in invalid(sources, negative_pause)


def test_an_exercise_pause_written_as_a_fraction_is_refused(sources: dict[str, Any]) -> None:
    def fraction(data: dict[str, Any]) -> None:
        data["exercise"]["full"]["step"][0]["pause_after_ms"] = 2500.5

    assert "pause_after_ms" in invalid(sources, fraction)


def test_an_exercise_closing_question_that_does_not_ask_is_refused(
    sources: dict[str, Any],
) -> None:
    def statement(data: dict[str, Any]) -> None:
        data["exercise"]["quick"]["closing_question"] = "That's the exercise."

    assert "quick.closing_question: is a question" in invalid(sources, statement)


def test_an_exercise_step_is_held_to_the_same_text_rules(sources: dict[str, Any]) -> None:
    def long_step(data: dict[str, Any]) -> None:
        data["exercise"]["full"]["step"][2]["say"] = "Breathe in and out. " * 13

    def day_in_step(data: dict[str, Any]) -> None:
        data["exercise"]["full"]["step"][2]["say"] = "It is day {day}. Breathe."

    def markup(data: dict[str, Any]) -> None:
        data["exercise"]["quick"]["step"][0]["say"] = 'Breathe. <break time="3s"/>'

    def asking(data: dict[str, Any]) -> None:
        data["exercise"]["quick"]["step"][0]["say"] = "Are you comfortable?"

    assert "text has 52 words; the limit is 50" in invalid(sources, long_step)
    assert "full.step[2]: placeholders not allowed here: ['day']" in invalid(sources, day_in_step)
    assert "plain, not SSML" in invalid(sources, markup)
    assert "quick.step[0]: must not end with a question" in invalid(sources, asking)


def test_an_exercise_without_steps_or_a_variant_or_with_a_typo_is_refused(
    sources: dict[str, Any],
) -> None:
    def no_steps(data: dict[str, Any]) -> None:
        data["exercise"]["quick"]["step"] = []

    def typo(data: dict[str, Any]) -> None:
        data["exercise"]["full"]["step"][0]["pause_ms"] = 1000

    assert "exercise.quick.step" in invalid(sources, no_steps)
    assert "exercise.full" in invalid(sources, lambda d: d["exercise"].pop("full"))
    assert "Extra inputs are not permitted" in invalid(sources, typo)


# --- the build tool ----------------------------------------------------------------


def test_check_passes_on_current_compiled_json(tmp_path: Path) -> None:
    out = tmp_path / "compiled.json"
    assert build_content.main(["--out", str(out)]) == 0
    assert build_content.main(["--check", "--out", str(out)]) == 0


def test_check_fails_on_stale_compiled_json(tmp_path: Path) -> None:
    out = tmp_path / "compiled.json"
    out.write_text("{}\n", encoding="utf-8")
    assert build_content.main(["--check", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "{}\n"  # --check never writes


def test_check_fails_on_invalid_content_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    readiness = content / "readiness.toml"
    readiness.write_text(readiness.read_text(encoding="utf-8").replace("?", "."), encoding="utf-8")
    args = ["--check", "--content-dir", str(content), "--out", str(tmp_path / "c.json")]
    assert build_content.main(args) == 1
    assert "readiness.toml" in capsys.readouterr().err


def test_a_missing_content_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    (content / "tips.toml").unlink()
    assert build_content.main(["--content-dir", str(content), "--out", str(tmp_path / "c")]) == 1
    assert "tips.toml is missing" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_an_invalid_exercise_script_fails_the_build_naming_exercise_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    script = content / "exercise.toml"
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("pause_after_ms = 3000", "pause_after_ms = 30000"), "utf-8")
    assert build_content.main(["--content-dir", str(content), "--out", str(tmp_path / "c")]) == 1
    assert "exercise.toml: exercise.full.step.0.pause_after_ms" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_the_build_is_stable() -> None:
    assert build_content.build() == build_content.build()
