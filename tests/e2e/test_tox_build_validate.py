"""`tox -e build` and `tox -e validate` in a consumer project, with the README's own tox.ini snippet, for real."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.helpers.git_repos import make_repo
from tests.helpers.pre_commit_harness import make_sandbox, run_ok, source_root
from tests.validate.corpus import SDIST, TINY_FILES, WHEEL


def readme_snippet() -> str:
    readme = (source_root() / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```ini\n(?P<ini>\[testenv:build\].*?\[testenv:validate\].*?)```", readme, re.DOTALL)
    assert match is not None, "the README has no tox.ini snippet for build and validate"
    return match["ini"]


def test_this_repository_has_both_environments() -> None:
    tox_ini = (source_root() / "tox.ini").read_text(encoding="utf-8")
    for command in ("build", "validate"):
        pattern = rf"^\[testenv:{command}\]\n(?:.+\n)*?commands =\n    releasekit {command} \{{posargs\}}\n"
        assert re.search(pattern, tox_ini, re.M), command


@pytest.mark.e2e
def test_tox_build_then_validate_in_a_consumer_project(tmp_path: Path) -> None:
    sandbox = make_sandbox(tmp_path / "sandbox", os.environ)
    snippet = readme_snippet()
    deps = "deps = releasekit @ git+https://github.com/releasekit/releasekit@REV\n"
    assert deps in snippet
    ini = snippet.replace(deps, f"deps = {source_root()}\n")
    files = {**TINY_FILES, "tox.ini": f"[tox]\nrequires = tox>=4.22\n\n{ini}", ".gitignore": ".tox/\ndist/\n"}
    root = make_repo(tmp_path / "tiny", files)
    tox = [sys.executable, "-m", "tox", "run", "-e"]
    built = run_ok([*tox, "build"], root, sandbox.env)
    assert f"releasekit: built {SDIST} and {WHEEL} of commit" in built
    assert sorted(path.name for path in (root / "dist").iterdir()) == sorted(
        ["SHA256SUMS", "build-report.json", SDIST, WHEEL]
    )
    validated = run_ok([*tox, "validate"], root, sandbox.env)
    assert "releasekit: 2 distributions OK\n" in validated
    assert (root / "dist" / "validate-report.json").is_file()
