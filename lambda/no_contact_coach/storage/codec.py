"""JourneyState to and from plain data (str, int, list, dict): the one place that knows the layout.

No floats anywhere: DynamoDB rejects them, and nothing in a journey needs one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..journey.model import SCHEMA_VERSION, JourneyState, Streak
from .port import UnreadableState


def to_data(state: JourneyState) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schemaVersion": SCHEMA_VERSION,
        "goalDays": state.goal_days,
        "streaks": [_streak_to_data(s) for s in state.streaks],
        "urgeCount": state.urge_count,
        "urgeDates": [d.isoformat() for d in state.urge_dates],
        "exercisesCompleted": state.exercises_completed,
        "milestonesAnnounced": sorted(state.milestones_announced),
    }
    optional = {
        "timeZone": state.time_zone,
        "pronoun": state.pronoun,
        "lastUrgeId": state.last_urge_id,
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


def from_data(data: Mapping[str, Any]) -> JourneyState:
    """Read any schema version this code knows; raise UnreadableState for anything else."""
    try:
        version = int(data.get("schemaVersion", 0))
        if version > SCHEMA_VERSION or version < 1:
            raise UnreadableState(f"schema version {version} is not one this code reads")
        pronoun = data.get("pronoun")
        if pronoun not in (None, "him", "her", "them"):
            raise UnreadableState("unknown pronoun")
        return JourneyState(
            streaks=tuple(_streak_from_data(s) for s in data.get("streaks", [])),
            goal_days=int(data.get("goalDays", 28)),
            time_zone=data.get("timeZone"),
            pronoun=pronoun,
            urge_count=int(data.get("urgeCount", 0)),
            urge_dates=tuple(date.fromisoformat(d) for d in data.get("urgeDates", [])),
            exercises_completed=int(data.get("exercisesCompleted", 0)),
            milestones_announced=frozenset(str(m) for m in data.get("milestonesAnnounced", [])),
            last_urge_id=data.get("lastUrgeId"),
        )
    except UnreadableState:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        raise UnreadableState(f"stored journey is malformed: {type(e).__name__}") from e


def _streak_to_data(streak: Streak) -> dict[str, str]:
    data = {"start": streak.start.isoformat()}
    if streak.end is not None:
        data["end"] = streak.end.isoformat()
    if streak.ended_by is not None:
        data["endedBy"] = streak.ended_by
    return data


def _streak_from_data(data: Mapping[str, Any]) -> Streak:
    end = data.get("end")
    ended_by = data.get("endedBy")
    if ended_by not in (None, "slip", "restart"):
        raise UnreadableState("unknown end reason")
    return Streak(
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(end) if end else None,
        ended_by=ended_by,
    )
