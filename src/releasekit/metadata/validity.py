"""Validity of small values PyPI checks on upload: email addresses, URLs, entry point object references."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# RFC 5322 atext, plus any non-ASCII character (SMTPUTF8 addresses are accepted, as email-validator does).
_LOCAL_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\U0010ffff-]+$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
# Special-use domains (RFC 6761 and others) that can never receive mail; email-validator refuses them too.
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
_IDENTIFIER = r"[^\W\d]\w*"
_DOTTED = rf"{_IDENTIFIER}(?:\.{_IDENTIFIER})*"
_OBJECT_REFERENCE = re.compile(rf"^{_DOTTED}(?:[ \t]*:[ \t]*{_DOTTED})?(?:[ \t]*\[[\w.,\s-]*\])?$")


def _ascii_domain(domain: str) -> str | None:
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def is_valid_email(address: str) -> bool:
    """``local@domain`` with a dotted, resolvable-looking domain; no deliverability lookup."""
    local, at, domain = address.rpartition("@")
    if not at or not local or len(local) > 64 or not domain:
        return False
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    if not all(_LOCAL_ATOM.match(atom) for atom in local.split(".")):
        return False
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None or len(ascii_domain) > 253:
        return False
    labels = ascii_domain.lower().split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return False
    return labels[-1] not in _SPECIAL_USE


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a URL PyPI accepts (an http or https URL with a host), or None."""
    if not url.strip():
        return "is empty"
    if any(char.isspace() for char in url):
        return "contains spaces"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http or https URL"
    if not parts.hostname:
        return "has no host"
    return None


def is_valid_object_reference(reference: str) -> bool:
    """``package.module`` or ``package.module:object.attribute``, optionally with legacy ``[extras]``."""
    return _OBJECT_REFERENCE.match(reference.strip()) is not None
