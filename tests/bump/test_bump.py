"""`bump` as a library: plan, write, verify, gate, roll back (the git steps, with real git: test_bump_git.py)."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packaging.version import Version

from releasekit.bump.engine import BumpOptions, BumpPlan, VerificationError, bump, plan_bump
from releasekit.bump.journal import IN_PROGRESS_VARIABLE, pending
from releasekit.bump.rewrite import RewriteError
from releasekit.bump.transaction import Step
from releasekit.cli.main import main
from releasekit.errors import Category, ReleasekitError
from releasekit.references.check import check_project
from tests.helpers.bump_projects import PYPROJECT, SMALL, expected_after_patch, gate_environment, snapshot
from tests.helpers.git_repos import git, make_repo, write_files
from tests.helpers.sample_project import DECOY_FILES, build_mypylogger

DAY = datetime.date(2026, 3, 14)


def no_commit(kind: str = "patch", **changes: Any) -> BumpOptions:
    return BumpOptions(kind=kind, commit=False)._replace(**changes)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "my-pkg", SMALL)


def test_plan_changes_nothing_on_disk(small: Path) -> None:
    before = snapshot(small)
    plan, _ = plan_bump(small, no_commit("minor"), today=lambda: DAY)
    assert snapshot(small) == before
    assert (plan.old, plan.new) == (Version("1.2.3"), Version("1.3.0"))
    assert plan.paths == ("README.md", "pyproject.toml", "src/my_pkg/__init__.py", "tests/test_version.py")
    assert [(reference.path, reference.kind) for reference in plan.references] == [
        ("README.md", "docs-mention"),
        ("README.md", "pip-pin"),
        ("pyproject.toml", "pyproject"),
        ("src/my_pkg/__init__.py", "dunder-version"),
        ("src/my_pkg/__init__.py", "version-tuple"),
        ("tests/test_version.py", "test-assertion"),
    ]
    assert plan.diff().splitlines()[:8] == [
        "--- a/README.md",
        "+++ b/README.md",
        "@@ -1,3 +1,3 @@",
        "-# my-pkg v1.2.3",
        "+# my-pkg v1.3.0",
        " ",
        "-`pip install my-pkg==1.2.3`",
        "+`pip install my-pkg==1.3.0`",
    ]
    assert plan.diff().endswith('+    assert __version__ == "1.3.0"\n\\ No newline at end of file\n')


def test_bump_rewrites_and_verifies(small: Path) -> None:
    result = bump(small, no_commit("minor"), today=lambda: DAY)
    assert result.applied and result.commit is None and result.tag is None
    assert (small / "src/my_pkg/__init__.py").read_bytes() == b'__version__ = "1.3.0"\r\nversion_info = (1, 3, 0)\r\n'
    result_check = check_project(small)
    assert result_check.canonical.version == Version("1.3.0")
    assert not result_check.stale
    assert pending(small) is None


def test_dry_run_writes_nothing(small: Path) -> None:
    before = snapshot(small)
    result = bump(small, no_commit(dry_run=True))
    assert not result.applied
    assert snapshot(small) == before


def test_stale_references_refuse_the_bump_unless_fixed(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"pyproject.toml": PYPROJECT, "src/my_pkg/__init__.py": "__version__ = '1.2.2'\n"})
    before = snapshot(root)
    with pytest.raises(VerificationError) as caught:
        bump(root, no_commit())
    assert caught.value.message == "1 reference is already stale; bump refuses to start"
    assert [finding.render() for finding in caught.value.findings] == [
        "src/my_pkg/__init__.py:1:16: RK001 stale version 1.2.2, expected 1.2.3 (dunder-version)"
    ]
    assert snapshot(root) == before
    result = bump(root, no_commit(fix_stale=True))
    assert [reference.value for reference in result.plan.fixed_stale] == ["1.2.2"]
    assert (root / "src/my_pkg/__init__.py").read_text(encoding="utf-8") == "__version__ = '1.2.4'\n"


def test_a_version_from_git_tags_with_no_file_is_released_by_its_tag_alone(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "scm", {"README.md": "hello\n"})
    git(root, "tag", "v1.0.0")
    with pytest.raises(ReleasekitError, match=r"no file holds the version 1\.0\.0, .* --no-commit leaves") as caught:
        bump(root, no_commit())
    assert caught.value.category is Category.USAGE


def test_a_spelling_that_cannot_hold_the_version_stops_before_writing(small: Path) -> None:
    before = snapshot(small)
    with pytest.raises(RewriteError, match=r"\(1, 2, 3\) \(version-tuple\) cannot be written as 1.2.4a1"):
        bump(small, no_commit("pre"))
    assert snapshot(small) == before


def add_gate(root: Path, command: str) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n[tool.releasekit]\nverify-command = {json.dumps(command)}\n")


def test_failing_gate_restores_everything(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate_environment(monkeypatch)
    add_gate(small, "python -c 'import sys; print(\"3 failed\"); sys.exit(3)'")
    before = snapshot(small)
    with pytest.raises(ReleasekitError) as caught:
        bump(small, no_commit())
    assert caught.value.message == (
        "verify-command failed (exit 3): python -c 'import sys; print(\"3 failed\"); sys.exit(3)'\n3 failed"
    )
    assert caught.value.hint == "every file was restored to 1.2.3; fix what the gate reports, then bump again"
    assert snapshot(small) == before
    assert pending(small) is None


def test_the_gate_may_run_releasekit_check_itself(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate_environment(monkeypatch)
    add_gate(small, "python -m releasekit check")
    result = bump(small, no_commit())
    assert result.gate == "python -m releasekit check"
    assert IN_PROGRESS_VARIABLE not in os.environ


def test_a_gate_that_cannot_start_restores_everything(small: Path) -> None:
    add_gate(small, "no-such-gate-command --flag")
    before = snapshot(small)
    with pytest.raises(ReleasekitError, match="command failed \\(exit 127\\): no-such-gate-command --flag"):
        bump(small, no_commit())
    assert snapshot(small) == before


def test_verification_failure_restores_and_reports(small: Path) -> None:
    before = snapshot(small)

    def concurrent_edit(step: Step) -> None:
        if step.name == "verify":
            (small / "README.md").write_text("# my-pkg v1.2.0\n\n`pip install my-pkg==1.2.4`\n", encoding="utf-8")

    with pytest.raises(VerificationError) as caught:
        bump(small, no_commit(), on_step=concurrent_edit)
    assert caught.value.message == "verification failed after writing: 1 reference is stale after writing"
    assert [finding.render() for finding in caught.value.findings] == [
        "README.md:1:10: RK001 stale version 1.2.0, expected 1.2.4 (docs-mention)"
    ]
    assert snapshot(small) == before


FAULT_STEPS = [
    "planned",
    "writing",
    "write README.md",
    "written README.md",
    "write src/my_pkg/__init__.py",
    "written tests/test_version.py",
    "all-written",
    "verify",
    "gate",
    "verified",
]


@pytest.mark.parametrize("failing_step", FAULT_STEPS)
def test_a_fault_at_any_step_leaves_the_tree_intact(
    small: Path, monkeypatch: pytest.MonkeyPatch, failing_step: str
) -> None:
    gate_environment(monkeypatch)
    add_gate(small, "python -c pass")
    before = snapshot(small)
    seen: list[str] = []

    def fault(step: Step) -> None:
        name = " ".join(filter(None, step))
        seen.append(name)
        if name == failing_step:
            raise OSError(5, "Input/output error")

    with pytest.raises(OSError, match="Input/output error"):
        bump(small, no_commit(), on_step=fault)
    assert seen[-1] == failing_step
    assert snapshot(small) == before
    assert pending(small) is None


def test_a_fault_once_done_undoes_nothing(small: Path) -> None:
    """From `done` on the bump is made: a failure there (Ctrl-C as the journal goes) keeps it, never half-undoes it."""

    def fault(step: Step) -> None:
        if step.name == "done":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bump(small, no_commit(), on_step=fault)
    assert main(["check", str(small)]) == 0  # the journal left `done` is cleared: every file holds the new bytes
    assert pending(small) is None
    assert (small / "pyproject.toml").read_text(encoding="utf-8").endswith('version = "1.2.4"\n')


KILLED_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from releasekit.bump.engine import BumpOptions, bump

    root, signal_file = Path(sys.argv[1]), Path(sys.argv[2])

    def pause(step):
        if step.name == "written":
            signal_file.write_text(step.path)
            time.sleep(600)

    bump(root, BumpOptions(kind="patch", commit=False), on_step=pause)
    """
)


