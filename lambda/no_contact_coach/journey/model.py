"""The journey's state: one typed value per person, free of any storage detail."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

SCHEMA_VERSION = 2
"""The stored layout's version; storage/codec.py lists what changed and migrates older items."""
GOAL_DAYS = 28
URGE_DATES_KEPT = 366
"""Urge dates older than this many entries are dropped; the count keeps them all."""

Pronoun = Literal["him", "her", "them"]
EndReason = Literal["slip", "restart"]


@dataclass(frozen=True)
class Streak:
    """A run of days without contact. `end` is the day the run stopped (not counted)."""

    start: date
    end: date | None = None
    ended_by: EndReason | None = None

    @property
    def is_current(self) -> bool:
        return self.end is None

    def length_on(self, today: date) -> int:
        """Days this run counts: finished runs count whole days, a current one counts today."""
        if self.end is not None:
            return max(0, (self.end - self.start).days)
        return max(0, (today - self.start).days + 1)


@dataclass(frozen=True)
class Reason:
    """Something the person did not want back from the relationship, in their own words."""

    text: str
    added: date


@dataclass(frozen=True)
class JourneyState:
    """Everything the skill remembers about one person."""

    streaks: tuple[Streak, ...] = ()
    goal_days: int = GOAL_DAYS
    time_zone: str | None = None
    pronoun: Pronoun | None = None
    urge_count: int = 0
    urge_dates: tuple[date, ...] = ()
    exercises_completed: int = 0
    milestones_announced: frozenset[str] = field(default_factory=frozenset)
    last_urge_id: str | None = None
    reasons: tuple[Reason, ...] = ()
    """Oldest first; journey.reasons keeps the limits."""
    last_reason: str | None = None
    """The text of the reason last read back at an urge, so the next one differs."""
    shared_device_seen: bool = False
    """Several people use this account: ask before reading anything personal aloud."""
    reminder_token: str | None = None
    """The alertToken of the daily reminder set through the Reminders API, if one is set."""
    schema_version: int = SCHEMA_VERSION

    @property
    def current(self) -> Streak | None:
        if self.streaks and self.streaks[-1].is_current:
            return self.streaks[-1]
        return None

    @property
    def has_started(self) -> bool:
        return self.current is not None

    @property
    def slips(self) -> int:
        return sum(1 for s in self.streaks if s.ended_by == "slip")

    def with_changes(self, **changes: object) -> JourneyState:
        return replace(self, **changes)  # type: ignore[arg-type]
