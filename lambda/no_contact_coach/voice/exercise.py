"""The guided thought-release exercise as APL for Audio, with an SSML twin.

The script is written in content/exercise.toml and reaches the skill through
compiled.json like all other content (load_catalog().exercise): spoken cues,
each followed by up to 10 s of quiet. Alexa plays the APLA version: the cues in
a Sequencer, mixed over a soft looping water bed. The SSML version carries the
same cues and pauses as <break>s, for the local chat and anything that cannot
play APLA.

Alexa speaks a response's outputSpeech first and then plays the APLA audio
(they never overlap), so a handler sends the directive with no outputSpeech, or
at most a short lead-in, and a reprompt such as `closing_question`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from ask_sdk_model.interfaces.alexa.presentation.apla.render_document_directive import (
    RenderDocumentDirective,
)

from no_contact_coach.content.catalog import ContentNotFoundError, load_catalog
from no_contact_coach.content.pronouns import render
from no_contact_coach.voice.apla_schema import (
    APLA_VERSION,
    component_seconds,
    estimate_duration_s,
    speech_seconds,
)

# The variants content/exercise.toml must define (schema.EXERCISE_VARIANTS at build time).
VARIANTS = ("full", "quick")

# A running stream from the ASK sound library, as given in the APLA Audio docs.
# Its length is not published, so it repeats without end (-1) and is trimmed:
# the Trim gives FadeOut a real end to fade. It ends at BED_SHARE of the
# estimated length, so the fade is heard as the person returns to the room
# even if Alexa speaks up to 15% faster than our 150 words a minute;
# trimToParent still stops it with the voice if Alexa is faster still.
BED_SOURCE = "soundbank://soundlibrary/water/nature/nature_08"
BED_VOLUME = "20%"
BED_FADE_IN_MS = 3_000
BED_FADE_OUT_MS = 4_000
BED_SHARE = 0.85


@dataclass(frozen=True)
class ExerciseAudio:
    variant: str  # "full" | "quick"
    document: dict[str, Any]  # APLA: Mixer of [Sequencer of Speech/Silence, looping bed]
    datasources: dict[str, Any]
    ssml: str  # the same cues in order, <break>s (<= 10 s) between them
    timeline: list[tuple[float, str]]  # (start second, cue text or "(silence 8 s)")
    duration_s: float  # estimated: speech at 150 words/min plus silences
    closing_question: str  # the last cue; also the reprompt


def render_exercise(variant: str = "full", *, pronoun: str | None = None) -> ExerciseAudio:
    """The exercise ready to play, with the ex named by `pronoun` (None: "your ex")."""
    try:
        script = load_catalog().exercise(variant)
    except ContentNotFoundError as e:
        raise ValueError(f"unknown exercise variant {variant!r}; expected one of {VARIANTS}") from e
    cues = [(render(step.say, pronoun), step.pause_after_ms) for step in script.steps]
    question = render(script.closing_question, pronoun)
    cues.append((question, 0))

    document = _document(cues, variant)
    duration = estimate_duration_s(document)
    return ExerciseAudio(
        variant=variant,
        document=document,
        datasources={
            "exercise": {
                "variant": variant,
                "section": script.section,
                "estimatedSeconds": round(duration, 1),
            }
        },
        ssml=_ssml(cues),
        timeline=_timeline(cues),
        duration_s=duration,
        closing_question=question,
    )


def render_directive(audio: ExerciseAudio, token: str = "exercise") -> RenderDocumentDirective:
    """The Alexa.Presentation.APLA.RenderDocument directive that plays `audio`."""
    return RenderDocumentDirective(
        token=token, document=audio.document, datasources=audio.datasources
    )


def _document(cues: list[tuple[str, int]], variant: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = []
    for text, pause_ms in cues:
        steps.append({"type": "Speech", "contentType": "PlainText", "content": text})
        if pause_ms:
            steps.append({"type": "Silence", "duration": pause_ms})
    voice = {"type": "Sequencer", "items": steps}
    bed = {
        "type": "Audio",
        "description": "soft running water under the exercise",
        "source": BED_SOURCE,
        "duration": "trimToParent",
        "filter": [
            {"type": "Repeat", "repeatCount": -1},
            {"type": "Trim", "start": 0, "end": round(component_seconds(voice) * BED_SHARE * 1000)},
            {"type": "FadeIn", "duration": BED_FADE_IN_MS},
            {"type": "FadeOut", "duration": BED_FADE_OUT_MS},
            {"type": "Volume", "amount": BED_VOLUME},
        ],
    }
    return {
        "type": "APLA",
        "version": APLA_VERSION,
        "description": f"No Contact Coach: thought-release exercise ({variant})",
        "mainTemplate": {
            "parameters": ["payload"],
            "item": {
                "type": "Mixer",
                "items": [voice, bed],
            },
        },
    }


def _ssml(cues: list[tuple[str, int]]) -> str:
    parts = []
    for text, pause_ms in cues:
        parts.append(escape(text))
        if pause_ms:
            parts.append(f'<break time="{pause_ms}ms"/>')
    return "<speak>" + " ".join(parts) + "</speak>"


def _timeline(cues: list[tuple[str, int]]) -> list[tuple[float, str]]:
    # The same estimate as the document, cue by cue, for the chat display.
    timeline: list[tuple[float, str]] = []
    at = 0.0
    for text, pause_ms in cues:
        timeline.append((round(at, 1), text))
        at += speech_seconds(text)
        if pause_ms:
            timeline.append((round(at, 1), f"(silence {pause_ms / 1000:g} s)"))
            at += pause_ms / 1000
    return timeline
