"""'Delete my data': after a yes, the speaking person's journey is erased (only theirs).

Disabling the skill erases every journey of the account (SkillDisabledHandler).
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..storage.port import UnreadableState
from .base import IntentHandler
from .reminders import cancel_reminder
from .respond import Speaker, answer, ask, tell
from .turn import Turn

log = logging.getLogger(__name__)

DELETE = "delete"
"""The pending question's kind: YesHandler and NoHandler dispatch on it."""


class DeleteDataHandler(IntentHandler):
    intents = ("DeleteDataIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        try:
            saved = turn.journey is not None
        except UnreadableState:
            saved = True  # an item this code cannot read is still the person's to erase
        if not saved:
            return answer(handler_input, say, [say.line("delete_nothing")])
        return ask(
            handler_input,
            [],
            say.line("delete_confirm"),
            say.reprompt("delete_confirm"),
            {"kind": DELETE},
        )


def confirm_delete(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    """Yes: erase this person's row (the account's own row when no voice is recognised)."""
    if turn.key is not None:
        try:
            token = turn.state.reminder_token if turn.state else None
        except UnreadableState:
            token = None
        if token:
            # Best effort: the person's data goes whether or not Alexa answers.
            cancel_reminder(handler_input, token)
        turn.store.delete(turn.key)
        log.info("journey_deleted", extra={"person": turn.person_hash})
    return tell(handler_input, [say.line("delete_done")])


def keep_data(handler_input: HandlerInput, say: Speaker) -> Response:
    return answer(handler_input, say, [say.line("delete_kept")])
