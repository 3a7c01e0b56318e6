"""Starting, slipping, urges, milestones and progress, as a person lives them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from no_contact_coach.journey import rules
from no_contact_coach.journey.errors import NotStarted
from no_contact_coach.journey.model import JourneyState

NOV_1 = date(2026, 11, 1)


def started(on: date = NOV_1) -> JourneyState:
    return rules.start(None, on, on)


def test_starting_today_makes_today_day_one() -> None:
    state = started()
    assert rules.current_day(state, NOV_1) == 1
    assert rules.progress(state, NOV_1).days_left == 27


def test_starting_on_a_past_day_counts_from_it() -> None:
    state = rules.start(None, date(2026, 11, 22), date(2026, 11, 28))
    assert rules.current_day(state, date(2026, 11, 28)) == 7


def test_a_start_in_the_future_is_refused() -> None:
    with pytest.raises(ValueError):
        rules.start(None, date(2026, 11, 29), date(2026, 11, 28))


def test_starting_over_ends_the_running_count_without_counting_a_slip() -> None:
    state = rules.start(started(), date(2026, 11, 10), date(2026, 11, 10))
    assert rules.current_day(state, date(2026, 11, 10)) == 1
    assert state.slips == 0
    assert state.streaks[0].end == date(2026, 11, 10)
    assert state.streaks[0].ended_by == "restart"


def test_starting_earlier_than_the_running_count_corrects_its_start() -> None:
    state = rules.start(started(date(2026, 11, 5)), NOV_1, date(2026, 11, 5))
    assert len(state.streaks) == 1
    assert rules.current_day(state, date(2026, 11, 5)) == 5


def test_a_slip_restarts_at_day_one_and_keeps_the_history() -> None:
    slip_day = date(2026, 11, 10)  # day 10
    state, outcome = rules.slip(started(), slip_day)
    assert rules.current_day(state, slip_day) == 1
    assert outcome.kept == 9
    assert outcome.longest == 9
    assert outcome.slips == 1
    assert [(s.start, s.end, s.ended_by) for s in state.streaks] == [
        (NOV_1, slip_day, "slip"),
        (slip_day, None, None),
    ]


def test_slip_on_day_one_keeps_the_longest_streak() -> None:
    state, _ = rules.slip(started(), date(2026, 11, 15))  # 14 days kept
    state, outcome = rules.slip(state, date(2026, 11, 15))  # slipped again the same day
    assert outcome.kept == 0
    assert outcome.longest == 14
    assert outcome.slips == 2


def test_the_current_run_counts_towards_the_longest_once_it_is_longer() -> None:
    state, _ = rules.slip(started(), date(2026, 11, 4))  # 3 days kept
    assert rules.longest_streak(state, date(2026, 11, 20)) == 17


def test_a_slip_without_a_running_count_is_an_error_the_voice_layer_explains() -> None:
    with pytest.raises(NotStarted):
        rules.slip(JourneyState(), NOV_1)


def test_urges_are_counted_with_their_dates_and_last_response() -> None:
    state = rules.record_urge(started(), NOV_1, "u01")
    state = rules.record_urge(state, date(2026, 11, 2), "u02")
    assert state.urge_count == 2
    assert state.urge_dates == (NOV_1, date(2026, 11, 2))
    assert state.last_urge_id == "u02"
    assert rules.progress(state, date(2026, 11, 2)).urges == 2


def test_urge_dates_are_bounded_but_the_count_is_not() -> None:
    state = started()
    for n in range(400):
        state = rules.record_urge(state, NOV_1 + timedelta(days=n % 30))
    assert state.urge_count == 400
    assert len(state.urge_dates) == 366


def test_a_goal_of_four_weeks_is_reached_on_day_28() -> None:
    state = started()
    assert not rules.progress(state, NOV_1 + timedelta(days=26)).goal_reached
    on_goal = rules.progress(state, NOV_1 + timedelta(days=27))
    assert on_goal.day == 28 and on_goal.goal_reached and on_goal.days_left == 0
    assert rules.progress(state, NOV_1 + timedelta(days=40)).day == 41


@pytest.mark.parametrize("day", [1, 3, 7, 14, 21, 28])
def test_each_day_milestone_is_due_on_its_day(day: int) -> None:
    milestone = rules.due_milestone(started(), NOV_1 + timedelta(days=day - 1))
    assert milestone is not None and milestone.day == day


def test_a_milestone_is_announced_once() -> None:
    state = started()
    week = NOV_1 + timedelta(days=6)
    milestone = rules.due_milestone(state, week)
    assert milestone is not None
    state = rules.mark_announced(state, milestone)
    assert rules.due_milestone(state, week) is None
    assert rules.due_milestone(state, week + timedelta(days=1)) is None


def test_a_missed_milestone_is_announced_late_and_earlier_ones_are_skipped() -> None:
    state = started()
    milestone = rules.due_milestone(state, NOV_1 + timedelta(days=9))  # day 10
    assert milestone is not None and milestone.key == "d7"
    state = rules.mark_announced(state, milestone)
    assert {"d1", "d3", "d7"} <= state.milestones_announced


def test_after_four_weeks_milestones_come_monthly() -> None:
    state = started(date(2026, 1, 31))
    for milestone_day in (1, 3, 7, 14, 21, 28):
        m = rules.due_milestone(state, date(2026, 1, 31) + timedelta(days=milestone_day - 1))
        assert m is not None
        state = rules.mark_announced(state, m)
    assert rules.due_milestone(state, date(2026, 3, 30)) is None
    two_months = rules.due_milestone(state, date(2026, 3, 31))
    assert two_months is not None and two_months.months == 2


def test_a_slip_resets_the_milestones_of_the_new_run() -> None:
    state = started()
    state = rules.mark_announced(state, rules.Milestone("d7", 7))
    state, _ = rules.slip(state, date(2026, 11, 9))
    milestone = rules.due_milestone(state, date(2026, 11, 9))
    assert milestone is not None and milestone.key == "d1"


def test_pronoun_and_exercises_are_remembered() -> None:
    state = rules.set_pronoun(None, "her")
    state = rules.record_exercise(rules.record_exercise(state))
    assert state.pronoun == "her"
    assert state.exercises_completed == 2
