"""`no-contact-coach chat`: talk to the skill in a terminal, as Alexa would carry it.

Each typed line is resolved against the interaction model's own samples,
wrapped in a real request envelope and passed to the same `lambda_handler`
code path (the Lambda adapter around the same CustomSkill). Only the Settings
API's transport is local: it answers with the `--tz` zone.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

from ..voice.speech import ssml_to_text
from .envelopes import (
    Caller,
    Session,
    custom_slot,
    envelope,
    intent_request,
    launch_request,
    simple_slot,
)
from .lambda_entry import Handler
from .resolver import Resolution, Resolver

MODEL_DIR = (
    Path(__file__).resolve().parents[3] / "interaction_model" / "interactionModels" / "custom"
)
LAUNCH_WORDS = {"", "open", "launch", "start", "begin"}


class FixedZoneApiClient(ApiClient):
    """Answers the Settings API time-zone call with one zone and keeps reminders in memory.

    Anything else is a 404.
    """

    def __init__(self, zone: str | None) -> None:
        self.zone = zone
        self.reminders: dict[str, str] = {}  # alertToken -> the request body
        self.notes: list[str] = []  # what a real Echo would do, shown by the chat

    def take_notes(self) -> list[str]:
        notes, self.notes = self.notes, []
        return notes

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        reminder = self._reminders(request)
        if reminder is not None:
            return reminder
        if request.method == "POST" and request.url.endswith("/v1/alerts/timers"):
            return self._create_timer(request)
        if (
            self.zone
            and request.method == "GET"
            and request.url.endswith("/settings/System.timeZone")
        ):
            return ApiClientResponse(
                headers=[("Content-Type", "application/json")],
                status_code=200,
                body=json.dumps(self.zone),
            )
        return ApiClientResponse(
            headers=[], status_code=404, body=json.dumps({"message": "not available locally"})
        )

    def _create_timer(self, request: ApiClientRequest) -> ApiClientResponse:
        """The Timers API, locally: the timer is "created" and described in a note."""
        # The service client hands over the serialised model (a dict); a string is JSON.
        raw = request.body
        body: dict[str, Any] = raw if isinstance(raw, dict) else json.loads(raw or "{}")
        operation = body.get("triggeringBehavior", {}).get("operation", {})
        announce = " ".join(t.get("text", "") for t in operation.get("textToAnnounce", []))
        self.notes.append(
            f"timer set: {body.get('duration')} labelled {body.get('timerLabel')!r}; "
            f"when it ends Alexa says {announce!r}"
        )
        timer = {"id": f"local-timer-{len(self.notes)}", "status": "ON", **body}
        return ApiClientResponse(
            headers=[("Content-Type", "application/json")],
            status_code=200,
            body=json.dumps(timer),
        )

    def _reminders(self, request: ApiClientRequest) -> ApiClientResponse | None:
        """The Reminders API, locally: create, update and delete by alertToken."""
        path = request.url.split("/v1/alerts/reminders", 1)
        if len(path) != 2:
            return None
        token = path[1].strip("/")
        if request.method == "POST" and not token:
            token = f"local-reminder-{len(self.reminders) + 1}"
            self.reminders[token] = str(request.body)
            return ApiClientResponse(
                headers=[("Content-Type", "application/json")],
                status_code=201,
                body=json.dumps({"alertToken": token, "status": "ON"}),
            )
        if token in self.reminders and request.method in ("PUT", "DELETE"):
            if request.method == "DELETE":
                del self.reminders[token]
            else:
                self.reminders[token] = str(request.body)
            body = {} if request.method == "DELETE" else {"alertToken": token, "status": "ON"}
            return ApiClientResponse(headers=[], status_code=200, body=json.dumps(body))
        return ApiClientResponse(
            headers=[], status_code=404, body=json.dumps({"code": "NOT_FOUND"})
        )


@dataclass
class Turn:
    utterance: str
    intent: str | None
    slots: dict[str, Any]
    speech: str
    reprompt: str | None
    end_session: bool
    timeline: list[tuple[float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "utterance": self.utterance,
            "intent": self.intent,
            "slots": self.slots,
            "speech": self.speech,
            "reprompt": self.reprompt,
            "end_session": self.end_session,
        }
        if self.notes:  # only when a service call happened (a timer was set)
            data["notes"] = self.notes
        return data


class Conversation:
    """A person talking to the skill: sessions open and close as they would on an Echo."""

    def __init__(
        self,
        handler: Handler,
        resolver: Resolver,
        *,
        caller: Caller,
        zone: ZoneInfo,
        locale: str = "en-US",
        today: date | None = None,
        notes: Callable[[], list[str]] | None = None,
    ) -> None:
        self.handler = handler
        self.notes = notes
        self.resolver = resolver
        self.caller = caller
        self.zone = zone
        self.locale = locale
        self.today = today
        self.session: Session | None = None
        if today is not None:
            resolver.today = today

    def move_to(self, today: date) -> None:
        self.today = today
        self.resolver.today = today
        self.session = None

    def now(self) -> datetime:
        """The pretend instant: the pretend date at the current local time of day."""
        real = datetime.now(self.zone)
        if self.today is None:
            return real
        local = datetime.combine(self.today, time(real.hour, real.minute, real.second), self.zone)
        return local.astimezone(UTC)

    def say(self, utterance: str) -> Turn:
        instant = self.now()
        if self.today is None:
            self.resolver.today = instant.astimezone(self.zone).date()
        words = utterance.strip().lower().rstrip(".!?")
        opening = self.session is None
        if opening and _is_launch(words):
            request = launch_request(instant, self.locale)
            resolution = None
        else:
            resolution = self.resolver.resolve(utterance)
            request = intent_request(resolution.intent, instant, self.locale, _slots(resolution))
        if self.session is None:
            self.session = Session()
        result = self.handler(envelope(request, self.caller, self.session), None)
        return self._after(utterance, resolution, result)

    def _after(self, utterance: str, resolution: Resolution | None, result: dict[str, Any]) -> Turn:
        response = result.get("response", {})
        self.session = self.session.carry(result) if self.session else None
        closed = self.session is None
        speech = ssml_to_text(response.get("outputSpeech", {}).get("ssml", ""))
        reprompt_ssml = response.get("reprompt", {}).get("outputSpeech", {}).get("ssml")
        timeline = _apla_timeline(response)
        if timeline and not speech:
            speech = " ".join(text for _, text in timeline if not text.startswith("("))
        return Turn(
            utterance=utterance,
            intent=resolution.intent if resolution else "LaunchRequest",
            slots={
                name: fill.value
                for name, fill in (resolution.slots if resolution else {}).items()
                if fill.value
            },
            speech=speech,
            reprompt=ssml_to_text(reprompt_ssml) if reprompt_ssml else None,
            end_session=closed,
            timeline=timeline,
            notes=self.notes() if self.notes else [],
        )


def _is_launch(words: str) -> bool:
    for prefix in ("alexa ", "alexa, "):
        words = words.removeprefix(prefix)
    for wrapper in (
        "open no contact coach",
        "launch no contact coach",
        "start no contact coach",
        "no contact coach",
    ):
        if words == wrapper:
            return True
    return words in LAUNCH_WORDS - {"start"}


def _slots(resolution: Resolution) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    for name, fill in resolution.slots.items():
        if fill.type_name and not fill.type_name.startswith("AMAZON.") and fill.value is not None:
            slots[name] = custom_slot(
                name, fill.value, fill.resolved_id, fill.resolved_name, fill.type_name
            )
        else:
            slots[name] = simple_slot(name, fill.value)
    return slots


def _apla_timeline(response: dict[str, Any]) -> list[tuple[float, str]]:
    for directive in response.get("directives", []) or []:
        if directive.get("type") == "Alexa.Presentation.APLA.RenderDocument":
            return _timeline_of(directive.get("document", {}))
    return []


def _timeline_of(document: dict[str, Any]) -> list[tuple[float, str]]:
    """The cues of an APLA document's voice Sequencer with their estimated start times."""
    from ..voice.apla_schema import speech_seconds

    mixer = document.get("mainTemplate", {}).get("item", {})
    sequencers = [i for i in mixer.get("items", []) if i.get("type") == "Sequencer"]
    timeline: list[tuple[float, str]] = []
    at = 0.0
    for item in sequencers[0].get("items", []) if sequencers else []:
        if item.get("type") == "Speech":
            timeline.append((at, str(item.get("content", ""))))
            at += speech_seconds(str(item.get("content", "")))
        elif item.get("type") == "Silence":
            seconds = float(item.get("duration", 0)) / 1000
            timeline.append((at, f"(silence {seconds:g} s)"))
            at += seconds
    return timeline


