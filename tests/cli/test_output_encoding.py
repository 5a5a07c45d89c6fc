"""Every command's output encodes on any stream: ASCII stands in for what the stream's encoding lacks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from releasekit.cli.main import COMMANDS, main
from releasekit.cli.output import ascii_fallback, protect
from tests.helpers.bump_projects import SMALL
from tests.helpers.git_repos import git, make_repo, write_files

BUMPED = "releasekit: bumped 1.2.3 -> 1.2.4: 6 references in 4 files, verified"


def test_the_fallback_spells_each_character_in_ascii() -> None:
    assert ascii_fallback("1.2.3 \u2192 1.2.4 \u2026 caf\u00e9 \u2014 \u201cok\u201d \u4e2d \udcff") == (
        '1.2.3 -> 1.2.4 ... cafe -- "ok" ? ?'
    )


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1", "utf-8"])
def test_a_protected_stream_writes_what_its_encoding_lacks_in_ascii(encoding: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
    protect(stream)
    stream.write("bumped 1.2.3 \u2192 1.2.4, caf\u00e9\n")
    stream.flush()
    expected = "bumped 1.2.3 -> 1.2.4, caf\u00e9\n" if encoding != "utf-8" else "bumped 1.2.3 \u2192 1.2.4, caf\u00e9\n"
    if encoding == "ascii":
        expected = expected.replace("\u00e9", "e")
    assert raw.getvalue() == expected.encode(encoding)


@pytest.fixture
def released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small project at 1.2.3 with a real bare remote as `origin`; the current directory."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = make_repo(tmp_path / "my-pkg", SMALL)
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "main")
    monkeypatch.chdir(root)
    return root


def test_in_process_a_finished_release_on_an_ascii_stream_exits_0(
    released: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="ascii", newline=""))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding="ascii", newline=""))
    assert main(["bump", "patch", "--yes"]) == 0
    sys.stdout.flush()
    sys.stderr.flush()
    lines = out.getvalue().decode("ascii").splitlines()
    assert lines[0] == BUMPED
    assert lines[-1] == "releasekit: pushed to origin"
    assert err.getvalue() == b""
    assert "refs/tags/v1.2.4\n" in git(released, "ls-remote", "--tags", "origin")


# Each command run as a new user would, under PYTHONIOENCODING=ascii: (arguments, exit code).
COMMAND_RUNS = [
    (("check",), 1),
    (("check", "--list"), 1),
    (("check", "--format", "json"), 1),
    (("check", "--verbose"), 1),
    (("check", "--fix"), 0),
    (("sync",), 0),
    (("version", "--json"), 0),
    (("kinds",), 0),
    (("check-metadata",), 0),
    (("bump", "patch", "--dry-run", "--fix-stale"), 0),
    (("bump", "patch", "--yes", "--fix-stale"), 0),
    (("bump", "--recover"), 2),
    (("--version",), 0),
    *(((name.replace("_", "-"), "--help"), 0) for name in COMMANDS),
]


def run_ascii(root: Path, *argv: str) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "PYTHONIOENCODING": "ascii"}
    return subprocess.run(argv, cwd=root, capture_output=True, env=environ, check=False)


@pytest.mark.parametrize(("argv", "code"), COMMAND_RUNS, ids=[" ".join(argv) for argv, _ in COMMAND_RUNS])
def test_every_command_under_an_ascii_stdout(released: Path, argv: tuple[str, ...], code: int) -> None:
    # A stale non-ASCII-named file, so that findings carry non-ASCII text too.
    write_files(released, {"docs/caf\u00e9.md": "my-pkg v1.2.2 \u2192 see the README\n"})
    git(released, "add", "-A")
    git(released, "commit", "-q", "-m", "docs")
    git(released, "push", "-q")
    completed = run_ascii(released, "releasekit", *argv)
    output = completed.stdout + completed.stderr
    assert b"Traceback" not in output
    assert b"unexpected error" not in output
    assert completed.returncode == code, output.decode("ascii")
    output.decode("ascii")  # nothing but ASCII reached the streams


HOOK_RUNS = [
    ("releasekit-version-consistency", 1),
    ("releasekit-version-sync", 1),
    ("releasekit-check-metadata", 0),
]


@pytest.mark.parametrize(("hook", "code"), HOOK_RUNS, ids=[hook for hook, _ in HOOK_RUNS])
def test_every_hook_under_an_ascii_stdout(released: Path, hook: str, code: int) -> None:
    write_files(released, {"docs/caf\u00e9.md": "my-pkg v1.2.2\n"})
    git(released, "add", "-A")
    git(released, "commit", "-q", "-m", "docs")
    completed = run_ascii(released, hook)
    output = completed.stdout + completed.stderr
    assert completed.returncode == code, output.decode("ascii")
    assert b"Traceback" not in output
    output.decode("ascii")


def test_ctrl_c_while_starting_up_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(only: str | None = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("releasekit.cli.dispatch.build_parser", interrupted)
    assert main(["check"]) == 130
    assert capsys.readouterr() == ("", "releasekit: interrupted\n")


def test_ctrl_c_before_main_runs_exits_130_without_a_traceback() -> None:
    """From the moment the edge is imported (among the first modules of every command and hook)."""
    script = (
        "import os, signal, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)  # as a foreground start has it\n"
        "import releasekit.cli.edge\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(30)\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False, timeout=60)
    assert (completed.returncode, completed.stdout, completed.stderr) == (130, b"", b"releasekit: interrupted\n")
