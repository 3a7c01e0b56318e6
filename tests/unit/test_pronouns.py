"""One text, four ways to speak of the ex: him, her, them, or "your ex"."""

from __future__ import annotations

import pytest

from no_contact_coach.content.catalog import load_catalog
from no_contact_coach.content.pronouns import MissingPlaceholderError, placeholders, render


@pytest.fixture(scope="module")
def first_text() -> str:
    template = load_catalog().question("first_text").say[0]
    # The assertions below read this real answer; it must keep using these tokens.
    assert {"ex", "ex_subj", "ex_has"} <= placeholders(template)
    return template


@pytest.mark.parametrize(
    ("pronoun", "object_form", "waits_for"),
    [
        ("him", "reminded you of him", "before he has replied"),
        ("her", "reminded you of her", "before she has replied"),
        ("them", "reminded you of them", "before they have replied"),
        (None, "reminded you of your ex", "before your ex has replied"),
    ],
)
def test_the_first_text_answer_speaks_of_the_ex_as_chosen(
    first_text: str, pronoun: str | None, object_form: str, waits_for: str
) -> None:
    spoken = render(first_text, pronoun)
    assert object_form in spoken
    assert waits_for in spoken


@pytest.mark.parametrize(
    ("pronoun", "expected"),
    [
        ("him", "He is allowed to reach out. It was his choice."),
        ("her", "She is allowed to reach out. It was her choice."),
        ("them", "They are allowed to reach out. It was their choice."),
        (None, "Your ex is allowed to reach out. It was your ex's choice."),
    ],
)
def test_sentence_start_and_verbs_agree_with_the_pronoun(
    pronoun: str | None, expected: str
) -> None:
    assert render("{Ex_subj} {ex_is} allowed to reach out. It was {ex_poss} choice.", pronoun) == (
        expected
    )


def test_values_are_filled_alongside_pronouns() -> None:
    assert render("Day {day}: leave {ex} be.", "them", day=9) == "Day 9: leave them be."


def test_a_missing_value_names_the_placeholder_and_the_template() -> None:
    with pytest.raises(MissingPlaceholderError) as caught:
        render("Today is day {day}.", "her")
    assert caught.value.name == "day"
    assert "{day}" in str(caught.value)
    assert "Today is day {day}." in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_an_unknown_pronoun_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown pronoun"):
        render("Hello {ex}.", "it")
