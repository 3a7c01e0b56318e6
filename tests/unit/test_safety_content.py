"""content/safety.toml: every locale has its lines, and a broken line fails the build."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from no_contact_coach.content.catalog import load_catalog
from no_contact_coach.content.schema import SAFETY_LOCALES, SafetyFile
from no_contact_coach.voice.safety import spoken_number, with_number

SOURCE = Path(__file__).resolve().parents[2] / "content" / "safety.toml"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = tomllib.loads(SOURCE.read_text(encoding="utf-8"))
    return loaded


def test_the_safety_content_validates(data: dict[str, Any]) -> None:
    SafetyFile.model_validate(data)


@pytest.mark.parametrize("locale", SAFETY_LOCALES)
def test_every_published_locale_has_a_crisis_line_and_an_emergency_number(locale: str) -> None:
    lines = load_catalog().safety(locale)
    assert lines.of_kind("crisis")
    assert lines.emergency.isdigit()


def test_an_unknown_locale_gets_the_us_lines_rather_than_none() -> None:
    assert load_catalog().safety("en-ZZ").locale == "en-US"


def _broken(data: dict[str, Any], change: str) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    line = broken["locale"]["en-GB"]["line"][0]
    if change == "missing locale":
        del broken["locale"]["en-IN"]
    elif change == "ssml":
        line["say"] = 'Call <say-as interpret-as="digits">{number}</say-as>.'
    elif change == "no placeholder":
        line["say"] = "Call Samaritans."
    elif change == "card without number":
        line["card"] = "Samaritans, day or night."
    elif change == "letters in number":
        line["number"] = "116 ABC"
    elif change == "no crisis line":
        broken["locale"]["en-US"]["line"] = [broken["locale"]["en-US"]["line"][1]]
    return broken


@pytest.mark.parametrize(
    "change",
    [
        "missing locale",
        "ssml",
        "no placeholder",
        "card without number",
        "letters in number",
        "no crisis line",
    ],
)
def test_a_broken_safety_line_fails_validation(data: dict[str, Any], change: str) -> None:
    with pytest.raises(ValidationError):
        SafetyFile.model_validate(_broken(data, change))


def test_numbers_are_spoken_digit_by_digit_in_their_groups() -> None:
    assert spoken_number("116 123") == (
        '<say-as interpret-as="digits">116</say-as><break time="300ms"/>'
        '<say-as interpret-as="digits">123</say-as>'
    )
    assert spoken_number("000", "triple zero") == '<sub alias="triple zero">000</sub>'


def test_the_text_around_a_number_is_escaped() -> None:
    assert with_number("Call {number} & talk.", spoken_number("999")) == (
        'Call <say-as interpret-as="digits">999</say-as> &amp; talk.'
    )
