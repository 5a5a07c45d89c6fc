"""The release commit, tag and push against real repositories and a real bare remote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

import git as gitpython
from releasekit.errors import Category, ReleasekitError
from releasekit.git.errors import push_failure_category
from releasekit.git.preflight import GitPlan, GitState, preflight
from releasekit.git.release import (
    ReleaseCommitStatus,
    commit_and_tag,
    has_tag,
    kept_locally,
    push,
    push_command,
    release_commit_status,
    undo_commit,
    unstage,
)
from tests.helpers.git_refusals import GIT_REFUSALS, GitRefusal, tag_on_the_remote_only
from tests.helpers.git_repos import another_clone_pushes, git, make_repo, write_files

CANARY = "rk-canary-5f0c2a9e71d84b36"
MESSAGE = "chore(release): bump version 0.2.0 → 0.2.1\n\nFirst public API freeze."
PLAN = GitPlan(commit=True, tag=True, push=True, message=MESSAGE, tag_name="v0.2.1", tag_message="Release 0.2.1")
NO_PUSH = PLAN._replace(push=False)
FILES = {
    "pyproject.toml": '[project]\nname = "pkg"\nversion = "0.2.0"\n',
    "src/pkg/__init__.py": '__version__ = "0.2.0"\n',
    "README.md": "# pkg\n",
}
BUMPED = ("pyproject.toml", "src/pkg/__init__.py")


def bump(root: Path, paths: tuple[str, ...] = BUMPED) -> None:
    """What bump's transaction does to the files: rewrite 0.2.0 to 0.2.1, byte for byte otherwise."""
    for path in paths:
        (root / path).write_bytes((root / path).read_bytes().replace(b"0.2.0", b"0.2.1"))


def rev(root: Path, what: str) -> str:
    return git(root, "rev-parse", what).strip()


def staged(root: Path) -> str:
    return git(root, "diff", "--cached", "--name-only")


def modified(root: Path) -> str:
    return git(root, "diff", "--name-only")


def raised(call: object) -> ReleasekitError:
    assert callable(call)
    with pytest.raises(ReleasekitError) as caught:
        call()
    return caught.value


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    return bare


@pytest.fixture
def project(tmp_path: Path, remote: Path) -> Path:
    root = make_repo(tmp_path / "project", FILES)
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "main")
    return root


def release(root: Path, plan: GitPlan = PLAN, *, allow_dirty: bool = False) -> tuple[GitState, str]:
    state = preflight(root, plan, allow_dirty=allow_dirty, bump_paths=BUMPED)
    bump(root)
    return state, commit_and_tag(root, BUMPED, plan, state)


def test_release_lands_commit_and_annotated_tag_on_the_remote(project: Path, remote: Path) -> None:
    before = rev(project, "HEAD")
    state, sha = release(project)
    push(project, PLAN, state)
    assert state == GitState(head=before, branch="main", remote="origin", dirty_paths=frozenset())
    assert rev(remote, "main") == sha == rev(project, "HEAD")
    assert rev(remote, "v0.2.1^{commit}") == sha
    assert git(remote, "cat-file", "-t", "v0.2.1") == "tag\n"
    assert git(remote, "tag", "-l", "--format=%(contents)", "v0.2.1") == "Release 0.2.1\n\n"
    assert git(project, "log", "-1", "--format=%B") == MESSAGE + "\n\n"
    assert git(project, "show", "--name-only", "--format=", "HEAD").split() == sorted(BUMPED)
    assert (staged(project), modified(project)) == ("", "")


def test_release_without_tag_pushes_only_the_branch(project: Path, remote: Path) -> None:
    plan = PLAN._replace(tag=False)
    state, sha = release(project, plan)
    push(project, plan, state)
    assert rev(remote, "main") == sha
    assert git(project, "tag") == git(remote, "tag") == ""


def test_push_is_a_no_op_when_the_plan_says_so(project: Path, remote: Path) -> None:
    state, _ = release(project, NO_PUSH)
    push(project, NO_PUSH, state)
    assert state.remote is None
    assert rev(remote, "main") == state.head