def test_kill_9_mid_apply_then_check_and_recover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build_mypylogger(tmp_path / "mypylogger")
    before = snapshot(root)
    script, signal_file = tmp_path / "bump_then_hang.py", tmp_path / "paused"
    script.write_text(KILLED_SCRIPT, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(root), str(signal_file)])
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert signal_file.exists(), "the bump never reached its first written file"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    first = signal_file.read_text(encoding="utf-8")
    after_kill = snapshot(root)
    changed = sorted(path for path in before if after_kill[path] != before[path])
    assert changed == [first]  # the one file written is whole; every other file is untouched
    assert after_kill[first][0] == before[first][0].replace(b"v0.2.0", b"v0.2.1")

    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr() == (
        "",
        "releasekit: error: a bump from 0.2.0 to 0.2.1 was interrupted (writing); 12 files may be half-bumped\n"
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)\n",
    )
    monkeypatch.chdir(root)
    assert main(["bump", "--recover"]) == 0
    assert capsys.readouterr().out == ("releasekit: restored 1 file to 0.2.0 (the bump to 0.2.1 was interrupted)\n")
    assert snapshot(root) == before
    assert main(["check", str(root)]) == 0


def test_sample_project_bump_patch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build_mypylogger(tmp_path / "mypylogger")
    before = snapshot(root)
    monkeypatch.chdir(root)
    assert main(["bump", "patch", "--no-commit", "--yes"]) == 0
    assert capsys.readouterr().out == "releasekit: bumped 0.2.0 → 0.2.1: 16 references in 12 files, verified\n"
    after = snapshot(root)
    assert after == expected_after_patch(tmp_path)
    for decoy in DECOY_FILES:
        assert after[decoy] == before[decoy]
    assert b'assert __version__ == "0.2.1"' in after["tests/unit/test_core.py"][0]
    assert main(["check"]) == 0


