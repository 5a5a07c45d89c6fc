"""What `releasekit init` learns from the project: its name, its GitHub repository, how it names tags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from packaging.version import InvalidVersion, Version

from releasekit._util.process import run
from releasekit.project.identity import distribution_name, load_pyproject

_GITHUB = re.compile(r"github\.com[/:](?P<owner>[\w.-]+)/(?P<repository>[\w.-]+?)(?:\.git)?/?$", re.IGNORECASE)
_TAG = re.compile(r"^(?P<prefix>.*?)(?P<version>\d+(?:\.\d+)*\S*)$")
DEFAULT_TAG_NAME = "v{version}"


class Detected(NamedTuple):
    """The settings `init` writes and the values the one-time steps name."""

    name: str
    owner: str | None
    repository: str | None
    tag_name: str


def _git(root: Path, *args: str) -> str | None:
    result = run(["git", *args], cwd=root, check=False)
    return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else None


def github_repository(root: Path) -> tuple[str, str] | None:
    """``(owner, repository)`` of the `origin` remote when it is on GitHub, in the remote's own spelling."""
    url = _git(root, "config", "--get", "remote.origin.url")
    match = _GITHUB.search(url) if url else None
    return (match["owner"], match["repository"]) if match else None


def tag_name(root: Path) -> str:
    """The tag template of the latest tag that names a version (`v1.2.3` gives `v{version}`), else the default."""
    latest = _git(root, "describe", "--tags", "--abbrev=0")
    match = _TAG.match(latest) if latest else None
    if match is None:
        return DEFAULT_TAG_NAME
    try:
        Version(match["version"])
    except InvalidVersion:
        return DEFAULT_TAG_NAME
    return match["prefix"] + "{version}"


def detect(root: Path) -> Detected:
    slug = github_repository(root)
    owner, repository = slug if slug else (None, None)
    return Detected(distribution_name(root, load_pyproject(root)), owner, repository, tag_name(root))
