"""A stand-in for GitHub's issues REST API: issues and comments kept in memory, every request recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.helpers.http_stubs import Reply, Request, Route

REPOSITORY = "octo-org/rkpubdemo"
GITHUB_TOKEN = "ghs_canaryGitHubToken0123456789"  # noqa: S105 - a canary


@dataclass
class IssuesStandIn:
    issues: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[int, list[str]] = field(default_factory=dict)
    # Answers given before the real ones (rate limits): (status, headers) popped one per request.
    throttles: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def routes(self) -> dict[tuple[str, str], Route]:
        base = f"/repos/{REPOSITORY}/issues"
        return {
            ("GET", base): self._guard(self._list),
            ("POST", base): self._guard(self._create),
            ("POST", f"{base}/*"): self._guard(self._comment),
            ("PATCH", f"{base}/*"): self._guard(self._update),
        }

    def _guard(self, route: Route) -> Route:
        def guarded(request: Request) -> Reply:
            if request.headers.get("Authorization") != f"Bearer {GITHUB_TOKEN}":
                return Reply(401, {"message": "Bad credentials"})
            if self.throttles:
                status, headers = self.throttles.pop(0)
                return Reply(status, {"message": "API rate limit exceeded"}, headers)
            return route(request)

        return guarded

    def _list(self, request: Request) -> Reply:
        label = request.query.get("labels", [""])[0]
        page = int(request.query.get("page", ["1"])[0])
        found = [i for i in self.issues if i["state"] == "open" and label in i["labels"]]
        return Reply(200, found[(page - 1) * 100 : page * 100])

    def _create(self, request: Request) -> Reply:
        data = request.json()
        issue = {"number": len(self.issues) + 1, "state": "open", **data}
        self.issues.append(issue)
        return Reply(201, issue)

    def _number(self, request: Request) -> int:
        return int(request.path.split("/issues/")[1].split("/")[0])

    def _comment(self, request: Request) -> Reply:
        self.comments.setdefault(self._number(request), []).append(request.json()["body"])
        return Reply(201, {"id": 1})

    def _update(self, request: Request) -> Reply:
        issue = self.issues[self._number(request) - 1]
        issue.update(request.json())
        return Reply(200, issue)
