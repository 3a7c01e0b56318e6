"""Safety first: someone who may hurt themselves, or who is in danger, hears help before anything.

SelfHarmIntent and DangerIntent are answered by the first handler registered,
whatever question was pending: the pending step is dropped. The answer is calm,
names the help lines and the emergency number of the request's locale (digit
by digit), sends the same to the Alexa app as a card, and keeps the session
open with one gentle question. It never argues for no contact.
"""

from __future__ import annotations

import logging
import re
from typing import ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, request_util
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from ..content.catalog import HelpLine, SafetyLines
from .base import pending_of, turn_of
from .respond import Speaker, ask
from .speech import Ssml, escape

log = logging.getLogger(__name__)

SAFETY_INTENTS = ("SelfHarmIntent", "DangerIntent")
PENDING_KIND = "safety"
NUMBER = "{number}"
_GROUPS = re.compile(r"[ -]+")
_GROUP_PAUSE = '<break time="300ms"/>'


def spoken_number(number: str, spoken: str | None = None) -> Ssml:
    """A phone number as Alexa should say it: digit by digit in its groups, or by its name."""
    if spoken:
        return Ssml(f'<sub alias="{escape(spoken)}">{escape(number)}</sub>')
    groups = [g for g in _GROUPS.split(number) if g]
    return Ssml(
        _GROUP_PAUSE.join(f'<say-as interpret-as="digits">{escape(g)}</say-as>' for g in groups)
    )


def with_number(template: str, number: Ssml) -> Ssml:
    """A plain template with {number} replaced by the number's SSML (the rest escaped)."""
    return Ssml(number.join(escape(piece) for piece in template.split(NUMBER)))


def help_parts(lines: SafetyLines, topic: str) -> list[str]:
    """What is said about help, in order: for danger the emergency number comes first."""
    emergency = with_number(
        lines.emergency_say[0], spoken_number(lines.emergency, lines.emergency_spoken)
    )
    crisis = [_line(line) for line in lines.of_kind("crisis")]
    if topic == "danger":
        return [emergency, *(_line(line) for line in lines.of_kind("abuse")), *crisis]
    return [*crisis, emergency]


def _line(line: HelpLine) -> Ssml:
    return with_number(line.say, spoken_number(line.number, line.spoken))


def card_text(lines: SafetyLines) -> str:
    """Every line of the locale, the emergency number and what the skill is (and is not)."""
    rows = [line.card for line in lines.lines]
    rows.append(lines.card_emergency.replace(NUMBER, lines.emergency))
    return "\n".join([*rows, "", lines.card_footer])


class SafetyHandler(AbstractRequestHandler):
    """Registered first: it answers its intents, and the yes/no to its own question."""

    intents: ClassVar[tuple[str, ...]] = SAFETY_INTENTS

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if any(is_intent_name(name)(handler_input) for name in SAFETY_INTENTS):
            return True
        answering = is_intent_name("AMAZON.YesIntent")(handler_input) or is_intent_name(
            "AMAZON.NoIntent"
        )(handler_input)
        return bool(answering) and pending_of(handler_input).get("kind") == PENDING_KIND

    def handle(self, handler_input: HandlerInput) -> Response:
        say = Speaker(turn_of(handler_input))
        locale = str(request_util.get_locale(handler_input) or "")
        lines = say.catalog.safety(locale)
        intent = str(request_util.get_intent_name(handler_input))
        handler_input.response_builder.set_card(SimpleCard(lines.card_title, card_text(lines)))
        if intent in SAFETY_INTENTS:
            topic = "self_harm" if intent == "SelfHarmIntent" else "danger"
            # Only the topic and locale are logged: never what the person said.
            log.info("safety_response", extra={"topic": topic, "locale": lines.locale})
            intro = say.pick(lines.self_harm if topic == "self_harm" else lines.danger, "safety")
            return ask(
                handler_input,
                [intro, *help_parts(lines, topic)],
                lines.ask_repeat,
                lines.ask_repeat_reprompt,
                {"kind": PENDING_KIND, "topic": topic},
            )
        if intent == "AMAZON.YesIntent":
            topic = str(pending_of(handler_input).get("topic", "self_harm"))
            parts = help_parts(lines, topic)
        else:
            parts = [say.pick(lines.declined, "safety_declined")]
        return ask(
            handler_input,
            parts,
            say.line("ask_anything_else"),
            say.reprompt("ask_anything_else"),
        )
