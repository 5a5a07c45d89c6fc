"""`releasekit validate`: exact output, exit codes, --strict, --format json, the report, the project checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.validate.api import default_distributions, validate
from tests.helpers.git_repos import git
from tests.helpers.pre_commit_harness import Sandbox
from tests.validate.conftest import Built
from tests.validate.corpus import (
    DIST_INFO,
    SDIST,
    WHEEL,
    add,
    change,
    replace_text,
    rewritten,
    wheel_entries,
    write_wheel,
)

METADATA = f"{DIST_INFO}/METADATA"
LOCAL_VERSION = [
    f"dist/{WHEEL}:{METADATA}:3: RK103 version '1.0.0+dirty' has a local part '+dirty' "
    "(drop the +local part before releasing)",
    f"dist/{WHEEL}: RK213 the filename's version '1.0.0' differs from the metadata's '1.0.0+dirty' "
    "(rebuild; never rename a distribution file)",
    f"dist/{WHEEL}:tiny/__init__.py:3: RK240 __version__ is '1.0.0', the metadata says '1.0.0+dirty' "
    "(bump every place together (`releasekit bump`), then rebuild)",
    "releasekit: 3 errors in 2 distributions (failed)",
]


def _dist(built: Built, folder: Path, *edits: object) -> Path:
    """``folder/dist`` holding the sdist and the wheel (rewritten by ``edits``)."""
    dist = folder / "dist"
    dist.mkdir(parents=True)
    shutil.copy(built.sdist, dist)
    write_wheel(rewritten(wheel_entries(built.wheel), *edits), dist / WHEEL)  # type: ignore[arg-type]
    return dist


def test_a_clean_release_passes_and_the_report_says_so(
    tiny_build: Built, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _dist(tiny_build, in_tmp)
    assert main(["validate", "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "releasekit: 2 distributions OK\n"
    assert captured.err == f"releasekit: checking dist/{WHEEL}\nreleasekit: checking dist/{SDIST}\n"
    report = json.loads((in_tmp / "dist" / "validate-report.json").read_text())
    assert report == {
        "files": [f"dist/{WHEEL}", f"dist/{SDIST}"],
        "strict": True,
        "passed": True,
        "errors": 0,
        "warnings": 0,
        "findings": [],
    }


def test_every_finding_then_a_summary_and_exit_1(
    tiny_build: Built, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _dist(tiny_build, in_tmp, change(METADATA, replace_text("Version: 1.0.0", "Version: 1.0.0+dirty")))
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == LOCAL_VERSION


def test_json_names_file_member_line_and_severity(
    tiny_build: Built, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _dist(tiny_build, in_tmp, change(METADATA, replace_text("Version: 1.0.0", "Version: 1.0.0+dirty")))
    assert main(["validate", "--format", "json", "--report", "elsewhere.json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document == json.loads((in_tmp / "elsewhere.json").read_text())
    assert document["findings"][0] == {
        "file": f"dist/{WHEEL}",
        "member": METADATA,
        "line": 3,
        "code": "RK103",
        "severity": "error",
        "message": "version '1.0.0+dirty' has a local part '+dirty'",
        "hint": "drop the +local part before releasing",
    }
    assert [item["member"] for item in document["findings"]] == [METADATA, None, "tiny/__init__.py"]


def test_warnings_fail_only_when_strict(tiny_build: Built, in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _dist(tiny_build, in_tmp, add("tiny/__pycache__/x.pyc", b"\0"))
    line = f"dist/{WHEEL}:tiny/__pycache__/x.pyc: RK250 compiled bytecode in the wheel"
    line += " (exclude __pycache__ from the build)"
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines() == [line, "releasekit: 1 warning in 2 distributions"]
    assert main(["validate", "--strict"]) == 1
    assert capsys.readouterr().out.splitlines() == [line, "releasekit: 1 warning in 2 distributions (failed)"]


def test_no_distributions_is_a_usage_error(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    assert capsys.readouterr().err == (
        "releasekit: error: no distributions in dist/\n"
        "releasekit: hint: build them first (`releasekit build`), or name the .whl and .tar.gz files to check\n"
    )
    assert main(["validate", "nope.whl"]) == 2


def test_the_api_publish_calls(tiny_build: Built, tmp_path: Path) -> None:
    dist = _dist(tiny_build, tmp_path, add("tiny/__pycache__/x.pyc", b"\0"))
    paths = default_distributions(dist)
    assert [path.name for path in paths] == [WHEEL, SDIST]
    assert default_distributions(tmp_path / "missing") == []
    lenient, strict = validate(paths), validate(paths, strict=True)
    assert (lenient.passed, strict.passed) == (True, False)
    assert [finding.code for finding in strict.warnings] == ["RK250"]
    assert strict.errors == ()


def _project_copy(built: Built, folder: Path) -> Path:
    """A clone of the tiny project with the session's sdist and wheel in its dist/."""
    project = folder / "project"
    git(folder, "clone", "-q", str(built.project), str(project))
    dist = project / "dist"
    dist.mkdir()
    for path in (built.sdist, built.wheel):
        shutil.copy(path, dist)
    return project


