"""`tox -e bump -- patch` in a consumer project, with the README's own tox.ini snippet, for real."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.helpers.bump_projects import expected_after_patch, snapshot
from tests.helpers.pre_commit_harness import make_sandbox, run_ok, source_root
from tests.helpers.sample_project import build_mypylogger


def readme_tox_snippet() -> str:
    readme = (source_root() / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```ini\n# tox.ini\n(?P<ini>\[testenv:bump\].*?)```", readme, re.DOTALL)
    assert match is not None, "the README has no tox.ini snippet for consumers"
    return match["ini"]


def test_readme_snippet_passes_arguments_through() -> None:
    snippet = readme_tox_snippet()
    assert "commands = releasekit bump {posargs}\n" in snippet
    assert "deps = releasekit @ git+https://github.com/releasekit/releasekit@REV\n" in snippet


def test_this_repository_has_the_same_environment() -> None:
    tox_ini = (source_root() / "tox.ini").read_text(encoding="utf-8")
    assert re.search(r"^\[testenv:bump\]\n(?:.+\n)*?commands =\n    releasekit bump \{posargs\}\n", tox_ini, re.M)


@pytest.mark.e2e
def test_tox_bump_patch_in_a_consumer_project(tmp_path: Path) -> None:
    sandbox = make_sandbox(tmp_path / "sandbox", os.environ)
    root = build_mypylogger(tmp_path / "mypylogger")
    # The README's snippet, with releasekit installed from this work tree instead of PyPI.
    ini = re.sub(r"^deps = .*$", f"deps = {source_root()}", readme_tox_snippet(), flags=re.MULTILINE)
    (root / "tox.ini").write_text(f"[tox]\nrequires = tox>=4.22\n\n{ini}", encoding="utf-8")
    tox = [sys.executable, "-m", "tox", "-e", "bump"]
    output = run_ok([*tox, "--", "patch", "--no-commit", "--yes"], root, sandbox.env)
    assert "releasekit: bumped 0.2.0 \u2192 0.2.1: 16 references in 12 files, verified\n" in output
    bumped = {path: content for path, content in snapshot(root).items() if not path.startswith(".tox/")}
    bumped.pop("tox.ini")
    assert bumped == expected_after_patch(tmp_path)
