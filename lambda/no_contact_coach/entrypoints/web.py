"""The skill as a self-hosted web service: flask-ask-sdk on POST ``/``.

``create_app`` builds the Flask app around any ask-sdk CustomSkill; ``serve`` is what
``no-contact-coach serve`` runs. Alexa's request verification (``verification.py``) is on
unless explicitly switched off; every refused request gets HTTP 400 and never reaches the
skill.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask import Flask, abort, request

from no_contact_coach.entrypoints._webservice_compat import (
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    AbstractVerifier,
    SkillAdapter,
)
from no_contact_coach.entrypoints.verification import (
    ApplicationIdVerifier,
    CertFetcher,
    alexa_verifiers,
)

if TYPE_CHECKING:
    from ask_sdk_core.skill import CustomSkill
    from cryptography import x509

_LOG = logging.getLogger(__name__)

ROUTE = "/"
# Alexa requests are a few kilobytes; refusing huge bodies early costs nothing.
MAX_REQUEST_BYTES = 256 * 1024
NO_VERIFY_WARNING = (
    "Alexa request verification is OFF: anyone who can reach this service can drive the "
    "skill as any user. Use --no-verify only for local testing."
)


def create_app(
    skill: CustomSkill,
    *,
    verify: bool = True,
    skill_id: str | None = None,
    cert_fetcher: CertFetcher | None = None,
    trusted_roots: Sequence[x509.Certificate] | None = None,
) -> Flask:
    """A Flask app that answers Alexa on POST ``/`` with ``skill``.

    ``skill_id`` (when given) is checked even with ``verify=False``: it is about which skill a
    request is for, not who sent it. ``cert_fetcher`` and ``trusted_roots`` exist for tests.
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    # The SDK's own verifiers are replaced by ours: its RequestVerifier needs
    # certvalidator/oscrypto, which cannot load here (see _webservice_compat).
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False

    verifiers: list[AbstractVerifier]
    if verify:
        verifiers = alexa_verifiers(
            skill_id=skill_id, cert_fetcher=cert_fetcher, trusted_roots=trusted_roots
        )
    else:
        _LOG.warning(NO_VERIFY_WARNING)
        verifiers = [ApplicationIdVerifier(skill_id)] if skill_id else []

    app.before_request(_refuse_unreadable_body)
    adapter = SkillAdapter(
        skill=skill, skill_id=skill_id or "no-contact-coach", verifiers=verifiers, app=app
    )
    adapter.register(app=app, route=ROUTE)
    return app


def _refuse_unreadable_body() -> None:
    # flask-ask-sdk would answer 500 for a body that is not a JSON object; it is a bad request.
    if request.method != "POST" or request.url_rule is None:
        return
    try:
        payload = json.loads(request.get_data().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        abort(400, description="Request body is not JSON")
    if not isinstance(payload, dict):
        abort(400, description="Request body is not a JSON object")


def app_from_environment(*, verify: bool = True) -> Flask:
    """The production app: the real skill, ``SKILL_ID`` from the environment.

    Also usable as a WSGI factory, e.g.
    ``gunicorn 'no_contact_coach.entrypoints.web:app_from_environment()'``.
    """
    # Imported here so that importing this module never builds the skill.
    from no_contact_coach.voice.skill import build_skill

    return create_app(build_skill(), verify=verify, skill_id=os.environ.get("SKILL_ID") or None)


def serve(host: str = "127.0.0.1", port: int = 8000, verify: bool = True) -> None:
    """Run the web service with Flask's built-in server (put TLS on 443 in front of it)."""
    app_from_environment(verify=verify).run(host=host, port=port)
