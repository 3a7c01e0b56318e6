"""Prove that a request really comes from Alexa before the skill sees it.

Implements Alexa's rules for skills hosted as a web service
(developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html):

1. ``SignatureCertChainUrl``, once normalised, is https on s3.amazonaws.com (port 443 if
   given) with a path under ``/echo.api/``.
2. The PEM chain at that URL (fetched with a time-out, cached per URL) leads to a trusted
   root; the signing (first) certificate is current and names ``echo-api.amazon.com``.
3. ``Signature-256`` is a base64 RSA PKCS#1 v1.5 SHA-256 signature of the raw body, made with
   that certificate's key. Alexa moved to this header in 2022 and the official SDKs check
   nothing else, so the old SHA-1 ``Signature`` header is deliberately not accepted.
4. ``request.timestamp`` is within 150 s of now (an hour for AlexaSkillEvent requests).
5. When a skill id is configured, the request names that skill.

The verifiers plug into ask-sdk-webservice-support's ``AbstractVerifier`` interface; every
failure raises a subclass of its ``VerificationException``, which flask-ask-sdk turns into
HTTP 400. Certificate handling uses ``cryptography`` only (see ``_webservice_compat`` for why
the SDK's own verifier is not used).
"""

from __future__ import annotations

import base64
import binascii
import logging
import posixpath
import re
import ssl
import threading
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from no_contact_coach.entrypoints._webservice_compat import (
    AbstractVerifier,
    VerificationException,
)

if TYPE_CHECKING:
    from ask_sdk_model.request_envelope import RequestEnvelope

_LOG = logging.getLogger(__name__)

CERT_CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
CERT_CHAIN_HOST = "s3.amazonaws.com"
CERT_CHAIN_PORT = 443
CERT_CHAIN_PATH_PREFIX = "/echo.api/"
SIGNING_CERT_DOMAIN = "echo-api.amazon.com"
REQUEST_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(seconds=3600)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."
FETCH_TIMEOUT_SECONDS = 5.0
MAX_CHAIN_BYTES = 64 * 1024  # a real chain is about 5 KB
CHAIN_CACHE_SIZE = 8

CertFetcher = Callable[[str], bytes]
Clock = Callable[[], datetime]

_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


class RequestVerificationError(VerificationException):
    """A request failed Alexa's verification; the web service answers HTTP 400."""


class MissingSignatureError(RequestVerificationError):
    """The SignatureCertChainUrl or Signature-256 header is absent or empty."""


class CertificateUrlError(RequestVerificationError):
    """SignatureCertChainUrl does not point at Amazon's certificate location."""


class CertificateFetchError(RequestVerificationError):
    """The certificate chain could not be downloaded."""


class CertificateChainError(RequestVerificationError):
    """The chain is unreadable or does not lead to a trusted root."""


class SigningCertificateExpiredError(RequestVerificationError):
    """The signing certificate is not yet valid, or no longer valid."""


class SigningCertificateDomainError(RequestVerificationError):
    """The signing certificate does not name echo-api.amazon.com in its SANs."""


class SignatureMismatchError(RequestVerificationError):
    """The signature is malformed or does not match the body."""


class StaleRequestError(RequestVerificationError):
    """The request timestamp is missing or outside the tolerance."""


class ApplicationIdMismatchError(RequestVerificationError):
    """The request is addressed to another skill."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def normalise_cert_chain_url(url: str) -> str:
    """Return the canonical URL to fetch, or raise CertificateUrlError.

    Dot segments are resolved first, so ``/echo.api/../echo.api/x.pem`` is accepted and
    ``/echo.api/../evil/x.pem`` is not. The URL is rebuilt from the checked parts, so what we
    fetch is exactly what we checked (no user info, query or fragment survives).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise CertificateUrlError(f"unreadable certificate URL {url!r}") from error
    if parts.scheme.lower() != "https":
        raise CertificateUrlError(f"certificate URL must use https: {url!r}")
    if (parts.hostname or "").lower() != CERT_CHAIN_HOST:
        raise CertificateUrlError(f"certificate URL must be on {CERT_CHAIN_HOST}: {url!r}")
    if port is not None and port != CERT_CHAIN_PORT:
        raise CertificateUrlError(f"certificate URL must use port {CERT_CHAIN_PORT}: {url!r}")
    # Percent-decoding first stops "%2e%2e" from slipping past the dot-segment check.
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if not path.startswith(CERT_CHAIN_PATH_PREFIX):
        raise CertificateUrlError(f"certificate URL path must start with /echo.api/: {url!r}")
    return f"https://{CERT_CHAIN_HOST}{quote(path)}"


