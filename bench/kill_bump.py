"""Kill real `releasekit bump patch --yes` (and `sync`) runs, recover as the README says, judge the end state.

Each trial copies a small project (a real git repository whose `origin` is a real bare remote),
starts the command in its own process group, and sends SIGKILL or SIGINT to the process alone or
to its whole group (as a CI runner cancelling a job does), either after a random delay or when
the run reaches a named point: a step of the journal (the command runs through a small driver
that pauses there), or a git hook of the release commit or the push (pre-commit, post-commit,
pre-push, the remote's pre-receive and post-receive) that pauses until the signal is sent. Then
the README's recovery: `releasekit check`; if it names an interrupted bump or a push still owed,
`releasekit bump --recover` (again, once a live git it names has ended). The trial passes when
the project ends byte for byte as before (files, index, HEAD, refs, remote refs) or as the
finished release (the same bytes and object ids as an uninterrupted run: dates are fixed), with
nothing but ASCII and no traceback in any output.

    python bench/kill_bump.py --random 100 --named 2 --out kill.json

`--random N` runs N random-moment trials per signal and target; `--named K` runs every named
point K times per signal and target.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

BUMP_FILES = {
    "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.3"\n',
    "src/my_pkg/__init__.py": '__version__ = "1.2.3"\nversion_info = (1, 2, 3)\n',
    "tests/test_version.py": 'from my_pkg import __version__\n\n\ndef test_it():\n    assert __version__ == "1.2.3"\n',
    "README.md": "# my-pkg v1.2.3\n\n`pip install my-pkg==1.2.3`\n",
    "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n- Fixed a bug.\n\n## [1.2.3] - 2026-01-01\n\n- First.\n",
}
# A hand edit of the canonical version only: `sync` carries it to every other reference.
SYNC_FILES = {**BUMP_FILES, "pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.4"\n'}
# A project versioned from git tags (hatch-vcs) whose files hold no version: the tag alone is the release.
TAG_FILES = {
    "pyproject.toml": '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n\n'
    '[project]\nname = "my-pkg"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n',
    "README.md": "# my-pkg\n",
}
OPERATIONS: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "bump": (BUMP_FILES, ("bump", "patch", "--yes")),
    "sync": (SYNC_FILES, ("sync",)),
    "tag": (TAG_FILES, ("bump", "minor", "--yes")),
}
# Operations whose starting point is a release tag (the version lives in tags only).
STARTING_TAGS = {"tag": "1.4.0"}
JOURNAL_STEPS = {
    "bump": (
        "planned",
        "writing",
        "write pyproject.toml",
        "written pyproject.toml",
        "all-written",
        "verify",
        "verified",
        "commit",
        "done",
        "push",
    ),
    "sync": ("planned", "writing", "written README.md", "all-written", "verify", "verified", "done"),
    "tag": ("tag", "done", "push"),
}
GIT_HOOKS = {
    "bump": ("hook:pre-commit", "hook:post-commit", "hook:pre-push", "remote:pre-receive", "remote:post-receive"),
    "tag": ("hook:pre-push", "remote:pre-receive", "remote:post-receive"),
}
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT}
TARGETS = ("process", "group")
FIXED_DATE = "2026-01-02T03:04:05+00:00"
DRIVER = """
import sys, time
from pathlib import Path
from releasekit.bump import engine, sync, transaction

point, marker, release = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

def pause(step):
    if " ".join(filter(None, step)) == point:
        marker.write_text(point)
        while not release.exists():
            time.sleep(0.005)

original = transaction.Transaction._step

def journal_step(self, name, path=""):
    pause(transaction.Step(name, path))
    original(self, name, path)

transaction.Transaction._step = journal_step
engine._step = sync._step = lambda on_step, name: pause(transaction.Step(name))
from releasekit.cli.main import main
raise SystemExit(main(sys.argv[4:]))
"""
HOOK = "#!/bin/sh\necho {name} > {marker}\nwhile [ ! -e {release} ]; do sleep 0.01; done\nexit 0\n"


@dataclass(frozen=True)
class Trial:
    operation: str
    signal: str
    target: str
    point: str  # a named point, or "random"
    delay: float = 0.0


@dataclass(frozen=True)
class Outcome:
    trial: Trial
    state: str  # "before", "finished", or "damaged: ..."
    reached: bool  # the signal was sent while the command ran (at the point, for a named one)
    exit_code: int
    recovered: bool  # `bump --recover` was run
    problems: tuple[str, ...]  # a traceback, non-ASCII output, a failing final check
    stray: tuple[str, ...] = ()  # journal folders without a manifest, deleted by the next bump
    detail: str = ""  # for a damaged trial: the differing parts, as before / after / finished


def environment(sandbox: Path, encoding: str = "ascii") -> dict[str, str]:
    """The subprocesses' own HOME and git identity, and fixed dates: the same commit and tag ids every time."""
    home = sandbox / "home"
    home.mkdir(parents=True, exist_ok=True)
    gitconfig = sandbox / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = kill bench\n\temail = bench@releasekit.invalid\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "RELEASEKIT_")) and key not in ("CI", "GITHUB_ACTIONS")
    }
    environ.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_DATE=FIXED_DATE,
        GIT_COMMITTER_DATE=FIXED_DATE,
        PYTHONIOENCODING=encoding,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return environ


