"""The Lambda adapter: JSON event in, JSON response out, around the one CustomSkill."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope, ResponseEnvelope

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def build_handler(skill: CustomSkill | None = None) -> Handler:
    if skill is None:
        from ..voice.skill import build_skill

        skill = build_skill()
    serializer = DefaultSerializer()

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        envelope = _envelope(serializer, event)
        if envelope is None:
            return _apology(serializer)
        refuse_other_skills(skill, envelope)
        try:
            response = skill.invoke(request_envelope=envelope, context=context)
        except Exception as e:  # even the exception handler failed: still answer
            log.error("invoke_failed", extra={"error": type(e).__name__})
            return _apology(serializer)
        return _as_dict(serializer.serialize(response))

    return handle


class RequestRefused(AskSdkException):
    """The request is for another skill: it gets no answer at all."""


def refuse_other_skills(skill: CustomSkill, envelope: RequestEnvelope) -> None:
    """With SKILL_ID set, another skill's request stops here: before any state is read."""
    if skill.skill_id is None:
        return
    system = envelope.context.system if envelope.context else None
    application = system.application if system else None
    if getattr(application, "application_id", None) != skill.skill_id:
        log.warning("request_refused")
        raise RequestRefused("request for another skill")


def _envelope(serializer: DefaultSerializer, event: Any) -> RequestEnvelope | None:
    import json

    try:
        envelope = serializer.deserialize(json.dumps(event), RequestEnvelope)
    except Exception:  # malformed or not JSON-shaped at all
        log.warning("malformed_envelope")
        return None
    if (
        not isinstance(envelope, RequestEnvelope)
        or envelope.request is None
        or envelope.context is None
        or envelope.context.system is None
        or envelope.context.system.application is None
    ):
        log.warning("incomplete_envelope")
        return None
    return envelope


def _apology(serializer: DefaultSerializer) -> dict[str, Any]:
    """A valid Alexa response for a request we could not read at all."""
    from ask_sdk_model import Response
    from ask_sdk_model.ui import SsmlOutputSpeech

    from ..voice.errors import LAST_RESORT
    from ..voice.speech import to_ssml

    try:
        from ..content.catalog import load_catalog

        line = load_catalog().message("error").say[0]
    except Exception:
        line = LAST_RESORT
    response = Response(output_speech=SsmlOutputSpeech(ssml=to_ssml(line)), should_end_session=True)
    return _as_dict(serializer.serialize(ResponseEnvelope(version="1.0", response=response)))


def _as_dict(serialized: object) -> dict[str, Any]:
    if not isinstance(serialized, dict):
        raise TypeError("a response envelope serializes to a JSON object")
    return serialized
