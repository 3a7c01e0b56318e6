"""Alexa request envelopes, shaped as Alexa sends them, for the local chat and the tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

LOCAL_API_ENDPOINT = "https://api.amazonalexa.com"
DEFAULT_APPLICATION_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000c0ac"
AUDIO_ONLY_INTERFACES: dict[str, Any] = {"Alexa.Presentation.APLA": {}}


def alexa_timestamp(instant: datetime) -> str:
    """Alexa's form: UTC, whole seconds, a trailing Z."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Caller:
    """Who is speaking, to which device, through which skill."""

    user_id: str = "amzn1.ask.account.LOCALCHAT"
    person_id: str | None = None
    device_id: str = "amzn1.ask.device.LOCALCHAT"
    application_id: str = DEFAULT_APPLICATION_ID
    api_endpoint: str = LOCAL_API_ENDPOINT
    api_access_token: str = "local-access-token"
    supported_interfaces: dict[str, Any] = field(
        default_factory=lambda: dict(AUDIO_ONLY_INTERFACES)
    )
    # Set when the person granted the skill's permissions (reminders): Alexa then sends it.
    consent_token: str | None = None
    # Permission scopes the person granted (timers): Alexa lists them in the context.
    granted_scopes: tuple[str, ...] = ()


@dataclass
class Session:
    """One Alexa session: new until its first response, attributes carried between turns."""

    session_id: str = field(default_factory=lambda: f"amzn1.echo-api.session.{uuid.uuid4()}")
    new: bool = True
    attributes: dict[str, Any] = field(default_factory=dict)

    def carry(self, result: dict[str, Any]) -> Session | None:
        """The session after the skill answered `result`: None once the answer closed it."""
        if (result.get("response") or {}).get("shouldEndSession") is not False:
            return None
        self.new = False
        self.attributes = result.get("sessionAttributes") or {}
        return self


def envelope(
    request: dict[str, Any],
    caller: Caller,
    session: Session | None,
) -> dict[str, Any]:
    system: dict[str, Any] = {
        "application": {"applicationId": caller.application_id},
        "user": {"userId": caller.user_id},
        "device": {
            "deviceId": caller.device_id,
            "supportedInterfaces": caller.supported_interfaces,
        },
        "apiEndpoint": caller.api_endpoint,
        "apiAccessToken": caller.api_access_token,
    }
    if caller.person_id:
        system["person"] = {"personId": caller.person_id}
    if caller.consent_token:
        system["user"]["permissions"] = {"consentToken": caller.consent_token}
    if caller.granted_scopes:
        permissions = system["user"].setdefault("permissions", {})
        permissions["scopes"] = {scope: {"status": "GRANTED"} for scope in caller.granted_scopes}
    body: dict[str, Any] = {"version": "1.0", "context": {"System": system}, "request": request}
    if session is not None:
        body["session"] = {
            "new": session.new,
            "sessionId": session.session_id,
            "application": {"applicationId": caller.application_id},
            "user": {"userId": caller.user_id},
            "attributes": session.attributes,
        }
    return body


def _request(kind: str, instant: datetime, locale: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": alexa_timestamp(instant),
        "locale": locale,
        **extra,
    }


def launch_request(instant: datetime, locale: str = "en-US") -> dict[str, Any]:
    return _request("LaunchRequest", instant, locale)


def intent_request(
    name: str,
    instant: datetime,
    locale: str = "en-US",
    slots: dict[str, Any] | None = None,
) -> dict[str, Any]:
    intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if slots:
        intent["slots"] = slots
    return _request("IntentRequest", instant, locale, dialogState="COMPLETED", intent=intent)


def session_ended_request(
    instant: datetime, locale: str = "en-US", reason: str = "USER_INITIATED"
) -> dict[str, Any]:
    return _request("SessionEndedRequest", instant, locale, reason=reason)


def skill_disabled_event(instant: datetime, locale: str = "en-US") -> dict[str, Any]:
    return _request(
        "AlexaSkillEvent.SkillDisabled",
        instant,
        locale,
        body={"userInformationPersistenceStatus": "NOT_PERSISTED"},
    )


def simple_slot(name: str, value: str | None) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        slot["value"] = value
    return slot


def custom_slot(
    name: str,
    spoken: str,
    resolved_id: str | None,
    resolved_name: str | None = None,
    type_name: str = "",
) -> dict[str, Any]:
    """A custom-type slot with entity resolution, as Alexa fills it."""
    authority = f"amzn1.er-authority.echo-sdk.{DEFAULT_APPLICATION_ID}.{type_name}"
    resolution: dict[str, Any]
    if resolved_id is None:
        resolution = {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
    else:
        resolution = {
            "authority": authority,
            "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": resolved_name or resolved_id, "id": resolved_id}}],
        }
    return {
        "name": name,
        "value": spoken,
        "confirmationStatus": "NONE",
        "resolutions": {"resolutionsPerAuthority": [resolution]},
    }
