"""The person's own reasons by voice: add (read back first), read a few at a time, remove.

And the urge's use of them: one reason offered back, never the same twice in a
row, and on a shared device only after asking. Rules and limits live in
journey/reasons.py; this module only talks.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..journey import reasons
from ..journey.model import JourneyState, Reason
from ..storage.port import ACCOUNT_MARKER
from .base import IntentHandler
from .respond import Speaker, answer, ask, slot_value, tell
from .speech import pause
from .turn import Turn

REASON_SLOT = "reason"
WAIT_MINUTES = 15
"""The timer's length; here so the urge's offer and the timer say the same number."""
_BETWEEN_REASONS_S = 0.6

# Pending kinds this module answers (YesHandler / NoHandler / NextHandler dispatch here).
ADD = "reason_add"
READ = "reasons"
DELETE = "reason_delete"
CLEAR = "reasons_clear"
CHECK = "reason_check"
ALOUD = "reason_aloud"
KINDS = frozenset({ADD, READ, DELETE, CLEAR, CHECK, ALOUD})


# --- adding -----------------------------------------------------------------------


class AddReasonHandler(IntentHandler):
    """ "Add a reason: he never listened": read it back, save only on yes."""

    intents = ("AddReasonIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        try:
            text = reasons.clean(slot_value(handler_input, REASON_SLOT))
            reasons.add(turn.state, text, turn.today)  # only to check: nothing is written yet
        except reasons.ReasonEmpty:
            return _ask_line(handler_input, say, "reason_missing")
        except reasons.ReasonTooLong:
            return _ask_line(handler_input, say, "reason_too_long")
        except reasons.ReasonAlreadyListed:
            return answer(handler_input, say, [say.line("reason_duplicate")])
        except reasons.ReasonListFull:
            return answer(
                handler_input, say, [say.line("reason_list_full", count=reasons.MAX_REASONS)]
            )
        question = say.line("reason_confirm", reason=text)
        return ask(handler_input, [], question, say.reprompt("reason_confirm"), _pending(ADD, text))


def save_reason(handler_input: HandlerInput, turn: Turn, say: Speaker, text: str) -> Response:
    today = turn.today
    try:
        state, _ = turn.update(lambda s: (reasons.add(s, text, today), None))
    except reasons.ReasonAlreadyListed:  # e.g. a yes said twice, or a second device
        return answer(handler_input, say, [say.line("reason_duplicate")])
    except reasons.ReasonListFull:
        return answer(handler_input, say, [say.line("reason_list_full", count=reasons.MAX_REASONS)])
    except (reasons.ReasonEmpty, reasons.ReasonTooLong):  # a session attribute changed under us
        return _ask_line(handler_input, say, "reason_missing")
    return answer(handler_input, say, [say.line("reason_saved", count=len(state.reasons))])


# --- reading ----------------------------------------------------------------------


class ListReasonsHandler(IntentHandler):
    """ "What are my reasons": the newest few, then "shall I read more?"."""

    intents = ("ListReasonsIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        return read_reasons(handler_input, turn, say, 0)


def read_reasons(handler_input: HandlerInput, turn: Turn, say: Speaker, start: int) -> Response:
    state = turn.state
    items, following = reasons.page(state, start)
    if not items:
        key = "reasons_none" if start == 0 else "reasons_end"
        return answer(handler_input, say, [say.line(key)])
    parts: list[str] = []
    if start == 0 and state is not None:
        parts.append(say.line("reasons_intro", count=len(state.reasons)))
    for index, reason in enumerate(items):
        if index:
            parts.append(pause(_BETWEEN_REASONS_S))
        parts.append(as_sentence(reason.text))
    if following is None:
        return answer(handler_input, say, [*parts, say.line("reasons_end")])
    return ask(
        handler_input,
        parts,
        say.line("reasons_more"),
        say.reprompt("reasons_more"),
        {"kind": READ, "next": following},
    )


def as_sentence(text: str) -> str:
    """The person's words as one spoken sentence (escaping happens in to_ssml)."""
    return text if text[-1:] in ".!?" else f"{text}."


# --- removing ---------------------------------------------------------------------


