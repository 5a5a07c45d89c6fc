"""The publishing workflow's notify job, run by the simulated runner: one release-failure issue per tag."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers.actions_runner import Runner
from tests.helpers.pre_commit_harness import source_root

WORKFLOW = source_root() / ".github" / "workflows" / "reusable-pypi-publish.yml"
MARKER = "<!-- releasekit:release-failure:v1.2.0 -->"
BODY = (
    "Publishing v1.2.0 failed (build: success, publish: failure): https://github.com/me/pkg/actions/runs/77\n\n"
    "The run's artifacts hold dist/ with the build and validate reports, and publish-report.json.\n"
    "Fix the cause, then run the workflow again: files already on the index with the same sha256 are skipped."
)


def runner(tmp_path: Path) -> Runner:
    expressions = {
        "github.token": "ghs-canary-notify-token",
        "github.repository": "me/pkg",
        "github.ref_name": "v1.2.0",
        "github.server_url": "https://github.com",
        "github.run_id": "77",
        "needs.build.result": "success",
        "needs.publish.result": "failure",
    }
    environment = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    return Runner(tmp_path, tmp_path / "runner", environment, expressions, {"ref": "refs/tags/v1.2.0"})


def test_a_first_failure_opens_the_issue(tmp_path: Path) -> None:
    notify = runner(tmp_path)
    result = notify.run_job(WORKFLOW, "notify")
    assert result.succeeded, result.output
    label, listing, created = notify.gh_calls
    assert label[:3] == ["label", "create", "release-failure"]
    assert listing == [
        "issue",
        "list",
        "--label",
        "release-failure",
        "--state",
        "open",
        "--limit",
        "100",
        "--json",
        "number,body",
    ]
    assert created == [
        "issue", "create", "--title", "Release v1.2.0 failed to publish", "--label", "release-failure",
        "--body", f"{MARKER}\n{BODY}",
    ]  # fmt: skip


def test_a_later_failure_comments_on_the_open_issue(tmp_path: Path) -> None:
    notify = runner(tmp_path)
    open_issues = [{"number": 3, "body": "<!-- releasekit:release-failure:v1.1.0 -->"}, {"number": 9, "body": MARKER}]
    notify.gh_answers["issue list"] = json.dumps(open_issues)
    result = notify.run_job(WORKFLOW, "notify")
    assert result.succeeded, result.output
    assert notify.gh_calls[-1] == ["issue", "comment", "9", "--body", BODY]
