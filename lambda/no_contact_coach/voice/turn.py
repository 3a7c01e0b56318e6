"""One request's view of the person: who they are, their day, their journey (read at most once)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util

from ..journey.dates import local_today
from ..journey.model import JourneyState
from ..storage.port import PersonKey, StateStore, Stored, StoreError, update
from .household import note_person
from .timezones import DeviceZoneCache, device_zone_name, locale_default_zone, zone_or_none

T = TypeVar("T")
_NOT_READ: Any = object()


def request_instant(handler_input: HandlerInput) -> datetime:
    """The request's own UTC timestamp (Alexa sets it); the clock only if it is missing."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    if isinstance(stamp, str):
        try:
            parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def person_key(handler_input: HandlerInput) -> PersonKey | None:
    system = (
        handler_input.request_envelope.context.system
        if handler_input.request_envelope.context
        else None
    )
    user_id = request_util.get_user_id(handler_input) if system else None
    if not isinstance(user_id, str) or not user_id:
        return None
    person = getattr(system, "person", None)
    return PersonKey.of(user_id, getattr(person, "person_id", None))


def hashed(value: str) -> str:
    """A short stable digest for logs and seeds: raw Alexa ids never leave the request."""
    return hashlib.sha256(value.encode()).hexdigest()[:12]


@dataclass
class Turn:
    handler_input: HandlerInput
    store: StateStore
    zones: DeviceZoneCache
    key: PersonKey | None
    _stored: Any = field(default=_NOT_READ)
    _read_error: StoreError | None = None
    _zone: ZoneInfo | None = None
    _zone_name_from_device: str | None = None

    @property
    def journey(self) -> Stored | None:
        """The stored journey, read from the store on first use only."""
        if self._read_error is not None:
            raise self._read_error  # a failed read is not retried within one request
        if self._stored is _NOT_READ:
            try:
                self._stored = self.store.get(self.key) if self.key else None
            except StoreError as e:
                self._read_error = e
                raise
        stored: Stored | None = self._stored
        return stored

    @property
    def state(self) -> JourneyState | None:
        stored = self.journey
        return stored.state if stored else None

    @property
    def zone(self) -> ZoneInfo:
        if self._zone is None:
            self._zone_name_from_device = device_zone_name(self.handler_input, self.zones)
            self._zone = (
                zone_or_none(self._zone_name_from_device)
                or zone_or_none(self.remembered_zone())
                or locale_default_zone(str(request_util.get_locale(self.handler_input) or ""))
            )
        return self._zone

    def remembered_zone(self) -> str | None:
        """The zone saved with the journey; None when the journey cannot be read.

        Help, Stop and the apologies still need a day to choose their words by,
        and any write still fails on the same unreadable or unreachable item.
        """
        try:
            state = self.state
        except StoreError:
            return None
        return state.time_zone if state else None

    @property
    def today(self) -> date:
        return local_today(request_instant(self.handler_input), self.zone)

    @property
    def person_hash(self) -> str:
        return hashed(f"{self.key.user_id}/{self.key.person_id}") if self.key else "anonymous"

    def update(
        self, change: Callable[[JourneyState | None], tuple[JourneyState, T]]
    ) -> tuple[JourneyState, T]:
        """Apply a pure change and write it once, remembering the zone we used."""
        if self.key is None:
            raise PermissionError("no Alexa user in this request")
        zone_name = self.zone.key
        # A recognised voice's first write tells the account row the device is shared.
        shared = note_person(self.store, self.key, self.journey)

        def with_zone(state: JourneyState | None) -> tuple[JourneyState, T]:
            new_state, result = change(state)
            if new_state.time_zone != zone_name:
                new_state = new_state.with_changes(time_zone=zone_name)
            if shared and not new_state.shared_device_seen:
                new_state = new_state.with_changes(shared_device_seen=True)
            return new_state, result

        self._stored, result = update(self.store, self.key, with_zone, self.journey)
        return self._stored.state, result
