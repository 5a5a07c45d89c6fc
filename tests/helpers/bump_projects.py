"""Projects for bump tests, and a byte-and-mode snapshot of a folder to prove what a bump changed or kept."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from releasekit.bump.transaction import FileChange
from tests.helpers.git_repos import make_repo, write_files
from tests.helpers.sample_project import build_mypylogger, mypylogger_references, rewrite_reference

# Not the user's files: git's own folder, and caches a quality gate (pytest) may write.
NOT_SNAPSHOT = frozenset({".git", "__pycache__", ".pytest_cache"})

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "1.2.3"\n'
# A small project at 1.2.3: a CRLF module with a tuple, a test without a final newline, a README.
SMALL: dict[str, str | bytes] = {
    "pyproject.toml": PYPROJECT,
    "src/my_pkg/__init__.py": b'__version__ = "1.2.3"\r\nversion_info = (1, 2, 3)\r\n',
    "tests/test_version.py": 'from my_pkg import __version__\n\n\ndef test_it():\n    assert __version__ == "1.2.3"',
    "README.md": "# my-pkg v1.2.3\n\n`pip install my-pkg==1.2.3`\n",
}

# A transaction's files at 1.0.0 (an executable script, a restricted mode, a BOM) and their bytes at 1.1.0.
FILES: dict[str, str | bytes] = {
    "pyproject.toml": '[project]\nname = "pkg"\nversion = "1.0.0"\n',
    "bin/release.sh": b"#!/bin/sh\r\necho pkg 1.0.0\r\n",
    "src/pkg/__init__.py": b'\xef\xbb\xbf__version__ = "1.0.0"',
}
NEW = {
    path: (content.encode() if isinstance(content, str) else content).replace(b"1.0.0", b"1.1.0")
    for path, content in FILES.items()
}


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``root`` (git's folder and Python caches aside) with its bytes and mode."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file() and not NOT_SNAPSHOT.intersection(path.relative_to(root).parts)
    }


def make_project(root: Path, *, in_git: bool) -> Path:
    """``FILES`` at ``root``, committed to git or not, with their modes set."""
    if in_git:
        make_repo(root, FILES)
    else:
        root.mkdir(parents=True)
        write_files(root, FILES)
    (root / "bin/release.sh").chmod(0o755)
    (root / "src/pkg/__init__.py").chmod(0o640)
    return root


def changes(root: Path) -> list[FileChange]:
    """The change of every file of ``FILES`` from its bytes on disk to ``NEW``."""
    return [FileChange(path, (root / path).read_bytes(), NEW[path]) for path in sorted(FILES)]


def gate_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """``python`` on PATH is this interpreter (with pytest); nothing of the outer pytest leaks into the gate."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "COVERAGE_PROCESS_START"):
        monkeypatch.delenv(name, raising=False)


def expected_after_patch(tmp_path: Path) -> dict[str, tuple[bytes, int]]:
    """mypylogger with every reference moved to 0.2.1 by hand, in its own spelling: what bump must produce."""
    expected = build_mypylogger(tmp_path / "expected")
    for reference in mypylogger_references():
        if reference.form != "series":
            rewrite_reference(expected, reference, "0.2.1")
    return snapshot(expected)
