"""AMAZON.TIME for the local chat: spoken times filled the way Alexa fills them.

"eight" -> "08:00", "eight thirty p m" -> "20:30", "half past seven" -> "07:30",
"noon" -> "12:00", "in the morning" -> "MO" (Alexa's vague times: MO, AF, EV, NI).
Tokens arrive normalised by the resolver (lowercase, digits spelled out).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .number_words import VALUES

_HOURS: Final = {word: n for word, n in VALUES.items() if n <= 12}
_UNITS: Final = {word: n for word, n in VALUES.items() if 1 <= n <= 9}
_TEENS: Final = {word: n for word, n in VALUES.items() if 10 <= n <= 19}
_TENS: Final = {word: n for word, n in VALUES.items() if n in (20, 30, 40, 50)}
_VAGUE: Final = {
    ("morning",): "MO",
    ("in", "the", "morning"): "MO",
    ("afternoon",): "AF",
    ("in", "the", "afternoon"): "AF",
    ("evening",): "EV",
    ("in", "the", "evening"): "EV",
    ("night",): "NI",
    ("at", "night"): "NI",
    ("tonight",): "NI",
}
_FIXED: Final = {("noon",): "12:00", ("midday",): "12:00", ("midnight",): "00:00"}
_MORNING: Final = (("am",), ("a", "m"), ("in", "the", "morning"))
_LATER: Final = (("pm",), ("p", "m"), ("in", "the", "afternoon"), ("in", "the", "evening"))
MAX_TIME_TOKENS: Final = 7
TIME_FIRST_WORDS: Final = frozenset(
    {*_HOURS, "half", "quarter", "noon", "midday", "midnight", "in", "at", "tonight"}
    | {words[0] for words in _VAGUE}
)
TIME_VOCABULARY: Final = frozenset(
    {*_HOURS, *_TEENS, *_TENS, "half", "quarter", "past", "to", "oh", "oclock", "a", "p", "m"}
    | {"am", "pm", "noon", "midday", "midnight"}
    | {word for words in _VAGUE for word in words}
)


def parse_amazon_time(tokens: Sequence[str]) -> str | None:
    """The slot value Alexa would send for exactly these tokens, or None."""
    words = tuple(tokens)
    if words in _VAGUE:
        return _VAGUE[words]
    if words in _FIXED:
        return _FIXED[words]
    for suffix, later in [*((s, False) for s in _MORNING), *((s, True) for s in _LATER)]:
        if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
            clock = _clock(words[: -len(suffix)])
            if clock is None or not 1 <= clock[0] <= 12:
                return None
            hour = clock[0] % 12 + (12 if later else 0)
            return f"{hour:02d}:{clock[1]:02d}"
    clock = _clock(words)
    return f"{clock[0]:02d}:{clock[1]:02d}" if clock else None


def _clock(words: tuple[str, ...]) -> tuple[int, int] | None:
    """(hour, minute) for "eight", "eight oclock", "eight thirty", "half past eight"..."""
    if words[-1:] == ("oclock",):
        words = words[:-1]
    if len(words) >= 3 and words[1] in ("past", "to") and words[2] in _HOURS:
        minutes = {"half": 30, "quarter": 15}.get(words[0])
        if minutes is None or len(words) != 3 or (words[0] == "half" and words[1] == "to"):
            return None
        hour = _HOURS[words[2]]
        if words[1] == "to":
            return (hour - 1) % 24, 60 - minutes
        return hour, minutes
    if not words or words[0] not in _HOURS:
        return None
    hour = _HOURS[words[0]]
    minute = _minutes(words[1:])
    return (hour, minute) if minute is not None else None


def _minutes(words: tuple[str, ...]) -> int | None:
    if not words:
        return 0
    if words[0] == "oh" and len(words) == 2 and words[1] in _UNITS:
        return _UNITS[words[1]]
    if len(words) == 1:
        return _TEENS.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None
