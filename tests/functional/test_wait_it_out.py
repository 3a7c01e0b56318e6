"""'Help me wait it out': a 15-minute timer through the Alexa Timers API, over real TLS.

The skill's production wiring (the SDK's service client and DefaultApiClient
with its time-out) talks to the local stand-in from tests/functional/standin.py,
which answers the Timers API here as these tests ask.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.port import PersonKey
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from no_contact_coach.voice.waiting import TIMERS_SCOPE
from tests.conftest import load_event
from tests.functional.harness import Reply
from tests.functional.standin import StandIn

TIMERS = "/v1/alerts/timers"
AT = "2026-11-28T17:05:12Z"


@dataclass
class Timers:
    """The Timers API part of the stand-in: what was asked, and what to answer."""

    status: int = 200
    created: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, method: str, body: Any) -> tuple[int, Any]:
        if method != "POST":
            return 405, {"message": "only creating timers here"}
        if self.status != 200:
            return self.status, {"code": "REFUSED", "message": "as the test asked"}
        self.created.append(body)
        return 200, {"id": f"timer-{len(self.created)}", "status": "ON", **body}


@pytest.fixture
def timers_api(alexa_api: tuple[StandIn, str]) -> Iterator[tuple[Timers, StandIn, str]]:
    stand_in, endpoint = alexa_api
    timers = Timers()
    settings_and_reminders = stand_in.answer

    def answer(method: str, path: str, body: Any) -> tuple[int, Any]:
        if path.startswith(TIMERS):
            return timers.answer(method, body)
        return settings_and_reminders(method, path, body)

    stand_in.answer = answer  # type: ignore[method-assign]
    yield timers, stand_in, endpoint


@dataclass
class Echo:
    """One person's Echo, pointed at the stand-in, keeping the session between turns."""

    handler: Any
    endpoint: str
    store: SqliteStore
    session: dict[str, Any] = field(default_factory=dict)

    def send(
        self,
        event: str,
        *,
        granted: bool = True,
        locale: str = "en-US",
        continue_session: bool = False,
    ) -> Reply:
        envelope = load_event(event)
        system = envelope["context"]["System"]
        system["apiEndpoint"] = self.endpoint
        user = system["user"]
        if granted:
            user["permissions"] = {"scopes": {TIMERS_SCOPE: {"status": "GRANTED"}}}
        else:
            user.pop("permissions", None)
        envelope["request"]["timestamp"] = AT
        envelope["request"]["locale"] = locale
        if continue_session:
            envelope["session"]["new"] = False
            envelope["session"]["attributes"] = self.session
        reply = Reply(self.handler(envelope, None))
        self.session = reply.session_attributes
        return reply

    def urges(self) -> int:
        user = load_event("wait_it_out")["context"]["System"]["user"]["userId"]
        stored = self.store.get(PersonKey(user))
        return stored.state.urge_count if stored else 0


def echo_at(endpoint: str, tmp_path: Path) -> Echo:
    store = SqliteStore(tmp_path / "journeys.sqlite3")
    return Echo(build_handler(build_skill(store, skill_id="")), endpoint, store)


@pytest.fixture
def echo(timers_api: tuple[Timers, StandIn, str], tmp_path: Path) -> Echo:
    return echo_at(timers_api[2], tmp_path)


def test_wait_it_out_sets_a_fifteen_minute_announcing_timer(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    timers, stand_in, _ = timers_api

    reply = echo.send("wait_it_out")

    assert len(timers.created) == 1
    timer = timers.created[0]
    assert timer["duration"] == "PT15M"
    assert timer["timerLabel"]
    assert timer["creationBehavior"] == {"displayExperience": {"visibility": "VISIBLE"}}
    triggering = timer["triggeringBehavior"]
    assert triggering["operation"]["type"] == "ANNOUNCE"
    (announce,) = triggering["operation"]["textToAnnounce"]
    assert announce["locale"] == "en-US" and "15 minutes" in announce["text"]
    assert "<" not in announce["text"]
    assert triggering["notificationConfig"] == {"playAudible": True}
    call = next(c for c in stand_in.calls if c.path == TIMERS)
    assert call.method == "POST" and (call.authorization or "").startswith("Bearer ")
    assert reply.ends_session
    assert reply.says("15 minutes", "counted")
    assert "card" not in reply.response


def test_a_wait_counts_as_an_urge_ridden_out(echo: Echo) -> None:
    echo.send("wait_it_out")

    assert echo.urges() == 1


def test_waiting_out_an_urge_already_talked_through_counts_it_once(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    offer = echo.send("urge_text_him")
    assert offer.says("help me wait it out")

    reply = echo.send("wait_it_out", continue_session=True)

    assert len(timers_api[0].created) == 1
    assert "counted" not in reply.speech
    assert echo.urges() == 1


def test_without_the_permission_it_sends_the_consent_card_and_offers_the_exercise(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    reply = echo.send("wait_it_out", granted=False)

    assert reply.response["card"] == {
        "type": "AskForPermissionsConsent",
        "permissions": [TIMERS_SCOPE],
    }
    assert reply.says("permission", "alexa app", "exercise")
    assert not reply.ends_session and reply.speech.endswith("?")
    assert reply.session_attributes["pending"]["kind"] == "exercise"
    assert timers_api[0].created == []
    assert not [c for c in timers_api[1].calls if c.path.startswith(TIMERS)]
    assert echo.urges() == 0


@pytest.mark.parametrize("status", [401, 403])
def test_a_refusal_from_the_timers_api_also_asks_for_consent(
    timers_api: tuple[Timers, StandIn, str], echo: Echo, status: int
) -> None:
    timers_api[0].status = status

    reply = echo.send("wait_it_out")

    assert reply.response["card"]["type"] == "AskForPermissionsConsent"
    assert reply.says("permission")
    assert echo.urges() == 0


def test_a_failing_timers_api_apologises_and_offers_the_exercise(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    timers_api[0].status = 500

    reply = echo.send("wait_it_out")

    assert reply.says("couldn't set the timer", "exercise")
    assert "card" not in reply.response
    assert reply.session_attributes["pending"]["kind"] == "exercise"
    assert echo.urges() == 0


def test_yes_after_a_failed_timer_plays_the_exercise(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    timers_api[0].status = 500
    echo.send("wait_it_out")

    reply = echo.send("yes", continue_session=True)

    assert any(
        d.get("type") == "Alexa.Presentation.APLA.RenderDocument"
        for d in reply.response.get("directives", [])
    )


def test_an_unreachable_timers_api_is_a_failed_timer_not_an_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"https://127.0.0.1:{probe.getsockname()[1]}"
    echo = echo_at(closed, tmp_path)

    reply = echo.send("wait_it_out")

    assert reply.says("couldn't set the timer")
    assert not reply.ends_session


def test_the_announcement_is_in_the_requests_locale(
    timers_api: tuple[Timers, StandIn, str], echo: Echo
) -> None:
    echo.send("wait_it_out", locale="en-GB")

    announce = timers_api[0].created[0]["triggeringBehavior"]["operation"]["textToAnnounce"]
    assert announce[0]["locale"] == "en-GB"
