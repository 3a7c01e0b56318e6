"""Concerns every request shares: the per-request Turn, dialog state, repeat, logging."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util
from ask_sdk_model import Response

from ..storage.port import StateStore
from .handlers import PENDING_IN, TURN
from .respond import LAST, PENDING, session_attributes
from .timezones import DeviceZoneCache
from .turn import Turn, person_key

log = logging.getLogger(__name__)


class TurnInterceptor(AbstractRequestInterceptor):
    """Builds the request's Turn and takes the pending question out of the session.

    A pending yes/no question lives for exactly one turn: whatever the person
    says next either answers it or moves on.
    """

    def __init__(self, store: StateStore, zones: DeviceZoneCache) -> None:
        self.store = store
        self.zones = zones

    def process(self, handler_input: HandlerInput) -> None:
        turn = Turn(handler_input, self.store, self.zones, person_key(handler_input))
        attributes = handler_input.attributes_manager
        attributes.request_attributes[TURN] = turn
        session = attributes.session_attributes if handler_input.request_envelope.session else None
        pending = session.pop(PENDING, None) if isinstance(session, dict) else None
        attributes.request_attributes[PENDING_IN] = pending if isinstance(pending, dict) else {}
        log.info(
            "request",
            extra={
                "request_type": request_util.get_request_type(handler_input),
                "intent": _intent_name(handler_input),
                "person": turn.person_hash,
                "locale": request_util.get_locale(handler_input),
            },
        )


class RepeatInterceptor(AbstractResponseInterceptor):
    """Keeps what was last said in an open session, so "repeat" can say it again."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if (
            response is None
            or response.should_end_session
            or not handler_input.request_envelope.session
        ):
            return
        speech = getattr(response.output_speech, "ssml", None)
        if not speech:
            return
        reprompt = getattr(getattr(response.reprompt, "output_speech", None), "ssml", None)
        session_attributes(handler_input)[LAST] = {
            "speech": speech,
            "reprompt": reprompt,
        }


def _intent_name(handler_input: HandlerInput) -> str | None:
    if request_util.get_request_type(handler_input) != "IntentRequest":
        return None
    return str(request_util.get_intent_name(handler_input))
