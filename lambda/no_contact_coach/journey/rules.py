"""What happens to a journey: starting, slipping, urges, milestones, progress.

Every function is pure: it takes the state and the person's local date and
returns a new state (and what the person should hear about it).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .dates import add_months, day_number
from .errors import NotStarted
from .model import URGE_DATES_KEPT, JourneyState, Pronoun, Streak

DAY_MILESTONES = (1, 3, 7, 14, 21, 28)


class Progress(NamedTuple):
    day: int
    goal_days: int
    longest: int
    slips: int
    urges: int
    exercises: int

    @property
    def days_left(self) -> int:
        return max(0, self.goal_days - self.day)

    @property
    def goal_reached(self) -> bool:
        return self.day >= self.goal_days


class SlipOutcome(NamedTuple):
    kept: int
    """Whole days the run that just ended counted."""
    longest: int
    slips: int


class Milestone(NamedTuple):
    key: str
    day: int
    months: int | None = None


def current_day(state: JourneyState, today: date) -> int:
    streak = _require_current(state)
    return max(1, day_number(streak.start, today))


def start(state: JourneyState | None, start_date: date, today: date) -> JourneyState:
    """Begin counting from `start_date` (today or a past day); a running count ends first.

    A new start on or before the running one's start is a correction of that
    start, not a new run.
    """
    state = state or JourneyState()
    if start_date > today:
        raise ValueError("start date after today")
    streaks = list(state.streaks)
    current = state.current
    if current is not None:
        if start_date <= current.start:
            streaks.pop()
        else:
            streaks[-1] = Streak(current.start, end=start_date, ended_by="restart")
    streaks.append(Streak(start_date))
    return state.with_changes(streaks=tuple(streaks), milestones_announced=frozenset())


def slip(state: JourneyState, today: date) -> tuple[JourneyState, SlipOutcome]:
    """Contact happened today: the running count ends and day 1 starts again today."""
    current = _require_current(state)
    ended = Streak(current.start, end=max(today, current.start), ended_by="slip")
    new_state = state.with_changes(
        streaks=(*state.streaks[:-1], ended, Streak(today)),
        milestones_announced=frozenset(),
    )
    outcome = SlipOutcome(
        kept=ended.length_on(today),
        longest=longest_streak(new_state, today),
        slips=new_state.slips,
    )
    return new_state, outcome


def record_urge(state: JourneyState, today: date, urge_id: str | None = None) -> JourneyState:
    """An urge the person talked through instead of acting on."""
    dates = (*state.urge_dates, today)[-URGE_DATES_KEPT:]
    return state.with_changes(
        urge_count=state.urge_count + 1,
        urge_dates=dates,
        last_urge_id=urge_id if urge_id is not None else state.last_urge_id,
    )


def record_exercise(state: JourneyState) -> JourneyState:
    return state.with_changes(exercises_completed=state.exercises_completed + 1)


def set_pronoun(state: JourneyState | None, pronoun: Pronoun) -> JourneyState:
    return (state or JourneyState()).with_changes(pronoun=pronoun)


def set_time_zone(state: JourneyState, zone_name: str) -> JourneyState:
    return state if state.time_zone == zone_name else state.with_changes(time_zone=zone_name)


def longest_streak(state: JourneyState, today: date) -> int:
    return max((s.length_on(today) for s in state.streaks), default=0)


def progress(state: JourneyState, today: date) -> Progress:
    return Progress(
        day=current_day(state, today),
        goal_days=state.goal_days,
        longest=longest_streak(state, today),
        slips=state.slips,
        urges=state.urge_count,
        exercises=state.exercises_completed,
    )


def due_milestone(state: JourneyState, today: date) -> Milestone | None:
    """The latest milestone reached and not yet announced in this run, if any."""
    current = state.current
    if current is None:
        return None
    day = day_number(current.start, today)
    reached = [Milestone(f"d{d}", d) for d in DAY_MILESTONES if d <= day]
    months = 2
    while (month_day := add_months(current.start, months)) <= today:
        reached.append(Milestone(f"m{months}", day_number(current.start, month_day), months))
        months += 1
    if not reached or reached[-1].key in state.milestones_announced:
        return None
    return reached[-1]


def mark_announced(state: JourneyState, milestone: Milestone) -> JourneyState:
    """Record `milestone` and every earlier one, so none is announced late."""
    earlier = {f"d{d}" for d in DAY_MILESTONES if d <= milestone.day}
    if milestone.months:
        earlier |= {f"m{m}" for m in range(2, milestone.months + 1)}
    return state.with_changes(milestones_announced=state.milestones_announced | earlier)


def _require_current(state: JourneyState | None) -> Streak:
    current = state.current if state is not None else None
    if current is None:
        raise NotStarted()
    return current