def _git(root: Path, environ: Mapping[str, str], *arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=root, env=environ, capture_output=True, text=True, check=True)
    return done.stdout


def make_template(folder: Path, operation: str, environ: Mapping[str, str]) -> Path:
    """The project at its starting point, committed and pushed to a bare remote beside it."""
    files, _ = OPERATIONS[operation]
    project, remote = folder / "project", folder / "remote.git"
    _git(folder, environ, "init", "-q", "--bare", "-b", "main", str(remote))
    project.mkdir()
    _git(project, environ, "init", "-q", "-b", "main")
    for relative, text in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(project, environ, "add", "-A")
    _git(project, environ, "commit", "-q", "-m", "initial")
    _git(project, environ, "remote", "add", "origin", "../remote.git")  # relative: every copy has its own
    _git(project, environ, "push", "-q", "-u", "origin", "main")
    if operation in STARTING_TAGS:
        _git(project, environ, "tag", "-a", "-m", "release", STARTING_TAGS[operation])
        _git(project, environ, "push", "-q", "origin", STARTING_TAGS[operation])
    return folder


def state_of(folder: Path, environ: Mapping[str, str]) -> dict[str, object]:
    """Everything a release may change: every file's bytes and mode, the index, HEAD, refs, the remote's refs."""
    project, remote = folder / "project", folder / "remote.git"
    files = {
        path.relative_to(project).as_posix(): [path.read_bytes().hex(), path.stat().st_mode & 0o7777]
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }
    git_dir = project / ".git"
    # What a later command would trip on: git's lock, a pending journal. A journal folder without its
    # manifest (killed while being made) or a retired one (killed while being deleted) is no journal:
    # the next bump deletes it (`stray_folders`).
    leftovers = sorted(
        name for name in ("index.lock", "releasekit/bump-journal/journal.json") if (git_dir / name).exists()
    )
    return {
        "files": files,
        "index": _git(project, environ, "ls-files", "-s"),
        "head": _git(project, environ, "rev-parse", "HEAD"),
        "refs": _git(project, environ, "for-each-ref", "--format=%(refname) %(objectname)"),
        "remote": _git(remote, environ, "for-each-ref", "--format=%(refname) %(objectname)"),
        "leftovers": leftovers,
    }


def stray_folders(folder: Path) -> list[str]:
    releasekit = folder / "project" / ".git" / "releasekit"
    return sorted(
        name
        for name in ("bump-journal", "bump-journal.retired")
        if (releasekit / name).exists() and not (releasekit / name / "journal.json").exists()
    )


def command_for(trial: Trial, folder: Path) -> list[str]:
    _, arguments = OPERATIONS[trial.operation]
    if trial.point in JOURNAL_STEPS[trial.operation]:
        driver = folder / "driver.py"
        driver.write_text(DRIVER, encoding="utf-8")
        return [sys.executable, str(driver), trial.point, str(folder / "reached"), str(folder / "release"), *arguments]
    return [sys.executable, "-m", "releasekit", *arguments]


def install_pause_hook(trial: Trial, folder: Path) -> None:
    side, _, name = trial.point.partition(":")
    hooks = (folder / "project" / ".git" / "hooks") if side == "hook" else (folder / "remote.git" / "hooks")
    hook = hooks / name
    hook.write_text(HOOK.format(name=name, marker=folder / "reached", release=folder / "release"), encoding="utf-8")
    hook.chmod(0o755)


def remove_pause_hook(trial: Trial, folder: Path) -> None:
    side, _, name = trial.point.partition(":")
    hooks = (folder / "project" / ".git" / "hooks") if side == "hook" else (folder / "remote.git" / "hooks")
    (hooks / name).unlink(missing_ok=True)


