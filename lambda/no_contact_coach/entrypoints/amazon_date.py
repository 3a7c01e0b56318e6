"""Spoken date phrases turned into AMAZON.DATE slot values, the way Alexa fills them.

Only the local chat needs this: on a real device Alexa's NLU does it. The rules
follow the AMAZON.DATE reference:

- a phrase naming one day ("today", "sunday", "november second") becomes
  ``YYYY-MM-DD`` and defaults to a date *on or after* today, so a weekday
  name that is today's weekday means today, and "november 2nd" said on
  November 28th means next year's;
- a phrase that is itself in the past ("yesterday", "last sunday",
  "three days ago") keeps its past date;
- a week becomes an ISO week ``2026-W47``, a weekend ``2026-W47-WE``, a month
  ``2026-11``, a year ``2026``; "now" becomes ``PRESENT_REF``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .number_words import SMALL

PRESENT_REF = "PRESENT_REF"

# Longest phrase the parser understands: "the twenty second of november 2027".
MAX_DATE_TOKENS = 6

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_UNITS = list(SMALL[1:10])
_UNIT_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_TEENS = list(SMALL[10:20])
_TEEN_ORDINALS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]


def _day_words() -> dict[str, int]:
    """Spoken days of the month, cardinal and ordinal: "two", "second", "twenty first"."""
    words: dict[str, int] = {}
    for value, (unit, ordinal) in enumerate(zip(_UNITS, _UNIT_ORDINALS, strict=True), start=1):
        words[unit] = words[ordinal] = value
        words[f"twenty {unit}"] = words[f"twenty {ordinal}"] = 20 + value
    for value, (teen, ordinal) in enumerate(zip(_TEENS, _TEEN_ORDINALS, strict=True), start=10):
        words[teen] = words[ordinal] = value
    words["twenty"] = words["twentieth"] = 20
    words["thirty"] = words["thirtieth"] = 30
    words["thirty one"] = words["thirty first"] = 31
    return words


DAY_WORDS = _day_words()

# Cardinal counts for "three days ago", "twenty one days ago".
_COUNT_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    **{word: n for word, n in DAY_WORDS.items() if not word.endswith(("st", "nd", "rd", "th"))},
}

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_WEEK = re.compile(r"(\d{4})-w(\d{2})(-we)?")
_NUMERIC_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")

_RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this evening": 0,
    "this afternoon": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "last night": -1,
    "day before yesterday": -2,
    "the day before yesterday": -2,
}
_SHIFT = {"last": -1, "this": 0, "next": 1}

# Every word a date phrase can start with: lets callers skip spans cheaply.
DATE_FIRST_WORDS: frozenset[str] = frozenset(
    {phrase.split()[0] for phrase in _RELATIVE_DAYS}
    | set(WEEKDAYS)
    | set(MONTHS)
    | {word.split()[0] for word in DAY_WORDS}
    | {word.split()[0] for word in _COUNT_WORDS}
    | {"now", "right", "last", "this", "next", "the", "weekend", "past"}
)

# Words that only ever appear inside dates, for typo correction by the resolver.
DATE_VOCABULARY: frozenset[str] = frozenset(
    {word for phrase in _RELATIVE_DAYS for word in phrase.split()}
    | set(WEEKDAYS)
    | set(MONTHS)
    | {word for phrase in DAY_WORDS for word in phrase.split()}
    | {"week", "weekend", "month", "year", "days", "weeks", "ago", "of", "past", "now"}
)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_amazon_date(tokens: Sequence[str], today: dt.date) -> str | None:
    """The AMAZON.DATE value for a whole phrase, or None when it is not a date."""
    if not tokens or len(tokens) > MAX_DATE_TOKENS:
        return None
    phrase = " ".join(tokens)
    return (
        _literal_iso(phrase)
        or _relative(phrase, today)
        or _weekday(tokens, today)
        or _days_ago(tokens, today)
        or _period(tokens, today)
        or _calendar_day(tokens, today)
    )


def _literal_iso(phrase: str) -> str | None:
    if _ISO_DAY.fullmatch(phrase):
        try:
            return dt.date.fromisoformat(phrase).isoformat()
        except ValueError:
            return None
    week = _ISO_WEEK.fullmatch(phrase)
    if week and 1 <= int(week.group(2)) <= 53:
        return f"{week.group(1)}-W{week.group(2)}" + ("-WE" if week.group(3) else "")
    return None


def _relative(phrase: str, today: dt.date) -> str | None:
    if phrase in ("now", "right now"):
        return PRESENT_REF
    if phrase in _RELATIVE_DAYS:
        return (today + dt.timedelta(days=_RELATIVE_DAYS[phrase])).isoformat()
    return None


def _weekday(tokens: Sequence[str], today: dt.date) -> str | None:
    *qualifier, name = tokens
    if name not in WEEKDAYS:
        return None
    ahead = (WEEKDAYS[name] - today.weekday()) % 7
    match qualifier:
        case [] | ["this"] | ["coming"] | ["this", "coming"]:
            # On or after today: today's own weekday name means today.
            return (today + dt.timedelta(days=ahead)).isoformat()
        case ["next"]:
            return (today + dt.timedelta(days=ahead or 7)).isoformat()
        case ["last"] | ["this", "past"] | ["past"]:
            behind = (today.weekday() - WEEKDAYS[name]) % 7 or 7
            return (today - dt.timedelta(days=behind)).isoformat()
    return None


def _days_ago(tokens: Sequence[str], today: dt.date) -> str | None:
    if len(tokens) < 3 or tokens[-1] != "ago":
        return None
    count_words, unit = " ".join(tokens[:-2]), tokens[-2]
    count = _COUNT_WORDS.get(count_words)
    if count is None:
        return None
    if unit in ("day", "days"):
        return (today - dt.timedelta(days=count)).isoformat()
    if unit in ("week", "weeks"):
        return (today - dt.timedelta(weeks=count)).isoformat()
    return None


def _period(tokens: Sequence[str], today: dt.date) -> str | None:
    """Weeks, weekends, months and years: "last week", "this weekend", "next month"."""
    if tokens in (["weekend"], ["the", "weekend"]):
        return iso_week(today) + "-WE"
    if len(tokens) != 2 or tokens[0] not in _SHIFT:
        return None
    shift = _SHIFT[tokens[0]]
    match tokens[1]:
        case "week":
            return iso_week(today + dt.timedelta(weeks=shift))
        case "weekend":
            return iso_week(today + dt.timedelta(weeks=shift)) + "-WE"
        case "month":
            months = today.year * 12 + today.month - 1 + shift
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        case "year":
            return f"{today.year + shift:04d}"
    return None


def _calendar_day(tokens: Sequence[str], today: dt.date) -> str | None:
    """ "november 2nd", "november the second", "the 2nd of november", "2 nov 2027", "november"."""
    rest = list(tokens)
    if rest and rest[0] == "the":
        rest = rest[1:]
    if rest and rest[0] in MONTHS:
        month = MONTHS[rest[0]]
        rest = rest[1:]
        if not rest:
            year = today.year if month >= today.month else today.year + 1
            return f"{year:04d}-{month:02d}"
        if rest[0] == "the":
            rest = rest[1:]
        day, rest = _take_day(rest)
    else:
        day, rest = _take_day(rest)
        if rest and rest[0] == "of":
            rest = rest[1:]
        if not rest or rest[0] not in MONTHS:
            return None
        month = MONTHS[rest[0]]
        rest = rest[1:]
    if day is None:
        return None
    if not rest:
        return _next_occurrence(month, day, today)
    if len(rest) == 1 and _YEAR.fullmatch(rest[0]):
        try:
            return dt.date(int(rest[0]), month, day).isoformat()
        except ValueError:
            return None
    return None


def _take_day(tokens: list[str]) -> tuple[int | None, list[str]]:
    if not tokens:
        return None, tokens
    numeric = _NUMERIC_DAY.fullmatch(tokens[0])
    if numeric:
        return int(numeric.group(1)), tokens[1:]
    if len(tokens) >= 2 and f"{tokens[0]} {tokens[1]}" in DAY_WORDS:
        return DAY_WORDS[f"{tokens[0]} {tokens[1]}"], tokens[2:]
    if tokens[0] in DAY_WORDS:
        return DAY_WORDS[tokens[0]], tokens[1:]
    return None, tokens


def _next_occurrence(month: int, day: int, today: dt.date) -> str | None:
    # Eight years always reach a February 29th; an impossible day never matches.
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate.isoformat()
    return None
