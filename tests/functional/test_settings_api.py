"""The time zone comes from the real Settings API call, made over TLS to a local stand-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from tests.conftest import load_event
from tests.functional.harness import Reply
from tests.functional.standin import StandIn


@pytest.fixture
def settings_api(alexa_api: tuple[StandIn, str]) -> tuple[StandIn, str]:
    # The shared TLS stand-in (tests/functional/standin.py); here only its Settings API counts.
    return alexa_api


def ask(handler: Any, event: str, endpoint: str, at: str, **slots: str) -> Reply:
    envelope = load_event(event)
    envelope["context"]["System"]["apiEndpoint"] = endpoint
    envelope["request"]["timestamp"] = at
    for name, value in slots.items():
        envelope["request"]["intent"]["slots"][name] = {"name": name, "value": value}
    return Reply(handler(envelope, None))


@pytest.fixture
def handler(tmp_path: Path) -> Any:
    # The production wiring: the SDK's DefaultApiClient (with a time-out), no stand-in client.
    return build_handler(build_skill(SqliteStore(tmp_path / "j.sqlite3"), skill_id=""))


def start_on_the_20th(handler: Any, endpoint: str) -> None:
    at = "2026-11-28T06:00:00Z"
    first = load_event("start_with_date")
    first["context"]["System"]["apiEndpoint"] = endpoint
    first["request"]["timestamp"] = at
    first["request"]["intent"]["slots"]["date"]["value"] = "2026-11-20"
    reply = Reply(handler(first, None))
    follow = load_event("yes")
    follow["context"]["System"]["apiEndpoint"] = endpoint
    follow["request"]["timestamp"] = at
    follow["session"]["attributes"] = reply.session_attributes
    Reply(handler(follow, None))


def test_the_day_follows_the_zone_the_settings_api_reports(
    settings_api: tuple[StandIn, str], handler: Any
) -> None:
    stand_in, endpoint = settings_api
    start_on_the_20th(handler, endpoint)
    reply = ask(handler, "what_day_one_shot", endpoint, "2026-11-28T06:00:00Z")
    assert reply.day() == 9  # 15:00 on the 28th in Tokyo
    call = stand_in.calls[0]
    path, authorization = call.path, call.authorization
    assert path.startswith("/v2/devices/amzn1.ask.device.")
    assert path.endswith("/settings/System.timeZone")
    assert authorization is not None and authorization.startswith("Bearer ")


def test_a_failing_settings_api_falls_back_to_the_remembered_zone(
    settings_api: tuple[StandIn, str], tmp_path: Path
) -> None:
    stand_in, endpoint = settings_api
    start_handler = build_handler(build_skill(SqliteStore(tmp_path / "j.sqlite3"), skill_id=""))
    start_on_the_20th(start_handler, endpoint)  # Tokyo remembered with the journey
    stand_in.status = 500
    # A new container: no cached zone, the API fails, the stored zone counts.
    fresh = build_handler(build_skill(SqliteStore(tmp_path / "j.sqlite3"), skill_id=""))
    reply = ask(fresh, "what_day_one_shot", endpoint, "2026-11-28T06:00:00Z")
    assert reply.day() == 9


def test_an_unreachable_settings_api_falls_back_to_the_locale_default(handler: Any) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"https://127.0.0.1:{probe.getsockname()[1]}"
    reply = ask(handler, "start_with_date", closed, "2026-11-28T04:30:00Z", date="2026-11-20")
    # 23:30 on the 27th in New York, the en-US default: the 20th makes it day 8.
    assert reply.says("day 8")


def test_a_settings_api_that_never_answers_is_given_up_on(handler: Any) -> None:
    import socket
    from concurrent.futures import ThreadPoolExecutor

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        endpoint = f"https://127.0.0.1:{silent.getsockname()[1]}"
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(
                ask, handler, "start_with_date", endpoint, "2026-11-28T04:30:00Z", date="2026-11-20"
            )
            # Without the client's time-out this call would never return (a hang guard,
            # not a performance check: bench/ measures time).
            reply = pending.result(timeout=60)
    assert reply.says("day 8")