def _take_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_group(pgid: int, deadline: float) -> bool:
    """Wait until every process of the group has ended (git goes on after a lone kill of bump)."""
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


def run(argv: Sequence[str], cwd: Path, environ: Mapping[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, cwd=cwd, env=environ, capture_output=True, check=False, timeout=120)


STARTING = "traceback of Python's own start-up"


def output_problems(label: str, *outputs: bytes) -> list[str]:
    problems = []
    for output in outputs:
        if b"Traceback" in output:
            # Python's start-up (site, runpy) runs before any releasekit code: only its own frames.
            ours = re.search(rb'File "[^"]*releasekit[^"]*"', output[output.index(b"Traceback") :]) is not None
            problems.append(f"{label}: traceback" if ours else f"{label}: {STARTING}")
        if not output.isascii():
            problems.append(f"{label}: non-ASCII output")
    return problems


@dataclass(frozen=True)
class Reference:
    """The project before and after an uninterrupted run, and what `check` says before it."""

    template: Path
    finished: Mapping[str, object]
    check_before: int
    duration: float


def run_trial(trial: Trial, reference: Reference, work: Path, environ: Mapping[str, str]) -> Outcome:
    folder = work / "trial"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(reference.template, folder, symlinks=True)
    project = folder / "project"
    before = state_of(folder, environ)
    if trial.point.startswith(("hook:", "remote:")):
        install_pause_hook(trial, folder)
    process = subprocess.Popen(
        command_for(trial, folder),
        cwd=project,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_take_ctrl_c,  # noqa: PLW1509 - one thread; a background job inherits SIGINT ignored
    )
    deadline = time.monotonic() + 60
    if trial.point == "random":
        time.sleep(trial.delay)
        reached = process.poll() is None
    else:
        while not (folder / "reached").exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        reached = (folder / "reached").exists() and process.poll() is None
    try:
        if trial.target == "group":
            os.killpg(process.pid, SIGNALS[trial.signal])
        else:
            os.kill(process.pid, SIGNALS[trial.signal])
    except ProcessLookupError:
        reached = False
    (folder / "release").touch()  # a paused hook or step that survived goes on
    stdout, stderr = process.communicate(timeout=120)
    problems = output_problems("command", stdout, stderr)
    if not wait_for_group(process.pid, time.monotonic() + 60):
        problems.append("processes of the group still ran after 60 s")
        os.killpg(process.pid, signal.SIGKILL)
    if trial.point.startswith(("hook:", "remote:")):
        remove_pause_hook(trial, folder)
    recovered = False
    check = run([sys.executable, "-m", "releasekit", "check"], project, environ)
    problems += output_problems("check", check.stdout, check.stderr)
    if check.returncode != 0 and b"releasekit bump --recover" in check.stderr:
        recovered = True
        for _ in range(5):
            recovery = run([sys.executable, "-m", "releasekit", "bump", "--recover"], project, environ)
            problems += output_problems("recover", recovery.stdout, recovery.stderr)
            if recovery.returncode == 0 or b"wait for it to end" not in recovery.stderr:
                break
            time.sleep(0.2)
        if recovery.returncode != 0:
            problems.append(f"recover exited {recovery.returncode}: {recovery.stderr.decode('ascii', 'replace')}")
        check = run([sys.executable, "-m", "releasekit", "check"], project, environ)
    after = state_of(folder, environ)
    expected = reference.finished
    detail = ""
    if after == before:
        state = "before"
    elif after == expected:
        state = "finished"
    else:
        differing = sorted(key for key in after if after[key] != expected[key] and after[key] != before[key])
        state = "damaged: " + ", ".join(differing or ["a mix of before and finished"])
        detail = json.dumps({key: [before[key], after[key], expected[key]] for key in differing})
    if check.returncode != (reference.check_before if state == "before" else 0):
        problems.append(f"check exited {check.returncode} after recovery: {check.stderr.decode('ascii', 'replace')}")
    stray = tuple(stray_folders(folder))
    return Outcome(trial, state, reached, process.returncode, recovered, tuple(problems), stray, detail)


def make_reference(work: Path, operation: str, environ: Mapping[str, str]) -> Reference:
    """The template project, the state an uninterrupted run ends in, and how long that run took."""
    template = work / f"template-{operation}"
    template.mkdir()
    make_template(template, operation, environ)
    check_before = run([sys.executable, "-m", "releasekit", "check"], template / "project", environ).returncode
    folder = work / "reference"
    shutil.copytree(template, folder, symlinks=True)
    started = time.monotonic()
    done = run([sys.executable, "-m", "releasekit", *OPERATIONS[operation][1]], folder / "project", environ)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"the uninterrupted {operation} failed:\n{done.stderr.decode('ascii', 'replace')}")
    finished = state_of(folder, environ)
    shutil.rmtree(folder)
    return Reference(template, finished, check_before, elapsed)


