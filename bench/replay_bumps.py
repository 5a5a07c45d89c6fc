#!/usr/bin/env python3
"""Replay real release bumps with ``releasekit bump`` and measure its precision and recall.

For each given clone and each of its most recent release tags the script

1. finds the **bump commit**: the most recent non-merge commit reachable from the tag
   that moved the canonical version (as ``releasekit version`` reads it at the tag) to
   the tag's version;
2. checks out the bump commit's **parent** in a temporary ``git worktree`` and runs
   ``releasekit bump --new-version NEW --yes --no-commit`` there, zero configuration,
   with ``CI=1``;
3. compares the lines releasekit changed (``git diff`` in the worktree) with the
   lines the maintainers changed in the bump commit that carry a version (their
   changelog and release-notes edits are reported apart: bump is not expected to
   write them, except a Keep a Changelog "Unreleased" heading turned into the release);
4. prints a Markdown report (optionally JSON): old → new, our lines, their version
   lines, precision, recall, every miss and every false positive, every refusal.

The worktree is always removed afterwards. The clones are only read (plus the
temporary worktree's bookkeeping under their ``.git/worktrees/``).

Standard library and packaging (a dependency of releasekit); ``python bench/replay_bumps.py --help``
lists the options and bench/README.md explains the report.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

if not __package__:  # run as a script: the repository root makes `bench` importable, as it is for the tests
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import require_releasekit, version_parts

DEFAULT_TAGS = 2
MOVES = 3  # commits that moved the version between files without changing it, followed back at most
BUMP_TIMEOUT = 900  # seconds; a cold scan of a large project takes a few
SEARCHED_COMMITS = 50  # commits touching the version's spelling searched for the bump, newest first
PAIRING_SIMILARITY = 0.6  # how alike a removed and an added line must be to count as one edited line
# How bump's refusal to start on a failing check reads (its findings, then this hint).
STALE_REFUSAL = re.compile(r"already stale|pass --fix-stale")

# --------------------------------------------------------------------------- #
# Versions: the PEP 440 subset release tags use (parsed by packaging, in bench/_common.py)
# --------------------------------------------------------------------------- #

_TAG = re.compile(r"^(?:v|V|release-|release_|release)?(?P<version>\d+(?:\.\d+)+\S*)$")
_PRE_SPELLINGS = {"a": "a|alpha", "b": "b|beta", "rc": "rc|c|pre|preview"}
_LEVELS = {"alpha": "a", "beta": "b", "candidate": "rc", "c": "rc", "rc": "rc", "final": "", "": ""}
_LEVEL_NAMES = {"a": "alpha|a", "b": "beta|b", "rc": "candidate|rc|c"}
# A version-looking token on a line, and a version tuple (sys.version_info style or plain).
_VERSION_TOKEN = re.compile(
    r"(?<![\w.])v?\d+(?:\.\d+)+(?:[-_.]?(?:alpha|beta|rc|a|b|c)[-_.]?\d*)?"
    r"(?:[-_.]?(?:post|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?![\w]|\.\d)",
    re.IGNORECASE,
)
_VERSION_TUPLE = re.compile(r"""\(\s*(\d+(?:\s*,\s*\d+)+)(?:\s*,\s*['"](\w*)['"](?:\s*,\s*(\d+))?)?""")


class Release(NamedTuple):
    """A PEP 440 version without epoch or local part: what release tags carry."""

    release: tuple[int, ...]
    pre: tuple[str, int] | None = None
    post: int | None = None
    dev: int | None = None
    local: str | None = None

    def __str__(self) -> str:
        text = ".".join(str(part) for part in self.release)
        if self.pre is not None:
            text += f"{self.pre[0]}{self.pre[1]}"
        if self.post is not None:
            text += f".post{self.post}"
        if self.dev is not None:
            text += f".dev{self.dev}"
        if self.local is not None:
            text += f"+{self.local}"
        return text

    @property
    def short(self) -> str:
        """The ``X.Y`` series (Sphinx's ``version``, docs mentioning the series)."""
        return ".".join(str(part) for part in self.release[:2])


def parse_release(text: str) -> Release | None:
    """``text`` as a Release (``v`` prefix and ``-rc.1`` style separators allowed), else None."""
    parts = version_parts(text)
    return None if parts is None else Release(*parts)


def tag_version(tag: str) -> Release | None:
    """The version a release tag names (``v1.2.3``, ``1.2.3``, ``release-1.2.3``), else None."""
    match = _TAG.match(tag)
    return parse_release(match["version"]) if match else None


def _string_pattern(version: Release) -> str:
    """Every usual string spelling of ``version``: ``1.2.3rc1``, ``1.2.3-rc.1``, ``v1.2.3``, …"""
    pattern = r"\.".join(f"0*{part}" for part in version.release)  # 2026.07.22 is 2026.7.22
    if version.pre is not None:
        pattern += rf"[-_.]?(?:{_PRE_SPELLINGS[version.pre[0]]})[-_.]?{version.pre[1]}"
    if version.post is not None:
        pattern += rf"(?:[-_.]?(?:post|rev|r)[-_.]?{version.post}|-{version.post})"
    if version.dev is not None:
        pattern += rf"[-_.]?dev[-_.]?{version.dev}"
    if version.local is not None:
        pattern += rf"\+{re.escape(version.local)}"
    # Not glued to a longer number, and not the start of a longer version (1.2.3 in 1.2.3rc1).
    return rf"(?<![\d.]){pattern}(?![\d]|\.\d|[-_.]?(?:a|b|c|rc|alpha|beta|pre|post|dev|r)\d)"


def _tuple_pattern(version: Release) -> str:
    """``(1, 2, 3)`` and ``(1, 2, 3, "candidate", 1)``: tuples naming ``version``."""
    release = version.release
    while len(release) > 3 and release[-1] == 0:
        release = release[:-1]
    pattern = r"\(\s*" + r"\s*,\s*".join(str(part) for part in release)
    if version.pre is not None:
        pattern += rf"""\s*,\s*['"](?:{_LEVEL_NAMES[version.pre[0]]})['"]\s*,\s*{version.pre[1]}"""
    else:
        pattern += r"""(?:\s*,\s*['"]final['"]|\s*\))"""
    return pattern + r"(?!\d)"


def version_pattern(version: Release) -> re.Pattern[str]:
    """The full spellings of ``version``: strings (any prefix or separators) and tuples."""
    return re.compile(f"{_string_pattern(version)}|{_tuple_pattern(version)}", re.IGNORECASE)


def short_pattern(version: Release) -> re.Pattern[str]:
    """The ``X.Y`` series of ``version``, on its own (not the start of a longer version)."""
    major, minor = (str(part) for part in (*version.release, 0)[:2])
    return re.compile(rf"(?<![\d.]){major}\.{minor}(?![\d]|\.\d)|\(\s*{major}\s*,\s*{minor}\s*\)")


def version_on_line(text: str) -> Release | None:
    """The first version written on ``text``, as a string or a tuple (``(1, 2, 3, "alpha", 0)``)."""
    found: list[tuple[int, Release]] = []
    token = _VERSION_TOKEN.search(text)
    if token is not None:
        parsed = parse_release(token.group())
        if parsed is not None:
            found.append((token.start(), parsed))
    numbers = _VERSION_TUPLE.search(text)
    if numbers is not None:
        release = tuple(int(part) for part in re.split(r"\s*,\s*", numbers[1]))
        level = _LEVELS.get((numbers[2] or "").lower())
        if level is not None:
            pre = (level, int(numbers[3] or 0)) if level else None
            found.append((numbers.start(), Release(release, pre)))
    return min(found)[1] if found else None


# --------------------------------------------------------------------------- #
# Diffs: every changed line, an edited line paired with its replacement
# --------------------------------------------------------------------------- #

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class ChangedLine(NamedTuple):
    """One line a diff changes: edited (old and new), removed (no new) or added (no old)."""

    path: str
    old_line: int | None
    new_line: int | None
    old: str | None
    new: str | None

    def describe(self) -> str:
        where = f"{self.path}:{self.old_line}" if self.old_line is not None else f"{self.path}:{self.new_line} (added)"
        sides = [f"-{self.old}" if self.old is not None else "", f"+{self.new}" if self.new is not None else ""]
        return f"{where}: " + " → ".join(repr(side) for side in sides if side)


def _pair(path: str, removed: list[tuple[int, str]], added: list[tuple[int, str]]) -> list[ChangedLine]:
    """One hunk's removed and added lines, an edited line paired with its replacement.

    Equal counts pair in order (the usual version edit); otherwise each removed line takes
    the next added line that looks like it, and the rest stand alone.
    """
    if len(removed) == len(added):
        return [ChangedLine(path, o, n, old, new) for (o, old), (n, new) in zip(removed, added, strict=True)]
    lines: list[ChangedLine] = []
    cursor = 0
    for old_line, old in removed:
        for index in range(cursor, len(added)):
            new_line, new = added[index]
            if difflib.SequenceMatcher(None, old, new).ratio() >= PAIRING_SIMILARITY:
                lines.extend(ChangedLine(path, None, n, None, text) for n, text in added[cursor:index])
                lines.append(ChangedLine(path, old_line, new_line, old, new))
                cursor = index + 1
                break
        else:
            lines.append(ChangedLine(path, old_line, None, old, None))
    lines.extend(ChangedLine(path, None, n, None, text) for n, text in added[cursor:])
    return lines


def parse_diff(text: str) -> list[ChangedLine]:
    """The changed lines of a ``git diff -U0 --no-renames`` output (binary files are skipped)."""
    lines = text.split("\n")
    changed: list[ChangedLine] = []
    old_path = new_path = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.startswith("--- "):
            old_path = line[6:] if line.startswith("--- a/") else ""
        elif line.startswith("+++ "):
            new_path = line[6:] if line.startswith("+++ b/") else ""
        elif (hunk := _HUNK.match(line)) is not None:
            old_start, new_start = int(hunk[1]), int(hunk[3])
            old_count = int(hunk[2]) if hunk[2] is not None else 1
            new_count = int(hunk[4]) if hunk[4] is not None else 1
            removed: list[tuple[int, str]] = []
            added: list[tuple[int, str]] = []
            while (len(removed) < old_count or len(added) < new_count) and index < len(lines):
                body = lines[index]
                index += 1
                if body.startswith("-"):
                    removed.append((old_start + len(removed), body[1:]))
                elif body.startswith("+"):
                    added.append((new_start + len(added), body[1:]))
            while index < len(lines) and lines[index].startswith("\\"):
                index += 1  # "\ No newline at end of file"
            changed.extend(_pair(new_path or old_path, removed, added))
    return changed


# --------------------------------------------------------------------------- #
# Classification and arithmetic
# --------------------------------------------------------------------------- #

_HISTORY_NAME = re.compile(
    r"^(?:changelog|changes|history|news|release[-_ ]?notes|releases|whats[-_]?new)(?:[-_.].*)?$", re.IGNORECASE
)
_HISTORY_FOLDERS = frozenset(
    {
        ".changes",
        "changelog",
        "changelog.d",
        "changes",
        "changes.d",
        "history",
        "news",
        "newsfragments",
        "release-notes",
        "releasenotes",
        "releases",
        "whatsnew",
    }
)
# A Keep a Changelog "Unreleased" heading (Markdown or reStructuredText title) or compare link.
_UNRELEASED = re.compile(r"^\s*(?:#{1,6}\s*)?\**(?:\[unreleased\]\s*(?::.*)?|unreleased)\**\s*$", re.IGNORECASE)


def is_history_path(path: str) -> bool:
    """A changelog, release notes, news fragment or history folder: what bump does not write."""
    parts = path.split("/")
    return bool(_HISTORY_NAME.match(parts[-1])) or any(part.lower() in _HISTORY_FOLDERS for part in parts[:-1])


def is_version_line(line: ChangedLine, olds: Sequence[Release], new: Release) -> bool:
    """The line carries the version: its new side names the new version, or its old side an old one.

    The ``X.Y`` series counts only on an edited line whose series moves (``1.2`` → ``1.3``):
    a patch release leaves the series alone, and a bare ``1.2`` elsewhere is too common.
    """
    if line.old is not None and line.new is not None and line.old.split() == line.new.split():
        return False  # only whitespace or a line ending changed: not a version edit
    if line.new is not None and version_pattern(new).search(line.new):
        return True
    if line.old is None:
        return False
    if line.new is None:
        return any(version_pattern(old).search(line.old) for old in olds)
    return any(
        old.short != new.short and short_pattern(old).search(line.old) and short_pattern(new).search(line.new)
        for old in olds
    )


def is_bump_edit(line: ChangedLine, olds: Sequence[Release], new: Release) -> bool:
    """A version line edited in place, as a bump does; lines added or removed whole are new content."""
    return line.old is not None and line.new is not None and is_version_line(line, olds, new)


def is_changelog_release(line: ChangedLine) -> bool:
    """Keep a Changelog: the "Unreleased" heading (or its compare link) edited for the release."""
    return line.old is not None and line.new is not None and bool(_UNRELEASED.match(line.old))


def _keys(lines: Iterable[ChangedLine]) -> dict[tuple[str, str, int | str, int], ChangedLine]:
    """Each line under a key both diffs share: an edited or removed line by its place in the
    parent, an added line by its text (and which occurrence of that text it is)."""
    keyed: dict[tuple[str, str, int | str, int], ChangedLine] = {}
    seen: dict[tuple[str, str], int] = {}
    for line in lines:
        if line.old_line is not None:
            keyed[(line.path, "old", line.old_line, 0)] = line
        else:
            text = line.new or ""
            occurrence = seen.get((line.path, text), 0)
            seen[(line.path, text)] = occurrence + 1
            keyed[(line.path, "new", text, occurrence)] = line
    return keyed


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Comparison:
    """Our changed lines against the maintainers' version lines, for one release."""

    ours: int
    theirs: int
    matched: int
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    whole_lines: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind of our line -> [ours, matched]
    missed_files: dict[str, int] = field(default_factory=dict)  # missed lines by the file they are in

    @property
    def precision(self) -> float | None:
        """|ours ∩ theirs| / |ours|; None when we changed nothing."""
        return _ratio(self.matched, self.ours)

    @property
    def recall(self) -> float | None:
        """|ours ∩ theirs| / |their version lines|; None when they changed none."""
        return _ratio(self.matched, self.theirs)

    @property
    def not_expected(self) -> int:
        return len(self.history) + len(self.whole_lines)


def file_label(path: str) -> str:
    """What kind of file a missed line is in: its name when special, else its suffix (``README.md`` → ``.md``)."""
    name = path.rpartition("/")[2]
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return name
    if name.lower() in ("pyproject.toml", "setup.py", "setup.cfg", "conf.py", "__init__.py", "citation.cff"):
        return name
    return "." + suffix


def compare(
    ours: Sequence[ChangedLine],
    theirs: Sequence[ChangedLine],
    olds: Sequence[Release],
    new: Release,
    kinds: dict[str, str] | None = None,
) -> Comparison:
    """Which of our lines the maintainers changed the same way, and which of their version lines we missed.

    A line is matched when both diffs change the same line of the parent to the same text (or
    add the same text). Expected from bump are the maintainers' version lines edited in place,
    except in changelogs and release notes unless they release a Keep a Changelog "Unreleased"
    section; their other version lines are listed apart (``history``: changelog edits;
    ``whole_lines``: lines added or removed whole, new content rather than a rewrite). A line
    both changed, to different texts, goes to ``different`` (it counts against both ratios).
    """
    our_keys, their_keys = _keys(ours), _keys(theirs)
    matched = {key for key, line in our_keys.items() if key in their_keys and their_keys[key].new == line.new}
    different = {key for key in our_keys if key in their_keys and key not in matched}
    expected = set(matched | different)
    history: list[ChangedLine] = []
    whole_lines: list[ChangedLine] = []
    for key, line in their_keys.items():
        if key in expected or not is_version_line(line, olds, new):
            continue
        if is_history_path(line.path) and not is_changelog_release(line):
            history.append(line)
        elif not is_bump_edit(line, olds, new):
            whole_lines.append(line)
        else:
            expected.add(key)
    by_kind: dict[str, list[int]] = {}
    for key, line in our_keys.items():
        kind = (kinds or {}).get(f"{line.path}:{line.old_line}", "(release notes)")  # not a reference: the notes
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += 1
        counts[1] += key in matched
    missed_files: dict[str, int] = {}
    for key, line in their_keys.items():
        if key in expected - matched:
            label = file_label(line.path)
            missed_files[label] = missed_files.get(label, 0) + 1
    return Comparison(
        ours=len(our_keys),
        theirs=len(expected),
        matched=len(matched),
        by_kind=by_kind,
        missed_files=missed_files,
        misses=[line.describe() for key, line in their_keys.items() if key in expected - matched - different],
        false_positives=[line.describe() for key, line in our_keys.items() if key not in matched | different],
        different=[
            f"{line.describe()} (theirs: {their_keys[key].new!r})" for key, line in our_keys.items() if key in different
        ],
        history=[line.describe() for line in history],
        whole_lines=[line.describe() for line in whole_lines],
    )


# --------------------------------------------------------------------------- #
# Git and releasekit
# --------------------------------------------------------------------------- #


class ReplayError(Exception):
    """A failure that stops the whole replay (a missing tool, not a git clone); exit 2."""


def log(message: str) -> None:
    """Progress goes to stderr so stdout carries only the report."""
    print(f"[replay] {message}", file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    """The caller's environment, without colour or prompts; ``CI=1`` so that bump never asks."""
    return {**os.environ, "NO_COLOR": "1", "GIT_TERMINAL_PROMPT": "0", "CI": "1"}


def run(
    argv: Sequence[str], cwd: Path, *, timeout: float | None = None, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command, never through a shell; its output decoded leniently."""
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env={**child_env(), **(extra_env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def git(repo: Path, *args: str) -> str:
    proc = run(["git", "-c", "core.quotePath=false", *args], repo)
    if proc.returncode != 0:
        raise ReplayError(f"git {' '.join(args)} failed in {repo} (exit {proc.returncode}):\n{proc.stderr.strip()}")
    return proc.stdout


def diff(repo: Path, *revisions: str, paths: Sequence[str] = ()) -> list[ChangedLine]:
    """The changed lines between ``revisions`` (none: the work tree against the index).

    A line whose only change is its line ending is not changed: a file converted from CRLF whole
    would otherwise pair its old lines with whatever new lines follow them.
    """
    options = [
        *("--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--ignore-cr-at-eol"),
        *("--src-prefix=a/", "--dst-prefix=b/"),
    ]
    return parse_diff(git(repo, "diff", "-U0", *options, *revisions, "--", *paths))


class ReleaseTag(NamedTuple):
    name: str
    version: Release


def release_tags(repo: Path, count: int) -> list[ReleaseTag]:
    """The ``count`` most recent release tags (newest first), one per version."""
    tags: list[ReleaseTag] = []
    seen: set[str] = set()
    for name in git(repo, "tag", "--sort=-creatordate").split():
        version = tag_version(name)
        if version is not None and str(version) not in seen:
            seen.add(str(version))
            tags.append(ReleaseTag(name, version))
        if len(tags) == count:
            break
    return tags


def ere_escape(text: str) -> str:
    """``text`` literally, in a POSIX extended regex (what ``git log -G`` takes) that Python reads alike."""
    return re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)


def bounded(text: str) -> str:
    """``text`` not glued to a longer version: ``1.2.3`` finds neither ``11.2.30`` nor ``1.2.3.dev0``."""
    return f"(^|[^0-9.]){ere_escape(text)}([^0-9A-Za-z.]|$)"


def _shape(line: str, text: str) -> str:
    """``line`` with the version written ``{}``: ``version = "{}"``, to recognise the same line later."""
    return " ".join(line.replace(text, "{}").split())


def find_bump_commit(repo: Path, revision: str, path: str, text: str, line: str) -> str | None:
    """The most recent non-merge commit before ``revision`` that edited ``path`` to hold ``text``.

    ``line`` is the canonical line at ``revision``: a commit that wrote ``text`` into that
    same line (same shape, any version) wins over one that wrote it elsewhere in the file (a
    dependency pin ``"tool (==2.4.0)"`` beside ``version = "2.4.0"``). A commit whose line held
    ``text`` already (``'1.2'`` → ``"1.2"``) did not bump. The first commit has no parent to
    replay from and never counts.
    """
    pattern = bounded(text)
    finder = re.compile(pattern)
    shape = _shape(line, text)
    fallback = None
    log_argv = ("log", "--no-merges", f"--max-count={SEARCHED_COMMITS}", "--format=%H", "-G", pattern, revision)
    for commit in git(repo, *log_argv, "--", path).split():
        if run(["git", "rev-parse", "--verify", "--quiet", f"{commit}^"], repo).returncode != 0:
            break
        for changed in diff(repo, f"{commit}^", commit, paths=(path,)):
            if changed.new is None or not finder.search(changed.new):
                continue
            if changed.old is not None and finder.search(changed.old):
                continue
            if _shape(changed.new, text) == shape:
                return commit
            fallback = fallback or commit
    return fallback


@dataclass
class Canonical:
    """``releasekit version --json`` in one checkout, or why it failed."""

    version: str = ""
    text: str = ""
    path: str = ""
    line: int = 0
    method: str = ""
    error: str = ""


def canonical_version(releasekit: Path, checkout: Path) -> Canonical:
    proc = run([str(releasekit), "version", "--json"], checkout, timeout=BUMP_TIMEOUT)
    if proc.returncode != 0:
        return Canonical(error=_message(proc))
    document = json.loads(proc.stdout)
    return Canonical(
        str(document["version"]),
        str(document["text"]),
        str(document["path"]),
        int(document["line"] or 0),
        str(document["method"]),
    )


def _message(proc: subprocess.CompletedProcess[str]) -> str:
    return "\n".join(part.strip() for part in (proc.stdout, proc.stderr) if part.strip())


class Worktree:
    """A detached ``git worktree`` of ``repo``, removed on exit whatever happened."""

    def __init__(self, repo: Path, folder: Path, revision: str) -> None:
        self.repo, self.folder, self.revision = repo, folder, revision

    def __enter__(self) -> Path:
        try:
            git(self.repo, "worktree", "add", "--quiet", "--detach", str(self.folder), self.revision)
        except BaseException:
            self.__exit__()
            raise
        return self.folder

    def __exit__(self, *exc: object) -> None:
        run(["git", "worktree", "remove", "--force", "--force", str(self.folder)], self.repo)
        if self.folder.exists():  # remove refused (or add half-failed): drop the files and the bookkeeping
            shutil.rmtree(self.folder, ignore_errors=True)
            run(["git", "worktree", "prune"], self.repo)


# --------------------------------------------------------------------------- #
# One release replayed
# --------------------------------------------------------------------------- #


@dataclass
class BumpRun:
    """One ``releasekit bump`` invocation and what it printed."""

    argv: list[str]
    returncode: int
    output: str
    seconds: float


@dataclass
class TagReplay:
    """Everything learnt replaying one release tag."""

    project: str
    tag: str
    new: str
    old: str = ""
    old_from_diff: str = ""
    commit: str = ""
    subject: str = ""
    canonical: str = ""
    outcome: str = ""
    refusal: str = ""
    notes: list[str] = field(default_factory=list)
    runs: list[BumpRun] = field(default_factory=list)
    comparison: Comparison | None = None  # after the last run (with --fix-stale when the first refused)
    strict: Comparison | None = None  # after the first run: a refusal writes nothing
    # After a refusal over stale references, what a user does: `releasekit sync` (its own step), then bump;
    # compared without the lines the repair touched, on both sides.
    repaired: Comparison | None = None
    repaired_lines: list[str] = field(default_factory=list)  # what sync rewrote: lines the maintainers left stale
    repaired_theirs: int = 0  # of those lines, how many the maintainers' release commit changed
    tag_versioned: bool = False  # the version comes from the git tag: the release commit moves files, the tag releases
    kinds: dict[str, str] = field(default_factory=dict)  # "path:line" of each reference at the parent -> its kind
    peers: dict[str, Comparison] = field(default_factory=dict)  # bump-my-version / tbump, where configured
    peer_notes: list[str] = field(default_factory=list)


def spelled(tag: ReleaseTag) -> str:
    """The version as the tag spells it (``2026.07.22``, ``2.01``): what the maintainer typed."""
    match = _TAG.match(tag.name)
    return match["version"] if match else str(tag.version)


def _bump(releasekit: Path, checkout: Path, tag: ReleaseTag, *extra: str, day: str = "") -> BumpRun:
    """``releasekit bump`` to the tag's version as the tag spells it, the changelog dated like the bump commit."""
    argv = [str(releasekit), "bump", "--new-version", spelled(tag), "--yes", "--no-commit", *extra]
    started = time.perf_counter()
    proc = run(argv, checkout, timeout=BUMP_TIMEOUT, extra_env={"SOURCE_DATE_EPOCH": day} if day else None)
    argv[0] = "releasekit"
    return BumpRun(argv, proc.returncode, _message(proc), time.perf_counter() - started)


# What bump says of a bound it moves that `check --list` does not list (another package's lockstep pin).
_MOVED = re.compile(
    r"^(?P<path>[^\n:]+):(?P<line>\d+):\d+: (?:would move|moved) .* \((?P<kind>[a-z-]+): ", re.MULTILINE
)


def moved_kinds(output: str) -> dict[str, str]:
    """``path:line`` → kind of each line bump's output says it moved beyond the references `check` lists."""
    return {f"{match['path']}:{match['line']}": match["kind"] for match in _MOVED.finditer(output)}


def _sync(releasekit: Path, checkout: Path) -> BumpRun:
    """``releasekit sync``: the repair a user makes after bump refused over stale references."""
    argv = [str(releasekit), "sync"]
    started = time.perf_counter()
    proc = run(argv, checkout, timeout=BUMP_TIMEOUT)
    argv[0] = "releasekit"
    return BumpRun(argv, proc.returncode, _message(proc), time.perf_counter() - started)


def _place(line: ChangedLine) -> tuple[str, int] | None:
    return None if line.old_line is None else (line.path, line.old_line)


def _repair_then_bump(  # noqa: PLR0917 - one release's pieces, as replay_tag holds them
    releasekit: Path,
    checkout: Path,
    tag: ReleaseTag,
    down: Sequence[str],
    day: str,
    theirs: Sequence[ChangedLine],
    olds: Sequence[Release],
    result: TagReplay,
) -> str:
    """Sync, then bump, in the same work tree; the lines sync touched are left out of both diffs."""
    git(checkout, "reset", "-q", "--hard")
    synced = _sync(releasekit, checkout)
    result.runs.append(synced)
    repaired = diff(checkout)
    result.repaired_lines = [line.describe() for line in repaired]
    if synced.returncode != 0:
        return "sync failed"
    ran = _bump(releasekit, checkout, tag, *down, day=day)
    result.runs.append(ran)
    result.kinds.update(moved_kinds(ran.output))
    places = {place for place in map(_place, repaired) if place is not None}
    result.repaired_theirs = sum(1 for line in theirs if _place(line) in places)
    result.repaired = compare(
        [line for line in diff(checkout) if _place(line) not in places],
        [line for line in theirs if _place(line) not in places],
        olds,
        tag.version,
        result.kinds,
    )
    git(checkout, "reset", "-q", "--hard")
    return "bumped" if ran.returncode == 0 else "refused"


def _old_versions(
    theirs: Sequence[ChangedLine], at_tag: Canonical, at_parent: Canonical, result: TagReplay
) -> list[Release]:
    """The old version as releasekit reads it at the parent, and as the bump commit's canonical line had it."""
    finder = re.compile(bounded(at_tag.text))
    derived = next(
        (
            version_on_line(line.old)
            for line in theirs
            if line.path == at_tag.path and line.old is not None and line.new is not None and finder.search(line.new)
        ),
        None,
    )
    result.old_from_diff = str(derived) if derived is not None else ""
    olds = [derived] if derived is not None else []
    if at_parent.error:
        result.notes.append(f"`releasekit version` at the parent: {at_parent.error}")
        return olds
    result.old = at_parent.version
    parsed = parse_release(at_parent.version)
    if parsed is not None and parsed != derived:
        olds.insert(0, parsed)
        if derived is not None:
            result.notes.append(
                f"releasekit reads {at_parent.version} at the parent; the bump commit's canonical line had {derived}"
            )
    return olds


def _canonical_line(repo: Path, revision: str, canonical: Canonical) -> str:
    lines = run(["git", "show", f"{revision}:{canonical.path}"], repo).stdout.splitlines()
    return lines[canonical.line - 1] if 0 < canonical.line <= len(lines) else ""


def _locate_bump(
    repo: Path, checkout: Path, releasekit: Path, tag: ReleaseTag, *, at_tag: Canonical, result: TagReplay
) -> tuple[str, Canonical] | None:
    """The bump commit, with the work tree checked out at its parent and the canonical version read there.

    A commit that moved the version to another file without changing it (``_version.py`` →
    ``pyproject.toml``) is not the bump: the search goes on from its parent, in the file the
    version lived in then.
    """
    revision, canonical = tag.name, at_tag
    for _ in range(MOVES):
        commit = find_bump_commit(
            repo, revision, canonical.path, canonical.text, _canonical_line(repo, revision, canonical)
        )
        if commit is None:
            result.notes.append(f"no commit before {revision} writes {canonical.text!r} into {canonical.path}")
            return None
        git(checkout, "checkout", "--quiet", "--detach", f"{commit}^")
        at_parent = canonical_version(releasekit, checkout)
        if at_parent.error or parse_release(at_parent.version) != tag.version:
            return commit, at_parent
        result.notes.append(f"{commit[:10]} moved {tag.version} into {canonical.path} without changing it")
        revision, canonical = f"{commit}^", at_parent
    return None


TAG_METHOD = "latest git tag"


def previous_tag(repo: Path, tag: ReleaseTag) -> ReleaseTag | None:
    """The release tag ``git describe`` finds before ``tag`` (on its first-parent history)."""
    proc = run(["git", "describe", "--tags", "--abbrev=0", f"{tag.name}^{{commit}}^"], repo)
    name = proc.stdout.strip()
    version = tag_version(name) if proc.returncode == 0 else None
    return ReleaseTag(name, version) if version is not None else None


def _locate_tag_versioned_bump(
    repo: Path, checkout: Path, releasekit: Path, tag: ReleaseTag, *, result: TagReplay
) -> tuple[str, Canonical] | None:
    """The release commit of a project versioned from git tags: the newest commit since the previous tag
    that edited a line (outside changelogs) from the previous version to the new one.

    Without one, the tag alone was the release: bump must then write nothing and create the tag, which a
    dry run at the tagged commit (the new tag hidden for the time of it) shows.
    """
    before = previous_tag(repo, tag)
    if before is None:
        result.notes.append(f"no release tag before {tag.name}")
        return None
    spellings = "|".join(ere_escape(text) for text in sorted({str(tag.version), spelled(tag)}))
    written = f"(^|[^0-9.])({spellings})([^0-9A-Za-z.]|$)"
    log_argv = ("log", "--no-merges", "--format=%H", "-G", written, f"{before.name}..{tag.name}")
    old_pattern, new_pattern = version_pattern(before.version), version_pattern(tag.version)
    for commit in git(repo, *log_argv).split():
        # A line moved from the previous release to this one (not merely a line that names it), or the
        # release notes' Unreleased heading turned into this release.
        if any(
            line.old is not None
            and line.new is not None
            and new_pattern.search(line.new)
            and (
                (old_pattern.search(line.old) and not is_history_path(line.path))
                or _UNRELEASED.match(line.old) is not None
            )
            for line in diff(repo, f"{commit}^", commit)
        ):
            git(checkout, "checkout", "--quiet", "--detach", f"{commit}^")
            return commit, canonical_version(releasekit, checkout)
    result.notes.append(f"no commit between {before.name} and {tag.name} edits a version line outside changelogs")
    _tag_alone(repo, checkout, releasekit, tag, before, result)
    return None


NO_FILE = re.compile(r"no file holds the version")


def _tag_alone(  # noqa: PLR0917 - one release's pieces, as replay_tag holds them
    repo: Path, checkout: Path, releasekit: Path, tag: ReleaseTag, before: ReleaseTag, result: TagReplay
) -> None:
    """A release whose maintainers moved no line: bump at the tagged commit, the new tag hidden for the time
    of it (put back as it was), must write nothing either."""
    target = git(repo, "rev-parse", f"refs/tags/{tag.name}").strip()
    git(repo, "update-ref", "-d", f"refs/tags/{tag.name}")
    try:
        git(checkout, "checkout", "--quiet", "--detach", f"{target}^{{commit}}")
        result.kinds = reference_kinds(releasekit, checkout)
        ran = _bump(releasekit, checkout, tag)
        result.runs.append(ran)
        result.kinds.update(moved_kinds(ran.output))
        result.comparison = result.strict = compare(diff(checkout), [], [before.version], tag.version, result.kinds)
        git(checkout, "reset", "-q", "--hard")
    finally:
        git(repo, "update-ref", f"refs/tags/{tag.name}", target)
    if NO_FILE.search(ran.output):
        result.outcome = "tag alone"
    elif ran.returncode == 0:
        result.outcome = "bumped"
    else:
        result.outcome = "refused"
        result.refusal = ran.output


def reference_kinds(releasekit: Path, checkout: Path) -> dict[str, str]:
    """``path:line`` → kind of every reference releasekit lists in ``checkout`` (empty when it cannot)."""
    proc = run([str(releasekit), "check", "--list", "--format", "json"], checkout, timeout=BUMP_TIMEOUT)
    try:
        document = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {}
    kinds: dict[str, str] = {}
    for reference in document.get("references", []):
        kinds.setdefault(f"{reference['path']}:{reference['line']}", str(reference["kind"]))
    return kinds


# --------------------------------------------------------------------------- #
# Peers: bump-my-version and tbump, on the projects that carry their configuration
# --------------------------------------------------------------------------- #

_BUMPVERSION_TABLE = re.compile(r"^\[(?:tool\.bumpversion|bumpversion)\]", re.MULTILINE)
_TBUMP_TABLE = re.compile(r"^\[tool\.tbump(?:\.version)?\]", re.MULTILINE)


def _read(checkout: Path, name: str) -> str:
    try:
        return (checkout / name).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def peer_commands(peers: Path, checkout: Path, new: Release) -> dict[str, list[str]]:
    """The peers configured in ``checkout``, each with the command that writes ``new`` without git."""
    found: dict[str, list[str]] = {}
    bumpversion = (checkout / ".bumpversion.cfg").is_file() or (checkout / ".bumpversion.toml").is_file()
    if bumpversion or any(_BUMPVERSION_TABLE.search(_read(checkout, name)) for name in ("pyproject.toml", "setup.cfg")):
        found["bump-my-version"] = [
            str(peers / "bump-my-version"),
            "bump",
            "--new-version",
            str(new),
            "--no-commit",
            "--no-tag",
            "--allow-dirty",
        ]
    if (checkout / "tbump.toml").is_file() or _TBUMP_TABLE.search(_read(checkout, "pyproject.toml")):
        found["tbump"] = [str(peers / "tbump"), "--non-interactive", "--only-patch", str(new)]
    return found


def run_peers(  # noqa: PLR0917 - one release's pieces, as replay_tag holds them
    peers: Path, checkout: Path, new: Release, theirs: Sequence[ChangedLine], olds: Sequence[Release], result: TagReplay
) -> None:
    """Each configured peer, run at the parent like releasekit and compared with the maintainers' lines."""
    for name, argv in peer_commands(peers, checkout, new).items():
        proc = run(argv, checkout, timeout=BUMP_TIMEOUT)
        if proc.returncode != 0:
            result.peer_notes.append(f"{name} exited {proc.returncode}: {_message(proc)[:300]}")
        result.peers[name] = compare(diff(checkout), theirs, olds, new)
        git(checkout, "reset", "-q", "--hard")


def replay_tag(
    repo: Path, tag: ReleaseTag, releasekit: Path, workdir: Path, *, retry_stale: bool, peers: Path | None = None
) -> TagReplay:
    """Find the bump commit of ``tag``, bump its parent with releasekit, compare the two diffs."""
    result = TagReplay(repo.name, tag.name, str(tag.version))
    # Named like the clone: with no static name, releasekit takes the project's name from its folder.
    folder = workdir / f"{repo.name}-{re.sub(r'[^A-Za-z0-9_.-]', '_', tag.name)}" / repo.name
    with Worktree(repo, folder, tag.name) as checkout:
        at_tag = canonical_version(releasekit, checkout)
        if at_tag.error:
            result.outcome = "skipped: no canonical version at the tag"
            result.notes.append(f"`releasekit version` at {tag.name}: {at_tag.error}")
            return result
        result.canonical = f"{at_tag.path}:{at_tag.line} ({at_tag.method})"
        if parse_release(at_tag.version) != tag.version:
            result.notes.append(f"canonical version at the tag is {at_tag.version}, the tag says {tag.version}")
        result.tag_versioned = at_tag.method == TAG_METHOD
        if result.tag_versioned:
            located = _locate_tag_versioned_bump(repo, checkout, releasekit, tag, result=result)
        else:
            located = _locate_bump(repo, checkout, releasekit, tag, at_tag=at_tag, result=result)
        if located is None:
            if not result.outcome:
                result.outcome = "skipped: no bump commit found"
            return result
        commit, at_parent = located
        result.commit = commit
        result.subject = git(repo, "log", "-1", "--format=%s", commit).strip()
        theirs = diff(repo, f"{commit}^", commit)
        olds = _old_versions(theirs, at_tag, at_parent, result)
        result.kinds = reference_kinds(releasekit, checkout)
        day = git(repo, "log", "-1", "--format=%ct", commit).strip()
        # A release cut from an older branch (pip's 26.2.1 while main says 26.3.dev0) goes down on purpose.
        parent = parse_release(at_parent.version) if not at_parent.error else None
        down = ("--allow-downgrade",) if parent is not None and parent.release > tag.version.release else ()
        first = _bump(releasekit, checkout, tag, *down, day=day)
        result.runs.append(first)
        result.kinds.update(moved_kinds(first.output))
        result.comparison = result.strict = compare(diff(checkout), theirs, olds, tag.version, result.kinds)
        if peers is not None:
            git(checkout, "reset", "-q", "--hard")
            run_peers(peers, checkout, tag.version, theirs, olds, result)
            git(checkout, "reset", "-q", "--hard")
        if first.returncode == 0:
            result.outcome = "bumped"
            return result
        if result.tag_versioned and NO_FILE.search(first.output):
            result.outcome = "tag alone"  # --no-commit has nothing to write: the release is the tag alone
            return result
        result.refusal = first.output
        result.outcome = "refused"
        if retry_stale and STALE_REFUSAL.search(first.output):
            repair = _repair_then_bump(releasekit, checkout, tag, down, day, theirs, olds, result)
            retried = _bump(releasekit, checkout, tag, *down, "--fix-stale", day=day)
            result.runs.append(retried)
            result.outcome = f"refused; sync, then bump: {repair}; --fix-stale: " + (
                "bumped" if retried.returncode == 0 else "refused too"
            )
            result.comparison = compare(diff(checkout), theirs, olds, tag.version, result.kinds)
    return result


def _replay_or_error(
    repo: Path, tag: ReleaseTag, releasekit: Path, workdir: Path, *, retry_stale: bool, peers: Path | None = None
) -> TagReplay:
    """``replay_tag``, with a failure of git or a timeout recorded for this release instead of stopping."""
    try:
        return replay_tag(repo, tag, releasekit, workdir, retry_stale=retry_stale, peers=peers)
    except (ReplayError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        return TagReplay(repo.name, tag.name, str(tag.version), outcome="error", notes=[str(exc)])


# --------------------------------------------------------------------------- #
# Report
# --------------------------------------------------------------------------- #


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def repair_first(item: TagReplay) -> Comparison | None:
    """The release by the repair-first method: ``sync`` then ``bump`` after a refusal, else bump as it ran."""
    return item.repaired if item.repaired is not None else item.comparison


def _summary_row(item: TagReplay) -> str:
    versions = f"{item.old or '?'} → {item.new}"
    commit = f"`{item.commit[:10]}`" if item.commit else "n/a"
    cells = [item.project, f"`{item.tag}`", versions, commit, item.outcome]
    found = repair_first(item)
    if found is None:
        cells += ["n/a"] * 6
    else:
        cells += [
            str(found.ours),
            str(found.theirs),
            str(found.matched),
            _percent(found.precision),
            _percent(found.recall),
            str(found.not_expected),
        ]
    return "| " + " | ".join(cells) + " |"


def totals(comparisons: Iterable[Comparison | None]) -> Comparison:
    """Micro totals: every line of every compared release counts once."""
    compared = [found for found in comparisons if found is not None]
    return Comparison(
        ours=sum(found.ours for found in compared),
        theirs=sum(found.theirs for found in compared),
        matched=sum(found.matched for found in compared),
    )


def render_summary(replays: Sequence[TagReplay]) -> str:
    header = (
        "| project | tag | old → new | bump commit | outcome | ours | theirs | matched | precision | recall "
        "| not expected |\n"
        "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|"
    )
    compared = [item for item in replays if item.comparison is not None]
    completed = sum(1 for item in compared if item.outcome in ("bumped", "tag alone"))
    retried = [item for item in compared if item.outcome.startswith("refused; ")]
    rows = "\n".join(_summary_row(item) for item in replays)
    lines = [
        f"{header}\n{rows}\n",
        f"{len(compared)} of {len(replays)} releases replayed; `bump` completed {completed}, refused "
        f"{len(compared) - completed}.\n",
        render_methods(compared),
    ]
    exact = [
        item
        for item in compared
        if item.outcome in ("bumped", "tag alone") and item.strict is not None and _exact(item.strict)
    ]
    exact_repaired = [item for item in compared if (found := repair_first(item)) is not None and _exact(found)]
    lines.append(
        f"- **exact** (every line the maintainers moved, and nothing else): {len(exact)} of {len(compared)} "
        f"releases as is (a refusal is not exact); {len(exact_repaired)} by sync, then bump"
    )
    if retried:
        lines.append(
            "- refused because `check` reports references as already stale (the `check` engineer's to judge: "
            "a false alarm when the maintainers left those lines alone): "
            + ", ".join(f"{item.project} `{item.tag}`" for item in retried)
        )
    tagged = [item for item in compared if item.tag_versioned]
    if tagged:
        alone = sum(1 for item in tagged if item.outcome == "tag alone")
        lines.append(f"- versioned from git tags: {len(tagged)} releases ({alone} released by the tag alone)")
    return "\n".join([*lines, "", render_kinds(compared), render_peers(compared)]) + "\n"


METHODS = (
    ("`bump` as is (a refusal writes nothing)", "strict"),
    (
        "after a refusal: `releasekit sync`, then `bump` (the lines sync repaired left out on both sides)",
        "repair",
    ),
    ("after a refusal: `bump --fix-stale` (the stale lines count as bump's)", "comparison"),
)


def render_methods(compared: Sequence[TagReplay]) -> str:
    """The three ways of counting a refused release, side by side, over every release compared."""
    lines = [
        "| method | ours | theirs | matched | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for title, name in METHODS:
        found = [
            item.strict if name == "strict" else repair_first(item) if name == "repair" else item.comparison
            for item in compared
        ]
        total = totals(found)
        lines.append(
            f"| {title} | {total.ours} | {total.theirs} | {total.matched} | {_percent(total.precision)} "
            f"| {_percent(total.recall)} |"
        )
    repaired = [item for item in compared if item.repaired_lines]
    count = sum(len(item.repaired_lines) for item in repaired)
    moved = sum(item.repaired_theirs for item in repaired)
    lines += [
        "",
        f"- lines `releasekit sync` repaired before the bump (stale at the parent: the maintainers had left them "
        f"stale): **{count}** in {len(repaired)} releases; the maintainers' release commit changed {moved} of them",
    ]
    return "\n".join(lines) + "\n"


def _exact(found: Comparison) -> bool:
    return found.matched == found.ours == found.theirs


def render_kinds(compared: Sequence[TagReplay]) -> str:
    """Our lines by the kind of reference releasekit found there, and the missed lines by file."""
    kinds: dict[str, list[int]] = {}
    missed: dict[str, int] = {}
    for item in compared:
        found = repair_first(item)
        if found is None:
            continue
        for kind, (ours, matched) in found.by_kind.items():
            counts = kinds.setdefault(kind, [0, 0])
            counts[0] += ours
            counts[1] += matched
        for label, count in found.missed_files.items():
            missed[label] = missed.get(label, 0) + count
    rows = [
        f"| `{kind}` | {ours} | {matched} | {ours - matched} | {_percent(_ratio(matched, ours))} |"
        for kind, (ours, matched) in sorted(kinds.items(), key=lambda row: (-row[1][0], row[0]))
    ]
    table = [
        "### By kind of reference (sync, then bump after a refusal)\n",
        "| kind | ours | matched | false positives or different | precision |",
        "|---|---:|---:|---:|---:|",
        *rows,
    ]
    if missed:
        table += [
            "",
            "Missed lines (only the maintainers changed them), by file: "
            + ", ".join(f"`{label}` {count}" for label, count in sorted(missed.items(), key=lambda row: -row[1])),
        ]
    return "\n".join(table) + "\n"


def render_peers(compared: Sequence[TagReplay]) -> str:
    """bump-my-version and tbump next to releasekit, on the releases whose parent configures them."""
    names = sorted({name for item in compared for name in item.peers})
    if not names:
        return ""
    lines = [
        "### Peers, on the releases whose parent carries their configuration\n",
        "| tool | releases | ours | theirs | matched | precision | recall | exact |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        releases = [item for item in compared if name in item.peers]
        for tool, found in (
            (name, [item.peers[name] for item in releases]),
            (f"releasekit (same releases as {name})", [item.strict for item in releases]),
        ):
            total = totals(found)
            exact = sum(1 for one in found if one is not None and _exact(one))
            lines.append(
                f"| {tool} | {len(releases)} | {total.ours} | {total.theirs} | {total.matched} | "
                f"{_percent(total.precision)} | {_percent(total.recall)} | {exact} |"
            )
    return "\n".join(lines) + "\n"


def _bullets(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return [f"- {title} ({len(items)}):", *(f"  - `{item}`" for item in items)]


def render_details(item: TagReplay) -> str:
    lines = [f"### {item.project} {item.tag}: {item.old or '?'} → {item.new}", ""]
    if item.commit:
        lines.append(f"- bump commit `{item.commit[:12]}` {item.subject!r}; replayed from its parent")
    if item.canonical:
        lines.append(f"- canonical version at the tag: {item.canonical}")
    if item.old_from_diff:
        lines.append(f"- old version on the bump commit's canonical line: {item.old_from_diff}")
    lines.append(f"- outcome: **{item.outcome}**" + (" (versioned from git tags)" if item.tag_versioned else ""))
    lines += [f"- note: {note}" for note in item.notes]
    for bump in item.runs:
        output = bump.output.replace("\n", "\n    ")
        lines.append(f"- `{' '.join(bump.argv)}` → exit {bump.returncode} in {bump.seconds:.1f} s:\n\n    {output}\n")
    lines += _bullets(
        f"repaired by `releasekit sync` first (left out of both sides; the maintainers changed {item.repaired_theirs})",
        item.repaired_lines,
    )
    found = repair_first(item)
    if found is not None:
        method = "sync, then bump" if item.repaired is not None else "bump"
        lines.append(
            f"- {method}: {found.ours} lines changed by releasekit, {found.theirs} version lines by the maintainers, "
            f"{found.matched} in common: precision {_percent(found.precision)}, recall {_percent(found.recall)}"
        )
        if item.repaired is not None and item.comparison is not None:
            fixed = item.comparison
            lines.append(
                f"- `bump --fix-stale` instead: {fixed.ours} lines, {fixed.theirs} theirs, {fixed.matched} in common"
            )
        lines += _bullets("missed (only they changed)", found.misses)
        lines += _bullets("false positives (only we changed)", found.false_positives)
        lines += _bullets("both changed, to different text", found.different)
        lines += _bullets("not expected: changelog and release-notes version lines", found.history)
        lines += _bullets("not expected: version lines added or removed whole", found.whole_lines)
    for name, peer in item.peers.items():
        lines.append(
            f"- {name}: {peer.ours} lines, {peer.matched} in common: precision {_percent(peer.precision)}, "
            f"recall {_percent(peer.recall)}"
        )
        lines += _bullets(f"{name} missed", peer.misses)
        lines += _bullets(f"{name} false positives", peer.false_positives)
    lines += [f"- peer note: {note}" for note in item.peer_notes]
    return "\n".join(lines) + "\n"


LEGEND = """\
Rows show the repair-first method (sync, then bump) for a refused release, bump as it ran for the
others; the table of methods below shows the three counts side by side. *ours*: lines `bump`
changed; *theirs*: version lines the maintainers edited in place in the bump commit (changelogs
and release notes excepted, unless a Keep a Changelog "Unreleased" section is released);
*matched*: lines both changed to the same text; precision = matched / ours, recall = matched /
theirs. *not expected*: the maintainers' other version lines (changelog entries, lines added or
removed whole), listed per release below.
"""


def render_report(replays: Sequence[TagReplay], meta: dict[str, str]) -> str:
    head = (
        "# Replaying real release bumps\n\n"
        f"{meta['date']}; releasekit {meta['releasekit_version']} ({meta['releasekit']}); {meta['git']}.\n"
        "Per release: `CI=1 releasekit bump --new-version NEW --yes --no-commit` at the parent of the bump "
        "commit, zero configuration. When it refuses because `check` fails (stale references at the parent), "
        "as a user would: `releasekit sync` first, then the same bump, compared without the lines sync "
        "repaired (on both sides); and, apart, once more from the parent with `--fix-stale`.\n\n"
    )
    details = "\n".join(render_details(item) for item in replays)
    return f"{head}{LEGEND}\n{render_summary(replays)}\n## Details\n\n{details}"


def _comparison_json(found: Comparison | None) -> dict[str, object] | None:
    if found is None:
        return None
    return {**dataclasses.asdict(found), "precision": found.precision, "recall": found.recall}


def to_json(replays: Sequence[TagReplay], meta: dict[str, str]) -> dict[str, object]:
    releases = []
    for item in replays:
        document = dataclasses.asdict(item)
        document["comparison"] = _comparison_json(item.comparison)
        document["strict"] = _comparison_json(item.strict)
        document["repaired"] = _comparison_json(item.repaired)
        releases.append(document)
    return {
        "meta": meta,
        "totals": _comparison_json(totals(item.comparison for item in replays)),
        "totals_strict": _comparison_json(totals(item.strict for item in replays)),
        "totals_repair_first": _comparison_json(totals(repair_first(item) for item in replays)),
        "releases": releases,
    }


# --------------------------------------------------------------------------- #
# Command line
# --------------------------------------------------------------------------- #


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Replay real release bumps with `releasekit bump` and report precision and recall."
    )
    parser.add_argument("clones", nargs="+", type=Path, help="git clones with their history and tags")
    parser.add_argument(
        "--tags",
        type=positive_int,
        default=DEFAULT_TAGS,
        help=f"recent release tags per clone (default {DEFAULT_TAGS})",
    )
    parser.add_argument("--releasekit", help="releasekit executable (default: next to this python, else on PATH)")
    parser.add_argument("--workdir", type=Path, help="where the temporary worktrees go (default: a temporary folder)")
    parser.add_argument(
        "--no-fix-stale-retry",
        dest="retry_stale",
        action="store_false",
        help="when bump refuses because check fails, do not run it again with --fix-stale",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--peers",
        type=Path,
        metavar="BIN",
        help="folder with bump-my-version and tbump (a venv's bin/): replay them too where a project configures them",
    )
    return parser


def collect_meta(releasekit: Path) -> dict[str, str]:
    version = run([str(releasekit), "--version"], Path.cwd())
    return {
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "releasekit": str(releasekit),
        "releasekit_version": (version.stdout.strip().split() or ["?"])[-1],
        "git": run(["git", "--version"], Path.cwd()).stdout.strip(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv if argv is not None else sys.argv[1:])
    try:
        releasekit = require_releasekit(args.releasekit, ReplayError)
        meta = collect_meta(releasekit)
        replays: list[TagReplay] = []
        if args.workdir is not None:
            args.workdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="releasekit-replay-", dir=args.workdir) as scratch:
            for clone in args.clones:
                if not clone.is_dir():
                    raise ReplayError(f"{clone}: no such folder")
                repo = Path(git(clone.absolute(), "rev-parse", "--show-toplevel").strip())
                for tag in release_tags(repo, args.tags):
                    log(f"{repo.name} {tag.name}")
                    replays.append(
                        _replay_or_error(
                            repo, tag, releasekit, Path(scratch), retry_stale=args.retry_stale, peers=args.peers
                        )
                    )
        print(render_report(replays, meta), end="")
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(to_json(replays, meta), indent=2) + "\n", encoding="utf-8")
            log(f"wrote {args.json}")
        return 0
    except ReplayError as exc:
        print(f"replay_bumps: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
