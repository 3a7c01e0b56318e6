"""Import flask-ask-sdk without letting oscrypto's version check break it.

``flask_ask_sdk.skill_adapter`` imports ``ask_sdk_webservice_support.verifier``, which imports
``certvalidator`` at module level, which imports ``oscrypto``. oscrypto 1.3.0 (the latest
release) cannot parse OpenSSL version strings with a two-digit patch number ("3.0.19") and
raises ``LibraryNotFoundError`` at import time (wbond/oscrypto#75, #78; fixed on master, never
released). It can also fail where ``find_library("crypto")`` finds nothing, as on slim images.

We never use the SDK's certvalidator-based ``RequestVerifier``: the web service verifies
requests with ``no_contact_coach.entrypoints.verification`` (built on ``cryptography``) and
switches the SDK's own verifiers off. So when, and only when, ``certvalidator`` cannot be
imported, we register a tiny placeholder package under that name that refuses to validate
anything, then import the SDK. When the real package imports fine it is left untouched.

Every import of the SDK in this project goes through this module.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types

_LOG = logging.getLogger(__name__)

#: Set on the placeholder module; holds why the real certvalidator could not be imported.
PLACEHOLDER_REASON_ATTRIBUTE = "__no_contact_coach_placeholder_reason__"


class _PlaceholderValidationError(Exception):
    """Stands in for certvalidator.errors.ValidationError."""


class _PlaceholderPathError(_PlaceholderValidationError):
    """Stands in for certvalidator.errors.PathError."""


def _placeholder_validator(reason: str) -> type:
    class CertificateValidator:
        """Refuses loudly, so no code path can mistake the placeholder for a validator."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError(
                f"certvalidator is unavailable here ({reason}); No Contact Coach verifies "
                "Alexa requests with no_contact_coach.entrypoints.verification instead"
            )

    return CertificateValidator


def certvalidator_placeholder_reason() -> str | None:
    """Why the placeholder is installed, or None while the real certvalidator is in use."""
    module = sys.modules.get("certvalidator")
    reason = getattr(module, PLACEHOLDER_REASON_ATTRIBUTE, None)
    return reason if isinstance(reason, str) else None


def ensure_certvalidator_importable() -> str | None:
    """Make ``import certvalidator`` succeed; return the reason if a placeholder was needed."""
    if "certvalidator" in sys.modules:
        return certvalidator_placeholder_reason()
    try:
        importlib.import_module("certvalidator")
    except Exception as error:  # oscrypto raises its own LibraryNotFoundError, OSError, ...
        reason = f"{type(error).__name__}: {error}"
        _install_placeholder(reason)
        _LOG.info("certvalidator unusable (%s); using a placeholder", reason)
        return reason
    return None


def _install_placeholder(reason: str) -> None:
    # Submodules that imported before the failure would shadow the placeholder's.
    for name in [name for name in sys.modules if name.startswith("certvalidator.")]:
        del sys.modules[name]
    errors = types.ModuleType("certvalidator.errors")
    errors.ValidationError = _PlaceholderValidationError  # type: ignore[attr-defined]
    errors.PathError = _PlaceholderPathError  # type: ignore[attr-defined]
    package = types.ModuleType("certvalidator", "Placeholder: see " + __name__)
    package.__path__ = []  # a package, so "certvalidator.errors" resolves from sys.modules
    package.errors = errors  # type: ignore[attr-defined]
    package.CertificateValidator = _placeholder_validator(reason)  # type: ignore[attr-defined]
    setattr(package, PLACEHOLDER_REASON_ATTRIBUTE, reason)
    sys.modules["certvalidator"] = package
    sys.modules["certvalidator.errors"] = errors


ensure_certvalidator_importable()

# These imports must come after the placeholder is in place.
from ask_sdk_webservice_support.verifier import (  # noqa: E402
    AbstractVerifier,
    VerificationException,
)
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

__all__ = [
    "VERIFY_SIGNATURE_APP_CONFIG",
    "VERIFY_TIMESTAMP_APP_CONFIG",
    "AbstractVerifier",
    "SkillAdapter",
    "VerificationException",
    "certvalidator_placeholder_reason",
    "ensure_certvalidator_importable",
]
