"""Reading spoken dates as the past day a person means, and counting days locally."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from no_contact_coach.journey.dates import add_months, day_number, local_today, past_reading
from no_contact_coach.journey.errors import DateInFuture, DateTooOld, DateUnclear

SATURDAY = date(2026, 11, 28)


def test_day_one_is_the_day_contact_stopped() -> None:
    assert day_number(SATURDAY, SATURDAY) == 1
    assert day_number(date(2026, 11, 22), SATURDAY) == 7


def test_a_weekday_alexa_moved_forward_is_read_as_the_last_one() -> None:
    # "I last texted him on Sunday" on Saturday the 28th: Alexa says the 29th.
    assert past_reading("2026-11-29", SATURDAY) == date(2026, 11, 22)


def test_todays_weekday_means_today() -> None:
    assert past_reading("2026-11-28", SATURDAY) == SATURDAY


def test_a_month_and_day_alexa_moved_to_next_year_is_read_as_this_year() -> None:
    # "November 2nd" on November 28th resolves to 2027-11-02.
    assert past_reading("2027-11-02", SATURDAY) == date(2026, 11, 2)


def test_a_month_and_day_just_ahead_is_read_as_the_nearest_past_day() -> None:
    # Alexa's 2026-12-01 may be "Tuesday" (the coming one) or "December 1st"; the most
    # recent past reading is last Tuesday, and the skill reads it back before saving.
    assert past_reading("2026-12-01", SATURDAY) == date(2026, 11, 24)


def test_yesterday_is_taken_as_it_is() -> None:
    assert past_reading("2026-11-27", SATURDAY) == date(2026, 11, 27)


def test_last_week_means_its_monday_and_last_weekend_its_saturday() -> None:
    assert past_reading("2026-W47", SATURDAY) == date(2026, 11, 16)
    assert past_reading("2026-W47-WE", SATURDAY) == date(2026, 11, 21)


def test_a_year_less_date_is_its_most_recent_past_occurrence() -> None:
    assert past_reading("XXXX-12-25", SATURDAY) == date(2025, 12, 25)
    assert past_reading("XXXX-02-29", date(2028, 3, 5)) == date(2028, 2, 29)


def test_february_29th_in_a_year_without_one_lies_too_far_back() -> None:
    with pytest.raises(DateTooOld):
        past_reading("XXXX-02-29", SATURDAY)


def test_present_ref_means_today() -> None:
    assert past_reading("PRESENT_REF", SATURDAY) == SATURDAY


@pytest.mark.parametrize("value", ["2026-W49", "2026-W50-WE"])
def test_a_week_still_ahead_is_refused_as_future(value: str) -> None:
    with pytest.raises(DateInFuture):
        past_reading(value, SATURDAY)


def test_more_than_a_year_back_is_refused() -> None:
    with pytest.raises(DateTooOld):
        past_reading("2025-11-01", SATURDAY)


@pytest.mark.parametrize(
    "value",
    [None, "", "2026-02-30", "XXXX-WXX-7", "2026-W99", "201X", "2026-WI", "tomorrowish", "2026-13"],
)
def test_values_that_name_no_single_day_are_unclear(value: str | None) -> None:
    with pytest.raises(DateUnclear):
        past_reading(value, SATURDAY)


def test_the_day_turns_at_local_midnight_not_utc() -> None:
    instant = datetime(2026, 11, 28, 7, 30, tzinfo=UTC)  # 23:30 in Los Angeles
    assert local_today(instant, ZoneInfo("America/Los_Angeles")) == date(2026, 11, 27)
    assert local_today(instant, ZoneInfo("Asia/Tokyo")) == date(2026, 11, 28)


def test_late_evening_in_los_angeles_is_already_tomorrow_in_tokyo_for_the_day_count() -> None:
    start = date(2026, 11, 20)
    instant = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    la = day_number(start, local_today(instant, ZoneInfo("America/Los_Angeles")))
    tokyo = day_number(start, local_today(instant, ZoneInfo("Asia/Tokyo")))
    assert (la, tokyo) == (8, 9)


def test_days_count_whole_calendar_days_across_a_dst_change() -> None:
    zone = ZoneInfo("America/New_York")
    # Clocks go back on 2026-11-01; 23:59 local on each side stays the same calendar day.
    before = datetime(2026, 10, 31, 23, 59, tzinfo=zone)
    after = datetime(2026, 11, 2, 23, 59, tzinfo=zone)
    start = local_today(before, zone)
    assert day_number(start, local_today(after, zone)) == 3
    spring = datetime(2027, 3, 14, 3, 30, tzinfo=zone)  # the hour after the jump
    assert local_today(spring, zone) == date(2027, 3, 14)


def test_leap_day_and_new_year_count_like_any_other_day() -> None:
    assert day_number(date(2028, 2, 28), date(2028, 3, 1)) == 3
    assert day_number(date(2026, 12, 31), date(2027, 1, 1)) == 2


def test_month_arithmetic_clamps_to_the_months_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError):
        local_today(datetime(2026, 11, 28, 12, 0), ZoneInfo("UTC"))