def test_push_without_upstream_goes_to_origin(project: Path, remote: Path) -> None:
    git(project, "branch", "--unset-upstream")
    state, sha = release(project)
    push(project, PLAN, state)
    assert (state.remote, rev(remote, "main")) == ("origin", sha)


def test_push_follows_an_upstream_with_another_name(project: Path, remote: Path) -> None:
    git(project, "switch", "-q", "-c", "release", "--track", "origin/main")
    state, sha = release(project)
    push(project, PLAN, state)
    assert rev(remote, "main") == sha
    assert "release" not in git(remote, "branch")


INTEGRATE = (
    "git pull --rebase origin main && git tag -f -a -m 'Release 0.2.1' v0.2.1 && git push --atomic origin main v0.2.1"
)


class Rejection(NamedTuple):
    """The remote moved ahead: whether the project fetched it, the plan, git's reason and the hint."""

    fetched: bool
    plan: GitPlan
    reason: str
    hint: str


@pytest.mark.parametrize(
    "rejection",
    [
        pytest.param(Rejection(False, PLAN, "fetch first", INTEGRATE), id="fetch-first"),
        pytest.param(Rejection(True, PLAN, "non-fast-forward", INTEGRATE), id="non-fast-forward"),
        pytest.param(
            Rejection(
                False,
                PLAN._replace(tag=False),
                "fetch first",
                "git pull --rebase origin main && git push --atomic origin main",
            ),
            id="no-tag",
        ),
    ],
)
def test_push_rejected_when_the_remote_moved_ahead_says_how_to_integrate(
    project: Path, remote: Path, tmp_path: Path, rejection: Rejection
) -> None:
    fetched, plan, reason, hint = rejection
    state = preflight(project, plan, allow_dirty=False, bump_paths=BUMPED)
    another_clone_pushes(tmp_path, remote)
    if fetched:
        git(project, "fetch", "-q")
    bump(project)
    commit_and_tag(project, BUMPED, plan, state)
    error = raised(lambda: push(project, plan, state))
    assert error.category is Category.GIT
    assert error.hint == hint
    kept, moved = ("release commit on main and tag v0.2.1", ", move the tag to the rebased release commit")
    if not plan.tag:
        kept, moved = "release commit on main", ""
    assert error.message.startswith(
        f"git push to origin ({remote}) was rejected: origin has commits on main that the release commit is not "
        f"based on; the {kept} are kept locally. Integrate those commits{moved} and push again with the commands "
        "below:\n"
    )
    assert f" ! [rejected]        main -> main ({reason})" in error.message.splitlines()
    assert git(remote, "tag") == ""  # atomic: the tag did not land without the branch

    # The commands work as given: the release commit lands on top of the colleague's, the tag on it.
    subprocess.run(["sh", "-c", hint], cwd=project, check=True, capture_output=True)
    assert rev(remote, "main") == rev(project, "HEAD")
    assert rev(project, "HEAD^") == rev(project, "origin/main^")
    assert git(project, "log", "-1", "--format=%s", "HEAD^") == "news\n"
    assert git(project, "show", "--name-only", "--format=", "HEAD").split() == sorted(BUMPED)
    if plan.tag:
        assert rev(remote, "v0.2.1^{commit}") == rev(project, "HEAD")
        assert git(remote, "cat-file", "-t", "v0.2.1") == "tag\n"


def test_a_rejection_for_another_reason_keeps_the_retry_command(project: Path, remote: Path) -> None:
    (remote / "hooks" / "pre-receive").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (remote / "hooks" / "pre-receive").chmod(0o755)
    state, sha = release(project)
    error = raised(lambda: push(project, PLAN, state))
    assert error.hint == "git push --atomic origin main v0.2.1"
    assert error.message.startswith(
        f"git push to origin ({remote}) failed; the release commit on main and tag v0.2.1 are kept locally, "
        "retry the push with the command below:\n"
    )
    assert rev(project, "HEAD") == rev(project, "v0.2.1^{commit}") == sha


