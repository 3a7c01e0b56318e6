"""AWS Lambda entry point: `lambda_function.lambda_handler`.

The skill (and its DynamoDB client) is built once per container, at the first
request, and reused while the container stays warm.
"""

from __future__ import annotations

import logging
from typing import Any

from no_contact_coach.logs import configure_logging

configure_logging()
log = logging.getLogger("no_contact_coach")

_handler: Any = None


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _handler
    if _handler is None:
        from no_contact_coach.entrypoints.lambda_entry import build_handler

        _handler = build_handler()
    result: dict[str, Any] = _handler(event, context)
    return result
