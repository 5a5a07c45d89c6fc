from __future__ import annotations

import pytest

from releasekit._util.redaction import header_secrets, redact, url_secrets

CANARY = "rk-canary-5f0c2a9e71d84b36"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"fatal: unable to access 'https://user:{CANARY}@example.com/me/pkg.git/'",
            "fatal: unable to access 'https://***@example.com/me/pkg.git/'",
            id="user-and-token",
        ),
        pytest.param(f"https://{CANARY}@example.com/x.git", "https://***@example.com/x.git", id="token-as-user"),
        pytest.param(f"https://me:p@ss{CANARY}@host:8443/x", "https://***@host:8443/x", id="at-sign-in-password"),
        pytest.param("ssh://git@example.com/me/pkg.git", "ssh://***@example.com/me/pkg.git", id="ssh-user"),
        pytest.param("git@example.com:me/pkg.git", "git@example.com:me/pkg.git", id="scp-like-untouched"),
        pytest.param("mail tests@releasekit.invalid", "mail tests@releasekit.invalid", id="email-untouched"),
        pytest.param("https://example.com/a@b", "https://example.com/a@b", id="at-sign-in-path-untouched"),
    ],
)
def test_redact_urls(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_known_secrets_anywhere_longest_first() -> None:
    assert redact(f"token {CANARY} and {CANARY[:20]}", {CANARY[:20], CANARY}) == "token *** and ***"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"https://user:{CANARY}@example.com", {CANARY}, id="password"),
        pytest.param(f"https://{CANARY}:x-oauth-basic@example.com", {CANARY}, id="token-as-user"),
        pytest.param(
            "https://rk-canary%2Fencoded-secret@h/x",
            {"rk-canary%2Fencoded-secret", "rk-canary/encoded-secret"},
            id="percent-encoded",
        ),
        pytest.param("https://me:short@example.com", set(), id="short-ones-only-inside-urls"),
        pytest.param("no url here", set(), id="none"),
    ],
)
def test_url_secrets(text: str, expected: set[str]) -> None:
    assert url_secrets(text) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(f"AUTHORIZATION: basic {CANARY}", {CANARY}, id="authorization"),
        pytest.param("Authorization:", set(), id="empty"),
        pytest.param(f"X-Trace: {CANARY}", set(), id="other-header"),
        pytest.param("no header", set(), id="not-a-header"),
    ],
)
def test_header_secrets(header: str, expected: set[str]) -> None:
    assert header_secrets(header) == expected
