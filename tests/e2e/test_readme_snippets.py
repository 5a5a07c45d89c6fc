"""The README's consumer snippets work as written, or say plainly what to put instead of a placeholder."""

from __future__ import annotations

import re

from tests.helpers.pre_commit_harness import source_root

README = (source_root() / "README.md").read_text(encoding="utf-8")
EXPLAINED_REV = "a tag or full commit sha that exists there"


def test_every_rev_pin_is_a_placeholder_the_readme_explains() -> None:
    # releasekit has no release tag: a pinned ``rev: v0.1.0`` would not exist for anyone.
    revs = re.findall(r"^\s*rev:\s*(\S+)", README, re.MULTILINE)
    assert revs
    assert set(revs) == {"REV"}
    assert " ".join(EXPLAINED_REV.split()) in " ".join(README.split())


def test_the_tox_deps_line_installs_releasekit_from_its_repository() -> None:
    # An extra (releasekit[security]) installs the same releasekit.
    deps = [re.sub(r"^releasekit\[[\w,]+\]", "releasekit", dep) for dep in re.findall(r"^deps = (.*)$", README, re.M)]
    assert deps, "the README shows tox snippets"
    assert {re.sub(r"\[\w+\]", "", line) for line in deps} == {
        "releasekit @ git+https://github.com/releasekit/releasekit@REV"
    }
    assert "releasekit is not on PyPI yet" in README
    assert "`REV` with a tag or commit sha that exists there" in " ".join(README.split())
