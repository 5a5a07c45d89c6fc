"""The interactive bump: choose the new version, add a comment, confirm the planned change.

Pure I/O over the streams it is given (never ``input()``), so a test drives it with StringIO and a
terminal drives it with ``sys.stdin`` / ``sys.stdout``. End of input at any question declines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple, TextIO

from packaging.version import InvalidVersion, Version

COMMENT_PROMPT = "Comment for the release commit (optional, Enter to skip): "
_YES = frozenset({"y", "yes"})
# `CI=false` (or empty) is a user saying "not CI"; any other value means an unattended run.
_NOT_CI = frozenset({"", "0", "false", "no"})


class PromptAnswer(NamedTuple):
    """What the user chose: the new version and an optional comment for the commit body."""

    new_version: Version
    comment: str


def is_interactive(stdin: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether bump may ask questions: stdin is a terminal and ``CI`` is not set."""
    try:
        terminal = stdin.isatty()
    except (ValueError, OSError):  # a closed or detached stream
        return False
    return terminal and environ.get("CI", "").strip().lower() in _NOT_CI


def ask(
    current: Version,
    candidates: Mapping[str, Version],
    *,
    describe_plan: Callable[[Version], str],
    stdin: TextIO,
    stdout: TextIO,
    ask_comment: bool = True,
) -> PromptAnswer | None:
    """Ask for the new version, a comment (when there is a commit) and a confirmation; None when the user declines."""
    stdout.write(f"Current version: {current}\n")
    width = max((len(kind) for kind in candidates), default=0)
    for number, (kind, candidate) in enumerate(candidates.items(), start=1):
        stdout.write(f"  {number}. {kind.ljust(width)}  {candidate}\n")
    new_version = _choose(current, candidates, stdin, stdout)
    if new_version is None:
        return None
    comment = "" if not ask_comment else _read_line(COMMENT_PROMPT, stdin, stdout)
    if comment is None:
        return None
    plan = describe_plan(new_version)
    stdout.write(plan if plan.endswith("\n") else plan + "\n")
    confirmation = _read_line(f"Bump {current} -> {new_version}? [y/N] ", stdin, stdout)
    if confirmation is None or confirmation.lower() not in _YES:
        return None
    return PromptAnswer(new_version, comment)


def _choose(current: Version, candidates: Mapping[str, Version], stdin: TextIO, stdout: TextIO) -> Version | None:
    """Re-ask until the answer names a version greater than ``current``; None at end of input."""
    choices = f"1-{len(candidates)}, a kind" if candidates else "a version"
    prompt = f"New version ({choices} or a PEP 440 version): " if candidates else "New version: "
    while True:
        answer = _read_line(prompt, stdin, stdout)
        if answer is None:
            return None
        chosen = _resolve(answer, current, candidates)
        if isinstance(chosen, Version):
            return chosen
        stdout.write(f"  {chosen}\n")


def _resolve(answer: str, current: Version, candidates: Mapping[str, Version]) -> Version | str:
    """The version an answer names, or a message saying why it names none."""
    kinds = list(candidates)
    if not answer:
        return "please choose a version"
    if answer.isdigit() and kinds:
        if not 1 <= int(answer) <= len(kinds):
            return f"there is no choice {answer}: pick 1 to {len(kinds)} (type {answer}.0 for version {answer}.0)"
        version = candidates[kinds[int(answer) - 1]]
    elif answer.lower() in candidates:
        version = candidates[answer.lower()]
    else:
        try:
            version = Version(answer)
        except InvalidVersion:
            return f"{answer!r} is neither a choice, a kind ({', '.join(kinds) or 'none'}) nor a PEP 440 version"
    if version <= current:
        return f"{version} is not greater than the current version {current}"
    return version


def _read_line(prompt: str, stdin: TextIO, stdout: TextIO) -> str | None:
    stdout.write(prompt)
    stdout.flush()
    line = stdin.readline()
    if not line:
        stdout.write("\n")  # leave the terminal on a fresh line after Ctrl-D
        return None
    return line.strip()
