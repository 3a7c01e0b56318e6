"""The web service answers genuine Alexa requests and refuses everything else with HTTP 400.

Each test signs requests with a certificate chain of its own (root -> intermediate -> leaf
for echo-api.amazon.com), served by an injected fetcher, so nothing touches the network.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from flask.testing import FlaskClient

from no_contact_coach.entrypoints.verification import (
    ApplicationIdMismatchError,
    CertificateChainError,
    CertificateFetchError,
    CertificateUrlError,
    MissingSignatureError,
    RequestVerificationError,
    SignatureMismatchError,
    SignatureVerifier,
    SigningCertificateDomainError,
    SigningCertificateExpiredError,
    StaleRequestError,
    normalise_cert_chain_url,
)
from no_contact_coach.entrypoints.web import NO_VERIFY_WARNING, create_app

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
SKILL_ID = "amzn1.ask.skill.test"
GREETING = "Welcome to the test skill."


# --- a certificate authority of our own -------------------------------------------------


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(
    common_name: str,
    key: rsa.RSAPrivateKey,
    *,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None,
    dns_names: list[str] | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> x509.Certificate:
    """A CA certificate when ``dns_names`` is None, else a leaf for those names."""
    now = datetime.now(UTC)
    issuer_name = issuer[0].subject if issuer else _name(common_name)
    signing_key = issuer[1] if issuer else key
    is_ca = dns_names is None
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not is_ca,
                content_commitment=False,
                key_encipherment=not is_ca,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=is_ca,
                crl_sign=is_ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()),
            critical=False,
        )
    if dns_names is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]),
            critical=False,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


@dataclass(frozen=True)
class Authority:
    root: x509.Certificate
    intermediate: x509.Certificate
    intermediate_key: rsa.RSAPrivateKey
    leaf_key: rsa.RSAPrivateKey

    def leaf(self, dns_names: list[str] | None = None, **validity: datetime) -> x509.Certificate:
        return _certificate(
            "echo-api.amazon.com",
            self.leaf_key,
            issuer=(self.intermediate, self.intermediate_key),
            dns_names=dns_names or ["echo-api.amazon.com"],
            **validity,
        )

    def chain(self, leaf: x509.Certificate | None = None) -> bytes:
        return _pem(leaf or self.leaf(), self.intermediate)


def _authority(name: str) -> Authority:
    root_key, intermediate_key = _key(), _key()
    root = _certificate(f"{name} Root", root_key, issuer=None)
    intermediate = _certificate(f"{name} Intermediate", intermediate_key, issuer=(root, root_key))
    return Authority(root, intermediate, intermediate_key, leaf_key=_key())


@pytest.fixture(scope="module")
def authority() -> Authority:
    return _authority("Test")


@pytest.fixture(scope="module")
def rogue_authority() -> Authority:
    return _authority("Rogue")


# --- a tiny skill that records whether it ran ---------------------------------------------


@dataclass
class TinySkill:
    calls: list[str] = field(default_factory=list)

    def build(self) -> Any:
        calls = self.calls

        class LaunchHandler(AbstractRequestHandler):
            def can_handle(self, handler_input: HandlerInput) -> bool:
                return is_request_type("LaunchRequest")(handler_input)

            def handle(self, handler_input: HandlerInput) -> Response:
                calls.append("LaunchRequest")
                return handler_input.response_builder.speak(GREETING).response

        class SkillEnabledHandler(AbstractRequestHandler):
            def can_handle(self, handler_input: HandlerInput) -> bool:
                return is_request_type("AlexaSkillEvent.SkillEnabled")(handler_input)

            def handle(self, handler_input: HandlerInput) -> Response:
                calls.append("AlexaSkillEvent.SkillEnabled")
                return handler_input.response_builder.response

        builder = SkillBuilder()
        builder.add_request_handler(LaunchHandler())
        builder.add_request_handler(SkillEnabledHandler())
        return builder.create()


# --- requests as Alexa sends them ---------------------------------------------------------


def _timestamp(age: timedelta = timedelta(0)) -> str:
    return (datetime.now(UTC) - age).strftime("%Y-%m-%dT%H:%M:%SZ")


def launch_body(age: timedelta = timedelta(0), application_id: str = SKILL_ID) -> bytes:
    application = {"applicationId": application_id}
    user = {"userId": "amzn1.ask.account.test"}
    envelope = {
        "version": "1.0",
        "session": {
            "new": True,
            "sessionId": "amzn1.echo-api.session.test",
            "application": application,
            "user": user,
        },
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": "amzn1.ask.device.test", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": {
            "type": "LaunchRequest",
            "requestId": "amzn1.echo-api.request.test",
            "timestamp": _timestamp(age),
            "locale": "en-US",
        },
    }
    return json.dumps(envelope).encode("utf-8")


def skill_enabled_body(age: timedelta) -> bytes:
    envelope = {
        "version": "1.0",
        "context": {
            "System": {
                "application": {"applicationId": SKILL_ID},
                "user": {"userId": "amzn1.ask.account.test"},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": {
            "type": "AlexaSkillEvent.SkillEnabled",
            "requestId": "amzn1.echo-api.request.event",
            "timestamp": _timestamp(age),
            "eventCreationTime": _timestamp(age),
            "eventPublishingTime": _timestamp(age),
        },
    }
    return json.dumps(envelope).encode("utf-8")


def signature(body: bytes, key: rsa.RSAPrivateKey, algorithm: Any = None) -> str:
    signed = key.sign(body, padding.PKCS1v15(), algorithm or hashes.SHA256())
    return base64.b64encode(signed).decode("ascii")


def alexa_headers(body: bytes, key: rsa.RSAPrivateKey, cert_url: str = CERT_URL) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "SignatureCertChainUrl": cert_url,
        "Signature-256": signature(body, key),
    }


# --- the service under test ---------------------------------------------------------------


@dataclass
class Service:
    client: FlaskClient
    skill: TinySkill
    fetched: list[str]
    log: pytest.LogCaptureFixture

    def post(self, body: bytes, headers: dict[str, str]) -> Any:
        return self.client.post("/", data=body, headers=headers)


ServiceFactory = Callable[..., Service]


@pytest.fixture
def service(authority: Authority, caplog: pytest.LogCaptureFixture) -> Iterator[ServiceFactory]:
    def make(
        chain: bytes | Exception | None = None,
        *,
        verify: bool = True,
        skill_id: str | None = None,
        url: str = CERT_URL,
    ) -> Service:
        skill = TinySkill()
        fetched: list[str] = []
        served = chain if chain is not None else authority.chain()

        def fetch(requested: str) -> bytes:
            fetched.append(requested)
            if requested != url:
                raise AssertionError(f"unexpected certificate URL {requested}")
            if isinstance(served, Exception):
                raise served
            return served

        app = create_app(
            skill.build(),
            verify=verify,
            skill_id=skill_id,
            cert_fetcher=fetch,
            trusted_roots=[authority.root],
        )
        return Service(app.test_client(), skill, fetched, caplog)

    yield make


def assert_refused(
    response: Any, service: Service, because: type[RequestVerificationError] | None = None
) -> None:
    """HTTP 400, the skill never ran, and (when given) refused for that reason."""
    assert response.status_code == 400
    assert service.skill.calls == []
    if because is not None:
        reasons = [type(r.exc_info[1]) for r in service.log.records if r.exc_info]
        assert because in reasons


# --- a genuine request --------------------------------------------------------------------


def test_a_correctly_signed_launch_request_gets_the_skills_spoken_answer(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body()

    response = web.post(body, alexa_headers(body, authority.leaf_key))

    assert response.status_code == 200
    assert response.json["version"] == "1.0"
    assert GREETING in response.json["response"]["outputSpeech"]["ssml"]
    assert web.skill.calls == ["LaunchRequest"]


def test_the_certificate_chain_is_downloaded_once_and_reused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    for _ in range(3):
        body = launch_body()
        assert web.post(body, alexa_headers(body, authority.leaf_key)).status_code == 200

    assert web.fetched == [CERT_URL]


def test_a_certificate_url_with_port_443_and_harmless_dot_segments_is_accepted(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body()
    odd_but_valid = "HTTPS://S3.Amazonaws.com:443/echo.api/../echo.api/./echo-api-cert-test.pem"

    response = web.post(body, alexa_headers(body, authority.leaf_key, cert_url=odd_but_valid))

    assert response.status_code == 200
    assert web.fetched == [CERT_URL]


# --- refused before anything is downloaded -------------------------------------------------


@pytest.mark.parametrize(
    "cert_url",
    [
        pytest.param("http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem", id="http"),
        pytest.param("https://notamazon.com/echo.api/echo-api-cert-test.pem", id="wrong-host"),
        pytest.param("https://s3.amazonaws.com.evil.example/echo.api/c.pem", id="lookalike-host"),
        pytest.param("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem", id="path-case"),
        pytest.param("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", id="wrong-path"),
        pytest.param("https://s3.amazonaws.com/echo.api/../evil/cert.pem", id="traversal"),
        pytest.param("https://s3.amazonaws.com/echo.api/%2e%2e/evil/cert.pem", id="encoded-dots"),
        pytest.param("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", id="wrong-port"),
    ],
)
def test_a_certificate_url_outside_amazons_location_is_refused_without_fetching(
    service: ServiceFactory, authority: Authority, cert_url: str
) -> None:
    web = service()
    body = launch_body()

    response = web.post(body, alexa_headers(body, authority.leaf_key, cert_url=cert_url))

    assert_refused(response, web, CertificateUrlError)
    assert web.fetched == []


@pytest.mark.parametrize("missing", ["Signature-256", "SignatureCertChainUrl"])
def test_a_request_missing_a_signature_header_is_refused(
    service: ServiceFactory, authority: Authority, missing: str
) -> None:
    web = service()
    body = launch_body()
    headers = alexa_headers(body, authority.leaf_key)
    del headers[missing]

    assert_refused(web.post(body, headers), web, MissingSignatureError)


def test_a_request_signed_only_with_the_retired_sha1_header_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body()
    headers = {
        "SignatureCertChainUrl": CERT_URL,
        "Signature": signature(body, authority.leaf_key, hashes.SHA1()),
    }

    assert_refused(web.post(body, headers), web, MissingSignatureError)


# --- refused because of the certificate ----------------------------------------------------


def test_an_expired_signing_certificate_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    now = datetime.now(UTC)
    expired = authority.leaf(not_before=now - timedelta(days=60), not_after=now - timedelta(days=1))
    web = service(authority.chain(expired))
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, SigningCertificateExpiredError
    )


def test_a_signing_certificate_for_another_domain_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(authority.chain(authority.leaf(dns_names=["echo-api.example.com"])))
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, SigningCertificateDomainError
    )


def test_a_chain_leading_to_an_untrusted_root_is_refused(
    service: ServiceFactory, rogue_authority: Authority
) -> None:
    web = service(rogue_authority.chain())
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, rogue_authority.leaf_key)), web, CertificateChainError
    )


def test_a_leaf_without_its_intermediate_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(_pem(authority.leaf()))
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, CertificateChainError
    )


def test_a_certificate_url_serving_no_certificate_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(b"<Error><Code>NoSuchKey</Code></Error>")
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, CertificateChainError
    )


def test_a_certificate_download_that_times_out_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(TimeoutError("timed out"))
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, CertificateFetchError
    )


# --- refused because of the body -----------------------------------------------------------


def test_a_body_changed_after_signing_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body()
    headers = alexa_headers(body, authority.leaf_key)
    tampered = body.replace(b"amzn1.ask.account.test", b"amzn1.ask.account.evil")

    assert_refused(web.post(tampered, headers), web, SignatureMismatchError)


def test_a_body_signed_by_another_key_is_refused(
    service: ServiceFactory, authority: Authority, rogue_authority: Authority
) -> None:
    web = service()
    body = launch_body()

    assert_refused(
        web.post(body, alexa_headers(body, rogue_authority.leaf_key)), web, SignatureMismatchError
    )


def test_a_signature_that_is_not_base64_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body()
    headers = alexa_headers(body, authority.leaf_key)
    headers["Signature-256"] = "not base64!"

    assert_refused(web.post(body, headers), web, SignatureMismatchError)


def test_a_body_that_is_not_json_is_refused(service: ServiceFactory, authority: Authority) -> None:
    web = service()
    body = b"\xff\xfe not json"

    assert_refused(web.post(body, alexa_headers(body, authority.leaf_key)), web)


# --- refused because of the timestamp or the skill id --------------------------------------


def test_a_request_older_than_150_seconds_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = launch_body(age=timedelta(minutes=10))

    assert_refused(web.post(body, alexa_headers(body, authority.leaf_key)), web, StaleRequestError)


def test_a_skill_event_half_an_hour_old_is_accepted(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = skill_enabled_body(age=timedelta(minutes=30))

    response = web.post(body, alexa_headers(body, authority.leaf_key))

    assert response.status_code == 200
    assert web.skill.calls == ["AlexaSkillEvent.SkillEnabled"]


def test_a_skill_event_older_than_an_hour_is_refused(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service()
    body = skill_enabled_body(age=timedelta(hours=2))

    assert_refused(web.post(body, alexa_headers(body, authority.leaf_key)), web, StaleRequestError)


def test_a_request_for_another_skill_is_refused_when_a_skill_id_is_configured(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(skill_id=SKILL_ID)
    body = launch_body(application_id="amzn1.ask.skill.someone-else")

    assert_refused(
        web.post(body, alexa_headers(body, authority.leaf_key)), web, ApplicationIdMismatchError
    )


def test_a_request_for_the_configured_skill_is_answered(
    service: ServiceFactory, authority: Authority
) -> None:
    web = service(skill_id=SKILL_ID)
    body = launch_body()

    assert web.post(body, alexa_headers(body, authority.leaf_key)).status_code == 200


# --- verification switched off -------------------------------------------------------------


def test_without_verification_an_unsigned_request_is_answered_and_a_warning_logged(
    service: ServiceFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        web = service(verify=False)

    response = web.post(launch_body(), {"Content-Type": "application/json"})

    assert response.status_code == 200
    assert web.skill.calls == ["LaunchRequest"]
    assert NO_VERIFY_WARNING in caplog.text


def test_without_verification_the_skill_id_is_still_enforced(service: ServiceFactory) -> None:
    web = service(verify=False, skill_id=SKILL_ID)
    body = launch_body(application_id="amzn1.ask.skill.someone-else")

    assert_refused(
        web.post(body, {"Content-Type": "application/json"}), web, ApplicationIdMismatchError
    )


# --- the URL rules and a real Amazon chain, directly ---------------------------------------


def test_certificate_urls_are_normalised_to_the_address_actually_fetched() -> None:
    assert (
        normalise_cert_chain_url("https://s3.amazonaws.com:443/echo.api/../echo.api/cert.pem")
        == "https://s3.amazonaws.com/echo.api/cert.pem"
    )
    with pytest.raises(CertificateUrlError):
        normalise_cert_chain_url("https://s3.amazonaws.com/echo.api/../../echo.api.evil/c.pem")


# Amazon's signing certificate echo-api-cert-8.pem (valid 2020-03-19 to 2021-03-10) and its
# issuing CA, as published at s3.amazonaws.com/echo.api/ - public certificates, no secrets.
AMAZON_CHAIN_2020 = b"""-----BEGIN CERTIFICATE-----
MIIFbjCCBFagAwIBAgIQBRsSsK9/f9dI7rlZGtPo3TANBgkqhkiG9w0BAQsFADBG
MQswCQYDVQQGEwJVUzEPMA0GA1UEChMGQW1hem9uMRUwEwYDVQQLEwxTZXJ2ZXIg
Q0EgMUIxDzANBgNVBAMTBkFtYXpvbjAeFw0yMDAzMTkwMDAwMDBaFw0yMTAzMTAx
MjAwMDBaMB4xHDAaBgNVBAMTE2VjaG8tYXBpLmFtYXpvbi5jb20wggEiMA0GCSqG
SIb3DQEBAQUAA4IBDwAwggEKAoIBAQCmd8SQClJ92SBjL2Q3G1MxQ4QEnTVE7qA3
QhsAphIe1FHkSt4IVODhugprFNecdYppWSGy0Bzl7kn0KGer4NE6TJ3KV/Ux4jzw
M1aXhq3JmQcOA7DFO+EqdjhcwSoVmZJF32M7X0M2AdR3HZB9s/dk8MDpEPewtT4/
2V0CsbEsA9sgKnzVZUdbL3SETLPJyh/+8N84fm32mjkrQdFPVqGWK9fp1tYwE+3M
5X6ZiiCXJsnyewnxOFm1upiNbX/6hJtMJch9kpIfQzz8eKHt9jtLpsM5m04pV/t8
SmQlQ+rnnH/JrDN5HJ86D6nAW3o8UcILwGTDnsre18OJ3AbFxkBXAgMBAAGjggJ+
MIICejAfBgNVHSMEGDAWgBRZpGYGUqB7lZI8o5QHJ5Z0W/k90DAdBgNVHQ4EFgQU
C+rUYvMdvL3ZR8OQM3yvONiDbZUwHgYDVR0RBBcwFYITZWNoby1hcGkuYW1hem9u
LmNvbTAOBgNVHQ8BAf8EBAMCBaAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUF
BwMCMDsGA1UdHwQ0MDIwMKAuoCyGKmh0dHA6Ly9jcmwuc2NhMWIuYW1hem9udHJ1
c3QuY29tL3NjYTFiLmNybDAgBgNVHSAEGTAXMAsGCWCGSAGG/WwBAjAIBgZngQwB
AgEwdQYIKwYBBQUHAQEEaTBnMC0GCCsGAQUFBzABhiFodHRwOi8vb2NzcC5zY2Ex
Yi5hbWF6b250cnVzdC5jb20wNgYIKwYBBQUHMAKGKmh0dHA6Ly9jcnQuc2NhMWIu
YW1hem9udHJ1c3QuY29tL3NjYTFiLmNydDAMBgNVHRMBAf8EAjAAMIIBAwYKKwYB
BAHWeQIEAgSB9ASB8QDvAHUAu9nfvB+KcbWTlCOXqpJ7RzhXlQqrUugakJZkNo4e
0YUAAAFw8nrysgAABAMARjBEAiAVBY5M1ilaFGHsa5K84rYLBNQ6F8uk1k3JXVj4
H0iIjgIgDFq0tTjV4Og5gs+NpUqZpLrr3glIFPLnqrx+/0S+vtYAdgBc3EOS/uar
RUSxXprUVuYQN/vV+kfcoXOUsl7m9scOygAAAXDyevLgAAAEAwBHMEUCIQDbA/GW
VyYTwK+8DuLEIu2hL2/ZJyrK4oxW+tLqhHlJdgIgLWsr6aTfpkV37kNwPGU/nTFC
XZJ4kTSx8LM+flSvivQwDQYJKoZIhvcNAQELBQADggEBAJRWyWcxgKYiy2Zej3Oa
2Xlju+I7YZAtFqD9at6SxUm/HNJ9h9Faclv927q0MDvHesYvIshJwMqTz2Vad9jC
burAboHup9HCP9vPP0sHB1CUveifu0FcxpmpEr6LWISf3Jl0bTTYGhfJFZ1H+L/R
N5XefXdqFJg5PY5A0Ex8ajBNW9/sSzAuiemm9Ijose6P8g4q9ydgSfOaiasyjdTh
ySVOhyKspsBm6FsYySlBukUHWdEUnbCuRBljy6ES5TmY0YGAXzV+sBiSC2iMgMWh
HeATCmBpbaKkFKrR+WHKcYGKHaVsiXA/acVlIhKTyA1d7HQP0y4cytcOQUvhr4Bw
x3o=
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIESTCCAzGgAwIBAgITBn+UV4WH6Kx33rJTMlu8mYtWDTANBgkqhkiG9w0BAQsF
ADA5MQswCQYDVQQGEwJVUzEPMA0GA1UEChMGQW1hem9uMRkwFwYDVQQDExBBbWF6
b24gUm9vdCBDQSAxMB4XDTE1MTAyMjAwMDAwMFoXDTI1MTAxOTAwMDAwMFowRjEL
MAkGA1UEBhMCVVMxDzANBgNVBAoTBkFtYXpvbjEVMBMGA1UECxMMU2VydmVyIENB
IDFCMQ8wDQYDVQQDEwZBbWF6b24wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDCThZn3c68asg3Wuw6MLAd5tES6BIoSMzoKcG5blPVo+sDORrMd4f2AbnZ
cMzPa43j4wNxhplty6aUKk4T1qe9BOwKFjwK6zmxxLVYo7bHViXsPlJ6qOMpFge5
blDP+18x+B26A0piiQOuPkfyDyeR4xQghfj66Yo19V+emU3nazfvpFA+ROz6WoVm
B5x+F2pV8xeKNR7u6azDdU5YVX1TawprmxRC1+WsAYmz6qP+z8ArDITC2FMVy2fw
0IjKOtEXc/VfmtTFch5+AfGYMGMqqvJ6LcXiAhqG5TI+Dr0RtM88k+8XUBCeQ8IG
KuANaL7TiItKZYxK1MMuTJtV9IblAgMBAAGjggE7MIIBNzASBgNVHRMBAf8ECDAG
AQH/AgEAMA4GA1UdDwEB/wQEAwIBhjAdBgNVHQ4EFgQUWaRmBlKge5WSPKOUByeW
dFv5PdAwHwYDVR0jBBgwFoAUhBjMhTTsvAyUlC4IWZzHshBOCggwewYIKwYBBQUH
AQEEbzBtMC8GCCsGAQUFBzABhiNodHRwOi8vb2NzcC5yb290Y2ExLmFtYXpvbnRy
dXN0LmNvbTA6BggrBgEFBQcwAoYuaHR0cDovL2NydC5yb290Y2ExLmFtYXpvbnRy
dXN0LmNvbS9yb290Y2ExLmNlcjA/BgNVHR8EODA2MDSgMqAwhi5odHRwOi8vY3Js
LnJvb3RjYTEuYW1hem9udHJ1c3QuY29tL3Jvb3RjYTEuY3JsMBMGA1UdIAQMMAow
CAYGZ4EMAQIBMA0GCSqGSIb3DQEBCwUAA4IBAQCFkr41u3nPo4FCHOTjY3NTOVI1
59Gt/a6ZiqyJEi+752+a1U5y6iAwYfmXss2lJwJFqMp2PphKg5625kXg8kP2CN5t
6G7bMQcT8C8xDZNtYTd7WPD8UZiRKAJPBXa30/AbwuZe0GaFEQ8ugcYQgSn+IGBI
8/LwhBNTZTUVEWuCUUBVV18YtbAiPq3yXqMB48Oz+ctBWuZSkbvkNodPLamkB2g1
upRyzQ7qDn1X8nn8N8V7YJ6y68AtkHcNSRAnpTitxBKjtKPISLMVCx7i4hncxHZS
yLyKQXhw2W2Xs0qLeC1etA+jTGDK4UfLeC0SF7FSi8o5LL21L8IzApar2pR/
-----END CERTIFICATE-----
"""


def test_amazons_real_2020_signing_chain_is_trusted_by_the_default_root_store() -> None:
    # Guards against a policy stricter than Amazon's real certificates (EKU, extensions).
    verifier = SignatureVerifier(
        cert_fetcher=lambda url: AMAZON_CHAIN_2020,
        clock=lambda: datetime(2020, 6, 1, tzinfo=UTC),
    )

    leaf = verifier.signing_certificate("https://s3.amazonaws.com/echo.api/echo-api-cert-8.pem")

    assert leaf.subject.rfc4514_string() == "CN=echo-api.amazon.com"
