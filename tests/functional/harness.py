"""Recorded Alexa envelopes through the real skill, with state in a local SQLite store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from no_contact_coach.entrypoints.chat import FixedZoneApiClient
from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.port import PersonKey
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from no_contact_coach.voice.speech import ssml_to_text
from tests.conftest import load_event


@dataclass
class Reply:
    raw: dict[str, Any]

    @property
    def response(self) -> dict[str, Any]:
        response: dict[str, Any] = self.raw["response"]
        return response

    @property
    def speech(self) -> str:
        return ssml_to_text(self.response.get("outputSpeech", {}).get("ssml", ""))

    @property
    def reprompt(self) -> str | None:
        ssml = self.response.get("reprompt", {}).get("outputSpeech", {}).get("ssml")
        return ssml_to_text(ssml) if ssml else None

    @property
    def ends_session(self) -> bool:
        return self.response.get("shouldEndSession") is True

    @property
    def session_attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = self.raw.get("sessionAttributes") or {}
        return attributes

    @property
    def directives(self) -> list[dict[str, Any]]:
        directives: list[dict[str, Any]] = self.response.get("directives") or []
        return directives

    def says(self, *fragments: str) -> bool:
        text = self.speech.lower()
        return all(f.lower() in text for f in fragments)

    def day(self) -> int | None:
        match = re.search(r"\bday (\d+)\b", self.speech)
        return int(match.group(1)) if match else None


@dataclass
class Skill:
    """The skill as Alexa sees it: one handler, one store, one time zone."""

    db: Path
    zone: str | None = "America/Los_Angeles"
    locale: str = "en-US"
    store: SqliteStore = field(init=False)
    session: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.store = SqliteStore(self.db)
        self.handler = build_handler(
            build_skill(self.store, api_client=FixedZoneApiClient(self.zone), skill_id="")
        )

    def send(
        self,
        event: str | dict[str, Any],
        *,
        at: str | datetime | None = None,
        continue_session: bool = False,
        **slots: str,
    ) -> Reply:
        envelope = load_event(event) if isinstance(event, str) else event
        request = envelope["request"]
        request["locale"] = self.locale  # the recorded envelopes say en-US
        if at is not None:
            stamp = at if isinstance(at, str) else at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            request["timestamp"] = stamp
        for name, value in slots.items():
            request["intent"].setdefault("slots", {})[name] = {
                "name": name,
                "value": value,
                "confirmationStatus": "NONE",
            }
        if continue_session and "session" in envelope:
            envelope["session"]["new"] = False
            envelope["session"]["attributes"] = self.session
        reply = Reply(self.handler(envelope, None))
        self.session = reply.session_attributes
        return reply

    def stored(self, event: str = "launch") -> Any:
        system = load_event(event)["context"]["System"]
        person = system.get("person", {}).get("personId")
        return self.store.get(PersonKey.of(system["user"]["userId"], person))


CHAT_CLI = [sys.executable, "-m", "no_contact_coach.entrypoints.cli", "chat"]


def chat(lines: list[str], db: Path, *extra: str) -> list[dict[str, Any]]:
    """`no-contact-coach chat` in JSON mode on the pretend Saturday: one dict a turn."""
    result = subprocess.run(
        [
            *CHAT_CLI,
            "--today",
            "2026-11-28",
            "--tz",
            "America/Los_Angeles",
            "--db",
            str(db),
            *extra,
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return [json.loads(line) for line in result.stdout.splitlines()]
