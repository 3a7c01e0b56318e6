"""A daily reminder through the Alexa Reminders API: set it, change it, stop it.

"Remind me every morning at eight" creates (or moves) one recurring reminder,
FREQ=DAILY at that local time in the person's zone, spoken in the request's
locale. Its alertToken is kept with the journey so "stop my reminders" can
delete it. Without the reminders permission the person gets the consent card
in the Alexa app and is told how to grant it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, request_util
from ask_sdk_model import Response
from ask_sdk_model.services import ServiceException
from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    Recurrence,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)
from ask_sdk_model.ui import AskForPermissionsConsentCard

from ..journey.model import JourneyState
from .base import turn_of
from .respond import Speaker, answer, ask, slot_id, slot_value, tell
from .turn import Turn, request_instant

log = logging.getLogger(__name__)

REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
# AMAZON.TIME's vague values and a bare part of the day ("every evening") pick these times.
PART_DEFAULTS = {"MO": time(8), "AF": time(14), "EV": time(19), "NI": time(21)}
PART_IDS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
NO_PERMISSION = (401, 403)


def daily_time(value: str | None, part: str | None) -> time | None:
    """The local time of day meant by an AMAZON.TIME value and an optional part of the day.

    Alexa fills "eight" as 08:00 even in "every evening at eight"; the part of
    the day moves such a morning hour to the afternoon or evening.
    """
    part_code = PART_IDS.get(part or "")
    if value:
        clock = _CLOCK.match(value)
        if clock:
            hour, minute = int(clock.group(1)), int(clock.group(2))
            if hour > 23 or minute > 59:
                return None
            if part_code in ("AF", "EV", "NI") and 1 <= hour < 12:
                hour += 12
            return time(hour, minute)
        if value in PART_DEFAULTS:
            return PART_DEFAULTS[value]
        return None
    return PART_DEFAULTS.get(part_code or "")


def spoken_time(at: time) -> str:
    """ "8 a.m.", "7:30 p.m.", "noon", "midnight": how the reminder's time is read back."""
    if at == time(12):
        return "noon"
    if at == time(0):
        return "midnight"
    hour = at.hour % 12 or 12
    suffix = "a.m." if at.hour < 12 else "p.m."
    return f"{hour} {suffix}" if at.minute == 0 else f"{hour}:{at.minute:02d} {suffix}"


def daily_rule(at: time) -> str:
    return f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0;INTERVAL=1"


def reminder_request(
    now_local: datetime, at: time, zone: str, locale: str, text: str
) -> ReminderRequest:
    """A daily reminder at `at` local time from its next occurrence on (local, naive times)."""
    now = now_local.replace(tzinfo=None, microsecond=0)
    first = datetime.combine(now.date(), at)
    if first <= now:
        first += timedelta(days=1)
    return ReminderRequest(
        request_time=now,
        trigger=Trigger(
            object_type=TriggerType.SCHEDULED_ABSOLUTE,
            time_zone_id=zone,
            recurrence=Recurrence(start_date_time=first, recurrence_rules=[daily_rule(at)]),
        ),
        alert_info=AlertInfo(
            spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)])
        ),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )


def has_reminders_permission(handler_input: HandlerInput) -> bool:
    """The person granted the reminders permission: Alexa then sends a consent token."""
    context = handler_input.request_envelope.context
    user = getattr(getattr(context, "system", None), "user", None)
    permissions = getattr(user, "permissions", None)
    return bool(getattr(permissions, "consent_token", None))


def ask_for_permission(handler_input: HandlerInput, say: Speaker) -> Response:
    handler_input.response_builder.set_card(AskForPermissionsConsentCard([REMINDERS_SCOPE]))
    return tell(handler_input, [say.line("reminder_permission")])


def _with_token(token: str | None) -> Callable[[JourneyState | None], tuple[JourneyState, None]]:
    def change(state: JourneyState | None) -> tuple[JourneyState, None]:
        return (state or JourneyState()).with_changes(reminder_token=token), None

    return change


class ReminderHandler(AbstractRequestHandler):
    intents: ClassVar[tuple[str, ...]] = ("ReminderIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("ReminderIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turn_of(handler_input)
        say = Speaker(turn)
        if not has_reminders_permission(handler_input):
            return ask_for_permission(handler_input, say)
        # The part of the day by its entity id, else as heard ("evening").
        part = slot_id(handler_input, "part") or (slot_value(handler_input, "part") or "").lower()
        at = daily_time(slot_value(handler_input, "time"), part)
        if at is None:
            return ask(
                handler_input, [], say.line("reminder_ask_time"), say.reprompt("reminder_ask_time")
            )
        zone = turn.zone
        request = reminder_request(
            request_instant(handler_input).astimezone(zone),
            at,
            zone.key,
            str(request_util.get_locale(handler_input) or "en-US"),
            say.line("reminder_text"),
        )
        try:
            token = self._create_or_move(handler_input, turn, request)
        except ServiceException as e:
            if e.status_code in NO_PERMISSION:
                return ask_for_permission(handler_input, say)
            log.warning("reminder_not_created", extra={"status": e.status_code})
            return answer(handler_input, say, [say.line("reminder_failed")])
        except Exception as e:  # the API is out of reach: say so, change nothing
            log.warning("reminder_not_created", extra={"error": type(e).__name__})
            return answer(handler_input, say, [say.line("reminder_failed")])
        turn.update(_with_token(token))
        return answer(handler_input, say, [say.line("reminder_set", time=spoken_time(at))])

    @staticmethod
    def _create_or_move(handler_input: HandlerInput, turn: Turn, request: ReminderRequest) -> str:
        """Moves the reminder already set (one a person, never two); creates one otherwise."""
        client = handler_input.service_client_factory.get_reminder_management_service()
        existing = turn.state.reminder_token if turn.state else None
        if existing:
            try:
                client.update_reminder(existing, request)
                return existing
            except ServiceException as e:
                if e.status_code != 404:  # 404: deleted in the Alexa app; make a new one
                    raise
        created = client.create_reminder(request)
        return str(getattr(created, "alert_token", "") or "")


def cancel_reminder(handler_input: HandlerInput, token: str) -> bool:
    """Delete the reminder in Alexa; True when it is gone (a 404 means it already was)."""
    try:
        client = handler_input.service_client_factory.get_reminder_management_service()
        client.delete_reminder(token)
    except ServiceException as e:
        if e.status_code != 404:
            log.warning("reminder_not_deleted", extra={"status": e.status_code})
            return False
    except Exception as e:
        log.warning("reminder_not_deleted", extra={"error": type(e).__name__})
        return False
    return True


class StopReminderHandler(AbstractRequestHandler):
    intents: ClassVar[tuple[str, ...]] = ("StopReminderIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("StopReminderIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turn_of(handler_input)
        say = Speaker(turn)
        token = turn.state.reminder_token if turn.state else None
        if not token:
            return answer(handler_input, say, [say.line("reminder_none")])
        if not cancel_reminder(handler_input, token):
            return answer(handler_input, say, [say.line("reminder_stop_failed")])
        turn.update(_with_token(None))
        return answer(handler_input, say, [say.line("reminder_stopped")])