@pytest.mark.parametrize("refusal", GIT_REFUSALS, ids=[refusal.id for refusal in GIT_REFUSALS])
def test_preflight_refuses(project: Path, refusal: GitRefusal) -> None:
    refusal.setup(project, "v0.2.1")
    error = raised(lambda: preflight(project, PLAN, allow_dirty=refusal.allow_dirty, bump_paths=BUMPED))
    assert error.category is Category.GIT
    assert (error.message, error.hint) == refusal.expected("v0.2.1", rev(project, "HEAD"))


def test_an_annotated_tag_is_refused_too_and_no_tag_lets_it_be(project: Path) -> None:
    git(project, "tag", "-a", "-m", "an earlier try", "v0.2.1")
    error = raised(lambda: preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert error.message == f"tag v0.2.1 already exists (at {rev(project, 'HEAD')[:12]})"
    assert preflight(project, PLAN._replace(tag=False), allow_dirty=False, bump_paths=BUMPED).branch == "main"


def test_no_push_lets_a_tag_only_the_remote_has_be(project: Path) -> None:
    tag_on_the_remote_only(project, "v0.2.1")
    assert preflight(project, NO_PUSH, allow_dirty=False, bump_paths=BUMPED).remote is None


def test_preflight_refuses_an_invalid_tag_name(project: Path) -> None:
    error = raised(lambda: preflight(project, PLAN._replace(tag_name="v 0.2.1"), allow_dirty=False, bump_paths=()))
    assert error.message == "'v 0.2.1' is not a valid git tag name"


def test_tag_created_meanwhile_undoes_the_commit(project: Path) -> None:
    before = rev(project, "HEAD")
    state = preflight(project, NO_PUSH, allow_dirty=False, bump_paths=BUMPED)
    git(project, "tag", "v0.2.1")
    bump(project)
    error = raised(lambda: commit_and_tag(project, BUMPED, NO_PUSH, state))
    assert error.message.startswith("git tag v0.2.1 failed; the release commit was undone:\n")
    assert "already exists" in error.message
    assert rev(project, "HEAD") == before
    assert rev(project, "v0.2.1") == before  # the colleague's tag is left alone
    assert (staged(project), modified(project).split()) == ("", sorted(BUMPED))


def install_hook(root: Path, name: str, script: str) -> None:
    hook = root / ".git" / "hooks" / name
    hook.write_text(script, encoding="utf-8")
    hook.chmod(0o755)


def test_hook_rejecting_the_commit_leaves_head_and_index_alone(project: Path) -> None:
    install_hook(
        project, "pre-commit", "#!/bin/sh\necho 'stale version in docs/index.md'\necho 'on stderr' >&2\nexit 1\n"
    )
    before = rev(project, "HEAD")
    state = preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED)
    bump(project)
    error = raised(lambda: commit_and_tag(project, BUMPED, PLAN, state))
    assert error.category is Category.GIT
    assert error.message == (
        "git commit (a hook or the signing configuration) refused the release commit; nothing was committed:\n"
        "stale version in docs/index.md\non stderr"
    )
    assert error.hint == "fix what git reports above, then run bump again"
    assert rev(project, "HEAD") == before
    assert git(project, "tag") == ""
    assert (staged(project), modified(project).split()) == ("", sorted(BUMPED))


def test_hooks_see_exactly_the_bumped_files_staged(project: Path) -> None:
    log = project.parent / "hook.log"
    install_hook(project, "pre-commit", f"#!/bin/sh\ngit diff --cached --name-only > '{log}'\n")
    release(project, NO_PUSH)
    assert log.read_text(encoding="utf-8").split() == sorted(BUMPED)


def test_add_failure_is_reported_and_nothing_is_staged(project: Path) -> None:
    state = preflight(project, NO_PUSH, allow_dirty=False, bump_paths=BUMPED)
    bump(project)
    error = raised(lambda: commit_and_tag(project, (*BUMPED, "missing.txt"), NO_PUSH, state))
    assert error.message.startswith("git add refused the release commit; nothing was committed:\n")
    assert "missing.txt" in error.message
    assert (rev(project, "HEAD"), staged(project)) == (state.head, "")


