"""Real git repositories for tests: files written, staged and committed with the test identity."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its stdout; a failure fails the test with git's output."""
    completed = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, f"git {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def make_repo(root: Path, files: Mapping[str, str | bytes], *, commit: bool = True) -> Path:
    """A git repository at ``root`` holding ``files``, staged and (by default) committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write_files(root, files)
    git(root, "add", "-A")
    if commit:
        git(root, "commit", "-q", "--no-gpg-sign", "-m", "initial")
    return root


def another_clone_pushes(tmp_path: Path, remote: Path) -> str:
    """A colleague's commit lands on the remote's main; returns its sha."""
    clone = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(remote), str(clone))
    write_files(clone, {"NEWS.md": "news\n"})
    git(clone, "add", "NEWS.md")
    git(clone, "commit", "-q", "-m", "news")
    git(clone, "push", "-q", "origin", "main")
    return git(clone, "rev-parse", "HEAD").strip()
