"""The one catch-all exception handler, registered last."""

from __future__ import annotations

import logging
import traceback

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util
from ask_sdk_model import Response

from ..journey.errors import NotStarted
from ..storage.port import StoreError
from .base import TURN
from .respond import tell
from .turn import Turn

log = logging.getLogger(__name__)

# Said only when even the content cannot be loaded: the one line of prose in code.
LAST_RESORT = "Sorry, something went wrong on my side. Please try again in a moment."

# Which apology a store failure gets: trying again helps after a collision, not
# with an item this code cannot read; everything else means "not reachable".
STORE_APOLOGIES = {
    "conflict": "storage_busy",
    "busy": "storage_busy",
    "unreadable": "journey_unreadable",
}

# Requests Alexa does not speak a response to: answer them with an empty response.
SILENT_REQUEST_TYPES = ("SessionEndedRequest", "AlexaSkillEvent.", "Messaging.", "Reminders.")


def apology_key(exception: Exception) -> str:
    if isinstance(exception, NotStarted):
        return "no_journey"  # e.g. the journey was deleted between two turns
    if isinstance(exception, StoreError):
        return STORE_APOLOGIES.get(exception.kind, "storage_down")
    return "error"


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        key = apology_key(exception)
        log_failure(handler_input, exception, key)
        request_type = str(request_util.get_request_type(handler_input) or "")
        if request_type.startswith(SILENT_REQUEST_TYPES):
            return handler_input.response_builder.response
        try:
            from ..content.catalog import load_catalog

            line = load_catalog().message(key).say[0]
        except Exception:  # the content itself is broken: still answer
            log.error("content_unavailable")
            line = LAST_RESORT
        return tell(handler_input, [line])


def log_failure(handler_input: HandlerInput, exception: Exception, apology: str) -> None:
    """One JSON line: what failed and where, for whom (hashed). Never ids, slots or messages.

    An exception's message can quote what the person said, so only its class,
    the store failure's kind and the code locations are logged.
    """
    turn = handler_input.attributes_manager.request_attributes.get(TURN)
    person = turn.person_hash if isinstance(turn, Turn) else "unknown"
    fields: dict[str, object] = {
        "error": type(exception).__name__,
        "error_class": exception.kind if isinstance(exception, StoreError) else "code",
        "apology": apology,
        "person": person,
        "request_type": str(request_util.get_request_type(handler_input) or ""),
    }
    if isinstance(exception, StoreError):
        log.error("store_failed", extra=fields)
    elif isinstance(exception, NotStarted):
        log.warning("journey_missing", extra=fields)
    else:
        frames = traceback.extract_tb(exception.__traceback__)[-6:]
        fields["where"] = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames]
        log.error("unhandled_error", extra=fields)