def plan_trials(operation: str, random_trials: int, named: int, duration: float, rng: random.Random) -> list[Trial]:
    trials = []
    points = (*JOURNAL_STEPS[operation], *GIT_HOOKS.get(operation, ()))
    for name in SIGNALS:
        for target in TARGETS:
            trials += [
                Trial(operation, name, target, "random", round(rng.uniform(0, duration), 4))
                for _ in range(random_trials)
            ]
            trials += [Trial(operation, name, target, point) for point in points for _ in range(named)]
    rng.shuffle(trials)
    return trials


def campaign(
    operations: Sequence[str], random_trials: int, named: int, seed: int, work: Path, *, encoding: str = "ascii"
) -> list[Outcome]:
    rng = random.Random(seed)  # noqa: S311 - chooses moments, not secrets
    environ = environment(work / "sandbox", encoding)
    outcomes = []
    for operation in operations:
        reference = make_reference(work, operation, environ)
        print(f"{operation}: an uninterrupted run takes {reference.duration:.2f} s", file=sys.stderr)
        trials = plan_trials(operation, random_trials, named, reference.duration * 1.1, rng)
        for number, trial in enumerate(trials, start=1):
            outcome = run_trial(trial, reference, work, environ)
            outcomes.append(outcome)
            if outcome.state.startswith("damaged") or outcome.problems:  # start-up tracebacks shown, not failed
                print(f"  {number}/{len(trials)} {trial}: {outcome.state} {outcome.problems}", file=sys.stderr)
            elif number % 50 == 0:
                print(f"  {number}/{len(trials)} trials", file=sys.stderr)
    return outcomes


def table(outcomes: Sequence[Outcome]) -> str:
    """Markdown: trials per operation, signal, target and timing, and the states they ended in."""
    rows: dict[tuple[str, str, str, str], Counter[str]] = {}
    for outcome in outcomes:
        trial = outcome.trial
        key = (trial.operation, trial.signal, trial.target, "random" if trial.point == "random" else "named")
        counted = rows.setdefault(key, Counter())
        counted["trials"] += 1
        counted["reached"] += outcome.reached
        counted[outcome.state if not outcome.state.startswith("damaged") else "damaged"] += 1
        counted["recovered"] += outcome.recovered
        counted["problems"] += any(not problem.endswith(STARTING) for problem in outcome.problems)
        counted["starting"] += any(problem.endswith(STARTING) for problem in outcome.problems)
        counted["stray"] += bool(outcome.stray)
        counted["130"] += outcome.exit_code == 130
    lines = [
        "| operation | signal | target | moment | trials | sent while running | exit 130 | as before | finished "
        "| damaged | needed --recover | output problems | Python start-up traceback | stray journal folder |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key in sorted(rows):
        counted = rows[key]
        lines.append(
            f"| {' | '.join(key)} | {counted['trials']} | {counted['reached']} | {counted['130']} | "
            f"{counted['before']} | {counted['finished']} | {counted['damaged']} | {counted['recovered']} | "
            f"{counted['problems']} | {counted['starting']} | {counted['stray']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=25, help="random-moment trials per signal and target")
    parser.add_argument("--named", type=int, default=1, help="trials per named point, signal and target")
    parser.add_argument("--operation", choices=(*OPERATIONS, "all"), default="all")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, help="write every outcome as JSON")
    parser.add_argument("--encoding", default="ascii", help="PYTHONIOENCODING of the commands (default: ascii)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    operations = list(OPERATIONS) if args.operation == "all" else [args.operation]
    with tempfile.TemporaryDirectory(prefix="kill-bump-") as work:
        outcomes = campaign(operations, args.random, args.named, args.seed, Path(work), encoding=args.encoding)
    print(table(outcomes))
    if args.out is not None:
        args.out.write_text(json.dumps([asdict(outcome) for outcome in outcomes], indent=1), encoding="utf-8")
    bad = [
        outcome
        for outcome in outcomes
        if outcome.state.startswith("damaged") or any(not problem.endswith(STARTING) for problem in outcome.problems)
    ]
    print(f"\n{len(outcomes)} trials; {len(bad)} damaged or with output problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
