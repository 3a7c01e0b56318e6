"""Turning content into Alexa responses: one place that knows SSML, questions and session state."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util
from ask_sdk_model import Response

from ..content.catalog import choose, load_catalog
from ..content.pronouns import PRONOUN_TOKENS, placeholders, render
from ..storage.port import StoreError
from .speech import to_ssml
from .turn import Turn

T = TypeVar("T")

PENDING = "pending"
LAST = "last"
EX_SLOT = "ex"
PRONOUN_IDS = ("him", "her", "them")


def spoken_date(day: date) -> str:
    """ "Sunday, November 22nd": how the skill reads a date back."""
    suffix = (
        "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    return f"{day:%A}, {day:%B} {day.day}{suffix}"


def slot_value(handler_input: HandlerInput, name: str) -> str | None:
    """What Alexa heard for a slot (None when the slot is absent or empty)."""
    if request_util.get_request_type(handler_input) != "IntentRequest":
        return None
    slot = request_util.get_slot(handler_input, name)
    value = getattr(slot, "value", None) if slot else None
    return value if isinstance(value, str) and value.strip() else None


def slot_id(handler_input: HandlerInput, name: str) -> str | None:
    """The entity-resolution id of a custom slot value, when Alexa matched one."""
    if request_util.get_request_type(handler_input) != "IntentRequest":
        return None
    slot = request_util.get_slot(handler_input, name)
    resolutions = getattr(slot, "resolutions", None) if slot else None
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        if getattr(status, "value", status) == "ER_SUCCESS_MATCH" and authority.values:
            return str(authority.values[0].value.id)
    return None


def spoken_pronoun(turn: Turn) -> str | None:
    """The person's saved choice; else the one their own words used in this request."""
    try:
        state = turn.state if turn.key else None
    except StoreError:
        state = None  # Help, Stop and apologies speak even when the journey is out of reach
    if state and state.pronoun:
        return state.pronoun
    said = slot_id(turn.handler_input, EX_SLOT)
    return said if said in PRONOUN_IDS else None


@functools.cache
def names_ex(template: str) -> bool:
    return not PRONOUN_TOKENS.isdisjoint(placeholders(template))


class Speaker:
    """Picks and renders content lines for one turn. Same day, same person: same words."""

    def __init__(self, turn: Turn) -> None:
        self.turn = turn
        self.catalog = load_catalog()

    def pronoun(self) -> str | None:
        return spoken_pronoun(self.turn)

    def seed(self, key: str) -> str:
        return f"{key}:{self.turn.today.isoformat()}:{self.turn.person_hash}"

    def pick(self, items: Sequence[T], key: str) -> T:
        return choose(items, self.seed(key))

    def render(self, template: str, **values: Any) -> str:
        # Only a text that names the ex needs the pronoun, and so the stored journey.
        return render(template, self.pronoun() if names_ex(template) else None, **values)

    def line(self, key: str, **values: Any) -> str:
        message = self.catalog.message(key)
        return self.render(choose(message.say, self.seed(key)), **values)

    def reprompt(self, key: str, **values: Any) -> str:
        message = self.catalog.message(key)
        template = message.reprompt or choose(message.say, self.seed(key))
        return self.render(template, **values)


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """The session's attributes; an empty dict (not None) when the request has no session."""
    manager = handler_input.attributes_manager
    if handler_input.request_envelope.session is None:
        # No session to carry them (the SDK refuses to hand them out): a scratch dict.
        scratch = manager.request_attributes.setdefault("no_session", {})
        return scratch if isinstance(scratch, dict) else {}
    attributes = manager.session_attributes
    if attributes is None:
        attributes = {}
        manager.session_attributes = attributes
    return attributes


def is_one_shot(handler_input: HandlerInput) -> bool:
    """Invoked with a request ("ask No Contact Coach what day I'm on"): answer and close."""
    return (
        request_util.is_new_session(handler_input)
        and request_util.get_request_type(handler_input) == "IntentRequest"
    )


def ask(
    handler_input: HandlerInput,
    parts: list[str],
    question: str,
    reprompt: str | None = None,
    pending: dict[str, Any] | None = None,
) -> Response:
    """Speak, end on a question, keep the session open, and remember what the question was."""
    session = session_attributes(handler_input)
    session.pop(PENDING, None)
    if pending:
        session[PENDING] = pending
    builder = handler_input.response_builder
    builder.speak(to_ssml(*parts, question)).ask(to_ssml(reprompt or question))
    return builder.response


def tell(handler_input: HandlerInput, parts: list[str]) -> Response:
    """Speak and close the session: nothing is asked."""
    session_attributes(handler_input).pop(PENDING, None)
    builder = handler_input.response_builder
    builder.speak(to_ssml(*parts)).set_should_end_session(True)
    return builder.response


def answer(
    handler_input: HandlerInput,
    speaker: Speaker,
    parts: list[str],
    follow_up: str = "ask_anything_else",
    pending: dict[str, Any] | None = None,
) -> Response:
    """An informational answer: closes a one-shot request, otherwise asks the follow-up."""
    if is_one_shot(handler_input):
        return tell(handler_input, parts)
    return ask(handler_input, parts, speaker.line(follow_up), speaker.reprompt(follow_up), pending)
