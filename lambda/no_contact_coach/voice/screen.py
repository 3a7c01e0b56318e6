"""The Echo Show screen: the day counter, today's tip and the way to four weeks, in APL.

A response interceptor adds one Alexa.Presentation.APL.RenderDocument directive
to the launch, "what day" and "today's tip" answers when the device says it
supports APL; a device without a screen gets nothing extra. The handlers stay
voice-only, and a screen can never spoil the spoken answer: any failure here is
logged and the answer goes out without it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util
from ask_sdk_model import Response

from ..journey import rules
from .base import pending_of, turn_of
from .respond import Speaker
from .turn import Turn

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

log = logging.getLogger(__name__)

TOKEN: Final = "noContactCoachDay"
APL_DIRECTIVES: Final = ("Alexa.Presentation.APL.", "Alexa.Presentation.APLA.")
SCREEN_INTENTS: Final = frozenset({"WhatDayIntent", "TodaysTipIntent"})

DOCUMENT: Final[dict[str, Any]] = {
    "type": "APL",
    "version": "2023.2",
    "theme": "dark",
    "mainTemplate": {
        "parameters": ["payload"],
        "items": [
            {
                "type": "Container",
                "width": "100vw",
                "height": "100vh",
                "justifyContent": "center",
                "paddingLeft": "8vw",
                "paddingRight": "8vw",
                "items": [
                    {
                        "type": "Text",
                        "text": "${payload.coach.title}",
                        "fontSize": "24dp",
                        "color": "#A9C6E8",
                    },
                    {
                        "type": "Text",
                        "id": "dayCounter",
                        "text": "${payload.coach.day}",
                        "fontSize": "96dp",
                        "fontWeight": "bold",
                    },
                    {
                        "type": "Frame",
                        "width": "100%",
                        "height": "12dp",
                        "borderRadius": "6dp",
                        "backgroundColor": "#33415C",
                        "items": [
                            {
                                "type": "Frame",
                                "width": "${payload.coach.percent}",
                                "height": "12dp",
                                "borderRadius": "6dp",
                                "backgroundColor": "#7FB3D5",
                            }
                        ],
                    },
                    {
                        "type": "Text",
                        "text": "${payload.coach.progress}",
                        "fontSize": "24dp",
                        "paddingTop": "12dp",
                    },
                    {
                        "type": "Text",
                        "text": "${payload.coach.tip}",
                        "fontSize": "30dp",
                        "paddingTop": "32dp",
                        "maxLines": 6,
                    },
                ],
            }
        ],
    },
}


def supports_apl(handler_input: HandlerInput) -> bool:
    interfaces = request_util.get_supported_interfaces(handler_input)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def shows_the_day(handler_input: HandlerInput, pending_kind: str | None) -> bool:
    """Launch, "what day", "today's tip", and yes to "would you like today's tip?"."""
    kind = request_util.get_request_type(handler_input)
    if kind == "LaunchRequest":
        return True
    if kind != "IntentRequest":
        return False
    intent = str(request_util.get_intent_name(handler_input))
    return intent in SCREEN_INTENTS or (intent == "AMAZON.YesIntent" and pending_kind == "tip")


def screen_data(turn: Turn) -> dict[str, Any]:
    """The datasource: what the screen shows for this person today."""
    say = Speaker(turn)
    catalog = say.catalog
    state = turn.state
    if state is None or not state.has_started:
        return {
            "title": "No Contact Coach",
            "day": "",
            "percent": "0%",
            "progress": say.line("screen_not_started"),
            "tip": say.render(catalog.before_start_tip().say),
        }
    progress = rules.progress(state, turn.today)
    if progress.goal_reached:
        left = say.line("screen_goal_reached")
    else:
        left = say.line("screen_days_left", days_left=progress.days_left)
    share = min(progress.day, progress.goal_days) / max(progress.goal_days, 1)
    return {
        "title": "No Contact Coach",
        "day": say.line("screen_day", day=progress.day),
        "percent": f"{round(share * 100)}%",
        "progress": left,
        "tip": say.render(catalog.tip_for_day(progress.day).say, day=progress.day),
    }


def render_directive(data: dict[str, Any]) -> RenderDocumentDirective:
    # Imported here: the APL models cost a cold start about 13 ms (bench/README.md), and
    # only a request from a device with a screen needs them.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    return RenderDocumentDirective(token=TOKEN, document=DOCUMENT, datasources={"coach": data})


class ScreenInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if response is None or response.output_speech is None:
            return
        if not supports_apl(handler_input):
            return
        directives = list(response.directives or [])
        if any(str(d.object_type).startswith(APL_DIRECTIVES) for d in directives):
            return  # the exercise plays APL for Audio; nothing is drawn over it
        if not shows_the_day(handler_input, pending_of(handler_input).get("kind")):
            return
        try:
            directive = render_directive(screen_data(turn_of(handler_input)))
        except Exception as e:  # a screen is extra: the spoken answer goes out regardless
            log.warning("screen_not_rendered", extra={"error": type(e).__name__})
            return
        response.directives = [*directives, directive]
