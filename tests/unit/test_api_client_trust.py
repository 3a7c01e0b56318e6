"""Where the Alexa API client takes its TLS roots from."""

from __future__ import annotations

from pathlib import Path

import pytest

from no_contact_coach.voice.api_client import trust_store

BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_DIR")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in BUNDLE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("no_contact_coach.voice.api_client.HASHED_CA_DIRS", ())
    return monkeypatch


def test_an_explicit_bundle_wins_as_it_does_for_requests(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("REQUESTS_CA_BUNDLE", "/tmp/test-roots.pem")
    assert trust_store() == ("cafile", "/tmp/test-roots.pem")


def test_a_hashed_directory_is_used_so_roots_load_lazily(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "5ad8a5d6.0").write_text("")
    clean_env.setenv("SSL_CERT_DIR", str(tmp_path))
    assert trust_store() == ("capath", str(tmp_path))


def test_a_directory_without_hashed_names_is_not_taken_for_one(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "ca-certificates.crt").write_text("")
    clean_env.setenv("SSL_CERT_DIR", str(tmp_path))
    import certifi

    assert trust_store() == ("cafile", certifi.where())
