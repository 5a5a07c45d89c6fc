"""`bump` as a library call: plan in memory, write transactionally, verify, gate, then commit through git.

Order: pending-journal check → check → plan → git preflight → (dry run stops) → write → verify →
quality gate → commit and tag → push. Anything that fails before the commit puts every file back.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import os
import shlex
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from packaging.version import Version

from releasekit._util.process import run
from releasekit.bump.changelog import ChangelogUpdate, plan_changelog
from releasekit.bump.journal import IN_PROGRESS_VARIABLE, GitRecord, pending, pending_error
from releasekit.bump.lockstep import LOCKSTEP_KIND, LockstepPin, find_lockstep_pins
from releasekit.bump.next_version import new_version_from_text, next_version
from releasekit.bump.rewrite import edits_for, rewrite_files, user_spelling
from releasekit.bump.tag_name import release_tag, tag_template
from releasekit.bump.transaction import FileChange, Step, StepHook, Transaction, begin
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.project.canonical import TAG_METHOD
from releasekit.project.config import Config
from releasekit.project.files import decode_with_encoding
from releasekit.references.check import CheckResult, check_project
from releasekit.references.discovery import VersionReference
from releasekit.references.judge import judge, stale_finding

if TYPE_CHECKING:  # GitPython stays out of `check` and a --no-commit bump: imported at run time by require_git
    from releasekit.git.preflight import GitPlan, GitState


class BumpOptions(NamedTuple):
    """What the user asked for; ``kind`` or ``new_version`` says where to go."""

    kind: str | None = None
    new_version: str | None = None
    allow_downgrade: bool = False
    dry_run: bool = False
    comment: str = ""
    commit: bool = True
    tag: bool = True
    push: bool = True
    allow_dirty: bool = False
    fix_stale: bool = False


class BumpPlan(NamedTuple):
    """Everything a bump will change, computed before any file is touched."""

    old: Version
    new: Version
    references: tuple[VersionReference, ...]
    fixed_stale: tuple[VersionReference, ...]
    changes: tuple[FileChange, ...]
    changelog: ChangelogUpdate | None
    tag_versioned: bool = False
    """The version comes from the latest git tag: the release tag *is* the release; files only follow it."""
    previous_tag: str = ""
    """The tag of the current version (or the newest release tag below it), whose spelling the new tag takes."""
    new_text: str = ""
    """The new version as the user spelled it (``2026.07.22``), when that is not its normalized form."""
    lockstep: tuple[LockstepPin, ...] = ()
    """Other packages' bounds that move with the version (their references are in ``references`` too)."""

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(change.path for change in self.changes)

    def diff(self) -> str:
        """A unified diff of every file the bump changes, as ``git diff`` would show it."""
        return "".join(_file_diff(change) for change in self.changes)


class BumpResult(NamedTuple):
    """What a bump did (or, in a dry run, would do)."""

    plan: BumpPlan
    applied: bool
    gate: str = ""
    commit: str | None = None
    tag: str | None = None
    pushed_to: str | None = None
    push_error: ReleasekitError | None = None
    refusal: ReleasekitError | None = None
    """In a dry run: why a real run would refuse (stale references, git's state), after the diff is shown."""


class PushInterrupted(KeyboardInterrupt):
    """Ctrl-C while pushing: the release commit and tag stay; ``result`` says what was done, ``hint`` how to push."""

    def __init__(self, result: BumpResult, message: str, hint: str) -> None:
        super().__init__(message)
        self.result = result
        self.message = message
        self.hint = hint


class VerificationError(ReleasekitError):
    """The written files did not check out; they were restored."""

    def __init__(self, message: str, findings: Sequence[Finding], hint: str) -> None:
        super().__init__(message, category=Category.VALIDATION, hint=hint, findings=findings)


def _text(data: bytes, path: str) -> str:
    decoded = decode_with_encoding(data, path)
    return decoded.text if decoded is not None else data.decode("latin-1")


