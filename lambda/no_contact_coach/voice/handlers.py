"""ASK request handlers: read the request, call the journey, pick content, respond.

Handlers are thin. Rules live in `journey`, words in `content/`, response
shape in `respond`. `can_handle` looks only at the request, never at storage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type, request_util
from ask_sdk_model import Response

from ..journey import reasons as journey_reasons
from ..journey import rules
from ..journey.dates import day_number, past_reading
from ..journey.errors import DateInFuture, DateTooOld, DateUnclear
from ..journey.model import JourneyState
from ..storage.port import StoreError
from . import privacy, reasons, waiting
from .base import PENDING_IN, TURN, IntentHandler, pending_of, turn_of
from .reminders import ReminderHandler, StopReminderHandler
from .respond import (
    LAST,
    PRONOUN_IDS,
    Speaker,
    answer,
    ask,
    is_one_shot,
    session_attributes,
    slot_id,
    slot_value,
    spoken_date,
    tell,
)
from .safety import SafetyHandler
from .speech import to_ssml
from .turn import Turn

log = logging.getLogger(__name__)

# --- shared steps -----------------------------------------------------------------


def offer_start(handler_input: HandlerInput, say: Speaker, parts: list[str]) -> Response:
    return ask(
        handler_input,
        parts,
        say.line("ask_start"),
        say.reprompt("ask_start"),
        {"kind": "start", "date": None},
    )


def milestone_parts(turn: Turn, say: Speaker) -> list[str]:
    """A milestone reached and not yet announced: say it once, and remember that we did."""
    state = turn.state
    if state is None:
        return []
    milestone = rules.due_milestone(state, turn.today)
    if milestone is None:
        return []
    try:
        turn.update(lambda s: (rules.mark_announced(s or state, milestone), None))
    except StoreError:
        log.warning("milestone_not_recorded", extra={"person": turn.person_hash})
    if milestone.months:
        return [say.line("milestone_month", months=milestone.months)]
    return [say.line(f"milestone_{milestone.day}")]


def day_parts(turn: Turn, say: Speaker, state: JourneyState) -> list[str]:
    progress = rules.progress(state, turn.today)
    if progress.day < progress.goal_days:
        return [say.line("what_day", day=progress.day, days_left=progress.days_left)]
    if progress.day == progress.goal_days:
        return [say.line("what_day_goal", day=progress.day)]
    return [say.line("what_day_beyond", day=progress.day)]


def tip_text(turn: Turn, say: Speaker, state: JourneyState) -> str:
    tip = say.catalog.tip_for_day(rules.current_day(state, turn.today))
    return say.render(tip.say)


def start_journey(handler_input: HandlerInput, turn: Turn, say: Speaker, start: date) -> Response:
    today = turn.today
    turn.update(lambda s: (rules.start(s, start, today), None))
    if start == today:
        parts = [say.line("start_saved_today")]
    else:
        parts = [
            say.line("start_saved_date", date=spoken_date(start), day=day_number(start, today))
        ]
    return answer(handler_input, say, parts, "ask_tip", {"kind": "tip"})


def play_tip(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    state = turn.state
    if state is None or not state.has_started:
        return offer_start(handler_input, say, [say.render(say.catalog.before_start_tip().say)])
    parts = [*milestone_parts(turn, say), tip_text(turn, say, state)]
    return answer(handler_input, say, parts, "ask_exercise", {"kind": "exercise"})


# --- launch and the count ---------------------------------------------------------


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turn_of(handler_input)
        say = Speaker(turn)
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.line("welcome_new")])
        day = rules.current_day(state, turn.today)
        parts = [*milestone_parts(turn, say), say.line("welcome_back", day=day)]
        return ask(
            handler_input, parts, say.line("ask_tip"), say.reprompt("ask_tip"), {"kind": "tip"}
        )


class StartHandler(IntentHandler):
    intents = ("StartNoContactIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        today = turn.today
        spoken = slot_value(handler_input, "date")
        try:
            start = past_reading(spoken, today) if spoken else today
        except DateUnclear:
            return ask(handler_input, [], say.line("date_unclear"), say.reprompt("date_unclear"))
        except DateInFuture:
            return offer_start(handler_input, say, [say.line("date_future")])
        except DateTooOld:
            return offer_start(handler_input, say, [say.line("date_too_old")])
        pending = {"kind": "start", "date": start.isoformat()}
        state = turn.state
        if state is not None and state.has_started:
            day = rules.current_day(state, today)
            if start == today:
                question = say.line("start_confirm_restart", day=day)
            else:
                question = say.line(
                    "start_confirm_restart_date",
                    day=day,
                    date=spoken_date(start),
                    new_day=day_number(start, today),
                )
            return ask(handler_input, [], question, question, pending)
        if start == today:
            return start_journey(handler_input, turn, say, start)
        question = say.line(
            "start_confirm_date", date=spoken_date(start), day=day_number(start, today)
        )
        return ask(handler_input, [], question, question, pending)


class WhatDayHandler(IntentHandler):
    intents = ("WhatDayIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.line("no_journey")])
        parts = [*milestone_parts(turn, say), *day_parts(turn, say, state)]
        return answer(handler_input, say, parts, "ask_tip", {"kind": "tip"})


class ProgressHandler(IntentHandler):
    intents = ("ProgressIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.line("progress_no_journey")])
        p = rules.progress(state, turn.today)
        line = say.line(
            "progress",
            day=p.day,
            longest=p.longest,
            slips=p.slips,
            urges=p.urges,
            exercises=p.exercises,
        )
        return answer(
            handler_input, say, [*milestone_parts(turn, say), line], "ask_tip", {"kind": "tip"}
        )


class TipHandler(IntentHandler):
    intents = ("TodaysTipIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        return play_tip(handler_input, turn, say)


class AnotherTipHandler(IntentHandler):
    """A different tip from the course so far; never today's, never one heard this session."""

    intents = ("AnotherTipIntent",)
    HEARD = "tips_heard"

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.render(say.catalog.before_start_tip().say)])
        session = session_attributes(handler_input)
        heard = set(session.get(self.HEARD, []))
        todays = say.catalog.tip_for_day(rules.current_day(state, turn.today))
        heard.add(todays.id)
        pool = [t for t in say.catalog.all_tips() if t.id not in heard] or [
            t for t in say.catalog.all_tips() if t.id != todays.id
        ]
        tip = say.pick(pool, f"another:{len(heard)}")
        session[self.HEARD] = sorted(heard | {tip.id})
        return answer(
            handler_input, say, [say.render(tip.say)], "ask_exercise", {"kind": "exercise"}
        )