class DeleteLastReasonHandler(IntentHandler):
    intents = ("DeleteLastReasonIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        latest = reasons.newest(turn.state)
        if latest is None:
            return answer(handler_input, say, [say.line("reasons_none")])
        question = say.line("reason_delete_confirm", reason=latest.text)
        return ask(
            handler_input,
            [],
            question,
            say.reprompt("reason_delete_confirm"),
            _pending(DELETE, latest.text),
        )


class ClearReasonsHandler(IntentHandler):
    intents = ("ClearReasonsIntent",)

    def respond(self, handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
        state = turn.state
        if state is None or not state.reasons:
            return answer(handler_input, say, [say.line("reasons_none")])
        question = say.line("reasons_clear_confirm", count=len(state.reasons))
        return ask(
            handler_input, [], question, say.reprompt("reasons_clear_confirm"), {"kind": CLEAR}
        )


def delete_reason(handler_input: HandlerInput, turn: Turn, say: Speaker, text: str) -> Response:
    try:
        state, _ = turn.update(lambda s: (reasons.remove_last(s, expected=text or None), None))
    except reasons.NoReasons:
        return answer(handler_input, say, [say.line("reasons_none")])
    return answer(handler_input, say, [say.line("reason_deleted", count=len(state.reasons))])


def clear_reasons(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    turn.update(lambda s: (reasons.clear(s), None))
    return answer(handler_input, say, [say.line("reasons_cleared")])


# --- at an urge -------------------------------------------------------------------


def is_shared_unrecognised(turn: Turn, state: JourneyState | None) -> bool:
    """No recognised voice, on an account where other people keep journeys of their own."""
    return (
        turn.key is not None
        and turn.key.person_id == ACCOUNT_MARKER
        and state is not None
        and state.shared_device_seen
    )


def reason_for_urge(turn: Turn, say: Speaker, state: JourneyState | None) -> Reason | None:
    """The reason this urge may bring back (never the last one spoken, when there is another)."""
    pool = reasons.offerable(state)
    if not pool:
        return None
    return say.pick(pool, f"reason:{state.urge_count if state else 0}")


def urge_follow_up(
    handler_input: HandlerInput,
    say: Speaker,
    parts: list[str],
    reason: Reason | None,
    ask_first: bool,
) -> Response:
    """After the urge's own words: a reason (or the question whether to say one), else the offer."""
    if reason is not None and ask_first:
        return ask(
            handler_input,
            parts,
            say.line("urge_reason_ask_aloud"),
            say.reprompt("urge_reason_ask_aloud"),
            {"kind": ALOUD},
        )
    if reason is not None:
        return _say_reason(handler_input, say, parts, reason)
    return offer_wait_or_exercise(handler_input, say, parts)


def offer_wait_or_exercise(handler_input: HandlerInput, say: Speaker, parts: list[str]) -> Response:
    """Yes plays the exercise; "help me wait it out" sets the timer."""
    return ask(
        handler_input,
        parts,
        say.line("ask_wait_or_exercise", minutes=WAIT_MINUTES),
        say.reprompt("ask_wait_or_exercise", minutes=WAIT_MINUTES),
        {"kind": "exercise"},
    )


def _say_reason(
    handler_input: HandlerInput, say: Speaker, parts: list[str], reason: Reason
) -> Response:
    question = say.line("urge_reason", reason=reason.text)
    return ask(handler_input, parts, question, say.reprompt("urge_reason"), {"kind": CHECK})


def read_reason_aloud(handler_input: HandlerInput, turn: Turn, say: Speaker) -> Response:
    """They said yes to hearing a reason on a shared device: say it, and remember which."""
    reason = reason_for_urge(turn, say, turn.state)
    if reason is None:  # the list was emptied meanwhile
        return offer_wait_or_exercise(handler_input, say, [])
    turn.update(lambda s: (reasons.mark_offered(s, reason), None))
    return _say_reason(handler_input, say, [], reason)


# --- yes, no and next on this module's questions ------------------------------------


def on_yes(
    handler_input: HandlerInput, turn: Turn, say: Speaker, pending: dict[str, Any]
) -> Response:
    kind = pending.get("kind")
    if kind == ADD:
        return save_reason(handler_input, turn, say, str(pending.get("text") or ""))
    if kind == READ:
        return on_next(handler_input, turn, say, pending)
    if kind == DELETE:
        return delete_reason(handler_input, turn, say, str(pending.get("text") or ""))
    if kind == CLEAR:
        return clear_reasons(handler_input, turn, say)
    if kind == CHECK:
        return offer_wait_or_exercise(handler_input, say, [say.line("reason_still_true")])
    return read_reason_aloud(handler_input, turn, say)  # ALOUD


def on_no(
    handler_input: HandlerInput, turn: Turn, say: Speaker, pending: dict[str, Any]
) -> Response:
    kind = pending.get("kind")
    if kind == ADD:
        return answer(handler_input, say, [say.line("reason_discarded")])
    if kind == DELETE:
        return answer(handler_input, say, [say.line("reason_kept")])
    if kind == CLEAR:
        return answer(handler_input, say, [say.line("reasons_clear_kept")])
    if kind == CHECK:
        return offer_wait_or_exercise(handler_input, say, [say.line("reason_not_true")])
    if kind == ALOUD:
        return offer_wait_or_exercise(handler_input, say, [])
    return tell(handler_input, [say.line("goodbye")])  # READ: no more, thanks


def on_next(
    handler_input: HandlerInput, turn: Turn, say: Speaker, pending: dict[str, Any]
) -> Response:
    try:
        start = int(pending.get("next", 0))
    except (TypeError, ValueError):
        start = 0
    return read_reasons(handler_input, turn, say, start)


def _pending(kind: str, text: str) -> dict[str, Any]:
    return {"kind": kind, "text": text}


def _ask_line(handler_input: HandlerInput, say: Speaker, key: str) -> Response:
    return ask(handler_input, [], say.line(key), say.reprompt(key))


HANDLERS = (AddReasonHandler, ListReasonsHandler, DeleteLastReasonHandler, ClearReasonsHandler)
