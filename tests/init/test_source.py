"""Which releasekit `init` pins: the release on PyPI, or the git commit pip installed it from (PEP 610)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from releasekit.init.source import Source, from_direct_url, from_git, published
from releasekit.init.templates import ENVIRONMENTS, HOOK_IDS, pre_commit_entry, publish_workflow, tox_ini_section
from tests.helpers.pre_commit_harness import source_root

COMMIT = "0123456789abcdef0123456789abcdef01234567"
RELEASED = "1.2.3"  # a release of releasekit, spelled away from its name: the repository checks itself


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"url": "https://github.com/releasekit/releasekit", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            Source(
                f" @ git+https://github.com/releasekit/releasekit@{COMMIT}",
                "https://github.com/releasekit/releasekit",
                COMMIT,
                "releasekit/releasekit",
            ),
        ),
        (
            {"url": "https://github.com/a-fork/releasekit.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            Source(
                f" @ git+https://github.com/a-fork/releasekit.git@{COMMIT}",
                "https://github.com/a-fork/releasekit.git",
                COMMIT,
                "a-fork/releasekit",
            ),
        ),
        (
            {"url": "https://git.example.org/tools/releasekit", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            Source(
                f" @ git+https://git.example.org/tools/releasekit@{COMMIT}",
                "https://git.example.org/tools/releasekit",
                COMMIT,
                "releasekit/releasekit",
            ),
        ),
        ({"url": "file:///home/me/releasekit", "dir_info": {"editable": True}}, published(RELEASED)),
        ({"url": f"file:///tmp/releasekit-{RELEASED}-py3-none-any.whl", "archive_info": {}}, published(RELEASED)),
        (
            {"url": "https://hg.example.org/releasekit", "vcs_info": {"vcs": "hg", "commit_id": "abc"}},
            published(RELEASED),
        ),
        ([], published(RELEASED)),
    ],
    ids=["github", "github-fork", "other-forge", "editable", "wheel-file", "mercurial", "malformed"],
)
def test_the_source_pip_recorded(document: Any, expected: Source) -> None:
    assert from_direct_url(document, RELEASED) == expected


def test_a_commit_pins_the_hooks_the_environments_and_the_workflows() -> None:
    source = from_git("https://github.com/releasekit/releasekit", COMMIT)
    assert not source.tagged
    assert pre_commit_entry(source) == (
        f"  - repo: https://github.com/releasekit/releasekit\n    rev: {COMMIT}\n    hooks:\n"
        "      - id: version-consistency\n      - id: check-metadata\n"
    )
    security = tox_ini_section(ENVIRONMENTS[-1], source)
    assert f"deps = releasekit[security] @ git+https://github.com/releasekit/releasekit@{COMMIT}\n" in security
    assert f"uses: releasekit/releasekit/.github/workflows/reusable-pypi-publish.yml@{COMMIT}\n" in publish_workflow(
        source
    )


def test_a_release_pins_its_version_and_tag() -> None:
    source = published(RELEASED)
    assert source.tagged
    assert source.requirement() == f"releasekit=={RELEASED}"
    assert source.requirement("security") == f"releasekit[security]=={RELEASED}"
    assert f"    rev: v{RELEASED}\n" in pre_commit_entry(source)


def test_the_hooks_init_adds_are_hooks_releasekit_declares() -> None:
    declared = yaml.safe_load((source_root() / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert set(HOOK_IDS) <= {hook["id"] for hook in declared}
