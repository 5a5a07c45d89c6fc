"""A small client for GitHub's REST API that waits out rate limits (Retry-After, X-RateLimit-Reset)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from releasekit.errors import Category, ReleasekitError, Severity

API_VERSION = "2022-11-28"
# A limit reset further away than this is not waited for: the notification fails, publishing does not.
MAX_RATE_LIMIT_WAIT = 300.0
MAX_RATE_LIMIT_RETRIES = 3


class GitHubError(ReleasekitError):
    """A REST call that failed."""


def rate_limit_wait(response: requests.Response, now: float) -> float | None:
    """Seconds to wait when the answer is GitHub's primary or secondary rate limit, else None."""
    if response.status_code not in (403, 429):
        return None
    retry_after = response.headers.get("Retry-After")
    if retry_after and retry_after.strip().isdigit():
        return float(retry_after)
    if response.headers.get("X-RateLimit-Remaining") == "0" and response.headers.get("X-RateLimit-Reset"):
        try:
            return max(0.0, float(response.headers["X-RateLimit-Reset"]) - now)
        except ValueError:
            return None
    if response.status_code == 429:
        return 60.0  # GitHub's advice for a secondary limit without headers: wait at least a minute
    return None


class GitHubClient:
    """REST calls against ``api_url`` with ``token``; every seam injectable."""

    def __init__(
        self,
        api_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None],
        now: Callable[[], float],
        timeout: float = 30.0,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": API_VERSION,
            }
        )
        self.sleep = sleep
        self.now = now
        self.timeout = timeout

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        url = path if path.startswith("http") else f"{self.api_url}{path}"
        for _ in range(MAX_RATE_LIMIT_RETRIES + 1):
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as error:
                raise GitHubError(
                    f"GitHub API {method} {path}: {type(error).__name__}", category=Category.NETWORK
                ) from error
            wait = rate_limit_wait(response, self.now())
            if wait is None:
                break
            if wait > MAX_RATE_LIMIT_WAIT:
                raise GitHubError(
                    f"GitHub API rate limit: {wait:.0f} s until it resets",
                    category=Category.NETWORK,
                    severity=Severity.LOW,
                    hint="the notification was skipped; the publishing result above stands",
                )
            self.sleep(wait)
        if not response.ok:
            raise GitHubError(
                f"GitHub API {method} {path}: HTTP {response.status_code}",
                category=Category.NETWORK,
                severity=Severity.LOW,
                hint="the job needs `permissions: issues: write` for release-failure issues",
            )
        return response.json() if response.content else None
