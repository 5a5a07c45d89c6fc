"""Real pre-commit against releasekit as it is now: a git copy of the working tree and a sealed environment.

pre-commit installs a hook from a git repository at a revision, so uncommitted work would be
invisible to it. ``copy_working_tree`` commits a copy of every file git would show (tracked and
untracked, minus ignored) in a fresh repository, and pre-commit installs from that.

Every subprocess gets ``Sandbox.env``: HOME, XDG folders, PRE_COMMIT_HOME and git's global
config all live in the sandbox folder, so pip, pre-commit and git never write to the real home
nor to the (function-scoped, must-stay-empty) HOME the test isolation fixture sets up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

SOURCE_ROOT_VARIABLE = "RELEASEKIT_SOURCE_ROOT"
HOOK_ID = "version-consistency"
HOOK_NAME = "releasekit version consistency"
# Variables that would point a subprocess at someone else's git, pre-commit, home or CI.
_DROPPED_PREFIXES = ("GIT_", "PRE_COMMIT", "XDG_", "GITHUB_", "PYTEST_")
_DROPPED = frozenset({"HOME", "CI", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"})
_TIMEOUT = 600


class Sandbox(NamedTuple):
    """A folder that stands in for the machine's home, and the environment that points there."""

    root: Path
    env: dict[str, str]


class Completed(NamedTuple):
    """A finished command: its exit code and stdout and stderr interleaved, as a terminal shows them."""

    returncode: int
    output: str

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()


def source_root() -> Path:
    """The releasekit work tree under test: ``$RELEASEKIT_SOURCE_ROOT``, else the one holding this file."""
    configured = os.environ.get(SOURCE_ROOT_VARIABLE)
    return Path(configured).resolve() if configured else Path(__file__).resolve().parents[2]


def make_sandbox(root: Path, environ: Mapping[str, str]) -> Sandbox:
    """HOME, caches, PRE_COMMIT_HOME and a git identity under ``root``; the rest of ``environ`` kept."""
    home = root / "home"
    for folder in (home, root / "cache", root / "config", root / "data", root / "pre-commit"):
        folder.mkdir(parents=True, exist_ok=True)
    gitconfig = root / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = releasekit e2e\n\temail = e2e@releasekit.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    env = {
        name: value
        for name, value in environ.items()
        if name not in _DROPPED and not name.startswith(_DROPPED_PREFIXES)
    }
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        PRE_COMMIT_HOME=str(root / "pre-commit"),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return Sandbox(root, env)


def run(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> Completed:
    """Run ``argv`` (an argument list, no shell) without input; never raises on a non-zero exit."""
    completed = subprocess.run(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=_TIMEOUT,
    )
    return Completed(completed.returncode, completed.stdout)


def run_ok(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> str:
    """Run ``argv`` and return its output; a non-zero exit fails the test with that output."""
    completed = run(argv, cwd, env)
    assert completed.returncode == 0, f"{' '.join(argv)} exited {completed.returncode}:\n{completed.output}"
    return completed.output


def pre_commit(*args: str) -> list[str]:
    """The argument list for the pre-commit installed beside these tests."""
    return [sys.executable, "-m", "pre_commit", *args]


def copy_working_tree(source: Path, destination: Path, env: Mapping[str, str]) -> tuple[Path, str]:
    """A new git repository at ``destination`` holding ``source``'s working tree, committed: (path, sha).

    The files are those ``git ls-files --cached --others --exclude-standard`` lists, read from the
    working tree, so staged, unstaged and untracked (but not ignored) work is all included.
    """
    listed = run_ok(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], source, env)
    destination.mkdir(parents=True)
    copied = 0
    for relative in sorted(set(filter(None, listed.split("\0")))):
        origin = source / relative
        if origin.is_dir() or not (origin.exists() or origin.is_symlink()):
            continue  # a submodule, or a file deleted in the working tree but not yet from the index
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, target, follow_symlinks=False)
        copied += 1
    assert copied, f"nothing to copy from {source}"
    run_ok(["git", "init", "-q", "-b", "main"], destination, env)
    run_ok(["git", "add", "-A"], destination, env)
    run_ok(["git", "commit", "-q", "--no-gpg-sign", "--no-verify", "-m", "releasekit working tree"], destination, env)
    sha = run_ok(["git", "rev-parse", "HEAD"], destination, env).strip()
    return destination, sha


def pre_commit_config(repository: Path, sha: str, hook_ids: Sequence[str] = (HOOK_ID,)) -> str:
    """A consumer's .pre-commit-config.yaml using hooks of ``repository`` at ``sha`` (version-consistency)."""
    hooks = "".join(f"      - id: {hook_id}\n" for hook_id in hook_ids)
    return f"repos:\n  - repo: {repository}\n    rev: {sha}\n    hooks:\n{hooks}"


def hook_report(lines: Sequence[str], hook_name: str = HOOK_NAME, hook_id: str = HOOK_ID) -> tuple[str, list[str]]:
    """The status line of the hook in pre-commit's output, and the output the hook printed (if it failed).

    pre-commit prints ``<name>.....Passed`` or ``<name>.....Failed``, and for a failure
    ``- hook id: …``, ``- exit code: …``, a blank line, the hook's output and a blank line.
    """
    (index,) = (number for number, line in enumerate(lines) if line.startswith(hook_name + "."))
    status = lines[index]
    if not status.endswith("Failed"):
        return status, []
    body = list(lines[index + 1 :])
    assert body[:3] == [f"- hook id: {hook_id}", "- exit code: 1", ""], "\n".join(lines)
    end = body.index("", 3) if "" in body[3:] else len(body)
    return status, body[3:end]
