"""Which failures are worth retrying, and how long to wait before the next attempt."""

from __future__ import annotations

import email.utils
from collections.abc import Callable, Mapping
from dataclasses import dataclass

DEFAULT_RETRIES = 3
DEFAULT_BASE_DELAY = 1.0
DEFAULT_MAX_DELAY = 60.0
# A Retry-After longer than this is not waited out: the run fails and says when to try again.
DEFAULT_MAX_RETRY_AFTER = 600.0


@dataclass(frozen=True)
class RetryPolicy:
    """``retries`` more attempts after the first; delay ``min(max_delay, base * 2**n) * uniform(0.5, 1.0)``."""

    retries: int = DEFAULT_RETRIES
    base_delay: float = DEFAULT_BASE_DELAY
    max_delay: float = DEFAULT_MAX_DELAY
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER

    def backoff(self, retry: int, random: Callable[[], float]) -> float:
        """The delay before retry number ``retry`` (0 for the first), with jitter in [0.5, 1.0]."""
        return float(min(self.max_delay, self.base_delay * 2.0**retry) * (0.5 + 0.5 * random()))

    def delay(self, retry: int, random: Callable[[], float], retry_after: float | None) -> float:
        """The server's Retry-After when it gave one, otherwise the jittered backoff."""
        if retry_after is not None:
            return retry_after
        return self.backoff(retry, random)


def retryable_status(status: int) -> bool:
    """5xx and 429 can succeed on retry; 400, 401, 403, 409 and the other 4xx never do."""
    return status == 429 or 500 <= status <= 599


def possibly_stored(status: int) -> bool:
    """A 5xx may come after the index stored the file (a proxy's 502, a crash after the write)."""
    return 500 <= status <= 599


def retry_after_seconds(headers: Mapping[str, str], now: float) -> float | None:
    """The Retry-After header as seconds from ``now`` (delta-seconds or an HTTP date), if valid."""
    value = headers.get("Retry-After") or headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)
