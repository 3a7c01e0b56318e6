"""The reasons list's rules: cleaning, limits, newest first, removal, and what an urge offers."""

from __future__ import annotations

from datetime import date

import pytest

from no_contact_coach.journey import reasons
from no_contact_coach.journey.model import JourneyState, Reason, Streak
from no_contact_coach.storage.codec import from_data, to_data

TODAY = date(2026, 11, 28)


def listed(*texts: str) -> JourneyState:
    state = JourneyState()
    for text in texts:
        state = reasons.add(state, text, TODAY)
    return state


def texts(state: JourneyState) -> list[str]:
    return [r.text for r in state.reasons]


# --- cleaning ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("he never listened", "he never listened"),
        ("  he   never\tlistened \n", "he never listened"),
        ("he\x00 never\x1b listened", "he never listened"),
        ("he\u200bnever\u202elistened", "he never listened"),  # zero-width and bidi marks
        (": he never listened", "he never listened"),  # what "add a reason:" leaves
        ("<speak>he lied</speak> & left", "<speak>he lied</speak> & left"),  # kept, escaped later
    ],
)
def test_a_reason_is_kept_with_control_characters_gone_and_spaces_collapsed(
    raw: str, kept: str
) -> None:
    assert reasons.clean(raw) == kept


@pytest.mark.parametrize("raw", [None, "", "   ", "\x00\x01", ":"])
def test_a_reason_with_no_words_is_refused(raw: str | None) -> None:
    with pytest.raises(reasons.ReasonEmpty):
        reasons.clean(raw)


def test_two_hundred_characters_are_allowed_and_two_hundred_and_one_are_not() -> None:
    assert len(reasons.clean("a" * reasons.MAX_REASON_CHARS)) == reasons.MAX_REASON_CHARS
    with pytest.raises(reasons.ReasonTooLong):
        reasons.clean("a" * (reasons.MAX_REASON_CHARS + 1))


def test_length_is_measured_after_cleaning() -> None:
    padded = "  " + "a " * 100 + "   " * 50

    assert reasons.clean(padded) == ("a " * 100).strip()


# --- adding -----------------------------------------------------------------------


def test_a_reason_is_added_as_the_newest_with_todays_date() -> None:
    state = listed("first", "second")

    assert state.reasons[-1] == Reason("second", TODAY)
    assert texts(state) == ["first", "second"]


def test_adding_keeps_the_rest_of_the_journey() -> None:
    start = JourneyState(streaks=(Streak(date(2026, 11, 20)),), urge_count=4)

    state = reasons.add(start, "he never listened", TODAY)

    assert state.streaks == start.streaks and state.urge_count == 4


def test_adding_to_no_journey_at_all_creates_one() -> None:
    assert texts(reasons.add(None, "first", TODAY)) == ["first"]


def test_the_same_reason_in_other_case_or_spacing_is_already_listed() -> None:
    with pytest.raises(reasons.ReasonAlreadyListed):
        reasons.add(listed("He never listened"), "he  never listened", TODAY)


def test_the_list_holds_fifty_reasons_and_no_more() -> None:
    full = listed(*(f"reason {n}" for n in range(reasons.MAX_REASONS)))

    assert len(full.reasons) == reasons.MAX_REASONS
    with pytest.raises(reasons.ReasonListFull):
        reasons.add(full, "one more", TODAY)


# --- reading ----------------------------------------------------------------------


def test_pages_run_newest_first_three_at_a_time() -> None:
    state = listed("a", "b", "c", "d", "e")

    first, following = reasons.page(state, 0)
    second, after = reasons.page(state, following or 0)

    assert [r.text for r in first] == ["e", "d", "c"] and following == 3
    assert [r.text for r in second] == ["b", "a"] and after is None


def test_a_page_past_the_end_is_empty() -> None:
    assert reasons.page(listed("a"), 5) == ((), None)
    assert reasons.page(None, 0) == ((), None)


# --- removing ---------------------------------------------------------------------


def test_remove_last_takes_the_newest() -> None:
    assert texts(reasons.remove_last(listed("a", "b"))) == ["a"]


def test_remove_last_takes_the_reason_that_was_confirmed_even_if_another_came_since() -> None:
    # Asked about "b"; meanwhile another device added "c". The yes still means "b".
    state = listed("a", "b", "c")

    assert texts(reasons.remove_last(state, expected="b")) == ["a", "c"]


def test_removing_a_reason_already_gone_changes_nothing() -> None:
    state = listed("a")

    assert reasons.remove_last(state, expected="gone") == state


def test_removing_from_an_empty_list_is_refused() -> None:
    with pytest.raises(reasons.NoReasons):
        reasons.remove_last(JourneyState())


def test_clear_empties_the_list_and_forgets_the_last_one_spoken() -> None:
    state = reasons.mark_offered(listed("a", "b"), Reason("a", TODAY))

    cleared = reasons.clear(state)

    assert cleared.reasons == () and cleared.last_reason is None


def test_removing_the_last_one_spoken_forgets_it() -> None:
    state = reasons.mark_offered(listed("a", "b"), Reason("b", TODAY))

    assert reasons.remove_last(state).last_reason is None


# --- at an urge -------------------------------------------------------------------


def test_the_reason_spoken_last_time_is_not_offered_again() -> None:
    state = reasons.mark_offered(listed("a", "b", "c"), Reason("b", TODAY))

    assert texts(JourneyState(reasons=reasons.offerable(state))) == ["a", "c"]


def test_a_single_reason_is_offered_every_time() -> None:
    state = reasons.mark_offered(listed("only"), Reason("only", TODAY))

    assert [r.text for r in reasons.offerable(state)] == ["only"]


def test_no_reasons_means_nothing_to_offer() -> None:
    assert reasons.offerable(JourneyState()) == ()
    assert reasons.offerable(None) == ()


def test_marking_the_account_shared_is_idempotent() -> None:
    once = reasons.mark_shared(None)

    assert once.shared_device_seen
    assert reasons.mark_shared(once) is once


# --- storage ----------------------------------------------------------------------


def test_reasons_and_the_shared_flag_survive_a_round_trip_through_the_codec() -> None:
    state = reasons.mark_shared(
        reasons.mark_offered(listed("he <never> listened & left", "b"), Reason("b", TODAY))
    )

    assert from_data(to_data(state)) == state


def test_an_item_written_before_reasons_existed_reads_as_an_empty_list() -> None:
    old = {"schemaVersion": 1, "goalDays": 28, "streaks": [{"start": "2026-11-20"}]}

    state = from_data(old)

    assert state.reasons == () and state.last_reason is None and not state.shared_device_seen
