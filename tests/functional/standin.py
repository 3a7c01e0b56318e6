"""A local stand-in for the Alexa service APIs over real TLS: Settings (time zone) and Reminders.

The skill calls it through the SDK's own service clients and DefaultApiClient
(requests), which trust the stand-in's test certificate through REQUESTS_CA_BUNDLE
for the length of one test. Use the `alexa_api` fixture (tests/functional/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

REMINDERS = "/v1/alerts/reminders"


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass
class StandIn:
    """What the APIs answer; set `status` (Settings) or `reminders_status` to make them fail."""

    zone: str = "Asia/Tokyo"
    status: int = 200
    reminders_status: int | None = None
    reminders: dict[str, Any] = field(default_factory=dict)  # alertToken -> last request body
    calls: list[Call] = field(default_factory=list)

    def reminder_calls(self) -> list[Call]:
        return [c for c in self.calls if c.path.startswith(REMINDERS)]

    def answer(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        if path.startswith(REMINDERS):
            return self._reminders(method, path.removeprefix(REMINDERS).strip("/"), body)
        if method == "GET" and path.endswith("/settings/System.timeZone"):
            return (200, self.zone) if self.status == 200 else (self.status, {"message": "nope"})
        return 404, {"message": "nope"}

    def _reminders(self, method: str, token: str, body: Any) -> tuple[int, Any]:
        if self.reminders_status is not None:
            return self.reminders_status, {"code": "FAILED", "message": "as the test asked"}
        if method == "POST" and not token:
            token = f"amzn1.alert.token-{len(self.reminders) + 1}"
            self.reminders[token] = body
            return 201, {"alertToken": token, "status": "ON", "version": "1"}
        if token not in self.reminders:
            return 404, {"code": "NOT_FOUND", "message": "no such reminder"}
        if method == "PUT":
            self.reminders[token] = body
            return 200, {"alertToken": token, "status": "ON", "version": "2"}
        if method == "DELETE":
            del self.reminders[token]
            return 200, {}
        return 405, {"message": "not here"}


def certificate(tmp: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (certificate, key) PEM files."""
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


@contextmanager
def serving(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[StandIn, str]]:
    """Runs a stand-in on a free local port: yields it and its https:// endpoint."""
    cert_path, key_path = certificate(tmp)
    stand_in = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            stand_in.calls.append(
                Call(self.command, self.path, self.headers.get("Authorization"), body)
            )
            status, answer = stand_in.answer(self.command, self.path, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

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
