"""Assembling the skill: handlers, interceptors, the Settings API client, the store."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model.services import ApiClient

from ..storage.port import StateStore
from .api_client import TimedApiClient
from .errors import CatchAllExceptionHandler
from .handlers import REQUEST_HANDLERS
from .interceptors import RepeatInterceptor, TurnInterceptor
from .screen import ScreenInterceptor
from .timezones import DeviceZoneCache


def build_skill(
    store: StateStore | None = None,
    *,
    api_client: ApiClient | None = None,
    skill_id: str | None = None,
    env: Mapping[str, str] | None = None,
) -> CustomSkill:
    """The skill. Production passes nothing: the store and skill id come from the environment."""
    env = os.environ if env is None else env
    if store is None:
        from ..storage.factory import store_from_env

        store = store_from_env(env)
    builder = CustomSkillBuilder(api_client=api_client or TimedApiClient())
    # An empty id (the local chat passes one) means "accept any skill id".
    configured = skill_id if skill_id is not None else env.get("SKILL_ID")
    builder.skill_id = configured or None  # type: ignore[assignment]
    for handler in REQUEST_HANDLERS:
        builder.add_request_handler(handler())
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(TurnInterceptor(store, DeviceZoneCache()))
    builder.add_global_response_interceptor(RepeatInterceptor())
    builder.add_global_response_interceptor(ScreenInterceptor())
    return builder.create()
