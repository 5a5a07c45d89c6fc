"""`check --explain`: every candidate line with the reason it is, or is not, a reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo


def test_explain_says_why_for_each_candidate_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(
        tmp_path / "p",
        {
            "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.3"\n',
            "CHANGELOG.md": "## Release 1.2.2\n",
            "README.md": "my-pkg 1.2.3\nSince my-pkg 1.1.0 it is fast.\nmy-pkg 1.0.0 is an example.\n",
            "src/my_pkg/__init__.py": '__version__ = "1.2.2"\nTEMPLATE = """\n__version__ = "9.9.9"\n"""\n',
            "src/my_pkg/idnadata.py": '__version__ = "17.0.0"\n',
            "docs/requirements.txt": "my-pkg==1.2.2\n",
        },
    )
    git(root, "tag", "1.2.2")
    assert main(["check", "--explain", str(root)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "CHANGELOG.md: not read: history: a changelog, release notes, news, a blog post or a record",
        "README.md:1:8: docs-mention 1.2.3: agrees",
        "README.md:2: no reference: history prose: a past release, a constraint, a dated record or a later release",
        "README.md:3:8: docs-mention 1.0.0: not counted: older than the previous release 1.2.2: an example",
        "docs/requirements.txt:1: no reference: an environment's lock or requirements file: its pins are dependencies",
        "pyproject.toml:3:12: pyproject 1.2.3: agrees",
        "src/my_pkg/__init__.py:1:16: dunder-version 1.2.2: stale, expected 1.2.3",
        "src/my_pkg/__init__.py:3: no reference: text inside a string literal",
        "src/my_pkg/idnadata.py:1:16: dunder-version 17.0.0: not counted: "
        "never a release of this project: another component's version",
        "releasekit: 1 stale version reference in 1 file; expected 1.2.3 from pyproject.toml:3 ([project].version)",
    ]
