"""The time zone comes from the real Settings API call, made over TLS to a local stand-in."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from no_contact_coach.entrypoints.lambda_entry import build_handler
from no_contact_coach.storage.sqlite import SqliteStore
from no_contact_coach.voice.skill import build_skill
from tests.conftest import load_event
from tests.functional.harness import Reply


class StandIn:
    """A local Settings API: answers the time-zone call with `zone` (or `status`)."""

    def __init__(self) -> None:
        self.zone = "Asia/Tokyo"
        self.status = 200
        self.calls: list[tuple[str, str | None]] = []


def _certificate(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "standin.pem", tmp / "standin.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def settings_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[StandIn, str]]:
    cert_path, key_path = _certificate(tmp_path)
    stand_in = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stand_in.calls.append((self.path, self.headers.get("Authorization")))
            ok = self.path.endswith("/settings/System.timeZone") and stand_in.status == 200
            body = json.dumps(stand_in.zone if ok else {"message": "nope"}).encode()
            self.send_response(stand_in.status if ok or stand_in.status != 200 else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # The SDK's DefaultApiClient uses requests, which trusts this bundle for the test only.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert_path))
    try:
        yield stand_in, f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
    path, authorization = stand_in.calls[0]
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