def test_inside_a_project_the_tag_at_head_must_agree(
    tiny_build: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project_copy(tiny_build, tmp_path)
    git(project, "tag", "v1.0.1")
    monkeypatch.chdir(project)
    assert main(["validate"]) == 1
    hint = "(bump every place together (`releasekit bump`), then rebuild)"
    assert capsys.readouterr().out.splitlines() == [
        f"dist/{WHEEL}:{METADATA}: RK240 the metadata says '1.0.0', HEAD is tagged v1.0.1 {hint}",
        f"dist/{SDIST}:tiny-1.0.0/PKG-INFO: RK240 the metadata says '1.0.0', HEAD is tagged v1.0.1 {hint}",
        "releasekit: 2 errors in 2 distributions (failed)",
    ]
    git(project, "tag", "v1.0.0")
    assert main(["validate"]) == 0


def test_inside_a_project_the_canonical_version_must_agree(tiny_build: Built, tmp_path: Path) -> None:
    project = _project_copy(tiny_build, tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    result = validate(default_distributions(project / "dist"), root=project)
    assert [finding.message for finding in result.findings] == [
        "the metadata says '1.0.0', the project's canonical version is '1.1.0' (pyproject.toml:7)"
    ] * 2
    assert validate(default_distributions(project / "dist")).passed  # outside the project: nothing to compare


@pytest.mark.e2e
def test_reproducible_names_the_members_that_differ(
    tiny_build: Built,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sandboxed: Sandbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _project_copy(tiny_build, tmp_path)
    wheel = project / "dist" / WHEEL
    write_wheel(rewritten(wheel_entries(wheel), change("tiny/__init__.py", lambda text: text + "# patched\n")), wheel)
    monkeypatch.chdir(project)
    assert main(["validate", "--reproducible"]) == 1
    commit = git(project, "rev-parse", "HEAD").strip()[:12]
    assert capsys.readouterr().out.splitlines() == [
        f"dist/{WHEEL}: RK243 rebuilding commit {commit} gives other bytes; members differ: "
        f"{DIST_INFO}/RECORD, tiny/__init__.py (make the build reproducible: no timestamps, random order or "
        "absolute paths in generated files)",
        "releasekit: 1 error in 2 distributions (failed)",
    ]


@pytest.mark.e2e
def test_smoke_installs_imports_and_runs_the_scripts(
    tiny_build: Built, in_tmp: Path, sandboxed: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = change("tiny/__init__.py", replace_text('__version__ = "1.0.0"', 'raise RuntimeError("boom")'))
    _dist(tiny_build, in_tmp, broken)
    assert main(["validate", "--smoke", f"dist/{WHEEL}"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"dist/{WHEEL}: RK242 `import tiny` fails: RuntimeError: boom "
        "(install the wheel in a fresh virtual environment and run it)"
    )
    assert out[1].startswith(f"dist/{WHEEL}: RK242 console script `tiny --version` exits 1: RuntimeError: boom")
    assert out[2:] == ["releasekit: 2 errors in 1 distribution (failed)"]
    assert main(["validate", "--smoke", "--strict", str(tiny_build.wheel)]) == 0


def test_a_report_that_cannot_be_written_is_a_warning(
    tiny_build: Built, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _dist(tiny_build, in_tmp)
    assert main(["validate", "--report", "no/such/folder/report.json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "releasekit: 2 distributions OK\n"
    assert captured.err.splitlines()[-1] == (
        "releasekit: warning: could not write no/such/folder/report.json: No such file or directory"
    )
