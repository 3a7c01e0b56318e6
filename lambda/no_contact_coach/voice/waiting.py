"""Riding out an urge: a 15-minute timer through the Alexa Timers API.

An urge to text rises, peaks and passes; a timer gives the wait an end. The
timer announces a short line of our own when it is up.

When does the wait count? The skill is never told that a timer went off (the
Timers API has no callback to the skill), so a wait is counted as an urge
ridden out when the timer is set, the way every urge talked through is counted
at once, and the skill says so. An urge already counted in this session (the
person said "I want to text him" first) is not counted twice.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util
from ask_sdk_model import Response
from ask_sdk_model.services.timer_management import (
    AnnounceOperation,
    CreationBehavior,
    DisplayExperience,
    NotificationConfig,
    TextToAnnounce,
    TimerRequest,
    TriggeringBehavior,
    Visibility,
)
from ask_sdk_model.ui import AskForPermissionsConsentCard

from ..journey import rules
from ..journey.model import JourneyState
from ..storage.port import StoreError
from .base import IntentHandler
from .reasons import WAIT_MINUTES
from .respond import Speaker, ask, session_attributes, tell
from .turn import Turn

log = logging.getLogger(__name__)

TIMERS_SCOPE = "alexa::alerts:timers:skill:readwrite"
URGE_COUNTED = "urge_counted"
"""Session attribute: this session has already counted an urge."""
_REFUSED = (401, 403)


class WaitItOutHandler(IntentHandler):
    intents = ("WaitItOutIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        return start_wait(handler_input, turn, say)


def start_wait(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    if not has_timer_permission(handler_input):
        return ask_for_permission(handler_input, say)
    factory = handler_input.service_client_factory
    try:
        if factory is None:
            raise RuntimeError("no service client: the request carries no API access")
        factory.get_timer_management_service().create_timer(timer_request(handler_input, say))
    except Exception as e:  # a refusal asks for consent; any other failure offers the exercise
        status = getattr(e, "status_code", None)
        if status in _REFUSED:
            log.info("timer_permission_refused", extra={"status": status})
            return ask_for_permission(handler_input, say)
        log.warning("timer_not_created", extra={"error": type(e).__name__, "status": status})
        return offer_exercise(handler_input, say, [say.line("wait_failed")])
    parts = [say.line("wait_started", minutes=WAIT_MINUTES)]
    try:
        if count_once(handler_input, turn):
            parts.append(say.line("wait_counted"))
    except StoreError:  # the timer runs all the same; only the count is missing
        log.warning("wait_not_counted", extra={"person": turn.person_hash})
    return tell(handler_input, parts)


def has_timer_permission(handler_input: HandlerInput) -> bool:
    """The request says the person granted timers (Alexa lists granted scopes in the context)."""
    context = handler_input.request_envelope.context
    user = getattr(getattr(context, "system", None), "user", None)
    scopes = getattr(getattr(user, "permissions", None), "scopes", None) or {}
    status = getattr(scopes.get(TIMERS_SCOPE), "status", None)
    return getattr(status, "value", status) == "GRANTED"


def timer_request(handler_input: HandlerInput, say: Speaker) -> TimerRequest:
    announce = say.line("wait_timer_announce", minutes=WAIT_MINUTES)
    return TimerRequest(
        duration=f"PT{WAIT_MINUTES}M",
        timer_label=say.line("wait_timer_label"),
        creation_behavior=CreationBehavior(
            display_experience=DisplayExperience(visibility=Visibility.VISIBLE)
        ),
        triggering_behavior=TriggeringBehavior(
            operation=AnnounceOperation(
                text_to_announce=[TextToAnnounce(locale=_locale(handler_input), text=announce)]
            ),
            notification_config=NotificationConfig(play_audible=True),
        ),
    )


def ask_for_permission(handler_input: HandlerInput, say: Speaker) -> Response:
    handler_input.response_builder.set_card(
        AskForPermissionsConsentCard(permissions=[TIMERS_SCOPE])
    )
    return offer_exercise(handler_input, say, [say.line("wait_needs_permission")])


def offer_exercise(handler_input: HandlerInput, say: Speaker, parts: list[str]) -> Response:
    return ask(
        handler_input,
        parts,
        say.line("ask_exercise"),
        say.reprompt("ask_exercise"),
        {"kind": "exercise"},
    )


def count_once(handler_input: HandlerInput, turn: Turn) -> bool:
    """Count the urge being waited out, unless this session has counted one already."""
    session = session_attributes(handler_input)
    if session.get(URGE_COUNTED) or turn.key is None:
        return False
    today = turn.today

    def change(state: JourneyState | None) -> tuple[JourneyState, None]:
        return rules.record_urge(state or JourneyState(), today), None

    turn.update(change)
    session[URGE_COUNTED] = True
    return True


def _locale(handler_input: HandlerInput) -> str:
    return str(request_util.get_locale(handler_input) or "en-US")
