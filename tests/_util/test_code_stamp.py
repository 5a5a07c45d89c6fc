"""The scan cache's stamp of releasekit's code follows modules that are added, moved or removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import releasekit
from releasekit._util.code_stamp import code_stamp
from tests.helpers.git_repos import make_repo


def _package(root: Path) -> Path:
    package = root / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "a.py").write_text("A = 1\n", encoding="utf-8")
    (package / "sub" / "__pycache__").mkdir()
    (package / "sub" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    return package


def test_the_stamp_follows_every_module(tmp_path: Path) -> None:
    package = _package(tmp_path)
    first = code_stamp(str(package))
    assert first[0] == releasekit.__version__
    assert [entry[0] for entry in first[1]] == ["__init__.py", str(Path("sub") / "a.py")]
    assert code_stamp(str(package)) == first
    (package / "sub" / "b.py").write_text("B = 2\n", encoding="utf-8")
    added = code_stamp(str(package))
    (package / "sub" / "b.py").rename(package / "c.py")
    moved = code_stamp(str(package))
    (package / "c.py").unlink()
    assert len({first, added, moved}) == 3
    assert [entry[0] for entry in code_stamp(str(package))[1]] == [entry[0] for entry in first[1]]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of releasekit's own source, to move its modules around."""
    source = Path(releasekit.__file__).parent
    copy = tmp_path / "src"
    shutil.copytree(source, copy / "releasekit", ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _check(project: Path, source: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [sys.executable, "-m", "releasekit", "check"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_survives_a_module_moved_after_the_cache_was_written(tmp_path: Path, package_copy: Path) -> None:
    project = make_repo(
        tmp_path / "my-pkg", {"pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.0.0"\n', "README.md": "x\n"}
    )
    first = _check(project, package_copy)
    assert (first.returncode, first.stderr) == (0, "")
    # A refactoring: a module the scanners use moves, and its imports follow; a module is added.
    package = package_copy / "releasekit"
    (package / "references" / "roles.py").rename(package / "references" / "file_roles.py")
    for module in package.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        moved = text.replace("references import roles as", "references import file_roles as").replace(
            "references.roles import", "references.file_roles import"
        )
        if moved != text:
            module.write_text(moved, encoding="utf-8")
    (package / "references" / "added.py").write_text('"""A new module."""\n', encoding="utf-8")
    again = _check(project, package_copy)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == first.stdout
    assert str(package_copy) in _check_source(project, package_copy)


def _check_source(project: Path, source: Path) -> str:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [sys.executable, "-c", "import releasekit; print(releasekit.__file__)"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
