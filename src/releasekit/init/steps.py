"""The one-time steps no file can do: PyPI's Trusted Publisher, the environments, GitHub Pages."""

from __future__ import annotations

from releasekit.init.detect import Detected
from releasekit.init.source import Source
from releasekit.init.templates import PAGES_ENVIRONMENT, PUBLISH_ENVIRONMENT, PUBLISH_WORKFLOW


def one_time_steps(detected: Detected, source: Source) -> list[str]:
    """The steps, as lines of text, with the exact values this project needs."""
    owner = detected.owner or "OWNER"
    repository = detected.repository or "REPOSITORY"
    github = f"https://github.com/{owner}/{repository}"
    lines = [
        "One-time steps (no file can do them):",
        f"1. PyPI: add a Trusted Publisher (GitHub Actions) to {detected.name}, at",
        f"   https://pypi.org/manage/project/{detected.name}/settings/publishing/",
        "   (before the first release: https://pypi.org/manage/account/publishing/, a pending publisher;",
        "   the same on test.pypi.org to publish there):",
        f"     PyPI project name: {detected.name}",
        f"     Owner:             {owner}",
        f"     Repository name:   {repository}",
        f"     Workflow name:     {PUBLISH_WORKFLOW}",
        f"     Environment name:  {PUBLISH_ENVIRONMENT}",
        f"2. GitHub: create the environment {PUBLISH_ENVIRONMENT}, with required reviewers if each",
        f"   release should wait for an approval: {github}/settings/environments",
        '3. GitHub Pages: set the source to "GitHub Actions" (the status page deploys to the',
        f"   environment {PAGES_ENVIRONMENT}): {github}/settings/pages",
        "4. Each clone: `pre-commit install`.",
    ]
    if source.tagged:
        lines += [
            "5. Optional: pin releasekit's reusable workflows by commit rather than by tag (zizmor's",
            f"   unpinned-uses): `git ls-remote --tags {source.repository_url}` lists each tag's",
            "   commit; write `@COMMIT # TAG` in place of `@TAG` in both workflows.",
        ]
    if detected.owner is None:
        lines.append("(No GitHub remote `origin` was found: OWNER and REPOSITORY stand for yours.)")
    return lines
