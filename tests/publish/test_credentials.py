from __future__ import annotations

import pytest

from releasekit.errors import Category, ReleasekitError
from releasekit.publish.credentials import Credentials, discover

URL = "https://upload.pypi.org/legacy/"
OIDC = {"ACTIONS_ID_TOKEN_REQUEST_URL": "http://127.0.0.1:9/token", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "request-token"}


def no_keyring(_system: str, _user: str | None) -> tuple[str, str] | None:
    return None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {**OIDC, "TWINE_PASSWORD": "pw", "PYPI_API_TOKEN": "tok"},
            Credentials("__token__", "", "trusted publishing (GitHub OIDC)", trusted_publishing=True),
        ),
        (
            {"TWINE_USERNAME": "me", "TWINE_PASSWORD": "pw", "PYPI_API_TOKEN": "tok"},
            Credentials("me", "pw", "TWINE_USERNAME/TWINE_PASSWORD"),
        ),
        ({"TWINE_PASSWORD": "pypi-tok"}, Credentials("__token__", "pypi-tok", "TWINE_USERNAME/TWINE_PASSWORD")),
        (
            {"PYPI_API_TOKEN": "tok", "ACTIONS_ID_TOKEN_REQUEST_URL": "x"},
            Credentials("__token__", "tok", "PYPI_API_TOKEN"),
        ),
    ],
    ids=["oidc-first", "twine-before-token", "password-only-is-a-token", "half-oidc-is-not-oidc"],
)
def test_sources_in_order(environ: dict[str, str], expected: Credentials) -> None:
    assert discover(environ, URL, no_keyring) == expected


def test_keyring_last_asked_as_twine_does() -> None:
    asked: list[tuple[str, str | None]] = []

    def lookup(system: str, user: str | None) -> tuple[str, str] | None:
        asked.append((system, user))
        return ("__token__", "from-keyring")

    assert discover({}, URL, lookup) == Credentials("__token__", "from-keyring", f"keyring ({URL})")
    assert asked == [(URL, None)]


def test_no_credentials_is_a_configuration_error_naming_every_source() -> None:
    with pytest.raises(ReleasekitError) as raised:
        discover({}, URL, no_keyring)
    assert raised.value.category is Category.CONFIGURATION
    assert raised.value.exit_code == 2
    for word in ("id-token: write", "PYPI_API_TOKEN", "TWINE_PASSWORD", "keyring set"):
        assert word in raised.value.hint


def test_the_real_keyring_without_a_backend_gives_nothing() -> None:
    from releasekit.publish.credentials import keyring_lookup

    assert keyring_lookup(URL, None) is None
