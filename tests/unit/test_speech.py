"""Plain text into SSML Alexa accepts, and back into text for the chat."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from no_contact_coach.voice.speech import (
    Ssml,
    escape,
    estimate_seconds,
    pause,
    ssml_to_text,
    to_ssml,
)

TRICKY = 'Tom & Jerry say "<speak>" isn\'t < 3 > 2'


def test_special_characters_are_escaped_and_the_ssml_stays_valid() -> None:
    ssml = to_ssml(TRICKY)
    root = ET.fromstring(ssml)
    assert root.tag == "speak"
    assert list(root) == []  # the "<speak>" in the text did not become a tag
    assert root.text == TRICKY


def test_escape_handles_all_five_xml_characters() -> None:
    assert escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &apos; f"


def test_parts_are_joined_with_a_space_and_empty_parts_skipped() -> None:
    assert to_ssml("Day 3.", "", "Want a tip?") == "<speak>Day 3. Want a tip?</speak>"


def test_markup_parts_pass_through_unescaped() -> None:
    ssml = to_ssml("Breathe in.", pause(2), "And out.")
    assert ssml == '<speak>Breathe in. <break time="2000ms"/> And out.</speak>'
    ET.fromstring(ssml)


def test_a_pause_is_never_longer_than_alexa_allows() -> None:
    assert pause(25) == Ssml('<break time="10000ms"/>')
    assert pause(-1) == Ssml('<break time="0ms"/>')


def test_the_chat_sees_what_was_said_as_plain_text() -> None:
    assert ssml_to_text(to_ssml(TRICKY, pause(1), "Bye.")) == TRICKY + " Bye."


def test_speaking_time_is_counted_at_150_words_a_minute_plus_pauses() -> None:
    words = " ".join(["word"] * 150)
    assert estimate_seconds(words) == 60
    assert estimate_seconds(to_ssml(words, pause(3.5))) == 63.5
