"""The interactive bump over StringIO streams, and once through a real terminal (pty)."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from packaging.version import Version

from releasekit.cli.bump_prompt import PromptAnswer, ask, is_interactive

CURRENT = Version("0.2.0")
CANDIDATES = {
    "major": Version("1.0.0"),
    "minor": Version("0.3.0"),
    "patch": Version("0.2.1"),
    "pre": Version("0.2.1a1"),
    "post": Version("0.2.0.post1"),
    "dev": Version("0.2.1.dev0"),
    "release": Version("0.2.0"),
}
MENU = (
    "Current version: 0.2.0\n"
    "  1. major    1.0.0\n"
    "  2. minor    0.3.0\n"
    "  3. patch    0.2.1\n"
    "  4. pre      0.2.1a1\n"
    "  5. post     0.2.0.post1\n"
    "  6. dev      0.2.1.dev0\n"
    "  7. release  0.2.0\n"
)
CHOOSE = "New version (1-7, a kind or a PEP 440 version): "
COMMENT = "Comment for the release commit (optional, Enter to skip): "


def describe(new: Version) -> str:
    return f"pyproject.toml:3: 0.2.0 -> {new}"


def run_prompt(typed: str, candidates: dict[str, Version] = CANDIDATES) -> tuple[PromptAnswer | None, str]:
    stdout = io.StringIO()
    answer = ask(CURRENT, candidates, describe_plan=describe, stdin=io.StringIO(typed), stdout=stdout)
    return answer, stdout.getvalue()


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        pytest.param("3", "0.2.1", id="number"),
        pytest.param("minor", "0.3.0", id="kind"),
        pytest.param("  MAJOR ", "1.0.0", id="kind-any-case"),
        pytest.param("v0.4.0rc1", "0.4.0rc1", id="custom-normalised"),
        pytest.param("0.2.0-post2", "0.2.0.post2", id="custom-post"),
    ],
)
def test_choice_by_number_kind_or_version(choice: str, expected: str) -> None:
    answer, output = run_prompt(f"{choice}\nFirst public API freeze.\ny\n")
    assert answer == PromptAnswer(Version(expected), "First public API freeze.")
    assert output == (f"{MENU}{CHOOSE}{COMMENT}pyproject.toml:3: 0.2.0 -> {expected}\nBump 0.2.0 -> {expected}? [y/N] ")


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        pytest.param("", "please choose a version", id="empty"),
        pytest.param("9", "there is no choice 9: pick 1 to 7 (type 9.0 for version 9.0)", id="number-out-of-range"),
        pytest.param("0", "there is no choice 0: pick 1 to 7 (type 0.0 for version 0.0)", id="number-zero"),
        pytest.param(
            "bigger",
            "'bigger' is neither a choice, a kind (major, minor, patch, pre, post, dev, release) nor a PEP 440 version",
            id="not-a-version",
        ),
        pytest.param("0.1.9", "0.1.9 is not greater than the current version 0.2.0", id="downgrade"),
        pytest.param("0.2.0", "0.2.0 is not greater than the current version 0.2.0", id="same"),
        pytest.param("release", "0.2.0 is not greater than the current version 0.2.0", id="candidate-not-greater"),
    ],
)
def test_invalid_choice_asks_again(typed: str, complaint: str) -> None:
    answer, output = run_prompt(f"{typed}\npatch\n\nyes\n")
    assert answer == PromptAnswer(Version("0.2.1"), "")
    assert output.startswith(f"{MENU}{CHOOSE}  {complaint}\n{CHOOSE}{COMMENT}")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        pytest.param(
            "3\n\nn\n", f"{MENU}{CHOOSE}{COMMENT}pyproject.toml:3: 0.2.0 -> 0.2.1\nBump 0.2.0 -> 0.2.1? [y/N] ", id="no"
        ),
        pytest.param(
            "3\n\n\n",
            f"{MENU}{CHOOSE}{COMMENT}pyproject.toml:3: 0.2.0 -> 0.2.1\nBump 0.2.0 -> 0.2.1? [y/N] ",
            id="default-is-no",
        ),
        pytest.param("", f"{MENU}{CHOOSE}\n", id="eof-at-version"),
        pytest.param("3\n", f"{MENU}{CHOOSE}{COMMENT}\n", id="eof-at-comment"),
        pytest.param(
            "3\n\n",
            f"{MENU}{CHOOSE}{COMMENT}pyproject.toml:3: 0.2.0 -> 0.2.1\nBump 0.2.0 -> 0.2.1? [y/N] \n",
            id="eof-at-confirmation",
        ),
    ],
)
def test_declining_or_end_of_input_returns_none(typed: str, shown: str) -> None:
    assert run_prompt(typed) == (None, shown)


def test_without_candidates_only_a_version_is_asked_for() -> None:
    answer, output = run_prompt("3\n\ny\n", candidates={})
    assert answer == PromptAnswer(Version("3"), "")
    assert output.startswith("Current version: 0.2.0\nNew version: " + COMMENT)


def test_plan_description_ending_in_a_newline_is_shown_as_is() -> None:
    stdout = io.StringIO()
    ask(CURRENT, CANDIDATES, describe_plan=lambda new: f"diff\n{new}\n", stdin=io.StringIO("3\n\n"), stdout=stdout)
    assert "diff\n0.2.1\nBump" in stdout.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stdin", "environ", "expected"),
    [
        pytest.param(Terminal(), {}, True, id="terminal"),
        pytest.param(Terminal(), {"CI": "true"}, False, id="terminal-in-ci"),
        pytest.param(Terminal(), {"CI": "1"}, False, id="terminal-in-ci-1"),
        pytest.param(Terminal(), {"CI": "false"}, True, id="ci-false"),
        pytest.param(io.StringIO(), {}, False, id="pipe"),
    ],
)
def test_is_interactive(stdin: io.StringIO, environ: dict[str, str], expected: bool) -> None:
    assert is_interactive(stdin, environ) is expected


def test_closed_stdin_is_not_interactive() -> None:
    closed = io.StringIO()
    closed.close()
    assert is_interactive(closed, {}) is False


PTY_SCRIPT = """
import os, sys
from packaging.version import Version
from releasekit.cli.bump_prompt import ask, is_interactive

