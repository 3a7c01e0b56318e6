"""The guided thought-release exercise: what a person hears, and that Alexa can play it."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, cast

import pytest
from ask_sdk_core.serialize import DefaultSerializer

from no_contact_coach.content.catalog import COMPILED_PATH, Catalog, load_catalog
from no_contact_coach.content.pronouns import render
from no_contact_coach.voice import exercise
from no_contact_coach.voice.apla_schema import estimate_duration_s, validate_apla_document
from no_contact_coach.voice.exercise import ExerciseAudio, render_directive, render_exercise

LAMBDA_DIR = Path(__file__).resolve().parents[2] / "lambda"

PRONOUNS = (None, "him", "her", "them")
VARIANTS = ("full", "quick")


def voice_items(audio: ExerciseAudio) -> list[dict[str, Any]]:
    mixer = audio.document["mainTemplate"]["item"]
    sequencers = [c for c in mixer["items"] if c["type"] == "Sequencer"]
    assert len(sequencers) == 1
    return list(sequencers[0]["items"])


def bed(audio: ExerciseAudio) -> dict[str, Any]:
    mixer = audio.document["mainTemplate"]["item"]
    (audio_component,) = [c for c in mixer["items"] if c["type"] == "Audio"]
    return dict(audio_component)


def ssml_sequence(ssml: str) -> list[tuple[str, str | int]]:
    """("say", text) and ("pause", ms) in the order the SSML plays them."""
    root = ET.fromstring(ssml)
    sequence: list[tuple[str, str | int]] = []
    if root.text and root.text.strip():
        sequence.append(("say", root.text.strip()))
    for element in root:
        time = element.get("time", "")
        assert re.fullmatch(r"\d+ms", time), time
        sequence.append(("pause", int(time[:-2])))
        if element.tail and element.tail.strip():
            sequence.append(("say", element.tail.strip()))
    return sequence


@pytest.mark.parametrize("pronoun", PRONOUNS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_exercise_document_is_valid_apla(variant: str, pronoun: str | None) -> None:
    audio = render_exercise(variant, pronoun=pronoun)

    assert validate_apla_document(audio.document) == []
    assert audio.document["type"] == "APLA"
    assert audio.document["version"] == "0.91"


def test_full_exercise_lasts_between_two_and_a_half_and_three_and_a_half_minutes() -> None:
    audio = render_exercise("full")

    assert 150 <= audio.duration_s <= 210
    assert audio.duration_s == pytest.approx(estimate_duration_s(audio.document))


def test_quick_exercise_lasts_about_a_minute() -> None:
    assert 45 <= render_exercise("quick").duration_s <= 75


@pytest.mark.parametrize("pronoun", PRONOUNS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_exercise_goes_over_alexas_240_second_limit(variant: str, pronoun: str | None) -> None:
    audio = render_exercise(variant, pronoun=pronoun)

    assert audio.duration_s <= 240
    assert audio.timeline[-1][0] < audio.duration_s <= 240


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_water_bed_loops_quietly_and_fades_in_and_out(variant: str) -> None:
    audio = render_exercise(variant)
    water = bed(audio)
    filters = {f["type"]: f for f in water["filter"]}

    assert water["source"].startswith("soundbank://soundlibrary/")
    assert filters["Repeat"]["repeatCount"] == -1  # loops for as long as it is needed
    assert water["duration"] == "trimToParent"  # and stops with the voice
    assert filters["Volume"]["amount"] == "20%"
    assert filters["FadeIn"]["duration"] > 0
    assert filters["FadeOut"]["duration"] > 0
    # The bed is cut to a known length before it fades, so the fade is heard
    # before the voice ends, and it lasts most of the exercise.
    order = [f["type"] for f in water["filter"]]
    assert order.index("Repeat") < order.index("Trim") < order.index("FadeOut")
    assert 0.75 * audio.duration_s <= filters["Trim"]["end"] / 1000 < audio.duration_s


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_silence_or_break_is_longer_than_ten_seconds(variant: str) -> None:
    audio = render_exercise(variant)
    silences = [item["duration"] for item in voice_items(audio) if item["type"] == "Silence"]
    breaks = [value for kind, value in ssml_sequence(audio.ssml) if kind == "pause"]

    assert silences
    assert all(isinstance(ms, int) and 0 < ms <= 10_000 for ms in silences)
    assert breaks == silences


@pytest.mark.parametrize("pronoun", PRONOUNS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_ssml_version_has_the_same_cues_in_the_same_order(
    variant: str, pronoun: str | None
) -> None:
    audio = render_exercise(variant, pronoun=pronoun)
    apla = [
        ("say", item["content"]) if item["type"] == "Speech" else ("pause", item["duration"])
        for item in voice_items(audio)
    ]

    assert ssml_sequence(audio.ssml) == apla


@pytest.mark.parametrize("variant", VARIANTS)
def test_ssml_is_xml_using_only_tags_alexa_supports(variant: str) -> None:
    ssml = render_exercise(variant, pronoun="them").ssml
    tags = {element.tag for element in ET.fromstring(ssml).iter()}

    assert tags <= {"speak", "break"}
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    assert len(ssml) < 8000


@pytest.mark.parametrize("variant", VARIANTS)
def test_exercise_ends_by_asking_whether_to_go_again(variant: str) -> None:
    audio = render_exercise(variant)
    last = voice_items(audio)[-1]

    assert last == {"type": "Speech", "contentType": "PlainText", "content": audio.closing_question}
    assert audio.closing_question.endswith("?")
    assert audio.timeline[-1][1] == audio.closing_question


@pytest.mark.parametrize("variant", VARIANTS)
def test_exercise_promises_no_action_is_needed_and_never_that_the_urge_vanishes(
    variant: str,
) -> None:
    spoken = " ".join(text for _, text in render_exercise(variant).timeline).lower()

    assert "don't have to act on" in spoken
    for promise in ("urge will vanish", "urge will go away", "urge will disappear"):
        assert promise not in spoken


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_cue_is_short_enough_to_hear_in_one_go(variant: str) -> None:
    for _, text in render_exercise(variant).timeline:
        assert len(text.split()) <= 50, text


def test_the_ex_is_named_with_the_chosen_pronoun() -> None:
    chosen = render_exercise("full", pronoun="her")
    unchosen = render_exercise("full")

    assert "a thought about her" in chosen.ssml
    assert "a thought about your ex" in unchosen.ssml
    for audio in (chosen, unchosen):
        assert "{" not in audio.ssml
        assert all("{" not in item.get("content", "") for item in voice_items(audio))


def test_timeline_starts_at_zero_and_moves_forward_through_cues_and_silences() -> None:
    timeline = render_exercise("quick").timeline
    starts = [start for start, _ in timeline]

    assert starts[0] == 0
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert timeline[1][1] == "(silence 4 s)"


def test_directive_is_an_apla_render_document_carrying_the_exercise() -> None:
    audio = render_exercise("quick")
    serialized = DefaultSerializer().serialize(render_directive(audio, token="exercise-quick"))
    directive = cast(dict[str, Any], serialized)

    assert directive["type"] == "Alexa.Presentation.APLA.RenderDocument"
    assert directive["token"] == "exercise-quick"
    assert directive["document"] == audio.document
    assert directive["datasources"]["exercise"]["variant"] == "quick"


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown exercise variant"):
        render_exercise("slow")


def test_the_exercise_speaks_the_script_the_catalog_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(COMPILED_PATH.read_text(encoding="utf-8"))
    data["exercise"]["full"] = {
        "section": "rule.clouds",
        "steps": [
            {"say": "Breathe with {ex}.", "pause_after_ms": 2000},
            {"say": "Rest.", "pause_after_ms": 0},
        ],
        "closing_question": "Again?",
    }
    catalog = Catalog.from_data(data)
    monkeypatch.setattr(exercise, "load_catalog", lambda: catalog)

    audio = render_exercise("full", pronoun="them")

    assert audio.ssml == '<speak>Breathe with them. <break time="2000ms"/> Rest. Again?</speak>'
    assert audio.closing_question == "Again?"


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_speaks_every_step_of_the_real_script_in_order(variant: str) -> None:
    script = load_catalog().exercise(variant)
    items = voice_items(render_exercise(variant, pronoun="him"))
    spoken = [item["content"] for item in items if item["type"] == "Speech"]

    assert spoken[:-1] == [render(step.say, "him") for step in script.steps]
    assert spoken[-1] == script.closing_question


def test_the_exercise_plays_from_the_deployed_lambda_directory_alone(tmp_path: Path) -> None:
    # Only lambda/ is deployed: the exercise must not need content/ or the repo around it.
    deployed = tmp_path / "lambda"
    shutil.copytree(LAMBDA_DIR, deployed, ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import sys\n"
        "from no_contact_coach.voice import exercise\n"
        "assert exercise.__file__.startswith(sys.argv[1]), exercise.__file__\n"
        "print(exercise.render_exercise('quick', pronoun='her').closing_question)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(deployed)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(deployed)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == render_exercise("quick").closing_question


# The validator must be able to fail: each broken copy of a real document is refused.


@pytest.fixture
def document() -> dict[str, Any]:
    return copy.deepcopy(render_exercise("quick").document)


def first_voice_item(document: dict[str, Any], kind: str) -> dict[str, Any]:
    items = document["mainTemplate"]["item"]["items"][0]["items"]
    return next(item for item in items if item["type"] == kind)


def test_validator_rejects_an_unknown_component_type(document: dict[str, Any]) -> None:
    first_voice_item(document, "Speech")["type"] = "Narration"

    errors = validate_apla_document(document)

    assert any("unknown component type 'Narration'" in e for e in errors), errors


def test_validator_rejects_a_component_missing_a_required_property(
    document: dict[str, Any],
) -> None:
    del document["mainTemplate"]["item"]["items"][1]["source"]

    errors = validate_apla_document(document)

    assert any("(Audio): missing required property source" in e for e in errors), errors


def test_validator_rejects_a_silence_whose_duration_is_a_string(document: dict[str, Any]) -> None:
    first_voice_item(document, "Silence")["duration"] = "4000"

    errors = validate_apla_document(document)

    assert any("(Silence).duration: must be a positive whole number" in e for e in errors), errors


def test_validator_rejects_an_unknown_filter_and_a_filter_missing_its_setting(
    document: dict[str, Any],
) -> None:
    filters = document["mainTemplate"]["item"]["items"][1]["filter"]
    filters.append({"type": "Echo"})
    del filters[0]["repeatCount"]

    errors = validate_apla_document(document)

    assert any("unknown filter type 'Echo'" in e for e in errors), errors
    assert any("(Repeat): missing required property repeatCount" in e for e in errors), errors


def test_validator_rejects_a_loop_that_never_ends(document: dict[str, Any]) -> None:
    water = document["mainTemplate"]["item"]["items"][1]
    del water["duration"]  # no longer trimmed to the voice...
    water["filter"] = [f for f in water["filter"] if f["type"] != "Trim"]  # ...nor cut short

    errors = validate_apla_document(document)

    assert any("repeats forever" in e for e in errors), errors


def test_validator_rejects_audio_over_240_seconds(document: dict[str, Any]) -> None:
    items = document["mainTemplate"]["item"]["items"][0]["items"]
    items.extend({"type": "Silence", "duration": 10_000} for _ in range(25))

    errors = validate_apla_document(document)

    assert any("over the 240 s limit" in e for e in errors), errors


def test_validator_rejects_broken_ssml_in_a_speech(document: dict[str, Any]) -> None:
    speech = first_voice_item(document, "Speech")
    speech["contentType"] = "SSML"
    speech["content"] = '<speak>Rest <break time="12s"/> <blink>now</blink></speak>'

    errors = validate_apla_document(document)

    assert any("at most 10 s" in e for e in errors), errors
    assert any("<blink> is not an Alexa SSML tag" in e for e in errors), errors