@pytest.mark.e2e
def test_sample_project_gate_runs_its_own_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate_environment(monkeypatch)
    root = build_mypylogger(tmp_path / "mypylogger")
    add_gate(root, "python -m pytest -q")
    result = bump(root, no_commit())
    assert result.gate == "python -m pytest -q"
    assert check_project(root).canonical.version == Version("0.2.1")


@pytest.mark.e2e
def test_sample_project_failing_gate_restores_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate_environment(monkeypatch)
    root = build_mypylogger(tmp_path / "mypylogger")
    # A test the bump breaks: it pins the patch level in a way no reference kind can see.
    pinned = "import mypylogger\n\n\ndef test_pinned():\n    assert mypylogger.__version__[-1] == '0'\n"
    write_files(root, {"tests/unit/test_pinned.py": pinned})
    add_gate(root, "python -m pytest -q -p no:cacheprovider")
    before = snapshot(root)
    with pytest.raises(ReleasekitError) as caught:
        bump(root, no_commit())
    assert caught.value.message.startswith("verify-command failed (exit 1): python -m pytest -q -p no:cacheprovider\n")
    assert "1 failed, 5 passed" in caught.value.message
    assert snapshot(root) == before


def test_a_declined_confirmation_writes_nothing(small: Path) -> None:
    before = snapshot(small)
    shown: list[Version] = []

    def decline(plan: BumpPlan) -> bool:
        shown.append(plan.new)
        return False

    result = bump(small, no_commit(), confirm=decline)
    assert not result.applied and shown == [Version("1.2.4")]
    assert snapshot(small) == before


# --- property: for any generated project, bump then check passes and only the version spans change ----------------

FILLER = st.text(alphabet=st.sampled_from("abcdefghij XYZ-_#=:;,()[]\"'\t"), max_size=30)
# (path, template): a reference in the file's own spelling.
REFERENCE_TEMPLATES = [
    ("src/my_pkg/__init__.py", '__version__ = "{v}"'),
    ("src/my_pkg/__init__.py", "__version_info__ = {level_tuple}"),
    ("src/my_pkg/_version.py", "VERSION = '{v}'"),
    ("tests/test_meta.py", 'assert my_pkg.__version__ == "{v}"'),
    ("README.md", "my-pkg v{v}"),
    ("docs/usage.rst", "pip install my-pkg=={v}"),
    ("docs/conf.py", 'release = "{v}"'),
    ("CITATION.cff", "version: {v}"),
    ("setup.cfg", "[bumpversion]\ncurrent_version = {v}"),
    ("Dockerfile", 'LABEL org.opencontainers.image.version="{v}"'),
]
KINDS = ["major", "minor", "patch", "pre", "dev", "release", "post"]


