"""The SDK's DefaultApiClient with a time-out.

DefaultApiClient calls `requests` without one, so a Settings API that stops
answering would hold the request until Lambda's own time-out, long after
Alexa's 8-second window. Everything else is the SDK's code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ask_sdk_core.api_client import DefaultApiClient
from ask_sdk_model.services import ApiClientRequest

CONNECT_TIMEOUT_S = 1.0
READ_TIMEOUT_S = 1.5


class TimedApiClient(DefaultApiClient):
    def __init__(self, timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) -> None:
        super().__init__()
        self.timeout = timeout

    def _resolve_method(self, request: ApiClientRequest) -> Callable[..., Any]:
        method = super()._resolve_method(request)
        return functools.partial(method, timeout=self.timeout)