def _ca_bundle_path() -> str | None:
    """certifi's bundle when installed, else the system's default CA file."""
    try:
        import certifi
    except ImportError:
        paths = ssl.get_default_verify_paths()
        for candidate in (paths.cafile, paths.openssl_cafile):
            if candidate and Path(candidate).is_file():
                return candidate
        return None
    return str(certifi.where())


def parse_pem_certificates(data: bytes) -> list[x509.Certificate]:
    """Every readable certificate in a PEM bundle, in order; unreadable blocks are skipped."""
    certificates = []
    for block in _PEM_BLOCK.findall(data):
        try:
            with warnings.catch_warnings():
                # Some CA bundles hold old roots with odd serials; they are never our anchor.
                warnings.simplefilter("ignore")
                certificates.append(x509.load_pem_x509_certificate(block))
        except ValueError:
            _LOG.debug("skipped an unreadable certificate")
    return certificates


def load_trusted_roots() -> list[x509.Certificate]:
    """The roots a signing chain must lead to: certifi's bundle, else the system's."""
    bundle = _ca_bundle_path()
    if bundle is None:
        raise CertificateChainError("no trusted root certificates found (install certifi)")
    return parse_pem_certificates(Path(bundle).read_bytes())


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would fetch from a URL we never checked.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch_certificate_chain(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS) -> bytes:
    """Download a PEM chain over verified TLS, refusing redirects and oversized answers."""
    bundle = _ca_bundle_path()
    context = ssl.create_default_context(cafile=bundle)
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), _RefuseRedirects()
    )
    try:
        with opener.open(url, timeout=timeout) as response:
            data: bytes = response.read(MAX_CHAIN_BYTES + 1)
    except (OSError, ValueError) as error:  # URLError, HTTPError and timeouts are OSErrors
        raise CertificateFetchError(f"could not download {url}: {error}") from error
    if len(data) > MAX_CHAIN_BYTES:
        raise CertificateFetchError(f"certificate chain at {url} is too large")
    return data


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted and value:
            return str(value)
    return None


class SignatureVerifier(AbstractVerifier):
    """Checks the certificate chain and the ``Signature-256`` header (rules 1-3)."""

    def __init__(
        self,
        *,
        cert_fetcher: CertFetcher | None = None,
        trusted_roots: Sequence[x509.Certificate] | None = None,
        clock: Clock = utc_now,
        cache_size: int = CHAIN_CACHE_SIZE,
    ) -> None:
        self._fetch = cert_fetcher or fetch_certificate_chain
        self._trusted_roots = list(trusted_roots) if trusted_roots is not None else None
        self._clock = clock
        self._cache_size = cache_size
        self._chains: OrderedDict[str, list[x509.Certificate]] = OrderedDict()
        self._store: Store | None = None
        self._lock = threading.Lock()

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        cert_url = _header(headers, CERT_CHAIN_URL_HEADER)
        signature = _header(headers, SIGNATURE_HEADER)
        if cert_url is None or signature is None:
            raise MissingSignatureError(
                f"request lacks {CERT_CHAIN_URL_HEADER} or {SIGNATURE_HEADER}"
            )
        certificate = self.signing_certificate(cert_url)
        _check_signature(certificate, signature, serialized_request_env.encode("utf-8"))

    def signing_certificate(self, cert_url: str) -> x509.Certificate:
        """The validated signing certificate behind ``cert_url``, or a verification error."""
        url = normalise_cert_chain_url(cert_url)
        leaf, *intermediates = self._chain(url)
        now = self._clock()
        _check_current(leaf, now)
        _check_names_alexa(leaf)
        verifier = (
            PolicyBuilder()
            .store(self._trust_store())
            .time(now)
            .build_server_verifier(x509.DNSName(SIGNING_CERT_DOMAIN))
        )
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as error:
            raise CertificateChainError(f"untrusted certificate chain: {error}") from error
        return leaf

    def _chain(self, url: str) -> list[x509.Certificate]:
        with self._lock:
            cached = self._chains.get(url)
            if cached is not None:
                self._chains.move_to_end(url)
                return cached
        try:
            data = self._fetch(url)
        except (OSError, ValueError) as error:  # an injected fetcher's own network errors
            raise CertificateFetchError(f"could not download {url}: {error}") from error
        chain = parse_pem_certificates(data)
        if not chain:
            raise CertificateChainError(f"no certificate found at {url}")
        with self._lock:
            self._chains[url] = chain
            while len(self._chains) > self._cache_size:
                self._chains.popitem(last=False)
        return chain

    def _trust_store(self) -> Store:
        # Built on first use: reading the CA bundle has no place in a cold start.
        with self._lock:
            if self._store is None:
                roots = self._trusted_roots
                if roots is None:
                    roots = load_trusted_roots()
                if not roots:
                    raise CertificateChainError("no trusted root certificates configured")
                self._store = Store(roots)
            return self._store


