"""`releasekit build`: sdist then wheel from it, SOURCE_DATE_EPOCH, SHA256SUMS, the report, failures, dist/ hygiene."""

from __future__ import annotations

import hashlib
import json
import time
import zipfile
from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo
from tests.helpers.pre_commit_harness import Sandbox
from tests.validate.corpus import SDIST, TINY_FILES, WHEEL

# Shipped by the repository, left out of the sdist: a wheel built from the sdist must not have it.
NOT_IN_SDIST = {
    "src/tiny/only_in_the_tree.txt": "not in the sdist\n",
    "pyproject.toml": TINY_FILES["pyproject.toml"]
    + '\n[tool.hatch.build.targets.sdist]\nexclude = ["src/tiny/only_in_the_tree.txt"]\n',
}


def _wheel_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


@pytest.mark.e2e
def test_build_writes_both_files_their_sums_and_a_report(
    tmp_path: Path, sandboxed: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_repo(tmp_path / "tiny", {**TINY_FILES, **NOT_IN_SDIST})
    assert main(["build", str(project)]) == 0
    dist = project / "dist"
    digests = {name: hashlib.sha256((dist / name).read_bytes()).hexdigest() for name in (SDIST, WHEEL)}
    assert (dist / "SHA256SUMS").read_text() == f"{digests[SDIST]}  {SDIST}\n{digests[WHEEL]}  {WHEEL}\n"
    report = json.loads((dist / "build-report.json").read_text())
    commit, stamp = git(project, "log", "-1", "--format=%H %ct").split()
    assert [(item["name"], item["sha256"]) for item in report["files"]] == [
        (SDIST, digests[SDIST]),
        (WHEEL, digests[WHEEL]),
    ]
    assert (report["git_commit"], report["dirty"], report["source_date_epoch"]) == (commit, False, stamp)
    assert report["backend"] == "hatchling.build"
    assert report["backend_version"].startswith("hatchling ")
    # The wheel comes from the sdist: what the sdist leaves out, the wheel does not have.
    assert "tiny/only_in_the_tree.txt" not in _wheel_names(dist / WHEEL)
    # Every member is stamped with the last commit's time (SOURCE_DATE_EPOCH), not the clock.
    with zipfile.ZipFile(dist / WHEEL) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {time.gmtime(int(stamp) // 2 * 2)[:6]}  # a zip counts time in steps of 2 seconds
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"releasekit: building the sdist of {project}",
        f"releasekit: built {SDIST}; building the wheel from it",
        f"releasekit: built {WHEEL}",
    ]
    assert captured.out.splitlines()[:2] == [
        f"{dist / SDIST}  {(dist / SDIST).stat().st_size} bytes  sha256:{digests[SDIST]}",
        f"{dist / WHEEL}  {(dist / WHEEL).stat().st_size} bytes  sha256:{digests[WHEEL]}",
    ]
    # A second build of the same commit is byte-identical, and replaces the files of its own version.
    assert main(["build", str(project), "--outdir", str(tmp_path / "again")]) == 0
    assert {name: hashlib.sha256((tmp_path / "again" / name).read_bytes()).hexdigest() for name in digests} == digests
    assert main(["build", str(project)]) == 0


def test_a_backend_failure_exits_4_with_the_output_tail_and_a_hint(
    tmp_path: Path, sandboxed: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = TINY_FILES["pyproject.toml"].replace('version = "1.0.0"', 'dynamic = ["version"]')
    project = make_repo(tmp_path / "tiny", {**TINY_FILES, "pyproject.toml": broken})
    assert main(["build", str(project)]) == 4
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"releasekit: building the sdist of {project}"
    assert err[1].startswith(f"releasekit: error: building the sdist of {project} failed: ")
    assert any("version" in line.lower() for line in err[2:-1])  # hatchling's own words, from its output
    assert err[-1] == (
        "releasekit: hint: the build backend's output ends above; fix the project so `python -m build` passes; "
        f"the whole log is in {project / 'dist' / 'build-report.json'}"
    )
    report = json.loads((project / "dist" / "build-report.json").read_text())
    assert report["failed"] is True
    assert report["log"]


def test_files_of_another_version_in_the_output_folder_are_refused(
    tmp_path: Path, sandboxed: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_repo(tmp_path / "tiny", TINY_FILES)
    (project / "dist").mkdir()
    (project / "dist" / "tiny-0.9.0.tar.gz").write_bytes(b"an older release")
    assert main(["build", str(project)]) == 2
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"releasekit: error: {project / 'dist'} already holds distributions of another version or project: "
        "tiny-0.9.0.tar.gz",
        "releasekit: hint: remove them, or build into another folder with --outdir (this build is tiny 1.0.0)",
    ]
    assert sorted(path.name for path in (project / "dist").iterdir()) == ["tiny-0.9.0.tar.gz"]