class GeneratedFile(NamedTuple):
    path: str
    lines: list[str]
    crlf: list[bool]
    bom: bool
    final_newline: bool


@st.composite
def generated_files(draw: st.DrawFn) -> list[GeneratedFile]:
    """Files holding references of random kinds among filler lines (no digits: never a version)."""
    chosen = draw(st.lists(st.sampled_from(REFERENCE_TEMPLATES), min_size=1, max_size=6, unique=True))
    by_path: dict[str, list[str]] = {}
    for path, template in chosen:
        by_path.setdefault(path, []).append(template)
    files = []
    for path, templates in by_path.items():
        lines = draw(st.lists(FILLER, max_size=4))
        for template in templates:
            lines.insert(draw(st.integers(0, len(lines))), template)
        crlf = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        files.append(GeneratedFile(path, lines, crlf, draw(st.booleans()), draw(st.booleans())))
    return files


def tuple_spelling(version: str) -> str:
    parsed = Version(version)
    release = ", ".join(str(part) for part in parsed.release)
    if parsed.pre is not None:
        level = {"a": "alpha", "b": "beta", "rc": "candidate"}[parsed.pre[0]]
        return f'({release}, "{level}", {parsed.pre[1]})'
    if parsed.dev is not None:
        return f'({release}, "dev", {parsed.dev})'
    return f'({release}, "final", 0)'


def render(file: GeneratedFile, version: str) -> bytes:
    body = ""
    for index, (line, crlf) in enumerate(zip(file.lines, file.crlf, strict=True)):
        text = line.format(v=version, level_tuple=tuple_spelling(version)) if "{" in line else line
        ending = "\r\n" if crlf else "\n"
        last = index == len(file.lines) - 1
        body += text.replace("\n", ending) + ("" if last and not file.final_newline else ending)
    return (b"\xef\xbb\xbf" if file.bom else b"") + body.encode("utf-8")


def only_versions_changed(file: GeneratedFile, current: str, new: str) -> bytes:
    """The file with nothing but its version spans changed, each in its spelling."""
    before = render(file, current)
    return before.replace(tuple_spelling(current).encode(), tuple_spelling(new).encode()).replace(
        current.encode(), new.encode()
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_files(), st.sampled_from(KINDS), st.sampled_from(["1.2.3", "0.9.9", "2.0.0rc1"]))
def test_bump_then_check_passes_and_only_versions_change(files: list[GeneratedFile], kind: str, current: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "my-pkg"
        root.mkdir()
        write_files(root, {"pyproject.toml": f'[project]\nname = "my-pkg"\nversion = "{current}"\n'})
        write_files(root, {file.path: render(file, current) for file in files})
        before = snapshot(root)
        try:
            result = bump(root, no_commit(kind))
        except RewriteError as error:
            # Only a tuple can fail to hold a version (rc2.dev1, post1); then nothing was written.
            assert "(version-tuple) cannot be written" in error.message
            assert snapshot(root) == before
            return
        except ReleasekitError as error:
            assert error.message == f"{current} is already a final release: there is no pre- or dev-part to drop"
            assert snapshot(root) == before
            return
        after = check_project(root, use_cache=False)
        assert after.canonical.version == result.plan.new
        assert not after.stale
        assert len(after.judged) == 1 + sum(len([line for line in file.lines if "{" in line]) for file in files)
        for file in files:
            assert (root / file.path).read_bytes() == only_versions_changed(file, current, str(result.plan.new))


def test_committing_without_the_git_module_is_a_clear_error(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "releasekit.git.release", None)  # what a missing GitPython looks like
    before = snapshot(small)
    with pytest.raises(ReleasekitError) as caught:
        bump(small, BumpOptions(kind="patch"))
    assert caught.value.message == "committing the bump needs releasekit.git.release, which cannot be imported"
    assert caught.value.hint == "install it, or pass --no-commit to write the files only"
    assert snapshot(small) == before
