"""`releasekit sync`, `check --fix` and the `version-sync` hook: stale references to the canonical version only."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from releasekit.bump.journal import pending
from releasekit.bump.sync import sync
from releasekit.bump.transaction import Step
from releasekit.cli.main import main
from releasekit_hooks import HOOKS
from releasekit_hooks.version_consistency import main as version_consistency
from releasekit_hooks.version_sync import main as version_sync
from tests.helpers.bump_projects import SMALL, snapshot
from tests.helpers.git_repos import git, make_repo

# Hand-edited to 1.2.4 in pyproject.toml only: every other reference still says 1.2.3.
HAND_EDITED = {**SMALL, "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.4"\n'}
SYNCED = {
    "README.md": b"# my-pkg v1.2.4\n\n`pip install my-pkg==1.2.4`\n",
    "src/my_pkg/__init__.py": b'__version__ = "1.2.4"\r\nversion_info = (1, 2, 4)\r\n',
    "tests/test_version.py": b'from my_pkg import __version__\n\n\ndef test_it():\n    assert __version__ == "1.2.4"',
}
FIXED_LINES = [
    "README.md:1:10: fixed stale version 1.2.3 \u2192 1.2.4 (docs-mention)",
    "README.md:3:22: fixed stale version 1.2.3 \u2192 1.2.4 (pip-pin)",
    "src/my_pkg/__init__.py:1:16: fixed stale version 1.2.3 \u2192 1.2.4 (dunder-version)",
    "src/my_pkg/__init__.py:2:16: fixed stale version 1.2.3 \u2192 1.2.4 (version-tuple)",
    "tests/test_version.py:5:28: fixed stale version 1.2.3 \u2192 1.2.4 (test-assertion)",
]
SUMMARY = "releasekit: synced 5 stale references in 3 files to 1.2.4, verified; nothing was committed"


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "my-pkg", HAND_EDITED)
    monkeypatch.chdir(root)
    return root


def expected_after_sync(before: dict[str, tuple[bytes, int]]) -> dict[str, tuple[bytes, int]]:
    return {path: (SYNCED.get(path, data), mode) for path, (data, mode) in before.items()}


def test_sync_rewrites_exactly_the_stale_references_and_never_commits(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, head = snapshot(edited), git(edited, "rev-parse", "HEAD")
    capsys.readouterr()
    assert main(["sync"]) == 0
    assert capsys.readouterr() == ("\n".join([*FIXED_LINES, SUMMARY]) + "\n", "")
    assert snapshot(edited) == expected_after_sync(before)
    assert git(edited, "rev-parse", "HEAD") == head
    assert git(edited, "diff", "--cached", "--name-only") == ""  # nothing staged either
    assert pending(edited) is None
    assert main(["check"]) == 0
    capsys.readouterr()
    assert main(["sync"]) == 0  # a second run has nothing to do
    assert capsys.readouterr().out == "releasekit: every reference agrees on 1.2.4; nothing to sync\n"


def test_dry_run_writes_nothing(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(edited)
    capsys.readouterr()
    assert main(["sync", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == FIXED_LINES[0].replace("fixed", "would fix")
    assert out[-1] == "releasekit: would sync 5 stale references in 3 files to 1.2.4 (dry run: nothing written)"
    assert snapshot(edited) == before


def test_the_consistency_hook_names_the_fix_and_check_fix_applies_it(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert version_consistency([]) == 1
    assert capsys.readouterr().err == (
        "releasekit: hint: run `releasekit sync` (or `releasekit check --fix`) to rewrite them to the canonical "
        "version; the `version-sync` pre-commit hook does it at commit time\n"
    )
    before = snapshot(edited)
    assert main(["check", "--fix"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[:6] == [*FIXED_LINES, SUMMARY]
    assert (
        out.splitlines()[-1]
        == "releasekit: 6 references in 4 files agree on 1.2.4 from pyproject.toml:3 ([project].version)"
    )
    assert err == ""
    assert snapshot(edited) == expected_after_sync(before)


def test_the_hook_fixes_then_fails_so_the_person_stages(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert HOOKS["version-sync"] is version_sync
    before = snapshot(edited)
    capsys.readouterr()
    assert version_sync(["README.md"]) == 1
    assert capsys.readouterr() == (
        "\n".join(
            [
                *FIXED_LINES,
                SUMMARY,
                "releasekit: review the rewritten files and stage them (`git add`), then commit again",
            ]
        )
        + "\n",
        "",
    )
    assert snapshot(edited) == expected_after_sync(before)
    assert version_sync([]) == 0  # nothing stale any more: the hook passes
    assert capsys.readouterr() == ("", "")


def test_a_fault_while_syncing_restores_every_file(edited: Path) -> None:
    before = snapshot(edited)

    def fault(step: Step) -> None:
        if step == Step("written", "src/my_pkg/__init__.py"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sync(edited, on_step=fault)
    assert snapshot(edited) == before
    assert pending(edited) is None


KILLED = """
import sys, os, signal
from pathlib import Path
from releasekit.bump.sync import sync

def stop(step):
    if step.name == "written" and step.path == "src/my_pkg/__init__.py":
        os.kill(os.getpid(), signal.SIGKILL)

sync(Path(sys.argv[1]), on_step=stop)
"""


def test_sync_killed_mid_write_is_recovered_byte_for_byte(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(edited)
    killed = subprocess.run([sys.executable, "-c", KILLED, str(edited)], check=False)
    assert killed.returncode == -signal.SIGKILL
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "releasekit: error: a sync of stale references to 1.2.4 was interrupted (writing); 3 files may be half-bumped\n"
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)\n"
    )
    assert main(["bump", "--recover"]) == 0
    assert capsys.readouterr().out == "releasekit: restored 2 files (the sync to 1.2.4 was interrupted)\n"
    assert snapshot(edited) == before
