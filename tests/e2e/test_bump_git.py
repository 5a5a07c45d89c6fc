"""`releasekit bump` with real git: real repositories, a real bare remote, real hooks, real failures.

The orchestration (bump.py) and the git module (git_release.py) run together here, through
``main([...])`` in-process, and through ``bump()`` where a fault has to be injected at a step.
"""

from __future__ import annotations

import io
import os
import shlex
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.bump.engine import BumpOptions, bump
from releasekit.bump.journal import IN_PROGRESS_VARIABLE, pending
from releasekit.bump.journal_recovery import recover
from releasekit.bump.recovery import recover_bump
from releasekit.bump.transaction import FileChange, Step, begin
from releasekit.cli.main import main
from releasekit.errors import Category, ReleasekitError
from tests.helpers.bump_projects import SMALL, expected_after_patch, gate_environment, snapshot
from tests.helpers.git_refusals import GIT_REFUSALS, GitRefusal, detach, remove_origin
from tests.helpers.git_repos import another_clone_pushes, git, make_repo, write_files
from tests.helpers.pre_commit_harness import Sandbox, hook_report, pre_commit, pre_commit_config, run, run_ok
from tests.helpers.sample_project import build_mypylogger

BUMPED_PATHS = ("README.md", "pyproject.toml", "src/my_pkg/__init__.py", "tests/test_version.py")
SUBJECT = "chore(release): bump version 1.2.3 \u2192 1.2.4"
BUMPED_LINE = "releasekit: bumped 1.2.3 \u2192 1.2.4: 6 references in 4 files, verified"
SMALL_AFTER_PATCH = {
    path: (content.encode() if isinstance(content, str) else content)
    .replace(b"1.2.3", b"1.2.4")
    .replace(b"(1, 2, 3)", b"(1, 2, 4)")
    for path, content in SMALL.items()
}


class RepoState(NamedTuple):
    """What git says about the project and its remote: enough to tell whether anything moved."""

    head: str
    tags: list[str]
    staged: list[str]
    status: list[str]
    remote_head: str
    remote_tags: list[str]


def repo_state(root: Path, remote: Path) -> RepoState:
    return RepoState(
        git(root, "rev-parse", "HEAD").strip(),
        git(root, "tag", "-l").split(),
        git(root, "diff", "--cached", "--name-only").split(),
        git(root, "status", "--porcelain", "--untracked-files=all").splitlines(),
        git(remote, "rev-parse", "main").strip(),
        git(remote, "tag", "-l").split(),
    )


