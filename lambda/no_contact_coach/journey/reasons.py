"""The person's own reasons: what they did not want back, kept in their words.

Step 3 of the guide: write down what you did not like about the relationship
and look at it when the pull comes back. Pure functions, like rules.py: they
take the state (and the local date) and return a new state.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .errors import JourneyError
from .model import JourneyState, Reason

MAX_REASONS = 50
"""Enough to matter, few enough to read back and to keep an item small."""
MAX_REASON_CHARS = 200
"""About 35 words: a sentence, not a letter (and a few seconds of speech)."""
PAGE_SIZE = 3
"""Reasons read per turn: more than three in a row stop being heard."""

_SPACES = re.compile(r"\s+")
# What is trimmed from the ends: spaces and the punctuation a carrier phrase leaves
# ("add a reason: ...", "write this down - ...").
_EDGE = " \t:;,-\u2013\u2014"


class ReasonError(JourneyError):
    """A reason could not be added or removed; each subclass has its own spoken answer."""


class ReasonEmpty(ReasonError):
    """Nothing is left once the text is cleaned."""


class ReasonTooLong(ReasonError):
    """The text is longer than MAX_REASON_CHARS."""


class ReasonListFull(ReasonError):
    """The list already holds MAX_REASONS."""


class ReasonAlreadyListed(ReasonError):
    """The same reason (ignoring case and spacing) is on the list already."""


class NoReasons(ReasonError):
    """There is nothing to remove or read."""


def clean(raw: str | None) -> str:
    """The text as it will be kept: control characters gone, spaces collapsed, ends trimmed.

    Raises ReasonEmpty or ReasonTooLong. SSML escaping is not done here: the
    text is kept as said and escaped wherever it is spoken.
    """
    text = "".join(
        " " if unicodedata.category(ch)[0] in "CZ" else ch
        for ch in unicodedata.normalize("NFC", raw or "")
    )
    text = _SPACES.sub(" ", text).strip(_EDGE)
    if not text:
        raise ReasonEmpty()
    if len(text) > MAX_REASON_CHARS:
        raise ReasonTooLong()
    return text


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def add(state: JourneyState | None, raw: str, today: date) -> JourneyState:
    """The list with `raw` (cleaned) added as the newest reason."""
    state = state or JourneyState()
    text = clean(raw)
    if any(_same(r.text, text) for r in state.reasons):
        raise ReasonAlreadyListed()
    if len(state.reasons) >= MAX_REASONS:
        raise ReasonListFull()
    return state.with_changes(reasons=(*state.reasons, Reason(text, today)))


def newest(state: JourneyState | None) -> Reason | None:
    return state.reasons[-1] if state and state.reasons else None


def remove_last(state: JourneyState | None, expected: str | None = None) -> JourneyState:
    """The list without its newest reason.

    `expected` is the text the person was asked about: if another request
    changed the list in between, the confirmed reason is removed, not a
    different one that has become the newest meanwhile.
    """
    if state is None or not state.reasons:
        raise NoReasons()
    if expected is None:
        kept = state.reasons[:-1]
    else:
        matches = [i for i, r in enumerate(state.reasons) if r.text == expected]
        if not matches:
            return state  # already gone: nothing left to do
        drop = matches[-1]
        kept = state.reasons[:drop] + state.reasons[drop + 1 :]
    return _without_stale_last(state.with_changes(reasons=kept))


def clear(state: JourneyState | None) -> JourneyState:
    """Every reason removed; the rest of the journey stays."""
    state = state or JourneyState()
    return state.with_changes(reasons=(), last_reason=None)


def newest_first(state: JourneyState | None) -> tuple[Reason, ...]:
    return tuple(reversed(state.reasons)) if state else ()


def page(
    state: JourneyState | None, start: int, size: int = PAGE_SIZE
) -> tuple[tuple[Reason, ...], int | None]:
    """Reasons `start` .. `start + size` counted newest first, and where the next page starts."""
    ordered = newest_first(state)
    start = max(0, start)
    items = ordered[start : start + size]
    following = start + size
    return items, (following if following < len(ordered) else None)


def offerable(state: JourneyState | None) -> tuple[Reason, ...]:
    """The reasons an urge may bring back: never the one read last time, when there is another."""
    if state is None or not state.reasons:
        return ()
    fresh = tuple(r for r in state.reasons if r.text != state.last_reason)
    return fresh or state.reasons


def mark_offered(state: JourneyState | None, reason: Reason) -> JourneyState:
    return (state or JourneyState()).with_changes(last_reason=reason.text)


def mark_shared(state: JourneyState | None) -> JourneyState:
    """Someone else on this account has a journey of their own: the device is shared."""
    state = state or JourneyState()
    return state if state.shared_device_seen else state.with_changes(shared_device_seen=True)


def _without_stale_last(state: JourneyState) -> JourneyState:
    if state.last_reason is not None and all(r.text != state.last_reason for r in state.reasons):
        return state.with_changes(last_reason=None)
    return state