def test_signing_configuration_applies_to_commit_and_tag(project: Path) -> None:
    fake_gpg = project.parent / "fake-gpg"
    fake_gpg.write_text(
        "#!/bin/sh\ncat >/dev/null\nprintf '\\n[GNUPG:] SIG_CREATED D 1 8 00 1 ABCD\\n' >&2\n"
        "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nfake\\n-----END PGP SIGNATURE-----\\n'\n",
        encoding="utf-8",
    )
    fake_gpg.chmod(0o755)
    for key, value in {"gpg.program": str(fake_gpg), "user.signingKey": "ABCD", "commit.gpgSign": "true"}.items():
        git(project, "config", key, value)
    git(project, "config", "tag.gpgSign", "true")
    release(project, NO_PUSH)
    assert "gpgsig -----BEGIN PGP SIGNATURE-----" in git(project, "cat-file", "commit", "HEAD")
    assert "-----BEGIN PGP SIGNATURE-----" in git(project, "cat-file", "tag", "v0.2.1")


def test_untracked_files_do_not_make_the_tree_dirty(project: Path) -> None:
    write_files(project, {"notes.txt": "scratch\n"})
    assert preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED).dirty_paths == frozenset()


def test_allow_dirty_commits_only_the_bumped_files(project: Path, remote: Path) -> None:
    write_files(project, {"README.md": "# pkg, edited\n"})
    state, sha = release(project, allow_dirty=True)
    push(project, PLAN, state)
    assert state.dirty_paths == {"README.md"}
    assert git(project, "show", "--name-only", "--format=", sha).split() == sorted(BUMPED)
    assert (staged(project), modified(project)) == ("", "README.md\n")
    assert (project / "README.md").read_text(encoding="utf-8") == "# pkg, edited\n"


def test_without_a_commit_a_dirty_file_bump_rewrites_is_allowed(project: Path) -> None:
    write_files(project, {"pyproject.toml": FILES["pyproject.toml"] + "# edited\n", "README.md": "edited\n"})
    state = preflight(project, PLAN._replace(commit=False, tag=False, push=False), allow_dirty=True, bump_paths=BUMPED)
    assert state.dirty_paths == {"README.md", "pyproject.toml"}


def test_allow_dirty_refuses_other_staged_files(project: Path) -> None:
    write_files(project, {"README.md": "edited\n", "docs/new.md": "new\n"})
    git(project, "add", "README.md", "docs/new.md")
    error = raised(lambda: preflight(project, PLAN, allow_dirty=True, bump_paths=BUMPED))
    assert (error.message, error.hint) == (
        "files are staged and the release commit would include them: README.md, docs/new.md",
        "unstage them (`git restore --staged -- README.md docs/new.md`) or commit them first",
    )


def test_renamed_file_counts_both_names(project: Path) -> None:
    git(project, "mv", "README.md", "README.rst")
    state = preflight(project, NO_PUSH._replace(commit=False), allow_dirty=True, bump_paths=BUMPED)
    assert state.dirty_paths == {"README.md", "README.rst"}


