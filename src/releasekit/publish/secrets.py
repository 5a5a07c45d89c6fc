"""The secrets of one publishing run, and the redaction every output goes through."""

from __future__ import annotations

from collections.abc import Iterator

from releasekit._util.redaction import redact

# Shorter values are not worth masking everywhere; "__token__" is a user name, not a secret.
_MIN_LENGTH = 4


class Secrets:
    """Every password, API token, OIDC token and minted token seen so far; ``redact`` masks them all."""

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add(self, value: str | None) -> None:
        if value and len(value) >= _MIN_LENGTH and value != "__token__":
            self._values.add(value)

    def redact(self, text: str) -> str:
        return redact(text, self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._values))
