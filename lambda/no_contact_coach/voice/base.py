"""What every handler module shares: the request's Turn, the pending question, the base class.

Kept apart from handlers.py so feature modules (reasons, waiting) can define
their own handlers without importing handlers.py, which registers them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from .respond import Speaker
from .turn import Turn

TURN = "turn"
PENDING_IN = "pending_in"


def turn_of(handler_input: HandlerInput) -> Turn:
    turn = handler_input.attributes_manager.request_attributes[TURN]
    assert isinstance(turn, Turn)
    return turn


def pending_of(handler_input: HandlerInput) -> dict[str, Any]:
    pending = handler_input.attributes_manager.request_attributes.get(PENDING_IN)
    return pending if isinstance(pending, dict) else {}


class IntentHandler(AbstractRequestHandler):
    intents: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in self.intents)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turn_of(handler_input)
        return self.respond(handler_input, turn, Speaker(turn))

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        raise NotImplementedError
