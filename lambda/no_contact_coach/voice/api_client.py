"""The Alexa service API client (Settings, Reminders): the SDK's DefaultApiClient, on urllib3.

DefaultApiClient calls `requests` without a time-out, so an API that stops
answering would hold the request until Lambda's own time-out, long after
Alexa's 8-second window. This client keeps DefaultApiClient's contract (HTTPS
only, JSON bodies, headers as tuples, every failure an ApiClientException) and
adds a time-out. It talks to urllib3 directly: botocore has already loaded it,
while importing `requests` would cost a cold start about 25 ms for nothing
(bench/README.md), and one pool per container reuses the TLS connection.

Like requests, it trusts the bundle named by REQUESTS_CA_BUNDLE (or
CURL_CA_BUNDLE), else certifi's, read at each call.
"""

from __future__ import annotations

import json
import os
from typing import Any

import urllib3
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

CONNECT_TIMEOUT_S = 1.0
READ_TIMEOUT_S = 1.5
METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})


class TimedApiClient(ApiClient):
    def __init__(self, timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) -> None:
        self.timeout = timeout
        self._pools: dict[str, urllib3.PoolManager] = {}

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
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if not bundle:
            import certifi

            bundle = certifi.where()
        pool = self._pools.get(bundle)
        if pool is None:
            pool = self._pools[bundle] = urllib3.PoolManager(
                cert_reqs="CERT_REQUIRED", ca_certs=bundle
            )
        return pool


def _headers_dict(headers: list[tuple[str, str]] | None) -> dict[str, str]:
    """Repeated headers joined with commas, as DefaultApiClient sends them."""
    joined: dict[str, str] = {}
    for key, value in headers or []:
        joined[key] = f"{joined[key]}, {value}" if key in joined else value
    return joined


def _body(body: Any, headers: dict[str, str]) -> str | None:
    if not body:
        return None
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    return json.dumps(body) if "json" in content_type else body


def _headers_list(headers: Any) -> list[tuple[str, str]]:
    """Each comma-separated value its own tuple, as DefaultApiClient returns them."""
    return [
        (key, part.strip())
        for key, value in headers.items()
        for part in str(value).split(",")
        if part.strip()
    ]
