"""Knowing, cheaply, that several people use one account (so one Echo may be shared).

A request without a recognised voice reads the account's own row; whether
other people keep journeys on the account would take a Query of the whole
partition on every such request. Instead the account row carries a flag,
`shared_device_seen`, set the first time a recognised voice writes its own
journey: one extra read and write of the account row, once per person (their
own row then carries the flag too, so it is not done again).
"""

from __future__ import annotations

import logging

from ..journey.model import JourneyState
from ..journey.reasons import mark_shared
from ..storage.port import ACCOUNT_MARKER, PersonKey, StateStore, Stored, StoreError, update

log = logging.getLogger(__name__)


def note_person(store: StateStore, key: PersonKey, stored: Stored | None) -> bool:
    """Before a recognised voice's write: tell the account row, once. True: mark this row too.

    Best effort: if the account row cannot be written, the person's own write
    still goes ahead, unmarked, and the next one tries again.
    """
    if key.person_id == ACCOUNT_MARKER or (stored is not None and stored.state.shared_device_seen):
        return False
    account = PersonKey(key.user_id)
    try:
        current = store.get(account)
        if current is None or not current.state.shared_device_seen:
            update(store, account, _mark, current)
    except StoreError as e:
        log.warning("household_not_noted", extra={"error": type(e).__name__})
        return False
    return True


def _mark(state: JourneyState | None) -> tuple[JourneyState, None]:
    return mark_shared(state), None
