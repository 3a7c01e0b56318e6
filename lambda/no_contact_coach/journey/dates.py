"""Reading Alexa's AMAZON.DATE values as the past day a person means.

Alexa resolves spoken dates forward: "Sunday" is the coming Sunday, "November
2nd" its next occurrence, "last week" a week string such as "2026-W47". A
person who says "I last texted him on Sunday" means a day behind them, so the
journey takes the most recent reading that is not after today, and the voice
layer reads it back for confirmation.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import DateInFuture, DateTooOld, DateUnclear

MAX_DAYS_BACK = 365

_FULL = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The person's calendar day at the aware instant `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(zone).date()


def day_number(start: date, today: date) -> int:
    """Day 1 is the day contact stopped."""
    return (today - start).days + 1


def minus_years(day: date, years: int) -> date:
    """The same month and day `years` earlier; February 29 becomes February 28."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (January 31 + 1 = February 28/29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _iso_week_monday(year: int, week: int) -> date:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as e:
        raise DateUnclear(f"no ISO week {year}-W{week}") from e


def past_reading(value: str | None, today: date) -> date:
    """The most recent day not after `today` that the AMAZON.DATE `value` can mean.

    Raises DateUnclear when the value names no single day, DateInFuture when
    every reading is still ahead, DateTooOld when it lies more than a year back.
    """
    if not value:
        raise DateUnclear("no date given")
    value = value.strip().upper()
    if value == "PRESENT_REF":
        return today
    day = _read(value, today)
    if day > today:
        raise DateInFuture(value)
    if (today - day).days > MAX_DAYS_BACK:
        raise DateTooOld(value)
    return day


def _read(value: str, today: date) -> date:
    if match := _FULL.match(value):
        year_text, month, day_of_month = match.groups()
        if year_text == "XXXX":
            return _most_recent_month_day(int(month), int(day_of_month), today)
        try:
            resolved = date(int(year_text), int(month), int(day_of_month))
        except ValueError as e:
            raise DateUnclear(value) from e
        return _most_recent_reading(resolved, today)
    if match := _WEEK.match(value):
        monday = _iso_week_monday(int(match.group(1)), int(match.group(2)))
        return monday + timedelta(days=5) if match.group(3) else monday
    if match := _MONTH.match(value):
        try:
            first = date(int(match.group(1)), int(match.group(2)), 1)
        except ValueError as e:
            raise DateUnclear(value) from e
        return first if first <= today else minus_years(first, 1)
    raise DateUnclear(value)


def _most_recent_reading(resolved: date, today: date) -> date:
    """Alexa may have moved a past weekday or month-day forward; undo that."""
    if resolved <= today:
        return resolved
    candidates = [minus_years(resolved, 1)]
    if (resolved - today).days <= 7:
        candidates.append(resolved - timedelta(days=7))
    past = [c for c in candidates if c <= today]
    return max(past) if past else resolved


def _most_recent_month_day(month: int, day_of_month: int, today: date) -> date:
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            candidate = date(year, month, day_of_month)
        except ValueError:
            continue  # February 29 outside a leap year
        if candidate <= today:
            return candidate
    raise DateUnclear(f"XXXX-{month:02d}-{day_of_month:02d}")