def _check_current(certificate: x509.Certificate, now: datetime) -> None:
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SigningCertificateExpiredError(
            f"signing certificate valid only from {certificate.not_valid_before_utc:%Y-%m-%d} "
            f"to {certificate.not_valid_after_utc:%Y-%m-%d}"
        )


def _check_names_alexa(certificate: x509.Certificate) -> None:
    try:
        names: Iterable[str] = certificate.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        names = []
    if SIGNING_CERT_DOMAIN not in {name.lower() for name in names}:
        raise SigningCertificateDomainError(
            f"signing certificate does not name {SIGNING_CERT_DOMAIN}"
        )


def _check_signature(certificate: x509.Certificate, signature: str, body: bytes) -> None:
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise SignatureMismatchError("signing certificate does not hold an RSA key")
    try:
        raw_signature = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SignatureMismatchError("signature is not valid base64") from error
    try:
        public_key.verify(raw_signature, body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as error:
        raise SignatureMismatchError("signature does not match the request body") from error


class TimestampVerifier(AbstractVerifier):
    """Refuses replays: ``request.timestamp`` must be close to now (rule 4)."""

    def __init__(self, *, clock: Clock = utc_now) -> None:
        self._clock = clock

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        request = deserialized_request_env.request
        timestamp = getattr(request, "timestamp", None)
        if not isinstance(timestamp, datetime):
            raise StaleRequestError("request has no timestamp")
        if timestamp.tzinfo is None:
            timestamp = timestamp.replace(tzinfo=UTC)
        request_type = getattr(request, "object_type", None) or ""
        tolerance = (
            SKILL_EVENT_TOLERANCE
            if request_type.startswith(SKILL_EVENT_PREFIX)
            else REQUEST_TOLERANCE
        )
        drift = abs(self._clock() - timestamp)
        if drift > tolerance:
            raise StaleRequestError(
                f"{request_type or 'request'} timestamp is {drift.total_seconds():.0f} s away "
                f"from now (tolerance {tolerance.total_seconds():.0f} s)"
            )


class ApplicationIdVerifier(AbstractVerifier):
    """Refuses requests addressed to any other skill (rule 5)."""

    def __init__(self, skill_id: str) -> None:
        self._skill_id = skill_id

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        application_id = _application_id(deserialized_request_env)
        if application_id != self._skill_id:
            raise ApplicationIdMismatchError("request is addressed to another skill")


def _application_id(envelope: RequestEnvelope) -> str | None:
    # Skill events carry no session, so the context is the first place to look.
    for holder in (
        getattr(getattr(envelope, "context", None), "system", None),
        getattr(envelope, "session", None),
    ):
        application = getattr(holder, "application", None)
        application_id = getattr(application, "application_id", None)
        if application_id:
            return str(application_id)
    return None


def alexa_verifiers(
    *,
    skill_id: str | None = None,
    cert_fetcher: CertFetcher | None = None,
    trusted_roots: Sequence[x509.Certificate] | None = None,
    clock: Clock = utc_now,
) -> list[AbstractVerifier]:
    """The full set of checks Alexa requires, in the order the documentation gives them."""
    verifiers: list[AbstractVerifier] = [
        SignatureVerifier(cert_fetcher=cert_fetcher, trusted_roots=trusted_roots, clock=clock),
        TimestampVerifier(clock=clock),
    ]
    if skill_id:
        verifiers.append(ApplicationIdVerifier(skill_id))
    return verifiers
