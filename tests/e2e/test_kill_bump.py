"""A deterministic slice of bench/kill_bump.py: bumps and syncs killed at named points, then the README's recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.kill_bump import Reference, Trial, environment, make_reference, run_trial

# (operation, signal, target, point): the moments the randomized campaign found damage at, and their neighbours.
SLICE = [
    ("bump", "SIGKILL", "group", "hook:pre-commit"),  # git's index.lock left behind
    ("bump", "SIGINT", "process", "hook:pre-commit"),  # git finishes; bump undoes the commit itself
    ("bump", "SIGKILL", "group", "hook:post-commit"),  # committed, untagged: recover tags and pushes
    ("bump", "SIGINT", "group", "done"),  # committed and tagged: nothing may be undone
    ("bump", "SIGKILL", "group", "push"),  # the push owed: recover runs it
    ("bump", "SIGINT", "group", "hook:pre-push"),
    ("bump", "SIGKILL", "process", "remote:post-receive"),  # landed on the remote, the journal not yet retired
    ("bump", "SIGINT", "group", "write pyproject.toml"),
    ("sync", "SIGKILL", "group", "written README.md"),
    ("sync", "SIGINT", "process", "verified"),
]


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Reference, dict[str, str]]]:
    work = tmp_path_factory.mktemp("kill")
    environ = environment(work / "sandbox")
    return {operation: (make_reference(work, operation, environ), environ) for operation in ("bump", "sync")}


@pytest.mark.e2e
@pytest.mark.parametrize("case", SLICE, ids=["-".join(case) for case in SLICE])
def test_a_killed_run_ends_as_before_or_as_the_finished_release(
    case: tuple[str, str, str, str], references: dict[str, tuple[Reference, dict[str, str]]], tmp_path: Path
) -> None:
    operation, signal_name, target, point = case
    reference, environ = references[operation]
    outcome = run_trial(Trial(operation, signal_name, target, point), reference, tmp_path, environ)
    assert outcome.reached  # the signal came while the run was at the point
    assert outcome.state in ("before", "finished")
    assert outcome.problems == ()
