"""One issue per failed release, found again by a hidden marker: created, commented on, closed."""

from __future__ import annotations

from typing import Any

from releasekit.github.client import GitHubClient

LABEL = "release-failure"


def marker(key: str) -> str:
    """The hidden HTML comment that identifies the issue of ``key`` (a project and version)."""
    return f"<!-- releasekit:release-failure:{key} -->"


def find_issue(client: GitHubClient, repository: str, key: str) -> dict[str, Any] | None:
    """The open issue carrying ``key``'s marker, if there is one (every page of the label's open issues)."""
    wanted = marker(key)
    page = 1
    while True:
        issues = client.request(
            "GET",
            f"/repos/{repository}/issues",
            params={"state": "open", "labels": LABEL, "per_page": 100, "page": page},
        )
        for issue in issues or []:
            if wanted in (issue.get("body") or ""):
                return dict(issue)
        if not issues or len(issues) < 100:
            return None
        page += 1


def report_failure(client: GitHubClient, repository: str, key: str, title: str, body: str) -> int:
    """Create the issue once, or comment on the open one; returns its number."""
    existing = find_issue(client, repository, key)
    if existing is not None:
        client.request("POST", f"/repos/{repository}/issues/{existing['number']}/comments", json={"body": body})
        return int(existing["number"])
    created = client.request(
        "POST",
        f"/repos/{repository}/issues",
        json={"title": title, "body": f"{marker(key)}\n{body}", "labels": [LABEL]},
    )
    return int(created["number"])


def resolve_failure(client: GitHubClient, repository: str, key: str, comment: str) -> int | None:
    """Comment on and close the open issue of ``key``, if there is one."""
    existing = find_issue(client, repository, key)
    if existing is None:
        return None
    number = int(existing["number"])
    client.request("POST", f"/repos/{repository}/issues/{number}/comments", json={"body": comment})
    client.request(
        "PATCH", f"/repos/{repository}/issues/{number}", json={"state": "closed", "state_reason": "completed"}
    )
    return number
