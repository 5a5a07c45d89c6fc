"""Which releasekit the files `init` writes install: the one running it, from PyPI or from a git commit.

pip records where it installed a distribution from in `direct_url.json` (PEP 610): a releasekit
installed from a git repository is named by that repository and commit (pinned, as zizmor asks of
workflows); one from an index by its version and tag.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from typing import Any, NamedTuple

DISTRIBUTION = "releasekit"
REPOSITORY = "releasekit/releasekit"
REPOSITORY_URL = f"https://github.com/{REPOSITORY}"
_GITHUB = re.compile(r"^https://github\.com/(?P<slug>[\w.-]+/[\w.-]+?)(?:\.git)?/?$", re.IGNORECASE)


class Source(NamedTuple):
    """Where releasekit comes from, in the words of pip, pre-commit and GitHub workflows."""

    pip: str  # after the distribution name (and its extras): "==0.1.0" or " @ git+URL@COMMIT"
    repository_url: str  # pre-commit's `repo:`
    revision: str  # pre-commit's `rev:` and the workflows' `@`: "v0.1.0" or the commit
    workflows: str  # owner/name of the repository holding the reusable workflows

    def requirement(self, extra: str = "") -> str:
        return f"{DISTRIBUTION}[{extra}]{self.pip}" if extra else f"{DISTRIBUTION}{self.pip}"

    @property
    def tagged(self) -> bool:
        """Whether the revision is a tag (a commit needs no advice about pinning)."""
        return not re.fullmatch(r"[0-9a-f]{40}", self.revision)


def published(version: str) -> Source:
    """releasekit ``version`` from PyPI, its hooks and workflows at the release's tag."""
    return Source(f"=={version}", REPOSITORY_URL, f"v{version}", REPOSITORY)


def from_git(url: str, revision: str) -> Source:
    """releasekit from a git repository at ``revision``; its workflows there too when it is on GitHub."""
    match = _GITHUB.match(url)
    return Source(f" @ git+{url}@{revision}", url, revision, match["slug"] if match else REPOSITORY)


def from_direct_url(document: Any, version: str) -> Source:
    """The source PEP 610's ``direct_url.json`` describes; the published release for anything else."""
    vcs = document.get("vcs_info") if isinstance(document, dict) else None
    url = document.get("url") if isinstance(document, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and url.startswith("https://"):
        commit = vcs.get("commit_id")
        if isinstance(commit, str) and commit:
            return from_git(url, commit)
    return published(version)


def detect_source(version: str) -> Source:
    """The source of the releasekit installed here."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    if not text:
        return published(version)
    try:
        return from_direct_url(json.loads(text), version)
    except ValueError:
        return published(version)
