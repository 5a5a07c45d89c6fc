from __future__ import annotations

import pytest

from releasekit.publish.retry import RetryPolicy, possibly_stored, retry_after_seconds, retryable_status


@pytest.mark.parametrize(
    ("retry", "random_value", "expected"),
    [(0, 0.0, 0.5), (0, 1.0, 1.0), (1, 0.0, 1.0), (3, 1.0, 8.0), (6, 1.0, 60.0), (10, 0.0, 30.0)],
    ids=["first-low", "first-high", "second-low", "fourth-high", "capped", "capped-low"],
)
def test_backoff_is_min_60_2n_times_uniform_half_to_one(retry: int, random_value: float, expected: float) -> None:
    assert RetryPolicy().backoff(retry, lambda: random_value) == expected


def test_retry_after_wins_over_backoff() -> None:
    assert RetryPolicy().delay(0, lambda: 0.0, retry_after=7.0) == 7.0


@pytest.mark.parametrize(
    ("status", "retryable", "stored"),
    [(500, True, True), (502, True, True), (503, True, True), (429, True, False), (400, False, False),
     (401, False, False), (403, False, False), (409, False, False), (404, False, False)],
)  # fmt: skip
def test_only_what_can_succeed_is_retried(status: int, retryable: bool, stored: bool) -> None:
    assert retryable_status(status) is retryable
    assert possibly_stored(status) is stored


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after_seconds({"Retry-After": "12"}, now=0) == 12.0
    # Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
    assert retry_after_seconds({"Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"}, now=784111770) == 7.0
    assert retry_after_seconds({"Retry-After": "soon"}, now=0) is None
    assert retry_after_seconds({}, now=0) is None
