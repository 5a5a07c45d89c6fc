from __future__ import annotations

import requests

from releasekit.github.client import GitHubClient, rate_limit_wait
from releasekit.github.issues import LABEL, find_issue, marker, report_failure, resolve_failure
from tests.github.issues_stand_in import GITHUB_TOKEN, REPOSITORY, IssuesStandIn
from tests.helpers.http_stubs import running_stub


def _client(url: str, sleeps: list[float]) -> GitHubClient:
    return GitHubClient(url, GITHUB_TOKEN, sleep=sleeps.append, now=lambda: 1000.0)


def test_created_once_commented_then_closed() -> None:
    stand_in = IssuesStandIn()
    sleeps: list[float] = []
    with running_stub(stand_in.routes()) as stub:
        client = _client(stub.url, sleeps)
        first = report_failure(client, REPOSITORY, "demo==1.0", "Release demo 1.0 failed", "report 1")
        second = report_failure(client, REPOSITORY, "demo==1.0", "Release demo 1.0 failed", "report 2")
        other = report_failure(client, REPOSITORY, "demo==1.1", "Release demo 1.1 failed", "report 3")
        closed = resolve_failure(client, REPOSITORY, "demo==1.0", "published")
        assert find_issue(client, REPOSITORY, "demo==1.0") is None
        assert resolve_failure(client, REPOSITORY, "demo==1.0", "again") is None
    assert (first, second, other, closed) == (1, 1, 2, 1)
    issue = stand_in.issues[0]
    assert issue["body"] == f"{marker('demo==1.0')}\nreport 1"
    assert issue["labels"] == [LABEL]
    assert (issue["state"], issue["state_reason"]) == ("closed", "completed")
    assert stand_in.comments == {1: ["report 2", "published"]}
    assert stand_in.issues[1]["state"] == "open"
    assert sleeps == []


def test_rate_limits_are_waited_out() -> None:
    stand_in = IssuesStandIn(
        throttles=[(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1042"}), (429, {"Retry-After": "7"})]
    )
    sleeps: list[float] = []
    with running_stub(stand_in.routes()) as stub:
        number = report_failure(_client(stub.url, sleeps), REPOSITORY, "demo==2.0", "t", "b")
    assert number == 1
    assert sleeps == [42.0, 7.0]


def test_a_forbidden_answer_without_rate_limit_headers_is_not_waited_for() -> None:
    response = requests.Response()
    response.status_code = 403
    assert rate_limit_wait(response, 0.0) is None
    response.status_code = 429
    assert rate_limit_wait(response, 0.0) == 60.0