def run_bump(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["bump", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def blob(root: Path, spec: str) -> bytes:
    """The bytes git stores for ``spec`` (``git()`` reads text, which would fold CRLF)."""
    return subprocess.run(["git", "cat-file", "-p", spec], cwd=root, capture_output=True, check=True).stdout


def commit_lines(root: Path) -> list[str]:
    return [f"releasekit: committed {git(root, 'rev-parse', 'HEAD').strip()[:12]}"]


def install_hook(folder: Path, name: str, script: str) -> None:
    """An executable git hook (client side in ``.git/hooks``, server side in a bare repository's ``hooks``)."""
    hook = folder / "hooks" / name
    hook.write_text(script, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def add_config(root: Path, settings: str) -> None:
    """Append ``[tool.releasekit]`` settings to pyproject.toml and commit them (bump wants a clean tree)."""
    with (root / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n[tool.releasekit]\n{settings}")
    git(root, "commit", "-q", "-a", "-m", "configure releasekit")
    git(root, "push", "-q")


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    return bare


def connect(root: Path, remote: Path) -> Path:
    """``remote`` becomes ``origin`` and the branch is pushed there with its upstream set."""
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "main")
    return root


@pytest.fixture
def project(tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small project at 1.2.3, committed, pushed to ``remote``; the current directory."""
    root = connect(make_repo(tmp_path / "my-pkg", SMALL), remote)
    monkeypatch.chdir(root)
    return root


def assert_untouched(root: Path, remote: Path, before: dict[str, tuple[bytes, int]], state: RepoState) -> None:
    """Every file byte for byte as it was, HEAD, tags, index and remote unchanged, no journal left."""
    assert snapshot(root) == before
    assert repo_state(root, remote) == state
    assert pending(root) is None


# --- the happy path -----------------------------------------------------------------------------------------------


def test_patch_commits_tags_and_pushes_atomically(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    initial = git(project, "rev-parse", "HEAD").strip()
    code, out, err = run_bump(capsys, "patch", "--yes", "--comment", "Fixes the crash.")
    assert (code, err) == (0, "")
    head = git(project, "rev-parse", "HEAD").strip()
    assert out.splitlines() == [
        BUMPED_LINE,
        *commit_lines(project),
        "releasekit: tagged v1.2.4",
        "releasekit: pushed to origin",
    ]
    assert git(project, "rev-parse", "HEAD^").strip() == initial
    assert git(project, "log", "-1", "--format=%B") == f"{SUBJECT}\n\nFixes the crash.\n\n"
    assert git(project, "show", "--name-only", "--format=", "HEAD").split() == list(BUMPED_PATHS)
    for path, content in SMALL_AFTER_PATCH.items():
        assert (project / path).read_bytes() == content
        assert blob(project, f"HEAD:{path}") == content
    assert git(project, "cat-file", "-t", "v1.2.4") == "tag\n"  # annotated
    assert git(project, "tag", "-l", "--format=%(contents)", "v1.2.4") == "Release 1.2.4\n\n"
    assert repo_state(project, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])
    assert git(remote, "rev-parse", "v1.2.4").strip() == git(project, "rev-parse", "v1.2.4").strip()
    assert git(project, "rev-parse", "@{upstream}").strip() == head  # the remote-tracking branch moved too
    assert pending(project) is None


def test_the_push_is_atomic(project: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The remote refuses the tag alone (an `update` hook runs per ref): the branch must not land either."""
    install_hook(remote, "update", '#!/bin/sh\ncase "$1" in refs/tags/*) echo "no tags here"; exit 1;; esac\n')
    before = repo_state(project, remote)
    code, out, err = run_bump(capsys, "patch", "--yes")
    assert code == 4
    assert out.splitlines() == [BUMPED_LINE, *commit_lines(project), "releasekit: tagged v1.2.4"]
    assert err == (
        f"releasekit: error: git push to origin ({remote}) failed; the release commit on main and tag v1.2.4 "
        "are kept locally, retry the push with the command below:\n"
        "remote: no tags here        \n"
        "remote: error: hook declined to update refs/tags/v1.2.4        \n"
        f"To {remote}\n"
        " ! [remote rejected] main -> main (atomic push failure)\n"
        " ! [remote rejected] v1.2.4 -> v1.2.4 (hook declined)\n"
        f"error: failed to push some refs to '{remote}'\n"
        "releasekit: hint: git push --atomic origin main v1.2.4\n"
    )
    assert git(remote, "rev-parse", "main").strip() == before.head
    assert git(remote, "tag", "-l") == ""


# --- what is done in git: flags and configuration -------------------------------------------------------------------


class GitChoice(NamedTuple):
    """Flags and ``[tool.releasekit]`` settings, and the commit subject, tag and push they lead to."""

    flags: list[str]
    settings: str
    subject: str
    tag: str | None
    pushed: bool


GIT_CHOICES = [
    pytest.param(GitChoice(["--no-push"], "", SUBJECT, "v1.2.4", False), id="no-push"),
    pytest.param(GitChoice(["--no-tag"], "", SUBJECT, None, True), id="no-tag"),
    pytest.param(GitChoice([], "push = false\n", SUBJECT, "v1.2.4", False), id="config-push-false"),
    pytest.param(
        GitChoice(
            [],
            'commit-message = "release {new} (was {old})"\ntag-name = "rel-{version}"\n',
            "release 1.2.4 (was 1.2.3)",
            "rel-1.2.4",
            True,
        ),
        id="config-templates",
    ),
]


@pytest.mark.parametrize("choice", GIT_CHOICES)
def test_flags_and_configuration_choose_what_git_does(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], choice: GitChoice
) -> None:
    flags, settings, subject, tag, pushed = choice
    if settings:
        add_config(project, settings)
    before = repo_state(project, remote)
    code, out, err = run_bump(capsys, "patch", "--yes", *flags)
    assert (code, err) == (0, "")
    head = git(project, "rev-parse", "HEAD").strip()
    assert out.splitlines() == [
        BUMPED_LINE,
        *commit_lines(project),
        *([f"releasekit: tagged {tag}"] if tag else []),
        *(["releasekit: pushed to origin"] if pushed else []),
    ]
    assert git(project, "log", "-1", "--format=%B") == f"{subject}\n\n"
    assert git(project, "rev-parse", "HEAD^").strip() == before.head
    tags = [tag] if tag else []
    assert repo_state(project, remote) == RepoState(
        head, tags, [], [], head if pushed else before.head, tags if pushed else []
    )


def test_no_commit_writes_the_files_only(project: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = repo_state(project, remote)
    assert run_bump(capsys, "patch", "--yes", "--no-commit") == (0, BUMPED_LINE + "\n", "")
    for path, content in SMALL_AFTER_PATCH.items():
        assert (project / path).read_bytes() == content
    assert repo_state(project, remote) == before._replace(status=[f" M {path}" for path in BUMPED_PATHS])


# --- refusals before any file is written -------------------------------------------------------------------------


REFUSALS = [
    *((refusal, ["--allow-dirty"] if refusal.allow_dirty else []) for refusal in GIT_REFUSALS),
]


@pytest.mark.parametrize(
    ("refusal", "flags"), REFUSALS, ids=[refusal.id + "".join(flags).replace("--", "-") for refusal, flags in REFUSALS]
)
def test_refused_before_any_file_is_written(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], refusal: GitRefusal, flags: list[str]
) -> None:
    refusal.setup(project, "v1.2.4")
    before, state = snapshot(project), repo_state(project, remote)
    message, hint = refusal.expected("v1.2.4", state.head)
    assert run_bump(capsys, "patch", "--yes", *flags) == (
        4,
        "",
        f"releasekit: error: {message}\nreleasekit: hint: {hint}\n",
    )
    assert_untouched(project, remote, before, state)


@pytest.mark.parametrize("setup", [detach, remove_origin], ids=["detached-head", "missing-remote"])
def test_what_no_push_or_no_commit_lets_through(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], setup: Callable[[Path, str], None]
) -> None:
    setup(project, "v1.2.4")
    flags = ["--no-commit"] if setup is detach else ["--no-push"]
    code, out, err = run_bump(capsys, "patch", "--yes", *flags)
    assert (code, err) == (0, "")
    if setup is detach:
        assert out == BUMPED_LINE + "\n"
    else:
        assert out.splitlines() == [BUMPED_LINE, *commit_lines(project), "releasekit: tagged v1.2.4"]
        assert git(project, "status", "--porcelain") == ""


# --- dirty trees ---------------------------------------------------------------------------------------------------


def test_allow_dirty_commits_only_the_bumped_files(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(project, {"notes.txt": "untracked\r\n", "docs/extra.md": "tracked\n"})
    git(project, "add", "docs/extra.md")
    git(project, "commit", "-q", "-m", "docs")
    git(project, "push", "-q")
    (project / "docs/extra.md").write_bytes(b"tracked, then edited\r\nno newline")
    dirty = {path: (project / path).read_bytes() for path in ("notes.txt", "docs/extra.md")}
    code, out, err = run_bump(capsys, "patch", "--yes", "--allow-dirty")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        BUMPED_LINE,
        *commit_lines(project),
        "releasekit: tagged v1.2.4",
        "releasekit: pushed to origin",
    ]
    assert git(project, "show", "--name-only", "--format=", "HEAD").split() == list(BUMPED_PATHS)
    assert {path: (project / path).read_bytes() for path in dirty} == dirty
    state = repo_state(project, remote)
    assert (state.staged, state.status) == ([], [" M docs/extra.md", "?? notes.txt"])


def test_allow_dirty_refuses_staged_changes(project: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(project, {"notes.txt": "staged\n"})
    git(project, "add", "notes.txt")
    before, state = snapshot(project), repo_state(project, remote)
    assert run_bump(capsys, "patch", "--yes", "--allow-dirty") == (
        4,
        "",
        "releasekit: error: files are staged and the release commit would include them: notes.txt\n"
        "releasekit: hint: unstage them (`git restore --staged -- notes.txt`) or commit them first\n",
    )
    assert_untouched(project, remote, before, state)


# --- the push fails after the commit: commit and tag stay, the message says how to retry ----------------------------


def test_a_rejected_push_keeps_commit_and_tag_and_gives_the_retry_command(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_hook(remote, "pre-receive", '#!/bin/sh\necho "pushes are closed today"\nexit 1\n')
    before = repo_state(project, remote)
    code, out, err = run_bump(capsys, "patch", "--yes")
    assert code == 4
    assert out.splitlines() == [BUMPED_LINE, *commit_lines(project), "releasekit: tagged v1.2.4"]
    assert err == (
        f"releasekit: error: git push to origin ({remote}) failed; the release commit on main and tag v1.2.4 "
        "are kept locally, retry the push with the command below:\n"
        "remote: pushes are closed today        \n"
        f"To {remote}\n"
        " ! [remote rejected] main -> main (pre-receive hook declined)\n"
        " ! [remote rejected] v1.2.4 -> v1.2.4 (pre-receive hook declined)\n"
        f"error: failed to push some refs to '{remote}'\n"
        "releasekit: hint: git push --atomic origin main v1.2.4\n"
    )
    head = git(project, "rev-parse", "HEAD").strip()
    assert git(project, "rev-parse", "HEAD^").strip() == before.head
    assert repo_state(project, remote) == before._replace(head=head, tags=["v1.2.4"])
    assert {path: (project / path).read_bytes() for path in SMALL_AFTER_PATCH} == SMALL_AFTER_PATCH
    journal = pending(project)
    assert journal is not None
    assert journal.manifest.push_owed  # `check` and the next bump say so until it lands

    (remote / "hooks" / "pre-receive").unlink()
    retry = shlex.split(err.splitlines()[-1].removeprefix("releasekit: hint: "))
    subprocess.run(retry, cwd=project, check=True, capture_output=True)
    assert repo_state(project, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])
    capsys.readouterr()
    assert main(["check"]) == 0  # the push by hand moved origin/main: proof that it landed
    assert capsys.readouterr().err == (
        f"releasekit: warning: the bump from 1.2.3 to 1.2.4 had finished (its release commit {head[:12]} is in "
        "the history and on origin/main); cleared the journal it left behind\n"
    )
    assert pending(project) is None


def test_ctrl_c_during_the_push_keeps_commit_and_tag_and_gives_the_push_command(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real SIGINT while `git push` runs: the local pre-push hook sends it to this process, then refuses."""
    install_hook(project / ".git", "pre-push", f"#!/bin/sh\nkill -INT {os.getpid()}\nexit 1\n")
    before = repo_state(project, remote)
    code, out, err = run_bump(capsys, "patch", "--yes")
    assert code == 130
    assert out.splitlines() == [BUMPED_LINE, *commit_lines(project), "releasekit: tagged v1.2.4"]
    assert err == (
        "releasekit: interrupted while pushing to origin; the release commit on main and tag v1.2.4 are kept "
        "locally (the remote may not have them), push them with the command below\n"
        "releasekit: hint: git push --atomic origin main v1.2.4\n"
        "releasekit: interrupted\n"
    )
    head = git(project, "rev-parse", "HEAD").strip()
    assert git(project, "rev-parse", "HEAD^").strip() == before.head
    assert repo_state(project, remote) == before._replace(head=head, tags=["v1.2.4"])
    assert main(["check"]) == 1  # the push is owed: said until it lands
    assert capsys.readouterr() == ("", PUSH_OWED)

    (project / ".git" / "hooks" / "pre-push").unlink()
    assert run_bump(capsys, "--recover") == (
        0,
        f"releasekit: the release commit {head[:12]} of the bump to 1.2.4 was made; its push was still owed\n"
        "releasekit: pushed: git push --atomic origin main v1.2.4\n",
        "",
    )
    assert repo_state(project, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])
    assert pending(project) is None


PUSH_OWED = (
    "releasekit: error: the release 1.2.4 is committed and tagged v1.2.4, but its push has not landed; "
    "push it with: git push --atomic origin main v1.2.4\n"
    "releasekit: hint: run `releasekit bump --recover` to push it and clear the journal "
    "(`releasekit bump --recover --no-push` clears it without pushing)\n"
)


def test_a_pre_push_hook_running_check_sees_the_bump_not_a_crash(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The journal keeps the push owed while it runs: the user's pre-push `releasekit check` must still pass."""
    install_hook(project / ".git", "pre-push", f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m releasekit check\n")
    code, out, err = run_bump(capsys, "patch", "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "releasekit: pushed to origin"
    assert pending(project) is None


def test_the_remote_moving_between_preflight_and_push(project: Path, remote: Path, tmp_path: Path) -> None:
    """A colleague pushes while the bump writes and commits: the push is refused, nothing lands half."""
    colleague: list[str] = []

    def colleague_pushes(step: Step) -> None:
        if step.name == "commit":
            colleague.append(another_clone_pushes(tmp_path, remote))

    result = bump(project, BumpOptions(kind="patch"), on_step=colleague_pushes)
    head = git(project, "rev-parse", "HEAD").strip()
    assert (result.commit, result.tag, result.pushed_to) == (head, "v1.2.4", None)
    assert result.push_error is not None
    assert result.push_error.category is Category.GIT
    assert result.push_error.hint == (
        "git pull --rebase origin main && git tag -f -a -m 'Release 1.2.4' v1.2.4 "
        "&& git push --atomic origin main v1.2.4"
    )
    lines = result.push_error.message.splitlines()
    assert lines[:8] == [
        f"git push to origin ({remote}) was rejected: origin has commits on main that the release commit is not "
        "based on; the release commit on main and tag v1.2.4 are kept locally. Integrate those commits, move the "
        "tag to the rebased release commit and push again with the commands below:",
        "error: atomic push failed for ref refs/heads/main. status: 5",
        "",
        "fatal: the remote end hung up unexpectedly",
        f"To {remote}",
        " ! [rejected]        main -> main (fetch first)",
        " ! [rejected]        v1.2.4 -> v1.2.4 (atomic push failed)",
        f"error: failed to push some refs to '{remote}'",
    ]
    assert lines[8:] and all(line.startswith("hint: ") for line in lines[8:])  # git's advice to integrate first
    assert repo_state(project, remote) == RepoState(head, ["v1.2.4"], [], [], colleague[0], [])


# --- git refuses the commit or the tag: every file comes back ------------------------------------------------------


def hook_rejects(root: Path) -> None:
    install_hook(root / ".git", "pre-commit", '#!/bin/sh\necho "lint: 2 problems"\necho "see above" >&2\nexit 1\n')


def commit_signing_fails(root: Path) -> None:
    git(root, "config", "commit.gpgSign", "true")
    git(root, "config", "gpg.program", "false")


def tag_signing_fails(root: Path) -> None:
    git(root, "config", "tag.gpgSign", "true")
    git(root, "config", "gpg.program", "false")


REFUSED_COMMIT = "releasekit: error: git commit (a hook or the signing configuration) refused the release commit; "
GIT_FAILURES = [
    (
        "pre-commit-hook",
        hook_rejects,
        REFUSED_COMMIT + "nothing was committed:\nlint: 2 problems\nsee above\n"
        "releasekit: hint: fix what git reports above, then run bump again\n",
    ),
    (
        "commit-signing",
        commit_signing_fails,
        REFUSED_COMMIT + "nothing was committed:\nerror: gpg failed to sign the data\n"
        "fatal: failed to write commit object\n"
        "releasekit: hint: fix what git reports above, then run bump again\n",
    ),
    (
        "tag-signing",
        tag_signing_fails,
        "releasekit: error: git tag v1.2.4 failed; the release commit was undone:\n"
        "error: gpg failed to sign the data\nerror: unable to sign the tag\n"
        "releasekit: hint: fix what git reports above (for example the `tag.gpgSign` setup), then run bump again\n",
    ),
]


@pytest.mark.parametrize("allow_dirty", [False, True], ids=["clean", "allow-dirty"])
@pytest.mark.parametrize("failure", [pytest.param(case[1:], id=str(case[0])) for case in GIT_FAILURES])
def test_git_refusing_the_commit_or_tag_restores_every_file(
    project: Path,
    remote: Path,
    capsys: pytest.CaptureFixture[str],
    failure: tuple[Callable[[Path], None], str],
    allow_dirty: bool,
) -> None:
    setup, err = failure
    setup(project)
    if allow_dirty:  # an unstaged edit (the file loses its reference, so bump leaves it alone) and a new file
        write_files(project, {"notes.txt": "untracked\n", "tests/test_version.py": b"# edited, unstaged\n"})
    before, state = snapshot(project), repo_state(project, remote)
    assert run_bump(capsys, "patch", "--yes", *(["--allow-dirty"] if allow_dirty else [])) == (4, "", err)
    assert_untouched(project, remote, before, state)
    assert IN_PROGRESS_VARIABLE not in os.environ


def test_git_add_failing_restores_every_file(project: Path, remote: Path) -> None:
    """Another git process holds the index lock when bump stages its files."""
    before, state = snapshot(project), repo_state(project, remote)
    lock = project / ".git" / "index.lock"

    def another_git_process(step: Step) -> None:
        if step.name == "commit":
            lock.write_bytes(b"")

    with pytest.raises(ReleasekitError) as caught:
        bump(project, BumpOptions(kind="patch"), on_step=another_git_process)
    assert caught.value.message.splitlines()[:2] == [
        "git add refused the release commit; nothing was committed:",
        f"fatal: Unable to create '{lock}': File exists.",
    ]
    lock.unlink()
    assert_untouched(project, remote, before, state)


@pytest.mark.parametrize("allow_dirty", [False, True], ids=["clean", "allow-dirty"])
@pytest.mark.parametrize("hook_exit", [1, 0], ids=["commit-refused-after", "commit-lands-after"])
def test_ctrl_c_during_git_commit_leaves_the_repository_as_it_was(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], hook_exit: int, allow_dirty: bool
) -> None:
    """A real SIGINT while `git commit` runs, its files staged: git then refuses the commit, or lands it."""
    install_hook(project / ".git", "pre-commit", f"#!/bin/sh\nkill -INT {os.getpid()}\nexit {hook_exit}\n")
    if allow_dirty:  # an unstaged edit bump leaves alone, and a new file
        write_files(project, {"notes.txt": "untracked\n", "tests/test_version.py": b"# edited, unstaged\n"})
    before, state = snapshot(project), repo_state(project, remote)
    code, out, err = run_bump(capsys, "patch", "--yes", *(["--allow-dirty"] if allow_dirty else []))
    assert (code, out, err) == (130, "", "releasekit: interrupted\n")
    assert_untouched(project, remote, before, state)
    assert git(project, "for-each-ref", "--format=%(refname)") == "refs/heads/main\nrefs/remotes/origin/main\n"
    landed = f"commit: {SUBJECT}" in git(project, "log", "-g", "--format=%gs", "HEAD").splitlines()
    assert landed == (hook_exit == 0)  # bump waited for git, saw its commit land, and undid it


def test_ctrl_c_during_git_commit_when_git_cannot_be_put_back_leaves_the_journal(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another git process holds the index lock when bump wants to unstage: `--recover` finishes the job."""
    lock = project / ".git" / "index.lock"
    install_hook(
        project / ".git", "pre-commit", f"#!/bin/sh\ntouch {shlex.quote(str(lock))}\nkill -INT {os.getpid()}\nexit 1\n"
    )
    before, state = snapshot(project), repo_state(project, remote)
    assert run_bump(capsys, "patch", "--yes") == (130, "", "releasekit: interrupted\n")
    journal = pending(project)
    assert journal is not None
    assert journal.state == "committing"
    lock.unlink()
    (project / ".git" / "hooks" / "pre-commit").unlink()
    assert repo_state(project, remote) == state._replace(
        staged=list(BUMPED_PATHS), status=[f"M  {path}" for path in BUMPED_PATHS]
    )
    assert run_bump(capsys, "--recover") == (
        0,
        "releasekit: restored 4 files to 1.2.3 and unstaged 4 files "
        "(the bump to 1.2.4 was interrupted before its release commit landed)\n",
        "",
    )
    assert_untouched(project, remote, before, state)


# --- a fault at every step ---------------------------------------------------------------------------------------

STEPS = [
    "planned",
    "writing",
    *(f"{name} {path}" for path in BUMPED_PATHS for name in ("write", "written")),
    "all-written",
    "verify",
    "gate",
    "verified",
    "commit",
    "done",
    "push",
]


@pytest.fixture
def gated(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project with a quality gate, so that the fault injection reaches the gate step too."""
    gate_environment(monkeypatch)
    add_config(project, 'verify-command = "python -c pass"\n')
    return project


def test_the_steps_of_a_bump(gated: Path, remote: Path) -> None:
    seen: list[str] = []
    result = bump(gated, BumpOptions(kind="patch"), on_step=lambda step: seen.append(" ".join(filter(None, step))))
    assert seen == STEPS
    assert result.pushed_to == "origin"


@pytest.mark.parametrize("failing_step", STEPS)
def test_an_interruption_at_any_step_leaves_a_consistent_repository(
    gated: Path, remote: Path, failing_step: str
) -> None:
    before, state = snapshot(gated), repo_state(gated, remote)

    def interrupt(step: Step) -> None:
        if " ".join(filter(None, step)) == failing_step:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bump(gated, BumpOptions(kind="patch"), on_step=interrupt)
    if failing_step not in ("done", "push"):
        assert_untouched(gated, remote, before, state)
        return
    # Interrupted once done (committed and tagged): nothing is undone, the journal keeps the push owed.
    head = git(gated, "rev-parse", "HEAD").strip()
    assert git(gated, "rev-parse", "HEAD^").strip() == state.head
    assert repo_state(gated, remote) == state._replace(head=head, tags=["v1.2.4"])
    journal = pending(gated)
    assert journal is not None
    assert journal.manifest.push_owed
    assert recover_bump(gated).done == ("pushed: git push --atomic origin main v1.2.4",)
    assert repo_state(gated, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])


KILLED_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from releasekit.bump.engine import BumpOptions, bump

    root, step_name, signal_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    commit = sys.argv[4:] != ["--no-commit"]
    push = commit and sys.argv[4:] != ["--no-push"]

    def pause(step):
        if " ".join(filter(None, step)) == step_name:
            signal_file.write_text(step_name)
            time.sleep(600)

    bump(root, BumpOptions(kind="patch", commit=commit, tag=commit, push=push), on_step=pause)
    """
)
RESTORED_UNCOMMITTED = (
    "releasekit: restored 4 files to 1.2.3 (the bump to 1.2.4 was interrupted before its release commit landed)"
)
RECOVERIES = [
    ("written pyproject.toml", "writing", "releasekit: restored 2 files to 1.2.3 (the bump to 1.2.4 was interrupted)"),
    ("verified", "verified", RESTORED_UNCOMMITTED),  # written and verified, but the commit never began
    ("commit", "committing", RESTORED_UNCOMMITTED),  # the release commit was about to be made: undone as a whole
]


def kill_bump_at(project: Path, tmp_path: Path, killed_at: str, *flags: str) -> None:
    """Run a bump in a subprocess and ``kill -9`` it when it reaches the step ``killed_at``."""
    script, signal_file = tmp_path / "bump_then_hang.py", tmp_path / "paused"
    script.write_text(KILLED_SCRIPT, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(project), killed_at, str(signal_file), *flags])
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert signal_file.exists(), f"the bump never reached {killed_at}"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def interrupted_error(state: str) -> str:
    return (
        f"releasekit: error: a bump from 1.2.3 to 1.2.4 was interrupted ({state}); 4 files may be half-bumped\n"
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)\n"
    )


@pytest.mark.parametrize("kill", RECOVERIES, ids=["mid-write", "verified", "before-commit"])
def test_kill_9_then_recover(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kill: tuple[str, str, str]
) -> None:
    killed_at, journal_state, recovered = kill
    before, state = snapshot(project), repo_state(project, remote)
    kill_bump_at(project, tmp_path, killed_at)

    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr() == ("", interrupted_error(journal_state))
    assert run_bump(capsys, "--recover") == (0, recovered + "\n", "")
    assert main(["check"]) == 0
    assert_untouched(project, remote, before, state)


def test_kill_9_of_a_verified_no_commit_bump_then_recover_keeps_the_files(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --no-commit the verified files are undone (above); a --no-commit bump was done writing: kept."""
    state = repo_state(project, remote)
    kill_bump_at(project, tmp_path, "verified", "--no-commit")

    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr() == ("", interrupted_error("verified"))
    assert run_bump(capsys, "--recover") == (
        0,
        "releasekit: finished the bump to 1.2.4: every file was written and verified (4 files); "
        "`git status` and `git log` show whether it was committed\n",
        "",
    )
    assert {path: snapshot(project)[path][0] for path in SMALL_AFTER_PATCH} == SMALL_AFTER_PATCH
    assert repo_state(project, remote) == state._replace(status=[f" M {path}" for path in BUMPED_PATHS])
    assert pending(project) is None


def test_kill_9_after_the_commit_then_check_names_the_push_and_recover_runs_it(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Killed after committing and tagging, before the push: nothing may pass as finished while the push is owed."""
    state = repo_state(project, remote)
    kill_bump_at(project, tmp_path, "done")
    head = git(project, "rev-parse", "HEAD").strip()
    assert repo_state(project, remote) == state._replace(head=head, tags=["v1.2.4"])  # committed, tagged, not pushed

    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr() == ("", PUSH_OWED)
    assert run_bump(capsys, "patch", "--yes") == (1, "", PUSH_OWED)  # no second release on top
    assert run_bump(capsys, "--recover", "--no-push") == (
        0,
        f"releasekit: the release commit {head[:12]} of the bump to 1.2.4 was made; its push was still owed\n"
        "releasekit: still to do: git push --atomic origin main v1.2.4\n",
        "",
    )
    assert pending(project) is None
    assert repo_state(project, remote) == state._replace(head=head, tags=["v1.2.4"])


def test_a_finished_journal_whose_commit_is_gone_waits_for_recover(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kill_bump_at(project, tmp_path, "done", "--no-push")
    release_commit = git(project, "rev-parse", "HEAD").strip()
    git(project, "tag", "-d", "v1.2.4")
    git(project, "reset", "-q", "--hard", "HEAD^")  # someone dropped the release commit by hand

    capsys.readouterr()
    assert main(["check"]) == 1
    finished = (
        "releasekit: error: the bump from 1.2.3 to 1.2.4 finished, but its journal was left behind\n"
        "releasekit: hint: run `releasekit bump --recover` to clear it; nothing needs restoring\n"
    )
    assert capsys.readouterr() == ("", finished)
    assert run_bump(capsys, "patch", "--yes") == (1, "", finished)
    assert run_bump(capsys, "--recover") == (
        0,
        f"releasekit: the bump to 1.2.4 had finished (release commit {release_commit[:12]}); "
        "cleared the journal it left behind\n",
        "",
    )
    assert pending(project) is None


# --- kill -9 during `git commit` itself: a hook kills the bump, the commit then fails or lands ----------------------


def kill_bump_in_hook(project: Path, tmp_path: Path, hook: str, hook_exit: int) -> None:
    """``releasekit bump patch --yes`` as a command; the git ``hook`` kills it with ``kill -9``, then exits."""
    pid_file, finished = tmp_path / "bump.pid", tmp_path / "hook-finished"
    install_hook(
        project / ".git",
        hook,
        f"#!/bin/sh\nwhile [ ! -s {shlex.quote(str(pid_file))} ]; do sleep 0.05; done\n"
        f'kill -9 "$(cat {shlex.quote(str(pid_file))})"\ntouch {shlex.quote(str(finished))}\nexit {hook_exit}\n',
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "releasekit", "bump", "patch", "--yes"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pid_file.write_text(str(process.pid), encoding="utf-8")
    assert process.wait(timeout=60) == -signal.SIGKILL
    deadline = time.monotonic() + 60  # git itself goes on after the bump died: wait until it is done too
    while (not finished.exists() or (project / ".git" / "index.lock").exists()) and time.monotonic() < deadline:
        time.sleep(0.01)
    (project / ".git" / "hooks" / hook).unlink()


def test_kill_9_during_git_commit_before_it_lands_unstages_and_restores(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, state = snapshot(project), repo_state(project, remote)
    kill_bump_in_hook(project, tmp_path, "pre-commit", 1)
    assert repo_state(project, remote) == state._replace(
        staged=list(BUMPED_PATHS), status=[f"M  {path}" for path in BUMPED_PATHS]
    )

    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr() == ("", interrupted_error("committing"))
    assert run_bump(capsys, "--recover") == (
        0,
        "releasekit: restored 4 files to 1.2.3 and unstaged 4 files "
        "(the bump to 1.2.4 was interrupted before its release commit landed)\n",
        "",
    )
    assert_untouched(project, remote, before, state)


def test_recover_removes_the_index_lock_a_killed_git_left_and_finishes(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The process group was killed while `git commit` ran: git's own lock stays, and no git is left to hold it."""
    before, state = snapshot(project), repo_state(project, remote)
    kill_bump_in_hook(project, tmp_path, "pre-commit", 1)
    lock = project / ".git" / "index.lock"
    lock.write_bytes(b"")  # what the killed `git commit` leaves
    assert run_bump(capsys, "--recover") == (
        0,
        f"releasekit: removed {lock}: a git process that was killed left it, and no git process holds it\n"
        "releasekit: restored 4 files to 1.2.3 and unstaged 4 files "
        "(the bump to 1.2.4 was interrupted before its release commit landed)\n",
        "",
    )
    assert_untouched(project, remote, before, state)


@pytest.mark.parametrize("tagged_by_hand", [False, True], ids=["untagged", "tagged-by-hand"])
def test_kill_9_during_git_commit_after_it_landed_recover_tags_and_pushes(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], tagged_by_hand: bool
) -> None:
    state = repo_state(project, remote)
    kill_bump_in_hook(project, tmp_path, "post-commit", 0)
    head = git(project, "rev-parse", "HEAD").strip()
    assert git(project, "rev-parse", "HEAD^").strip() == state.head
    assert repo_state(project, remote) == state._replace(head=head)  # committed; no tag, nothing pushed
    if tagged_by_hand:
        git(project, "tag", "-a", "-m", "Release 1.2.4", "v1.2.4")

    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr() == ("", interrupted_error("committing"))
    code, out, err = run_bump(capsys, "--recover")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"releasekit: the release commit {head[:12]} of the bump to 1.2.4 landed before the interruption; "
        "kept its 4 files and cleared the journal",
        *([] if tagged_by_hand else ["releasekit: tagged v1.2.4"]),
        "releasekit: pushed: git push --atomic origin main v1.2.4",
    ]
    assert pending(project) is None
    assert main(["check"]) == 0
    assert repo_state(project, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])
    assert git(project, "cat-file", "-t", "v1.2.4") == "tag\n"


def test_recover_refuses_to_guess_when_head_moved_elsewhere(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = repo_state(project, remote)
    kill_bump_in_hook(project, tmp_path, "pre-commit", 1)
    git(project, "reset", "-q")  # unstaged by hand, then an unrelated commit
    git(project, "commit", "-q", "--allow-empty", "-m", "meanwhile")
    moved = git(project, "rev-parse", "HEAD").strip()
    journal = pending(project)
    assert journal is not None
    assert run_bump(capsys, "--recover") == (
        4,
        "",
        f"releasekit: error: HEAD moved to {moved[:12]} since the bump to 1.2.4 started from {state.head[:12]}, "
        "and the release commit is not on top of that commit: recovery cannot tell what became of it\n"
        f"releasekit: hint: inspect `git log` and `git status`; the original files are in {journal.folder}: "
        "delete that folder once the files are as you want them\n",
    )
    assert pending(project) == journal


# --- a consumer whose own pre-commit hook runs releasekit's version-consistency check ------------------------------


def pending_bump_of_someone_else(root: Path) -> None:
    """A journal as an interrupted bump leaves it (nothing written yet): every `check` outside that bump fails."""
    readme = (root / "README.md").read_bytes()
    begin(root, [FileChange("README.md", readme, readme)], old="1.2.4", new="1.2.5")


def test_the_consumers_consistency_hook_passes_during_the_bumps_own_commit(
    project: Path, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "hook.log"
    check = shlex.join([sys.executable, "-m", "releasekit", "check"])
    install_hook(
        project / ".git",
        "pre-commit",
        f'#!/bin/sh\n{check}\nstatus=$?\necho "check exited $status" >> {shlex.quote(str(log))}\nexit $status\n',
    )
    code, out, err = run_bump(capsys, "patch", "--yes", "--no-push")
    assert (code, err) == (0, "")
    assert out.splitlines() == [BUMPED_LINE, *commit_lines(project), "releasekit: tagged v1.2.4"]
    assert log.read_text(encoding="utf-8") == "check exited 0\n"  # the hook ran, inside the bump, and passed
    assert IN_PROGRESS_VARIABLE not in os.environ  # set for the commit only
    assert git(project, "status", "--porcelain") == ""

    # The same hook does block a commit while a bump that is not this commit's own is pending.
    pending_bump_of_someone_else(project)
    blocked = subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", "meanwhile"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (blocked.returncode, blocked.stdout) == (1, "")
    assert blocked.stderr == (
        "releasekit: error: a bump from 1.2.4 to 1.2.5 was interrupted (planned); 1 file may be half-bumped\n"
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)\n"
    )
    assert log.read_text(encoding="utf-8") == "check exited 0\ncheck exited 1\n"
    recover(project)


@pytest.mark.e2e
def test_bump_commits_through_the_real_pre_commit_framework(
    tmp_path: Path, sandbox: Sandbox, releasekit_copy: tuple[Path, str]
) -> None:
    """mypylogger with releasekit's version-consistency hook installed by pre-commit; bump runs as a command."""
    root = build_mypylogger(tmp_path / "mypylogger")
    (root / ".pre-commit-config.yaml").write_text(pre_commit_config(*releasekit_copy), encoding="utf-8")
    run_ok(["git", "add", ".pre-commit-config.yaml"], root, sandbox.env)
    run_ok(["git", "commit", "-q", "--no-verify", "-m", "Use releasekit's pre-commit hook"], root, sandbox.env)
    run_ok(pre_commit("install"), root, sandbox.env)
    initial = run_ok(["git", "rev-parse", "HEAD"], root, sandbox.env).strip()

    bumped = run([sys.executable, "-m", "releasekit", "bump", "patch", "--yes", "--no-push"], root, sandbox.env)

    head = run_ok(["git", "rev-parse", "HEAD"], root, sandbox.env).strip()
    assert (bumped.returncode, bumped.lines) == (
        0,
        [
            "releasekit: bumped 0.2.0 \u2192 0.2.1: 16 references in 12 files, verified",
            f"releasekit: committed {head[:12]}",
            "releasekit: tagged v0.2.1",
        ],
    ), bumped.output
    assert run_ok(["git", "rev-parse", "HEAD^"], root, sandbox.env).strip() == initial
    assert run_ok(["git", "status", "--porcelain"], root, sandbox.env) == ""

    # The installed hook is live: with someone else's bump pending, it blocks a commit.
    readme = (root / "README.md").read_bytes()
    begin(root, [FileChange("README.md", readme, readme)], old="0.2.1", new="0.2.2")
    blocked = run(["git", "commit", "--allow-empty", "-m", "meanwhile"], root, sandbox.env)
    assert blocked.returncode == 1, blocked.output
    status, report = hook_report(blocked.lines)
    assert status.endswith("Failed"), blocked.output
    assert report == [
        "releasekit: error: a bump from 0.2.1 to 0.2.2 was interrupted (planned); 1 file may be half-bumped",
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)",
    ]
    recover(root)


# --- the sample project, with its own tests as the quality gate ----------------------------------------------------


@pytest.mark.e2e
def test_sample_project_bump_patch_commits_tags_and_pushes(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gate_environment(monkeypatch)
    root = connect(build_mypylogger(tmp_path / "mypylogger"), remote)
    monkeypatch.chdir(root)
    add_config(root, 'verify-command = "python -m pytest -q"\n')
    expected = expected_after_patch(tmp_path)
    expected["pyproject.toml"] = (
        expected["pyproject.toml"][0] + b'\n[tool.releasekit]\nverify-command = "python -m pytest -q"\n',
        expected["pyproject.toml"][1],
    )
    code, out, err = run_bump(capsys, "patch", "--yes")
    assert (code, err) == (0, "")
    head = git(root, "rev-parse", "HEAD").strip()
    assert out.splitlines() == [
        "releasekit: bumped 0.2.0 \u2192 0.2.1: 16 references in 12 files, verified",
        "releasekit: verify-command passed: python -m pytest -q",
        f"releasekit: committed {head[:12]}",
        "releasekit: tagged v0.2.1",
        "releasekit: pushed to origin",
    ]
    tracked = git(root, "ls-files").split()
    assert {path: value for path, value in snapshot(root).items() if path in tracked} == expected
    assert repo_state(root, remote) == RepoState(head, ["v0.2.1"], [], [], head, ["v0.2.1"])
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr() == (
        "releasekit: 17 references in 12 files agree on 0.2.1 from pyproject.toml:3 ([project].version)\n",
        "",
    )


# --- CRLF work trees with core.autocrlf ---------------------------------------------------------------------------

CRLF_FILES = {
    "pyproject.toml": b'[project]\r\nname = "my-pkg"\r\nversion = "1.2.3"\r\n',
    "src/my_pkg/__init__.py": b'"""My package."""\r\n\r\n__version__ = "1.2.3"\r\n',
    "README.md": b"# my-pkg v1.2.3\r\n\r\nInstall: `pip install my-pkg==1.2.3`\r\n",
}


def test_crlf_with_autocrlf_commits_what_git_would_store(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "crlf", {}, commit=False)
    git(root, "config", "core.autocrlf", "true")
    write_files(root, CRLF_FILES)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    connect(root, remote)
    monkeypatch.chdir(root)
    assert blob(root, "HEAD:pyproject.toml") == CRLF_FILES["pyproject.toml"].replace(b"\r\n", b"\n")

    code, out, err = run_bump(capsys, "patch", "--yes")
    assert (code, err) == (0, "")
    head = git(root, "rev-parse", "HEAD").strip()
    assert out.splitlines() == [
        "releasekit: bumped 1.2.3 \u2192 1.2.4: 4 references in 3 files, verified",
        f"releasekit: committed {head[:12]}",
        "releasekit: tagged v1.2.4",
        "releasekit: pushed to origin",
    ]
    for path, content in CRLF_FILES.items():
        bumped = content.replace(b"1.2.3", b"1.2.4")
        assert (root / path).read_bytes() == bumped  # the work tree keeps CRLF
        assert blob(root, f"HEAD:{path}") == bumped.replace(b"\r\n", b"\n")  # git stores LF
        assert git(root, "hash-object", path) == git(root, "rev-parse", f"HEAD:{path}")  # as `git add` would
    assert repo_state(root, remote) == RepoState(head, ["v1.2.4"], [], [], head, ["v1.2.4"])


# --- a project in a sub-folder of the repository, with odd file names and a changelog -------------------------------


def test_project_in_a_sub_folder_commits_only_its_own_files(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = "packages/my pkg"
    files: dict[str, str | bytes] = {f"{folder}/{path}": content for path, content in SMALL.items()}
    files[f"{folder}/docs/\u00fcn\u00ef v[1].md"] = "Install it with `pip install my-pkg==1.2.3`.\n"
    files[f"{folder}/CHANGELOG.md"] = "# Changelog\n\n## [Unreleased]\n\n- Fixed a crash.\n\n## [1.2.3] - 2025-01-02\n"
    files["other/notes.txt"] = "another project\n"
    root = connect(make_repo(tmp_path / "monorepo", files), remote)
    (root / "other/notes.txt").write_text("edited, not part of the release\n", encoding="utf-8")
    monkeypatch.chdir(root / folder)
    code, out, err = run_bump(capsys, "patch", "--yes", "--allow-dirty")
    assert (code, err) == (0, "")
    head = git(root, "rev-parse", "HEAD").strip()
    assert out.splitlines()[:2] == [
        "releasekit: bumped 1.2.3 \u2192 1.2.4: 7 references in 5 files, verified",
        "releasekit: CHANGELOG.md: released the Unreleased section as 1.2.4",
    ]
    assert out.splitlines()[2:] == [
        f"releasekit: committed {head[:12]}",
        "releasekit: tagged v1.2.4",
        "releasekit: pushed to origin",
    ]
    committed = git(root, "-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD").splitlines()
    assert committed == [
        f"{folder}/CHANGELOG.md",
        *(f"{folder}/{path}" for path in ("README.md", "docs/\u00fcn\u00ef v[1].md", *BUMPED_PATHS[1:])),
    ]
    assert repo_state(root, remote) == RepoState(head, ["v1.2.4"], [], [" M other/notes.txt"], head, ["v1.2.4"])


# --- the interactive bump asks, then commits with the comment as body ---------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_interactive_bump_commits_with_the_comment(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("minor\nFaster startup.\ny\n"))
    code, out, err = run_bump(capsys)
    assert (code, err) == (0, "")
    assert out.endswith(
        "Bump 1.2.3 -> 1.3.0? [y/N] releasekit: bumped 1.2.3 \u2192 1.3.0: 6 references in 4 files, verified\n"
        f"releasekit: committed {git(project, 'rev-parse', 'HEAD').strip()[:12]}\n"
        "releasekit: tagged v1.3.0\nreleasekit: pushed to origin\n"
    )
    assert (
        git(project, "log", "-1", "--format=%B")
        == "chore(release): bump version 1.2.3 \u2192 1.3.0\n\nFaster startup.\n\n"
    )


def test_interactive_bump_refuses_before_asking_for_confirmation(
    project: Path, remote: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal git would give comes before the person confirms, not after."""
    git(project, "tag", "v1.3.0")
    monkeypatch.setattr("sys.stdin", Terminal("minor\n\ny\n"))
    before, state = snapshot(project), repo_state(project, remote)
    code, out, err = run_bump(capsys)
    assert (code, out.splitlines()[-1]) == (
        4,
        "New version (1-6, a kind or a PEP 440 version): Comment for the release commit (optional, Enter to skip): ",
    )
    assert err == (
        f"releasekit: error: tag v1.3.0 already exists (at {state.head[:12]})\n"
        "releasekit: hint: choose another version, or delete the tag if it was a mistake (`git tag -d v1.3.0`)\n"
    )
    assert_untouched(project, remote, before, state)