assert is_interactive(sys.stdin, os.environ), "stdin should be a terminal"
candidates = {"major": Version("1.0.0"), "minor": Version("0.3.0"), "patch": Version("0.2.1")}
answer = ask(Version("0.2.0"), candidates, describe_plan=lambda new: f"plan: 0.2.0 -> {new}",
             stdin=sys.stdin, stdout=sys.stdout)
print(f"ANSWER {answer.new_version} {answer.comment!r}" if answer else "ANSWER declined")
"""


CHOOSE_ON_TERMINAL = b"New version (1-3, a kind or a PEP 440 version): "
# What the terminal shows before each answer is typed: the output translated to CRLF by the tty.
TERMINAL_SESSION = (
    (b"  3. patch  0.2.1\r\n" + CHOOSE_ON_TERMINAL, b"bogus\n"),
    (
        b"bogus\r\n  'bogus' is neither a choice, a kind (major, minor, patch) nor a PEP 440 version\r\n"
        + CHOOSE_ON_TERMINAL,
        b"patch\n",
    ),
    (b"patch\r\nComment for the release commit (optional, Enter to skip): ", b"Ship it\n"),
    (b"Ship it\r\nplan: 0.2.0 -> 0.2.1\r\nBump 0.2.0 -> 0.2.1? [y/N] ", b"y\n"),
)


def read_until(master: int, wanted: bytes, seen: bytearray, deadline: float) -> None:
    while wanted not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {wanted!r}; the terminal showed {bytes(seen)!r}"
        ready, _, _ = select.select([master], [], [], remaining)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            assert chunk, f"terminal closed before {wanted!r}; it showed {bytes(seen)!r}"
            seen += chunk


def test_prompt_on_a_real_terminal(tmp_path: Path) -> None:
    master, slave = os.openpty()
    environ = {key: value for key, value in os.environ.items() if key != "CI"}
    child = subprocess.Popen(
        [sys.executable, "-c", PTY_SCRIPT], stdin=slave, stdout=slave, stderr=slave, env=environ, cwd=tmp_path
    )
    os.close(slave)
    seen = bytearray()
    deadline = time.monotonic() + 30
    try:
        for prompt, typed in TERMINAL_SESSION:
            read_until(master, prompt, seen, deadline)
            del seen[:]  # each prompt is awaited in fresh output
            os.write(master, typed)
        read_until(master, b"ANSWER 0.2.1 'Ship it'", seen, deadline)
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()
        child.wait()
        os.close(master)
