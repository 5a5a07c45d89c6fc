"""Secrets inside an artifact: credential files by name, private keys and token shapes by content; never printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding

# Files that hold credentials by their very name.
_SECRET_FILES = {
    ".pypirc": "a .pypirc (package index credentials)",
    ".netrc": "a .netrc (login credentials)",
    ".env": "a .env file (environment secrets)",
    "id_rsa": "an SSH private key",
    "id_dsa": "an SSH private key",
    "id_ecdsa": "an SSH private key",
    "id_ed25519": "an SSH private key",
    ".git-credentials": "git credentials",
}
# `.env.production` holds secrets; `.env.example` and friends document them.
_ENV_TEMPLATES = (".example", ".sample", ".template", ".dist", ".defaults")
# Well-known token shapes (each provider's documented prefix and length).
_TOKENS = (
    (
        "a private key",
        re.compile(rb"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
    ),
    ("a PyPI API token", re.compile(rb"pypi-AgE[A-Za-z0-9_-]{50,}")),
    ("a GitHub token", re.compile(rb"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b")),
    ("an AWS access key id", re.compile(rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a Slack token", re.compile(rb"\bxox[abposr]-[0-9A-Za-z-]{10,}")),
    ("a Google API key", re.compile(rb"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("a GitLab token", re.compile(rb"\bglpat-[0-9A-Za-z_-]{20}\b")),
    ("an npm token", re.compile(rb"\bnpm_[A-Za-z0-9]{36}\b")),
)
SCAN_LIMIT = 8 * 1024 * 1024
# Test suites ship throwaway keys on purpose (TLS fixtures): there a key is a warning, not an error.
_TEST_FOLDERS = frozenset({"tests", "test", "testing", "fixtures"})


def credential_file(name: str) -> str | None:
    base = PurePosixPath(name).name
    if base in _SECRET_FILES:
        return _SECRET_FILES[base]
    if base.startswith(".env.") and not base.endswith(_ENV_TEMPLATES):
        return _SECRET_FILES[".env"]
    return None


def secret_rules(dist: Distribution) -> Iterator[Finding]:
    """Each member that is a credential file or holds a secret's shape; the finding names the line, not the value."""
    for member in dist.files:
        what = credential_file(member.name)
        if what is not None:
            yield dist_finding(dist.display, "RK241", f"the member is {what}", member=member.name)
            continue
        data = member.data
        if data is None or len(data) > SCAN_LIMIT:
            continue
        for description, pattern in _TOKENS:
            match = pattern.search(data)
            if match is not None:
                line = data[: match.start()].count(b"\n") + 1
                message = f"the member holds {description}"
                code = "RK254" if _TEST_FOLDERS & set(PurePosixPath(member.name).parts[:-1]) else "RK241"
                yield dist_finding(dist.display, code, message, member=member.name, line=line)
