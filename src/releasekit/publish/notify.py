"""The run told to GitHub: a step summary, and a release-failure issue opened, updated or closed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import requests

from releasekit.errors import ReleasekitError
from releasekit.github.client import GitHubClient
from releasekit.github.issues import report_failure, resolve_failure
from releasekit.github.step_summary import append_step_summary
from releasekit.github.workflow_commands import in_github_actions
from releasekit.publish.report import PublishReport
from releasekit.publish.secrets import Secrets

TROUBLESHOOTING = """### Troubleshooting

1. Read the errors above, most severe first, and do what each hint says.
2. Run `releasekit publish` again once the cause is fixed: files already on the index with the same sha256 \
are skipped, so nothing is uploaded twice.
3. A file on the index with another sha256 cannot be replaced: delete or yank it and publish a new version.
4. `401`/`403`: check the API token or the trusted publisher's settings (repository, workflow, environment).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def run_url(environ: Mapping[str, str]) -> str:
    server, repository, run = (
        environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    )
    return f"{server or 'https://github.com'}/{repository}/actions/runs/{run}" if repository and run else ""


def report_markdown(report: PublishReport, secrets: Secrets, link: str = "") -> str:
    """The report as markdown: files with outcome, attempts and verified hash; errors with their hints."""
    releases = ", ".join(f"{project} {version}" for project, version in report.releases()) or "nothing"
    lines = [f"## releasekit publish: {report.outcome} ({releases})", ""]
    if link:
        lines += [f"Run: {link}", ""]
    lines += [
        f"Index: {report.index_url}",
        "",
        "| file | outcome | attempts | verified sha256 |",
        "| --- | --- | --- | --- |",
    ]
    for record in report.files:
        verified = f"`{record.verified_sha256[:16]}…`" if record.verified_sha256 else "no"
        lines.append(f"| `{record.file}` | {record.outcome} | {len(record.attempts)} | {verified} |")
    if report.errors:
        lines += ["", "### Errors", "", "| severity | category | message | what to do |", "| --- | --- | --- | --- |"]
        for error in report.errors:
            lines.append(f"| {error.severity} | {error.category} | {_cell(error.message)} | {_cell(error.hint)} |")
    return secrets.redact("\n".join(lines) + "\n")


def notify(
    report: PublishReport,
    secrets: Secrets,
    environ: Mapping[str, str],
    *,
    sleep: Callable[[float], None],
    now: Callable[[], float],
    session: requests.Session | None = None,
) -> list[str]:
    """Tell GitHub (only inside GitHub Actions); returns warnings: a failed notification never fails the run."""
    if not in_github_actions(environ) or report.outcome == "dry-run":
        return []
    warnings = []
    link = run_url(environ)
    markdown = report_markdown(report, secrets, link)
    try:
        append_step_summary(environ, markdown)
    except OSError as error:
        warnings.append(f"could not write the step summary: {error}")
    token, repository = environ.get("GITHUB_TOKEN"), environ.get("GITHUB_REPOSITORY")
    if not token or not repository:
        return warnings
    client = GitHubClient(
        environ.get("GITHUB_API_URL") or "https://api.github.com", token, session=session, sleep=sleep, now=now
    )
    for project, version in report.releases():
        key = f"{project}=={version}"
        try:
            if report.outcome == "published":
                resolve_failure(
                    client, repository, key, f"{project} {version} was published and verified. {link}".strip()
                )
            else:
                body = secrets.redact(markdown + "\n" + TROUBLESHOOTING)
                report_failure(client, repository, key, f"Release {project} {version} failed to publish", body)
        except ReleasekitError as error:
            warnings.append(secrets.redact(f"GitHub issue for {project} {version} not updated: {error.message}"))
    return warnings
