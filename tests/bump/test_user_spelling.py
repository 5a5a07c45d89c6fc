"""`--new-version` as the user spelled it: kept in the files, normalized only where a kind demands it."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from releasekit.bump.rewrite import user_spelling
from releasekit.cli.main import main
from tests.helpers.git_repos import make_repo


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("8.4.2.dev", "8.4.2.dev"),
        ("1.0.2-dev", "1.0.2-dev"),
        ("v1.0.2-dev", "1.0.2-dev"),
        (" 2.0.0-RC.1 ", "2.0.0-RC.1"),
        ("8.4.2.dev0", None),  # already normalized: each file keeps its own style
        ("v8.4.2", None),
        (None, None),
    ],
)
def test_user_spelling(typed: str | None, spelled: str | None) -> None:
    assert user_spelling(typed, Version(typed.strip().lstrip("v")) if typed else Version("1")) == spelled


FILES = {
    "pyproject.toml": '[project]\nname = "u-pkg"\nversion = "8.4.1"\n',
    "u_pkg/__init__.py": '__version__ = "8.4.1"\nversion_info = (8, 4, 1)\n',
    "README.md": "# u-pkg v8.4.1\n",
    "uv.lock": 'version = 1\n\n[[package]]\nname = "u-pkg"\nversion = "8.4.1"\nsource = { editable = "." }\n',
}


@pytest.mark.parametrize(
    ("typed", "written"),
    [("8.4.2.dev", "8.4.2.dev"), ("8.4.2-dev", "8.4.2-dev"), ("8.4.2.dev0", "8.4.2.dev0")],
)
def test_the_files_take_the_users_spelling_and_check_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], typed: str, written: str
) -> None:
    root = make_repo(tmp_path / "u-pkg", FILES)
    monkeypatch.chdir(root)
    assert main(["bump", "--new-version", typed, "--no-commit"]) == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8").endswith(f'version = "{written}"\n')
    assert (root / "u_pkg/__init__.py").read_text(encoding="utf-8") == (
        f'__version__ = "{written}"\nversion_info = (8, 4, 2)\n'  # a tuple has its own form
    )
    assert (root / "README.md").read_text(encoding="utf-8") == f"# u-pkg v{written}\n"
    assert 'version = "8.4.2.dev0"' in (root / "uv.lock").read_text(encoding="utf-8")  # uv writes it normalized
    capsys.readouterr()
    # Two spellings of one version agree.
    assert main(["check"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: 5 references in 4 files agree on 8.4.2.dev0 from pyproject.toml:3 ([project].version)\n"
    )
