"""Requests as Alexa sends them, for the reliability and privacy tests (no recorded files needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from no_contact_coach.content.catalog import load_catalog
from no_contact_coach.entrypoints.chat import FixedZoneApiClient
from no_contact_coach.entrypoints.envelopes import (
    Caller,
    Session,
    custom_slot,
    envelope,
    intent_request,
    launch_request,
)
from no_contact_coach.entrypoints.lambda_entry import Handler, build_handler
from no_contact_coach.storage.port import StateStore
from no_contact_coach.voice.skill import build_skill
from no_contact_coach.voice.speech import ssml_to_text

NOON = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)  # noon in New York


def skill_handler(store: StateStore, skill_id: str = "") -> Handler:
    """The Lambda adapter around the real skill; the Settings API answers New York."""
    return build_handler(
        build_skill(store, api_client=FixedZoneApiClient("America/New_York"), skill_id=skill_id)
    )


@dataclass
class Said:
    raw: dict[str, Any]

    @property
    def speech(self) -> str:
        ssml = (self.raw["response"].get("outputSpeech") or {}).get("ssml", "")
        return ssml_to_text(ssml)

    @property
    def ends_session(self) -> bool:
        return self.raw["response"].get("shouldEndSession") is True

    @property
    def has_reprompt(self) -> bool:
        return bool(self.raw["response"].get("reprompt"))

    @property
    def attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = self.raw.get("sessionAttributes") or {}
        return attributes

    def is_line(self, key: str) -> bool:
        """Whether what was said is (or contains) one of the message's variants."""
        return any(ssml_to_text(v) in self.speech for v in load_catalog().message(key).say)


@dataclass
class Person:
    """One person talking to the skill through one handler."""

    handler: Handler
    caller: Caller
    at: datetime = NOON

    def launch(self) -> Said:
        return Said(self.handler(envelope(launch_request(self.at), self.caller, Session()), None))

    def one_shot(self, intent: str, **slots: Any) -> Said:
        request = intent_request(intent, self.at, slots=slots or None)
        return Said(self.handler(envelope(request, self.caller, Session()), None))

    def in_session(self, intent: str, attributes: dict[str, Any], **slots: Any) -> Said:
        request = intent_request(intent, self.at, slots=slots or None)
        session = Session(new=False, attributes=dict(attributes))
        return Said(self.handler(envelope(request, self.caller, session), None))

    def urge(self) -> Said:
        return self.one_shot(
            "UrgeIntent", ex=custom_slot("ex", "him", "him", type_name="EX_REFERENCE")
        )

    def slip_and_yes(self) -> tuple[Said, Said]:
        question = self.one_shot("SlipIntent")
        return question, self.in_session("AMAZON.YesIntent", question.attributes)

    def start_today(self) -> Said:
        return self.one_shot("StartNoContactIntent")
