"""The bench's traffic: who is speaking, when, and what a session of theirs sounds like.

Every simulated person has a journey started nine days before the request (day 10,
no milestone due: days 1, 3 and 7 already announced), so a read-only request really
reads only. One session runs the realistic mix in the order a person would:
launch, what day, today's tip, progress, the exercise, an urge, a slip and its yes.
The slip comes last because a restart makes day 1 due again, and the next read-only
request would then announce it (one write, once; see bench/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from no_contact_coach.entrypoints.envelopes import (
    Caller,
    Session,
    custom_slot,
    envelope,
    intent_request,
    launch_request,
)

ZONE = "America/New_York"
START = date(2026, 3, 2)
# 10 a.m. in New York on day 10 of the journey.
NOW = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)
ANNOUNCED = frozenset({"d1", "d3", "d7"})
# A container serves a few devices at a time; each device's zone is cached after its first
# request, so a timed run asks the Settings API nothing (the cold start asks it once).
DEVICES = 8

# (kind, intent or None for a LaunchRequest, slots)
SESSION: tuple[tuple[str, str | None, dict[str, Any]], ...] = (
    ("launch", None, {}),
    ("what_day", "WhatDayIntent", {}),
    ("tip", "TodaysTipIntent", {}),
    ("progress", "ProgressIntent", {}),
    ("exercise", "DetoxExerciseIntent", {}),
    ("urge", "UrgeIntent", {"ex": custom_slot("ex", "him", "him", "him", "EX_REFERENCE")}),
    ("slip", "SlipIntent", {}),
    ("slip_yes", "AMAZON.YesIntent", {}),
)
READ_ONLY = ("launch", "what_day", "tip", "progress", "exercise", "slip")
STATE_CHANGING = ("urge", "slip_yes")


def user_id(side: str, person: int) -> str:
    return f"amzn1.ask.account.BENCH-{side}-{person:06d}"


def caller(side: str, person: int, api_endpoint: str) -> Caller:
    return Caller(
        user_id=user_id(side, person),
        device_id=f"amzn1.ask.device.BENCH-{person % DEVICES}",
        api_endpoint=api_endpoint,
    )


def first_launch(side: str, person: int, api_endpoint: str) -> dict[str, Any]:
    """A LaunchRequest opening a new session: what the cold start answers."""
    return envelope(launch_request(NOW), caller(side, person, api_endpoint), Session())


Build = Callable[[dict[str, Any]], dict[str, Any]]


def session_turns(side: str, person: int, api_endpoint: str) -> list[tuple[str, Build]]:
    """One session's requests, each built from the session attributes the last answer left."""
    who = caller(side, person, api_endpoint)
    session_id = Session().session_id
    turns: list[tuple[str, Build]] = []
    for number, (kind, intent, slots) in enumerate(SESSION):
        request = (
            launch_request(NOW) if intent is None else intent_request(intent, NOW, slots=slots)
        )

        def build(
            attributes: dict[str, Any], request: dict[str, Any] = request, new: bool = number == 0
        ) -> dict[str, Any]:
            session = Session(session_id=session_id, new=new, attributes=attributes)
            return envelope(request, who, session)

        turns.append((kind, build))
    return turns


def attributes_after(response: dict[str, Any]) -> dict[str, Any]:
    """The session attributes Alexa would send back with the next request."""
    attributes = response.get("sessionAttributes")
    return dict(attributes) if isinstance(attributes, dict) else {}
