"""The Alexa service API client (Settings, Reminders): the SDK's DefaultApiClient, on urllib3.

DefaultApiClient calls `requests` without a time-out, so an API that stops
answering would hold the request until Lambda's own time-out, long after
Alexa's 8-second window. This client keeps DefaultApiClient's contract (HTTPS
only, JSON bodies, headers as tuples, every failure an ApiClientException) and
adds a time-out. It talks to urllib3 directly: botocore has already loaded it,
while importing `requests` would cost a cold start about 25 ms for nothing
(bench/README.md); one pool and one TLS context per container reuse the
connection and the parsed roots.

Like requests, it trusts the bundle named by REQUESTS_CA_BUNDLE (or
CURL_CA_BUNDLE); otherwise the system's hashed root directory, else certifi's
bundle (see trust_store).
"""

from __future__ import annotations

import json
import os
import re
import ssl
from typing import Any

import urllib3
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse
from urllib3.util.ssl_ import create_urllib3_context

CONNECT_TIMEOUT_S = 1.0
READ_TIMEOUT_S = 1.5
METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})


HASHED_CA_DIRS = (
    "/etc/ssl/certs",  # Debian, Ubuntu
    "/etc/pki/ca-trust/extracted/pem/directory-hash",  # Amazon Linux 2023, Fedora
)
_HASHED_NAME = re.compile(r"[0-9a-f]{8}\.[0-9]+")


def trust_store() -> tuple[str, str]:
    """Where TLS roots come from: ("cafile" | "capath", location).

    An explicit bundle (REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE, as requests honours)
    wins. Otherwise a hashed certificate directory, which OpenSSL reads lazily,
    one root when a handshake needs it (~0.3 ms against ~25 ms to parse certifi's
    whole bundle on a cold start); certifi's bundle when the system has none.
    """
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        return "cafile", bundle
    for directory in (os.environ.get("SSL_CERT_DIR"), *HASHED_CA_DIRS):
        if directory and _is_hashed_dir(directory):
            return "capath", directory
    import certifi

    return "cafile", certifi.where()


def _is_hashed_dir(directory: str) -> bool:
    try:
        with os.scandir(directory) as entries:
            return any(_HASHED_NAME.fullmatch(entry.name) for entry in entries)
    except OSError:
        return False


class TimedApiClient(ApiClient):
    def __init__(self, timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) -> None:
        self.timeout = timeout
        self._pools: dict[tuple[str, str], urllib3.PoolManager] = {}

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        try:
            method = str(request.method or "").upper()
            if method not in METHODS:
                raise ApiClientException(f"Invalid request method: {request.method}")
            url = str(request.url or "")
            if not url.startswith("https://"):
                raise ApiClientException("Requests against non-HTTPS endpoints are not allowed.")
            headers = _headers_dict(request.headers)
            response = self._pool().request(
                method,
                url,
                headers=headers,
                body=_body(request.body, headers),
                timeout=urllib3.Timeout(connect=self.timeout[0], read=self.timeout[1]),
                retries=False,
            )
            return ApiClientResponse(
                headers=_headers_list(response.headers),
                status_code=response.status,
                body=response.data.decode("utf-8", errors="replace"),
            )
        except ApiClientException:
            raise
        except Exception as e:
            raise ApiClientException(f"Error executing the request: {e}") from e

    def _pool(self) -> urllib3.PoolManager:
        trust = trust_store()
        pool = self._pools.get(trust)
        if pool is None:
            # One TLS context a container: urllib3 would otherwise load the roots again
            # for every new connection.
            context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
            kind, location = trust
            if kind == "capath":
                context.load_verify_locations(capath=location)
            else:
                context.load_verify_locations(cafile=location)
            pool = self._pools[trust] = urllib3.PoolManager(ssl_context=context)
        return pool


def _headers_dict(headers: list[tuple[str, str]] | None) -> dict[str, str]:
    return {str(name): str(value) for name, value in headers or []}


def _headers_list(headers: Any) -> list[tuple[str, str]]:
    return [(str(name), str(value)) for name, value in headers.items()]


def _body(body: Any, headers: dict[str, str]) -> str | bytes | None:
    """As DefaultApiClient: JSON-encode when the content type says JSON."""
    if not body:
        return None
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if "json" in content_type and not isinstance(body, str | bytes):
        return json.dumps(body)
    return body if isinstance(body, str | bytes) else json.dumps(body)
