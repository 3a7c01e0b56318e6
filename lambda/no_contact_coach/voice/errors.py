"""The one catch-all exception handler, registered last."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..journey.errors import NotStarted
from ..storage.port import StoreError, UnreadableState
from .respond import tell

log = logging.getLogger(__name__)

# Said only when even the content cannot be loaded: the one line of prose in code.
LAST_RESORT = "Sorry, something went wrong on my side. Please try again in a moment."


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        if isinstance(exception, NotStarted):
            key = "no_journey"  # e.g. the journey was deleted between two turns
        elif isinstance(exception, UnreadableState):
            key = "error"
            log.error("journey_unreadable", extra={"reason": str(exception)})
        elif isinstance(exception, StoreError):
            key = "storage_down"
            log.error("store_unavailable", extra={"reason": str(exception)})
        else:
            key = "error"
            log.exception("unhandled_error", extra={"error": type(exception).__name__})
        try:
            from ..content.catalog import load_catalog

            line = load_catalog().message(key).say[0]
        except Exception:  # the content itself is broken: still answer
            log.exception("content_unavailable")
            line = LAST_RESORT
        return tell(handler_input, [line])