def _file_diff(change: FileChange) -> str:
    lines = difflib.unified_diff(
        _text(change.before, change.path).splitlines(keepends=True),
        _text(change.after, change.path).splitlines(keepends=True),
        fromfile=f"a/{change.path}",
        tofile=f"b/{change.path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _target(options: BumpOptions, current: Version, config: Config) -> Version:
    if options.new_version is not None:
        return new_version_from_text(options.new_version, current, allow_downgrade=options.allow_downgrade)
    if options.kind is None:
        raise ReleasekitError("no target version", category=Category.USAGE, hint="give a bump kind or a new version")
    return next_version(current, options.kind, pre_start=config.pre_release_start)


def _references(count: int) -> str:
    return "1 reference is" if count == 1 else f"{count} references are"


def _stale_error(result: CheckResult) -> VerificationError:
    version = result.canonical.version
    findings = [stale_finding(item.reference, version) for item in result.stale]
    return VerificationError(
        f"{_references(len(findings))} already stale; bump refuses to start",
        findings,
        "fix them first, or pass --fix-stale to rewrite them to the new version too",
    )


def plan_bump(
    root: Path, options: BumpOptions, *, today: Callable[[], datetime.date] = datetime.date.today
) -> tuple[BumpPlan, CheckResult]:
    """Compute every new file content in memory; the project is not touched."""
    journal = pending(root)
    if journal is not None:
        raise pending_error(journal)
    result = check_project(root)
    canonical = result.canonical
    if result.stale and not options.fix_stale and not options.dry_run:
        raise _stale_error(result)
    current = canonical.version
    new = _target(options, current, result.project.config)
    config = result.project.config
    lockstep = (
        () if LOCKSTEP_KIND in config.ignore_kinds else find_lockstep_pins(root, current, result.project.identity.names)
    )
    references = tuple(item.reference for item in result.judged) + tuple(pin.reference for pin in lockstep)
    spelled = user_spelling(options.new_version, new)
    edits = edits_for(references, current, new, spelled=spelled)
    edited = {(path, edit.line, edit.column) for path, in_file in edits.items() for edit in in_file}
    contents = {path: (root / path).read_bytes() for path in sorted({reference.path for reference in references})}
    rewritten = rewrite_files(contents, references, current, new, spelled=spelled)
    changes = [FileChange(path, contents[path], data) for path, data in rewritten.items()]
    changelog = plan_changelog(root, current, new, today=today)
    if changelog is not None:
        changes.append(FileChange(changelog.path, changelog.before, changelog.after))
    plan = BumpPlan(
        current,
        new,
        tuple(ref for ref in references if (ref.path, ref.line, ref.column) in edited),
        tuple(item.reference for item in result.stale),
        tuple(sorted(changes)),
        changelog,
        tag_versioned=canonical.method == TAG_METHOD,
        previous_tag=canonical.text
        if canonical.method == TAG_METHOD
        else release_tag(root, current, result.project.identity.names),
        new_text=spelled or "",
        lockstep=lockstep,
    )
    return plan, result


def verify(root: Path, plan: BumpPlan, before: CheckResult) -> None:
    """Discovery again, from the files on disk: every reference at the new version, none lost, none stale."""
    after = check_project(root, use_cache=False)
    judged = after.judged
    problems = []
    if plan.tag_versioned:
        # The tag that makes the new version canonical comes after the commit: judge against it now.
        judged = tuple(judge(after.discovery.references, plan.new, lambda: plan.old))
    elif after.canonical.version != plan.new:
        problems.append(f"the canonical version reads {after.canonical.version}, not {plan.new}")
    findings = [stale_finding(item.reference, plan.new) for item in judged if item.stale]
    counted_before = Counter(item.reference.path for item in before.judged)
    counted_after = Counter(item.reference.path for item in judged)
    for path in sorted(set(counted_before) | set(counted_after)):
        if counted_before[path] != counted_after[path]:
            problems.append(f"{path} held {counted_before[path]} references, now {counted_after[path]}")
    if findings:
        problems.append(f"{_references(len(findings))} stale after writing")
    problems.extend(_lockstep_problems(root, plan))
    if problems:
        raise VerificationError(
            "verification failed after writing: " + "; ".join(problems),
            findings,
            f"every file was restored to {plan.old}; please report this as a releasekit bug",
        )


def _lockstep_problems(root: Path, plan: BumpPlan) -> list[str]:
    """Each lockstep pin must now read the new version where it was found (discovery does not see them)."""
    spelled = plan.new_text or None
    problems = []
    for path, edits in edits_for((pin.reference for pin in plan.lockstep), plan.old, plan.new, spelled=spelled).items():
        lines = _text((root / path).read_bytes(), path).splitlines()
        for edit in edits:
            line = lines[edit.line - 1] if edit.line <= len(lines) else ""
            if line[edit.column - 1 : edit.column - 1 + len(edit.new)] != edit.new:
                problems.append(f"{path}:{edit.line}:{edit.column} does not read {edit.new} (lockstep pin)")
    return problems


def run_gate(root: Path, command: str, plan: BumpPlan, journal: Path) -> None:
    """The project's own quality gate (``verify-command``), run without a shell in the project folder."""
    argv = shlex.split(command)
    environ = {**os.environ, IN_PROGRESS_VARIABLE: str(journal)}
    result = run(argv, cwd=root, check=False, env=environ, category=Category.VALIDATION)
    if result.returncode != 0:
        output = "\n".join(
            part.decode("utf-8", "replace").rstrip() for part in (result.stdout, result.stderr) if part.strip()
        )
        raise ReleasekitError(
            f"verify-command failed (exit {result.returncode}): {command}" + (f"\n{output}" if output else ""),
            category=Category.VALIDATION,
            hint=f"every file was restored to {plan.old}; fix what the gate reports, then bump again",
        )


def require_git() -> None:
    """Import ``releasekit.git.release`` (GitPython) only when a commit is asked for; a clear error without it."""
    try:
        import releasekit.git.release  # noqa: F401, PLC0415
    except ModuleNotFoundError as exc:
        raise ReleasekitError(
            f"committing the bump needs {exc.name}, which cannot be imported",
            category=Category.GIT,
            hint="install it, or pass --no-commit to write the files only",
        ) from exc


def _git_plan(options: BumpOptions, config: Config, plan: BumpPlan) -> GitPlan:
    from releasekit.git.preflight import GitPlan  # noqa: PLC0415 - loaded once require_git found GitPython

    subject = config.commit_message.format(old=plan.old, new=plan.new, version=plan.new)
    comment = options.comment.strip()
    return GitPlan(
        commit=bool(plan.changes),  # a tag-versioned project with no file to move: the tag alone
        tag=options.tag,
        push=options.push and config.push,
        message=subject + (f"\n\n{comment}\n" if comment else "\n"),
        tag_name=tag_template(config.tag_name, plan.previous_tag).format(version=plan.new_text or plan.new),
        tag_message=f"Release {plan.new}",
    )


def _nothing_to_release(plan: BumpPlan, options: BumpOptions) -> ReleasekitError | None:
    """A tag-versioned project is released by its tag: without one, nothing happens, or its files run ahead."""
    if plan.tag_versioned and plan.changes and options.commit and not options.tag:
        return ReleasekitError(
            f"the version comes from the git tag {plan.previous_tag}: a release commit without its tag would "
            f"leave the files at {plan.new} while the version stays {plan.old}",
            category=Category.USAGE,
            hint="drop --no-tag (--no-push keeps the commit and tag local), or --no-commit to write the files only",
        )
    if plan.changes or (options.commit and options.tag):
        return None
    flag = "--no-commit" if not options.commit else "--no-tag"
    return ReleasekitError(
        f"no file holds the version {plan.old}, which comes from the git tag {plan.previous_tag}: "
        f"the release is the tag {plan.new} alone, and {flag} leaves nothing to do",
        category=Category.USAGE,
        hint=f"run it without {flag} to create (and push) the tag",
    )


def _step(on_step: StepHook | None, name: str) -> None:
    if on_step is not None:
        on_step(Step(name))


def bump(
    root: Path,
    options: BumpOptions,
    *,
    today: Callable[[], datetime.date] = datetime.date.today,
    on_step: StepHook | None = None,
    confirm: Callable[[BumpPlan], bool] | None = None,
) -> BumpResult:
    """Bump the project at ``root`` as ``options`` say; all or nothing up to the commit.

    ``on_step`` is called at every step (fault injection in tests), ``confirm`` sees the plan
    before anything is written (the interactive prompt).
    """
    plan, before = plan_bump(root, options, today=today)
    config = before.project.config
    # A dry run goes on past a refusal, so that the diff comes first; the refusal is reported after it.
    refusals: list[ReleasekitError] = []
    if before.stale and not options.fix_stale:
        refusals.append(_stale_error(before))
    nothing = _nothing_to_release(plan, options)
    if nothing is not None:
        raise nothing
    git_plan: GitPlan | None = None
    state: GitState | None = None
    retry: Sequence[str] = ()
    if options.commit:
        require_git()
        from releasekit.git import release as git  # noqa: PLC0415 - GitPython: only for a commit
        from releasekit.git.preflight import preflight  # noqa: PLC0415

        git_plan = _git_plan(options, config, plan)
        try:
            state = preflight(root, git_plan, allow_dirty=options.allow_dirty, bump_paths=plan.paths)
        except ReleasekitError as error:
            if not options.dry_run:
                raise
            refusals.append(error)
    if options.dry_run:
        return BumpResult(plan, applied=False, refusal=_combined(refusals))
    if confirm is not None and not confirm(plan):
        return BumpResult(plan, applied=False)
    if not plan.changes:  # a tag-versioned project whose files hold no version: the tag is the release
        return _release_by_tag(root, plan, git_plan, state, on_step)
    journal_git = None
    if git_plan is not None and state is not None:  # recorded from the start: only ever meant to be committed
        retry = git.push_command(root, git_plan, state) if git_plan.push else ()
        journal_git = _journal_git(root, git_plan, state, retry)
    transaction = begin(root, plan.changes, old=str(plan.old), new=str(plan.new), on_step=on_step, git=journal_git)
    transaction.write()
    try:
        _step(on_step, "verify")
        verify(root, plan, before)
        if config.verify_command:
            _step(on_step, "gate")
            run_gate(root, config.verify_command, plan, transaction.folder)
        transaction.mark_verified()
        commit = None
        if git_plan is not None and state is not None:
            transaction.mark_committing()
            _step(on_step, "commit")
            with _inside_bump(transaction.folder):
                commit = git.commit_and_tag(root, list(plan.paths), git_plan, state)
        transaction.finish(commit)
    except BaseException:
        if transaction.state == "done":
            raise  # the release is made: nothing may be undone (the journal, if any, says what is owed)
        if transaction.state == "committing" and not _abandon_release(root, state, plan):
            raise  # git's state is unknown: the journal stays, `--recover` asks git what happened
        transaction.restore_quietly()
        raise
    tag = git_plan.tag_name if commit is not None and git_plan is not None and git_plan.tag else None
    result = BumpResult(plan, True, config.verify_command, commit, tag)
    if commit is None or git_plan is None or state is None:
        return result
    return _push(root, transaction, git_plan, state, result, retry, on_step)


def _release_by_tag(
    root: Path, plan: BumpPlan, git_plan: GitPlan | None, state: GitState | None, on_step: StepHook | None
) -> BumpResult:
    """Tag HEAD, then push the tag as any release is pushed: journalled, the push owed until it lands."""
    from releasekit.git import release as git  # noqa: PLC0415 - GitPython: only for a commit
    from releasekit.git.tag_head import tag_head  # noqa: PLC0415

    if git_plan is None or state is None:  # _nothing_to_release refused a tag-only release without a commit
        raise AssertionError("a tag-only release needs git")
    retry = git.push_command(root, git_plan, state) if git_plan.push else ()
    # Journalled before the tag (no file to write or restore): a kill around `git tag` leaves a journal that
    # `check` reports and `--recover` finishes (the tag was made) or drops (it was not).
    transaction = begin(
        root, (), old=str(plan.old), new=str(plan.new), on_step=on_step, git=_journal_git(root, git_plan, state, retry)
    )
    transaction.mark_committing()
    try:
        _step(on_step, "tag")
        with _inside_bump(transaction.folder):
            tag_head(root, git_plan)
    except BaseException:
        if git.has_tag(root, git_plan.tag_name):  # interrupted after git made the tag: the push is owed
            transaction.finish(None)
        else:  # git refused (signing, hooks) or never ran: nothing was released
            transaction.restore_quietly()
        raise
    transaction.finish(None)
    return _push(root, transaction, git_plan, state, BumpResult(plan, True, tag=git_plan.tag_name), retry, on_step)


def _push(  # noqa: PLR0917 - the pieces of one release, passed along from bump()
    root: Path,
    transaction: Transaction,
    git_plan: GitPlan,
    state: GitState,
    result: BumpResult,
    retry: Sequence[str],
    on_step: StepHook | None,
) -> BumpResult:
    """Push the release (branch and tag at once); a failure or Ctrl-C keeps it locally and says how to push.

    The journal stays, the push owed, until the push has landed: `check` and `--recover` say so.
    """
    from releasekit.git import release as git  # noqa: PLC0415 - GitPython: only for a commit

    if not git_plan.push:
        return result
    try:
        _step(on_step, "push")
        with _inside_bump(transaction.folder):  # a pre-push hook's `releasekit check` sees this bump, not a crash
            git.push(root, git_plan, state)
    except ReleasekitError as error:
        return result._replace(push_error=error)
    except KeyboardInterrupt:
        # The push is atomic: the remote has both refs or neither. Pushing again is safe either way.
        message = (
            f"interrupted while pushing to {state.remote}; {git.kept_locally(git_plan, state)} are kept locally "
            "(the remote may not have them), push them with the command below"
        )
        raise PushInterrupted(result, message, shlex.join(retry)) from None
    with contextlib.suppress(Exception):  # the push landed: a journal left here only makes `check` look again
        transaction.pushed()
    return result._replace(pushed_to=state.remote)


def _combined(refusals: Sequence[ReleasekitError]) -> ReleasekitError | None:
    """The first refusal, its message followed by the others' (each with its hint)."""
    if not refusals:
        return None
    first, others = refusals[0], refusals[1:]
    if not others:
        return first
    more = "".join(f"\nand: {error.message}" + (f" ({error.hint})" if error.hint else "") for error in others)
    return ReleasekitError(
        first.message + more,
        category=first.category,
        hint=first.hint,
        severity=first.severity,
        findings=first.findings,
    )


def _journal_git(root: Path, git_plan: GitPlan, state: GitState, push_command: Sequence[str]) -> GitRecord:
    """What recovery needs to know about the release commit: where it starts and what was still to follow."""
    from releasekit.git.release import push_destination  # noqa: PLC0415

    remote, remote_branch = push_destination(root, git_plan, state) if push_command else ("", "")
    return GitRecord(
        head=state.head,
        tag=git_plan.tag_name if git_plan.tag else None,
        tag_message=git_plan.tag_message,
        push=tuple(push_command),
        remote=remote,
        remote_branch=remote_branch,
    )


@contextlib.contextmanager
def _inside_bump(journal: Path) -> Iterator[None]:
    """Mark git's hooks as part of this bump: the user's own version-consistency hook must not see a crash.

    GitPython runs ``git commit`` with this process's environment, so the variable is set here, for
    the commit only.
    """
    previous = os.environ.get(IN_PROGRESS_VARIABLE)
    os.environ[IN_PROGRESS_VARIABLE] = str(journal)
    try:
        yield
    finally:
        if previous is None:
            del os.environ[IN_PROGRESS_VARIABLE]
        else:
            os.environ[IN_PROGRESS_VARIABLE] = previous


def _abandon_release(root: Path, state: GitState | None, plan: BumpPlan) -> bool:
    """After a failure or Ctrl-C from the commit step on: undo the release commit if it landed, unstage the files.

    Git may have staged the files, or even committed them, before the interruption reached bump.
    False when git could not be put back; the files must then stay as the journal describes them.
    """
    if state is None:  # a --no-commit bump never stages anything
        return True
    from releasekit.git.release import abandon_release  # noqa: PLC0415

    try:
        abandon_release(root, state, plan.paths)
    except Exception:  # noqa: BLE001 - the first failure is the one to report; --recover remains
        return False
    return True