def run(
    lines: Iterable[str],
    conversation: Conversation,
    out: IO[str],
    *,
    as_json: bool,
) -> None:
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("/today"):
            try:
                conversation.move_to(date.fromisoformat(line.split(maxsplit=1)[1]))
            except (IndexError, ValueError):
                print(_json_or_text({"error": "usage: /today YYYY-MM-DD"}, as_json), file=out)
            else:
                if not as_json:
                    print(
                        f"(it is now {conversation.today:%A, %B %d, %Y}; a new session starts)",
                        file=out,
                    )
            continue
        if line in ("/quit", "/exit"):
            return
        turn = conversation.say(line)
        if as_json:
            print(json.dumps(turn.as_json(), ensure_ascii=False), file=out, flush=True)
        else:
            _print_turn(turn, out)


def _json_or_text(data: dict[str, Any], as_json: bool) -> str:
    return json.dumps(data) if as_json else str(data.get("error", data))


def _print_turn(turn: Turn, out: IO[str]) -> None:
    if turn.timeline:
        print("Alexa plays the exercise:", file=out)
        for start, text in turn.timeline:
            print(f"  {int(start) // 60}:{int(start) % 60:02d}  {text}", file=out)
    else:
        print(f"Alexa: {turn.speech}", file=out)
    for note in turn.notes:
        print(f"({note})", file=out)
    if turn.end_session:
        print("(session closed)", file=out)
    out.flush()


def prompt_lines(stream: IO[str]) -> Iterator[str]:
    while True:
        try:
            line = input("You: ")
        except EOFError:
            print()
            return
        yield line


__all__ = ["MODEL_DIR", "Conversation", "FixedZoneApiClient", "prompt_lines", "run", "sys"]
