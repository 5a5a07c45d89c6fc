"""Credentials never reach a message: URLs lose their user info, known secrets are masked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

REDACTED = "***"
# The user info of a URL (`https://user:token@host`) ends at the last `@` before the path; a
# password may hold an unencoded `@`, so the match is greedy up to a slash, space or quote.
_URL_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^\s/'\"<>]*)@")
# A user name or password this long is a token worth masking wherever it appears; shorter ones
# are masked inside URLs only, so that a password such as "test" does not mangle every message.
_MIN_SECRET_LENGTH = 16


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the user info of every URL and every one of ``secrets`` replaced by ``***``."""
    text = _URL_USERINFO.sub(lambda match: f"{match['scheme']}{REDACTED}@", text)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def url_secrets(text: str) -> frozenset[str]:
    """The tokens embedded in the URLs of ``text`` (user names and passwords long enough to be one)."""
    found: set[str] = set()
    for match in _URL_USERINFO.finditer(text):
        user, _, password = match["userinfo"].partition(":")
        for part in (user, password):
            for spelling in (part, unquote(part)):
                if len(spelling) >= _MIN_SECRET_LENGTH:
                    found.add(spelling)
    return frozenset(found)


def header_secrets(header: str) -> frozenset[str]:
    """The credential of an ``Authorization: <scheme> <credential>`` header value, if it is one."""
    name, colon, value = header.partition(":")
    if not colon or name.strip().lower() != "authorization":
        return frozenset()
    credential = value.split()[-1] if value.split() else ""
    return frozenset({credential}) if len(credential) >= _MIN_SECRET_LENGTH else frozenset()
