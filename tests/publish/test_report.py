"""The report, the console summary and the issue markdown never hold a secret, even one an error echoed."""

from __future__ import annotations

import json
from pathlib import Path

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.notify import report_markdown
from releasekit.publish.report import PublishReport, render_json, write_report
from releasekit.publish.secrets import Secrets
from releasekit.publish.summary import render_summary

TOKEN = "pypi-canaryToken-AgEIcHlwaS5vcmc"  # noqa: S105 - a canary


def _report() -> tuple[PublishReport, Secrets]:
    secrets = Secrets()
    secrets.add(TOKEN)
    report = PublishReport("https://upload.example/legacy/", "https://example/simple/", False, "2026-01-01T00:00:00Z")
    report.add_error(
        ReleasekitError(f"echoed {TOKEN}", category=Category.UPLOAD, severity=Severity.MEDIUM, hint=f"not {TOKEN}"),
        secrets,
    )
    report.add_error(
        ReleasekitError(
            f"https://__token__:{TOKEN}@upload.example refused",
            category=Category.AUTHENTICATION,
            severity=Severity.CRITICAL,
            hint="check the token",
        ),
        secrets,
    )
    report.outcome = "failed"
    return report, secrets


def test_errors_sorted_by_severity_and_redacted(tmp_path: Path) -> None:
    report, secrets = _report()
    path = tmp_path / "dist" / "publish-report.json"
    write_report(report, path, secrets)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert [error["severity"] for error in data["errors"]] == ["critical", "medium"]
    assert data["errors"][0]["message"] == "https://***@upload.example refused"
    assert data["errors"][1] == {
        "category": "upload", "severity": "medium", "message": "echoed ***", "hint": "not ***", "file": None,
    }  # fmt: skip
    outputs = [render_json(report, secrets), render_summary(report, secrets), report_markdown(report, secrets)]
    assert all(TOKEN not in text for text in outputs)
    summary = render_summary(report, secrets).splitlines()
    assert summary == [
        "releasekit: 2 errors:",
        "  1. [critical] authentication error: https://***@upload.example refused",
        "  2. [medium] upload error: echoed ***",
        "releasekit: what to do:",
        "  1. check the token",
        "  2. not ***",
        "releasekit: publishing nothing failed",
    ]