# --- urges and slips ----------------------------------------------------------------


class UrgeHandler(IntentHandler):
    intents = ("UrgeIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        today = turn.today
        state = turn.state
        started = state is not None and state.has_started
        said = slot_id(handler_input, "ex")
        urge = say.catalog.urge_after(
            state.last_urge_id if state else None,
            with_day=started,
            seed=say.seed(f"urge:{state.urge_count if state else 0}"),
        )
        # One of their own reasons comes back; on a shared device only after asking.
        reason = reasons.reason_for_urge(turn, say, state)
        ask_first = reasons.is_shared_unrecognised(turn, state)

        def change(s: JourneyState | None) -> tuple[JourneyState, None]:
            s = rules.record_urge(s or JourneyState(), today, urge.id)
            if s.pronoun is None and said in PRONOUN_IDS:
                s = rules.set_pronoun(s, said)  # type: ignore[arg-type]
            if reason is not None and not ask_first:
                s = journey_reasons.mark_offered(s, reason)
            return s, None

        new_state, _ = turn.update(change)
        session_attributes(handler_input)[waiting.URGE_COUNTED] = True
        values: dict[str, Any] = {}
        if started:
            values["day"] = rules.current_day(new_state, today)
        parts = [say.render(urge.say, **values)]
        if not started:
            parts.append(say.line("urge_no_journey_note"))
        return reasons.urge_follow_up(handler_input, say, parts, reason, ask_first)


class SlipHandler(IntentHandler):
    intents = ("SlipIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.line("slip_no_journey")])
        question = say.line("slip_confirm")
        return ask(handler_input, [], question, say.reprompt("slip_confirm"), {"kind": "slip"})


def confirm_slip(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    today = turn.today
    _, outcome = turn.update(lambda s: rules.slip(s or JourneyState(), today))
    line = say.line(
        "slip_restarted", kept=outcome.kept, longest=outcome.longest, slips=outcome.slips
    )
    return ask(handler_input, [line], say.line("ask_tip"), say.reprompt("ask_tip"), {"kind": "tip"})


# --- the exercise ---------------------------------------------------------------------


class ExerciseHandler(IntentHandler):
    intents = ("DetoxExerciseIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        variant = "quick" if slot_id(handler_input, "length") == "quick" else "full"
        return play_exercise(handler_input, turn, say, variant)


def play_exercise(handler_input: HandlerInput, turn: Turn, say: Speaker, variant: str) -> Response:
    """Plays the exercise as APL for Audio; its last cue asks whether to go again.

    A completion is counted when the person answers that closing question:
    someone who stops halfway has not completed it.
    """
    from .exercise import render_directive, render_exercise

    audio = render_exercise(variant, pronoun=say.pronoun())
    session = session_attributes(handler_input)
    session.pop(LAST, None)
    session["pending"] = {"kind": "exercise_done", "variant": variant}
    builder = handler_input.response_builder
    builder.add_directive(render_directive(audio)).ask(to_ssml(audio.closing_question))
    return builder.response


def count_exercise(turn: Turn) -> None:
    turn.update(lambda s: (rules.record_exercise(s or JourneyState()), None))


# --- the pronoun ----------------------------------------------------------------------


class PronounHandler(IntentHandler):
    intents = ("SetPronounIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        choice = slot_id(handler_input, "pronoun")
        if choice not in PRONOUN_IDS:
            return ask(
                handler_input, [], say.line("pronoun_unclear"), say.reprompt("pronoun_unclear")
            )
        turn.update(lambda s: (rules.set_pronoun(s, choice), None))  # type: ignore[arg-type]
        return answer(handler_input, say, [say.line("pronoun_set")])


# --- the guide's questions ------------------------------------------------------------

QUESTION_INTENTS = {
    "ExContactedMeIntent": "ex_contacted",
    "BumpedIntoExIntent": "bumped_into",
    "ExNewPartnerIntent": "new_partner",
    "WhyFourWeeksIntent": "why_four_weeks",
    "IsItCruelIntent": "is_it_cruel",
    "WhatToDoIntent": "what_to_do",
    "ReplyToExIntent": "reply_if_they_reach_out",
    "FirstTextIntent": "first_text",
    "MeetingAgainIntent": "meeting_again",
}


class QuestionHandler(IntentHandler):
    intents = tuple(QUESTION_INTENTS)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        question = say.catalog.question(
            QUESTION_INTENTS[str(request_util.get_intent_name(handler_input))]
        )
        return answer(handler_input, say, [say.render(say.pick(question.say, "question"))])


class MistakesHandler(IntentHandler):
    intents = ("MistakesIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        return tell_mistake(handler_input, say, 1, [say.line("mistakes_intro")])


def tell_mistake(
    handler_input: HandlerInput, say: Speaker, number: int, parts: list[str]
) -> Response:
    mistakes = say.catalog.mistakes()
    if number > len(mistakes):
        return answer(handler_input, say, [say.line("mistakes_done")])
    parts = [*parts, say.render(mistakes[number - 1].say)]
    if number == len(mistakes):
        return answer(handler_input, say, [*parts, say.line("mistakes_done")])
    return ask(
        handler_input,
        parts,
        say.line("mistakes_next"),
        say.reprompt("mistakes_next"),
        {"kind": "mistake", "next": number + 1},
    )


class ReadyHandler(IntentHandler):
    intents = ("ReadyToReachOutIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.has_started:
            return offer_start(handler_input, say, [say.line("no_journey")])
        progress = rules.progress(state, turn.today)
        if not progress.goal_reached:
            return answer(
                handler_input, say, [say.line("ready_before_goal", days_left=progress.days_left)]
            )
        return ask_readiness(handler_input, say, 0, [say.line("ready_intro")])


def ask_readiness(
    handler_input: HandlerInput, say: Speaker, index: int, parts: list[str]
) -> Response:
    checks = say.catalog.readiness()
    if index >= len(checks):
        return answer(handler_input, say, [*parts, say.line("ready_all_yes")])
    question = say.render(checks[index].ask)
    return ask(handler_input, parts, question, question, {"kind": "ready", "index": index})


# --- yes, no, next, repeat ------------------------------------------------------------


class YesHandler(IntentHandler):
    intents = ("AMAZON.YesIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        pending = pending_of(handler_input)
        kind = pending.get("kind")
        if kind == privacy.DELETE:
            return privacy.confirm_delete(handler_input, turn, say)
        if kind in reasons.KINDS:
            return reasons.on_yes(handler_input, turn, say, pending)
        if kind == "start":
            start = _pending_date(pending) or turn.today
            return start_journey(handler_input, turn, say, min(start, turn.today))
        if kind == "slip":
            return confirm_slip(handler_input, turn, say)
        if kind == "tip":
            return play_tip(handler_input, turn, say)
        if kind == "exercise":
            return play_exercise(handler_input, turn, say, pending.get("variant", "full"))
        if kind == "exercise_done":
            # Both closing questions offer the full version: once more, or the longer one.
            count_exercise(turn)
            return play_exercise(handler_input, turn, say, "full")
        if kind == "mistake":
            return tell_mistake(handler_input, say, int(pending.get("next", 1)), [])
        if kind == "ready":
            return ask_readiness(handler_input, say, int(pending.get("index", 0)) + 1, [])
        return ask(handler_input, [say.line("yes_without_question")], say.line("ask_anything_else"))


class NoHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        pending = pending_of(handler_input)
        kind = pending.get("kind")
        if kind == privacy.DELETE:
            return privacy.keep_data(handler_input, say)
        if kind in reasons.KINDS:
            return reasons.on_no(handler_input, turn, say, pending)
        state = turn.state if kind in ("start", "slip") else None
        if kind == "start":
            if state is not None and state.has_started:
                day = rules.current_day(state, turn.today)
                return answer(handler_input, say, [say.line("start_kept", day=day)])
            if pending.get("date"):
                return ask(
                    handler_input, [], say.line("date_unclear"), say.reprompt("date_unclear")
                )
            return tell(handler_input, [say.line("start_declined")])
        if kind == "slip" and state is not None and state.has_started:
            day = rules.current_day(state, turn.today)
            return answer(handler_input, say, [say.line("slip_kept", day=day)])
        if kind == "exercise":
            return tell(handler_input, [say.line("exercise_offer_declined")])
        if kind == "exercise_done":
            count_exercise(turn)
            return tell(handler_input, [say.line("goodbye")])
        if kind == "ready":
            check = say.catalog.readiness()[int(pending.get("index", 0))]
            return answer(handler_input, say, [say.render(check.if_no), say.line("ready_not_yet")])
        if kind in ("tip", "mistake"):
            return tell(handler_input, [say.line("goodbye")])
        return ask(handler_input, [say.line("no_without_question")], say.line("ask_anything_else"))


class NextHandler(IntentHandler):
    intents = ("AMAZON.NextIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        pending = pending_of(handler_input)
        if pending.get("kind") == "mistake":
            return tell_mistake(handler_input, say, int(pending.get("next", 1)), [])
        if pending.get("kind") == reasons.READ:
            return reasons.on_next(handler_input, turn, say, pending)
        return AnotherTipHandler().respond(handler_input, turn, say)


class RepeatHandler(IntentHandler):
    intents = ("AMAZON.RepeatIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        session = session_attributes(handler_input)
        last = session.get(LAST)
        pending = pending_of(handler_input)
        if pending.get("kind") == "exercise_done":
            count_exercise(turn)
            return play_exercise(handler_input, turn, say, pending.get("variant", "full"))
        if not last:
            return ask(
                handler_input, [say.line("nothing_to_repeat")], say.line("ask_anything_else")
            )
        if pending:
            session["pending"] = pending
        builder = handler_input.response_builder
        builder.speak(last["speech"])
        if last.get("reprompt"):
            builder.ask(last["reprompt"])
        return builder.response


# --- the always-available intents -----------------------------------------------------


class HelpHandler(IntentHandler):
    intents = ("AMAZON.HelpIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        return ask(
            handler_input,
            [say.line("help")],
            say.line("ask_anything_else"),
            say.reprompt("ask_anything_else"),
        )


class StopHandler(IntentHandler):
    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        if pending_of(handler_input).get("kind") == "exercise_done":
            # Stopped during or right after the exercise: end quietly, nothing to add.
            handler_input.response_builder.set_should_end_session(True)
            return handler_input.response_builder.response
        return tell(handler_input, [say.line("goodbye")])


class FallbackHandler(IntentHandler):
    intents = ("AMAZON.FallbackIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        pending = pending_of(handler_input)
        if pending:
            session_attributes(handler_input)["pending"] = pending
        return ask(
            handler_input,
            [say.line("fallback")],
            say.line("ask_anything_else"),
            say.reprompt("ask_anything_else"),
        )


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        error = getattr(request, "error", None)
        if error is not None:
            log.warning(
                "session_ended_with_error",
                extra={"error_type": str(getattr(error, "object_type", ""))},
            )
        return handler_input.response_builder.response


class SkillDisabledHandler(AbstractRequestHandler):
    """Disabling the skill removes every journey of the account."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turn_of(handler_input)
        if turn.key is not None:
            removed = turn.store.delete_account(turn.key.user_id)
            log.info("account_deleted", extra={"person": turn.person_hash, "rows": removed})
        return handler_input.response_builder.response


def _pending_date(pending: dict[str, Any]) -> date | None:
    value = pending.get("date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


REQUEST_HANDLERS: tuple[Callable[[], AbstractRequestHandler], ...] = (
    SafetyHandler,  # first: safety comes before any pending step
    ReminderHandler,
    StopReminderHandler,
    LaunchHandler,
    StartHandler,
    WhatDayHandler,
    ProgressHandler,
    TipHandler,
    AnotherTipHandler,
    UrgeHandler,
    *reasons.HANDLERS,
    waiting.WaitItOutHandler,
    SlipHandler,
    ExerciseHandler,
    PronounHandler,
    QuestionHandler,
    MistakesHandler,
    ReadyHandler,
    YesHandler,
    NoHandler,
    NextHandler,
    RepeatHandler,
    privacy.DeleteDataHandler,
    HelpHandler,
    StopHandler,
    FallbackHandler,
    SessionEndedHandler,
    SkillDisabledHandler,
)


def handled_intents() -> set[str]:
    """Every intent some handler answers: checked against the interaction model in tests."""
    names: set[str] = set()
    for factory in REQUEST_HANDLERS:
        names.update(getattr(factory, "intents", ()))
    return names


__all__ = [
    "PENDING_IN",
    "REQUEST_HANDLERS",
    "TURN",
    "IntentHandler",
    "handled_intents",
    "is_one_shot",
    "pending_of",
    "turn_of",
]
