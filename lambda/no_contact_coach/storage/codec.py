"""JourneyState to and from plain data (str, int, list, dict): the one place that knows the layout.

No floats anywhere: DynamoDB rejects them, and nothing in a journey needs one.

Schema versions. Every item carries `schemaVersion`. Reading steps an older
item up one version at a time through MIGRATIONS (plain data in, plain data
out), so an item written by any earlier release loads; the next write stores
it in the current layout. An item from a NEWER version is refused
(UnreadableState) and kept as it is: this code would drop the fields it does
not know on its next write. That is why the version goes up whenever a field
is added, even an optional one: after a rollback, older code then apologises
instead of silently erasing what the newer code saved.

  1  the first release (tests/fixtures/journey_v1.*.json are items it wrote)
  2  adds `reasons`, the person's own list of reasons (an empty list for a v1 item),
     `lastReason` (the one last read back) and `sharedDeviceSeen` (absent: false)
     and `reminderToken` (the daily reminder's alertToken; absent: no reminder)

To add version N+1: raise SCHEMA_VERSION in journey/model.py, add MIGRATIONS[N]
turning a version-N item into an N+1 item, and record a version-N item as a
fixture before changing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from ..journey.model import SCHEMA_VERSION, JourneyState, Reason, Streak
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
        "reasons": [{"text": r.text, "added": r.added.isoformat()} for r in state.reasons],
    }
    optional = {
        "timeZone": state.time_zone,
        "pronoun": state.pronoun,
        "lastUrgeId": state.last_urge_id,
        "lastReason": state.last_reason,
        "sharedDeviceSeen": True if state.shared_device_seen else None,
        "reminderToken": state.reminder_token,
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "schemaVersion": 2, "reasons": list(data.get("reasons") or [])}


MIGRATIONS: Mapping[int, Migration] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n item into a version n + 1 item."""


def stored_version(data: Mapping[str, Any]) -> int:
    """The item's schema version; UnreadableState unless it is a whole number."""
    version = data.get("schemaVersion")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UnreadableState("the item has no schema version")
    return version


def migrate(
    data: Mapping[str, Any],
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Step an item up to `current`, one version at a time; refuse versions it cannot reach."""
    version = stored_version(data)
    if version > current or version < 1:
        raise UnreadableState(f"schema version {version} is not one this code reads")
    upgraded = dict(data)
    while version < current:
        step = migrations.get(version)
        if step is None:
            raise UnreadableState(f"no migration from schema version {version}")
        upgraded = step(upgraded)
        version = stored_version(upgraded)
    return upgraded


def from_data(data: Mapping[str, Any]) -> JourneyState:
    """Read any schema version this code knows; raise UnreadableState for anything else."""
    try:
        data = migrate(data)
        pronoun = data.get("pronoun")
        if pronoun not in (None, "him", "her", "them"):
            raise UnreadableState("unknown pronoun")
        if not all(
            isinstance(data.get(k), str | None)
            for k in ("timeZone", "lastUrgeId", "lastReason", "reminderToken")
        ):
            raise UnreadableState("a text field holds something else")
        shared = data.get("sharedDeviceSeen", False)
        if not isinstance(shared, bool):
            raise UnreadableState("sharedDeviceSeen is not true or false")
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
            reasons=tuple(_reason_from_data(r) for r in data.get("reasons") or []),
            last_reason=data.get("lastReason"),
            shared_device_seen=shared,
            reminder_token=data.get("reminderToken"),
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


def _reason_from_data(data: Mapping[str, Any]) -> Reason:
    text = data["text"]
    if not isinstance(text, str):
        raise UnreadableState("a reason's text is not text")
    return Reason(text=text, added=date.fromisoformat(data["added"]))


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
