"""The person's time zone: the Alexa Settings API, then what we knew, then the locale's default."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util

log = logging.getLogger(__name__)

LOCALE_DEFAULT_ZONES = {
    "en-US": "America/New_York",
    "en-CA": "America/Toronto",
    "en-GB": "Europe/London",
    "en-IE": "Europe/Dublin",
    "en-AU": "Australia/Sydney",
    "en-IN": "Asia/Kolkata",
}
FALLBACK_ZONE = "America/New_York"
CACHE_SECONDS = 600.0


def zone_or_none(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def locale_default_zone(locale: str | None) -> ZoneInfo:
    return ZoneInfo(LOCALE_DEFAULT_ZONES.get(locale or "", FALLBACK_ZONE))


@dataclass
class DeviceZoneCache:
    """Settings API answers per device, kept a few minutes across warm invocations.

    A device's zone changes rarely; asking once per ten minutes spares most
    requests a round trip without keeping a stale zone past a day boundary.
    """

    ttl_s: float = CACHE_SECONDS
    _entries: dict[str, tuple[float, str]] = field(default_factory=dict)

    def get(self, device_id: str) -> str | None:
        entry = self._entries.get(device_id)
        if entry and time.monotonic() - entry[0] < self.ttl_s:
            return entry[1]
        return None

    def put(self, device_id: str, zone: str) -> None:
        if len(self._entries) > 10_000:
            self._entries.clear()
        self._entries[device_id] = (time.monotonic(), zone)


def device_zone_name(handler_input: HandlerInput, cache: DeviceZoneCache) -> str | None:
    """The device's IANA zone from the Settings API, or None when it cannot be had."""
    device_id = request_util.get_device_id(handler_input)
    if not isinstance(device_id, str) or not device_id:
        return None
    cached = cache.get(device_id)
    if cached:
        return cached
    factory = handler_input.service_client_factory
    if factory is None:
        return None
    try:
        name = factory.get_ups_service().get_system_time_zone(device_id)
    except Exception as e:  # any failure of a remote call falls back to what we know
        log.warning("settings_api_time_zone_failed", extra={"error": type(e).__name__})
        return None
    if isinstance(name, str) and zone_or_none(name) is not None:
        cache.put(device_id, name)
        return name
    return None
