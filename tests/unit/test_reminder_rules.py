"""Times of day for the daily reminder: as Alexa fills AMAZON.TIME, and as the skill reads them."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from no_contact_coach.entrypoints.amazon_time import parse_amazon_time
from no_contact_coach.entrypoints.resolver import normalize
from no_contact_coach.voice.reminders import daily_rule, daily_time, reminder_request, spoken_time


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("eight", "08:00"),
        ("8", "08:00"),
        ("eight o'clock", "08:00"),
        ("eight thirty", "08:30"),
        ("seven oh five", "07:05"),
        ("eight pm", "20:00"),
        ("8 p.m.", "20:00"),
        ("eight forty five in the evening", "20:45"),
        ("twelve am", "00:00"),
        ("half past seven", "07:30"),
        ("quarter to nine", "08:45"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("in the morning", "MO"),
        ("tonight", "NI"),
    ],
)
def test_spoken_times_are_filled_as_alexa_fills_amazon_time(spoken: str, value: str) -> None:
    assert parse_amazon_time(normalize(spoken)) == value


@pytest.mark.parametrize("spoken", ["thirteen pm", "eight ninety", "pizza", "half to eight"])
def test_what_is_not_a_time_is_not_filled(spoken: str) -> None:
    assert parse_amazon_time(normalize(spoken)) is None


@pytest.mark.parametrize(
    ("value", "part", "expected"),
    [
        ("08:00", "morning", time(8)),
        ("08:00", "evening", time(20)),  # "every evening at eight"
        ("07:30", "night", time(19, 30)),
        ("20:00", "evening", time(20)),
        ("12:00", "afternoon", time(12)),
        ("MO", None, time(8)),
        (None, "evening", time(19)),  # "remind me every evening"
        (None, None, None),
        ("25:00", None, None),
        ("later", None, None),
    ],
)
def test_the_part_of_the_day_settles_an_ambiguous_hour(
    value: str | None, part: str | None, expected: time | None
) -> None:
    assert daily_time(value, part) == expected


@pytest.mark.parametrize(
    ("at", "said"),
    [(time(8), "8 a.m."), (time(19, 30), "7:30 p.m."), (time(12), "noon"), (time(0), "midnight")],
)
def test_the_time_is_read_back_the_way_people_say_it(at: time, said: str) -> None:
    assert spoken_time(at) == said


def test_the_first_reminder_is_today_if_the_time_is_still_ahead_else_tomorrow() -> None:
    morning = reminder_request(datetime(2026, 11, 28, 6, 0), time(8), "Europe/London", "en-GB", "x")
    evening = reminder_request(
        datetime(2026, 11, 28, 21, 0), time(8), "Europe/London", "en-GB", "x"
    )
    assert morning.trigger.recurrence.start_date_time == datetime(2026, 11, 28, 8, 0)
    assert evening.trigger.recurrence.start_date_time == datetime(2026, 11, 29, 8, 0)
    assert evening.trigger.recurrence.recurrence_rules == [daily_rule(time(8))]
    assert evening.alert_info.spoken_info.content[0].locale == "en-GB"


def test_the_reminder_token_is_kept_with_the_journey_and_absent_when_unset() -> None:
    from no_contact_coach.journey.model import JourneyState
    from no_contact_coach.storage.codec import from_data, to_data

    state = JourneyState(reminder_token="amzn1.alert.token-1")
    assert from_data(to_data(state)).reminder_token == "amzn1.alert.token-1"
    assert "reminderToken" not in to_data(JourneyState())