def test_long_dirty_listing_is_shortened(project: Path) -> None:
    write_files(project, {f"f{number}.txt": "x\n" for number in range(7)})
    git(project, "add", ".")
    error = raised(lambda: preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert error.message == "the work tree has uncommitted changes: f0.txt, f1.txt, f2.txt, f3.txt, f4.txt (and 2 more)"


def test_a_detached_head_may_bump_without_a_commit_but_not_push(project: Path) -> None:
    git(project, "switch", "-q", "--detach")
    no_commit = PLAN._replace(commit=False, tag=False, push=False)
    assert preflight(project, no_commit, allow_dirty=False, bump_paths=BUMPED).branch is None
    error = raised(lambda: preflight(project, no_commit._replace(push=True), allow_dirty=False, bump_paths=BUMPED))
    assert error.message == "HEAD is detached: there is no branch to push"


def test_merge_in_progress_is_refused(project: Path) -> None:
    git(project, "switch", "-q", "-c", "other")
    write_files(project, {"README.md": "# other\n"})
    git(project, "commit", "-q", "-am", "other")
    git(project, "switch", "-q", "main")
    write_files(project, {"README.md": "# main\n"})
    git(project, "commit", "-q", "-am", "main")
    conflicted = subprocess.run(["git", "merge", "other"], cwd=project, capture_output=True, check=False)
    assert conflicted.returncode == 1
    error = raised(lambda: preflight(project, PLAN, allow_dirty=True, bump_paths=BUMPED))
    assert (error.message, error.hint) == (
        "a merge is in progress: a release commit now would mix with it",
        "finish it or abort it first (`git merge --continue` or `git merge --abort`)",
    )


def test_no_push_needs_no_remote(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "project", FILES)
    assert preflight(root, NO_PUSH, allow_dirty=False, bump_paths=BUMPED).remote is None


def test_upstream_remote_that_no_longer_exists_is_refused(project: Path) -> None:
    git(project, "config", "branch.main.remote", "upstream")
    error = raised(lambda: preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert (error.message, error.hint) == (
        "branch main tracks the remote 'upstream', which does not exist",
        "add it (`git remote add upstream URL`), or fix the upstream, or pass --no-push",
    )


def test_push_needs_the_state_preflight_gave(project: Path) -> None:
    state = GitState(head=rev(project, "HEAD"), branch="main", remote=None, dirty_paths=frozenset())
    error = raised(lambda: push(project, PLAN, state))
    assert error.message == "there is no branch or remote to push to"


def test_autocrlf_file_is_staged_as_git_normalises_it(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "core.autocrlf", "true")
    write_files(root, {"pyproject.toml": b'[project]\r\nname = "pkg"\r\nversion = "0.2.0"\r\n'})
    git(root, "add", "pyproject.toml")
    git(root, "commit", "-q", "-m", "initial")
    plan = NO_PUSH._replace(tag=False)
    state = preflight(root, plan, allow_dirty=False, bump_paths=["pyproject.toml"])
    bump(root, ("pyproject.toml",))
    sha = commit_and_tag(root, ["pyproject.toml"], plan, state)
    committed = subprocess.run(
        ["git", "cat-file", "blob", f"{sha}:pyproject.toml"], cwd=root, capture_output=True, check=True
    )
    assert committed.stdout == b'[project]\nname = "pkg"\nversion = "0.2.1"\n'
    assert (root / "pyproject.toml").read_bytes() == b'[project]\r\nname = "pkg"\r\nversion = "0.2.1"\r\n'
    assert git(root, "status", "--porcelain") == ""


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "mono", {f"packages/pkg/{path}": text for path, text in FILES.items()})
    root = repo / "packages" / "pkg"
    write_files(repo, {"packages/pkg/README.md": "edited\n", "top.txt": "x\n"})
    git(repo, "add", "top.txt")
    git(repo, "commit", "-q", "-m", "top")
    write_files(repo, {"top.txt": "edited\n"})
    state, sha = release(root, NO_PUSH._replace(tag=False), allow_dirty=True)
    assert state.dirty_paths == {"README.md", "../../top.txt"}
    assert git(repo, "show", "--name-only", "--format=", sha).split() == [
        f"packages/pkg/{path}" for path in sorted(BUMPED)
    ]


def test_not_a_repository(tmp_path: Path) -> None:
    error = raised(lambda: preflight(tmp_path, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert (error.category, error.message, error.hint) == (
        Category.GIT,
        f"{tmp_path} is not in a git repository",
        "run `git init` and commit the project first, or pass --no-commit to bump without git",
    )


def test_bare_repository(remote: Path) -> None:
    error = raised(lambda: preflight(remote, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert error.message == f"{remote} is in a bare git repository, which has no files to bump"


def test_empty_repository(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "project", FILES, commit=False)
    error = raised(lambda: preflight(root, PLAN, allow_dirty=True, bump_paths=BUMPED))
    assert (error.message, error.hint) == (
        "the repository has no commits yet",
        "make a first commit (`git commit`), or pass --no-commit to bump without git",
    )


def test_undo_commit_restores_head_removes_the_tag_and_unstages(project: Path) -> None:
    state, _ = release(project, NO_PUSH)
    undo_commit(project, state)
    assert rev(project, "HEAD") == state.head
    assert git(project, "tag") == ""
    assert (staged(project), modified(project).split()) == ("", sorted(BUMPED))
    undo_commit(project, state)  # nothing left to undo
    assert rev(project, "HEAD") == state.head


def test_undo_commit_refuses_when_head_moved_elsewhere(project: Path) -> None:
    state, sha = release(project, NO_PUSH)
    git(project, "commit", "-q", "--allow-empty", "-m", "someone else's work")
    error = raised(lambda: undo_commit(project, state))
    assert error.message.startswith(f"HEAD moved to {rev(project, 'HEAD')[:12]}, which is not the release commit")
    assert rev(project, "HEAD^") == sha


def test_missing_git_executable_is_a_releasekit_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitpython.Git, "GIT_PYTHON_GIT_EXECUTABLE", str(project / "no-such-git"))
    error = raised(lambda: preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED))
    assert (error.category, error.hint) == (Category.GIT, "see git's message above")
    assert error.message.startswith("git failed: Cmd(") and "no-such-git" in error.message


def test_missing_folder_is_not_a_repository(tmp_path: Path) -> None:
    error = raised(lambda: undo_commit(tmp_path / "gone", GitState("0" * 40, None, None, frozenset())))
    assert error.message == f"{tmp_path / 'gone'} is not in a git repository"


@pytest.mark.parametrize("remote_spelling", ["origin", "url-as-upstream"])
def test_credentials_in_remote_urls_never_reach_a_message(project: Path, remote_spelling: str) -> None:
    url = f"https://releaser:{CANARY}@127.0.0.1:1/me/pkg.git"
    git(project, "remote", "set-url", "origin", url)
    if remote_spelling == "url-as-upstream":
        git(project, "config", "branch.main.remote", url)
    state, _ = release(project)
    error = raised(lambda: push(project, PLAN, state))
    assert error.category is Category.NETWORK
    assert "https://***@127.0.0.1:1/me/pkg.git" in error.message
    assert CANARY not in error.message
    assert CANARY not in error.hint
    remote_name = "origin" if remote_spelling == "origin" else "https://***@127.0.0.1:1/me/pkg.git"
    assert error.hint == f"git push --atomic {remote_name} main v0.2.1"


def test_check_path_never_imports_gitpython(project: Path) -> None:
    script = (
        "import sys; from releasekit.cli.main import main; main(['check', sys.argv[1]]); print('git' in sys.modules)"
    )
    completed = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, check=True)
    assert completed.stdout.splitlines()[-1] == "False"


@pytest.mark.parametrize(
    ("stderr", "category"),
    [
        pytest.param(
            "fatal: Authentication failed for 'https://host/x.git/'", Category.AUTHENTICATION, id="https-auth"
        ),
        pytest.param("git@host: Permission denied (publickey).", Category.AUTHENTICATION, id="ssh-key"),
        pytest.param(" ! [remote rejected] main -> main (pre-receive hook declined)", Category.GIT, id="remote-hook"),
        pytest.param(" ! [rejected]        main -> main (fetch first)", Category.GIT, id="remote-ahead"),
        pytest.param(
            "fatal: unable to access 'https://host/': Could not resolve host: host", Category.NETWORK, id="dns"
        ),
        pytest.param("ssh: connect to host h port 22: Connection timed out", Category.NETWORK, id="timeout"),
        pytest.param("error: src refspec main does not match any", Category.GIT, id="other"),
    ],
)
def test_push_failure_categories(stderr: str, category: Category) -> None:
    assert push_failure_category(stderr) is category


def test_undo_of_a_commit_without_changes_keeps_the_index(project: Path) -> None:
    state = preflight(project, NO_PUSH, allow_dirty=False, bump_paths=BUMPED)
    write_files(project, {"README.md": "staged by the user\n"})
    git(project, "add", "README.md")
    git(project, "commit", "-q", "--allow-empty", "--only", "-m", "empty")
    undo_commit(project, state)
    assert (rev(project, "HEAD"), staged(project)) == (state.head, "README.md\n")


def test_undo_reports_a_tag_it_cannot_delete(project: Path) -> None:
    state, sha = release(project, NO_PUSH)
    (project / ".git" / "refs" / "tags" / "v0.2.1.lock").write_text("", encoding="utf-8")
    error = raised(lambda: undo_commit(project, state))
    assert error.message.startswith("deleting tag v0.2.1 failed:\n")
    assert "v0.2.1.lock" in error.message
    assert error.hint == "inspect `git status` and `git log`"
    assert rev(project, "HEAD") == sha


def test_credentials_printed_by_a_push_hook_are_redacted(project: Path) -> None:
    header_token = CANARY[::-1]
    git(project, "config", f"url.https://releaser:{CANARY}@example.com/.insteadOf", "gh:")
    git(project, "config", "http.extraheader", f"AUTHORIZATION: basic {header_token}")
    install_hook(project, "pre-push", "#!/bin/sh\ngit config --get-regexp '^(url|http)\\.'\nexit 1\n")
    state, _ = release(project)
    error = raised(lambda: push(project, PLAN, state))
    assert error.category is Category.GIT
    assert "url.https://***@example.com/.insteadof gh:\nhttp.extraheader AUTHORIZATION: basic ***\n" in error.message
    assert CANARY not in error.message
    assert header_token not in error.message


# --- what recovery asks git after a bump was killed while committing -------------------------------------------------


def test_release_commit_status_tells_where_the_commit_went(project: Path) -> None:
    start = rev(project, "HEAD")
    assert release_commit_status(project, start, BUMPED) == ReleaseCommitStatus(start, None)
    state, sha = release(project, NO_PUSH)
    assert release_commit_status(project, start, BUMPED) == ReleaseCommitStatus(sha, sha)
    git(project, "commit", "-q", "--allow-empty", "-m", "later")
    assert release_commit_status(project, start, BUMPED) == ReleaseCommitStatus(rev(project, "HEAD"), sha)
    assert release_commit_status(project, start, ("pyproject.toml",)) == ReleaseCommitStatus(
        rev(project, "HEAD"), None
    )  # that commit changed other files too: not the release commit
    git(project, "checkout", "-q", "--orphan", "elsewhere")
    git(project, "commit", "-q", "-m", "unrelated history")
    assert release_commit_status(project, start, BUMPED) == ReleaseCommitStatus(rev(project, "HEAD"), None)
    assert has_tag(project, "v0.2.1")
    assert not has_tag(project, "v9.9.9")
    assert state.head == start


def test_unstage_resets_exactly_the_staged_paths_it_is_given(project: Path) -> None:
    bump(project)
    write_files(project, {"README.md": "# pkg, edited\n"})
    git(project, "add", "pyproject.toml", "README.md")
    assert unstage(project, BUMPED) == ("pyproject.toml",)
    assert staged(project) == "README.md\n"
    assert modified(project) == "pyproject.toml\nsrc/pkg/__init__.py\n"
    assert unstage(project, BUMPED) == ()


def test_push_command_is_what_push_runs(project: Path) -> None:
    state = preflight(project, PLAN, allow_dirty=False, bump_paths=BUMPED)
    assert push_command(project, PLAN, state) == ("git", "push", "--atomic", "origin", "main", "v0.2.1")
    assert kept_locally(PLAN, state) == "the release commit on main and tag v0.2.1"
    assert kept_locally(PLAN._replace(tag=False), state) == "the release commit on main"
