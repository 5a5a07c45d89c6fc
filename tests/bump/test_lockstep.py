"""Lockstep pins: other packages' bounds that moved with the version at the previous release, moved by bump only."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from releasekit.bump.engine import BumpOptions, VerificationError, bump
from releasekit.bump.lockstep import find_lockstep_pins
from releasekit.bump.transaction import Step
from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo, write_files


def _pyproject(version: str, pins: str = "", extra: str = "") -> str:
    return (
        f'[project]\nname = "my-pkg"\nversion = "{version}"\n'
        f"dependencies = [{pins}]\n"
        f"[project.optional-dependencies]\nplugins = [{extra}]\n"
    )


def _release(root: Path, files: dict[str, str], tag: str) -> None:
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", f"release {tag}")
    git(root, "tag", tag)


@pytest.fixture
def lockstep(tmp_path: Path) -> Path:
    """Released 1.1.0 then 1.2.0; between them, some pins moved with the version and some did not."""
    root = make_repo(
        tmp_path / "my-pkg",
        {
            "pyproject.toml": _pyproject("1.1.0", '"core-lib==1.1.0", "requests>=2"', '"plugin==1.2.0"'),
            "requirements.txt": (
                "# pinned with the release\n"
                "core==1.1.0\n"
                "sdk>=1.1.0,<2.0.0  # lower bound moves\n"
                "coincident==1.2.0\n"
                "drifted==0.9.0\n"
                "my-pkg==1.1.0\n"
            ),
        },
    )
    git(root, "tag", "v1.1.0")
    _release(
        root,
        {
            "pyproject.toml": _pyproject("1.2.0", '"core-lib==1.2.0", "requests>=2"', '"plugin==1.2.0"'),
            "requirements.txt": (
                "# pinned with the release\n"
                "core==1.2.0\n"
                "sdk>=1.2.0,<2.0.0  # lower bound moves\n"
                "coincident==1.2.0\n"
                "drifted==1.2.0\n"
                "my-pkg==1.2.0\n"
            ),
        },
        "v1.2.0",
    )
    return root


def test_only_the_bounds_that_moved_with_the_previous_release_are_lockstep_pins(lockstep: Path) -> None:
    pins = find_lockstep_pins(lockstep, Version("1.2.0"), ("my-pkg",))
    assert [(pin.reference.path, pin.reference.line, pin.reference.column, pin.requirement) for pin in pins] == [
        ("pyproject.toml", 4, 28, "core-lib=="),
        ("requirements.txt", 2, 7, "core=="),
        ("requirements.txt", 3, 6, "sdk>="),
    ]
    assert {pin.reason for pin in pins} == {"moved with 1.2.0 at the previous release (==1.1.0 at v1.1.0)"} | {
        "moved with 1.2.0 at the previous release (>=1.1.0 at v1.1.0)"
    }
    assert {pin.reference.kind for pin in pins} == {"lockstep-pin"}


def test_bump_moves_lockstep_pins_and_nothing_else_of_other_packages(
    lockstep: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(lockstep)
    assert main(["check"]) == 0  # never stale, never counted
    assert capsys.readouterr().out == (
        "releasekit: 1 reference in 1 file agrees on 1.2.0 from pyproject.toml:3 ([project].version)\n"
    )
    assert main(["bump", "patch", "--dry-run", "--no-commit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-4:] == [
        "pyproject.toml:4:28: would move core-lib==1.2.0 \u2192 1.2.1 (lockstep-pin: moved with 1.2.0 at the previous"
        " release (==1.1.0 at v1.1.0))",
        "requirements.txt:2:7: would move core==1.2.0 \u2192 1.2.1 (lockstep-pin: moved with 1.2.0 at the previous"
        " release (==1.1.0 at v1.1.0))",
        "requirements.txt:3:6: would move sdk>=1.2.0 \u2192 1.2.1 (lockstep-pin: moved with 1.2.0 at the previous"
        " release (>=1.1.0 at v1.1.0))",
        "releasekit: would bump 1.2.0 \u2192 1.2.1: 4 references in 2 files (dry run: nothing written)",
    ]
    assert "-core==1.2.0" in out
    assert "+core==1.2.1" in out
    assert main(["bump", "patch", "--no-commit"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "releasekit: bumped 1.2.0 \u2192 1.2.1: 4 references in 2 files, verified"
    )
    assert (lockstep / "requirements.txt").read_text(encoding="utf-8") == (
        "# pinned with the release\n"
        "core==1.2.1\n"
        "sdk>=1.2.1,<2.0.0  # lower bound moves\n"  # the upper bound stays
        "coincident==1.2.0\n"  # equal by coincidence: no history
        "drifted==1.2.0\n"  # moved at the previous release, but not from the previous version
        "my-pkg==1.2.0\n"  # the project's own: never a lockstep pin (nor, in a requirements file, a reference)
    )
    assert (lockstep / "pyproject.toml").read_text(encoding="utf-8") == _pyproject(
        "1.2.1", '"core-lib==1.2.1", "requests>=2"', '"plugin==1.2.0"'
    )
    assert main(["check"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: 1 reference in 1 file agrees on 1.2.1 from pyproject.toml:3 ([project].version)\n"
    )


def test_a_lockstep_pin_is_verified_and_restored_like_a_reference(lockstep: Path) -> None:
    requirements = lockstep / "requirements.txt"
    before = requirements.read_bytes()

    def undo_the_pin(step: Step) -> None:  # something rewrites the pin between writing and verifying
        if step.name == "verify":
            requirements.write_bytes(before.replace(b"sdk>=1.2.0", b"sdk>=1.2.0 "))

    with pytest.raises(VerificationError) as raised:
        bump(lockstep, BumpOptions(kind="patch", commit=False), on_step=undo_the_pin)
    assert raised.value.message == (
        "verification failed after writing: requirements.txt:2:7 does not read 1.2.1 (lockstep pin); "
        "requirements.txt:3:6 does not read 1.2.1 (lockstep pin)"
    )
    assert requirements.read_bytes() == before
    assert '"core-lib==1.2.0"' in (lockstep / "pyproject.toml").read_text(encoding="utf-8")


def test_ignore_kinds_switches_lockstep_pins_off(lockstep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pyproject = lockstep / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + '[tool.releasekit]\nignore-kinds = ["lockstep-pin"]\n',
        encoding="utf-8",
    )
    git(lockstep, "commit", "-q", "--no-gpg-sign", "-am", "no lockstep")
    monkeypatch.chdir(lockstep)
    assert main(["bump", "patch", "--no-commit"]) == 0
    assert "core==1.2.0\n" in (lockstep / "requirements.txt").read_text(encoding="utf-8")
    assert '"core-lib==1.2.0"' in pyproject.read_text(encoding="utf-8")


def test_no_previous_release_tag_means_no_lockstep_pin(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "my-pkg", {"pyproject.toml": _pyproject("1.2.0"), "requirements.txt": "core==1.2.0\n"})
    assert find_lockstep_pins(root, Version("1.2.0"), ("my-pkg",)) == ()


@pytest.mark.parametrize(
    ("path", "template", "line", "column"),
    [
        ("requirements/base.in", "core >= {v} ; python_version >= '3.9'  # with a marker\n", 1, 9),
        ("docs/requirements-docs.txt", "-r base.txt\ncore[extra]=={v} --hash=sha256:00\n", 2, 14),
        ("setup.cfg", "[options]\ninstall_requires =\n    core=={v}\n    other>=1\n", 3, 11),
        ("setup.cfg", "[options.extras_require]\ncloud = core~={v}\n", 2, 15),
        ("setup.cfg", "[metadata]\nrequires_dist =\n    core>={v},<{v}9\n", 3, 11),
        (
            "setup.py",
            "from setuptools import setup\nREQUIRES = ['core=={v}']\nsetup(install_requires=REQUIRES)\n",
            2,
            20,
        ),
        ("setup.py", "from setuptools import setup\nsetup(extras_require={{'x': [\"core>={v}\"]}})\n", 2, 36),
    ],
    ids=[
        "requirements-in-marker",
        "requirements-txt-hash",
        "setup-cfg",
        "setup-cfg-extras",
        "setup-cfg-requires-dist",
        "setup-py",
        "setup-py-extras",
    ],
)
def test_every_requirement_file_is_read(tmp_path: Path, path: str, template: str, line: int, column: int) -> None:
    root = make_repo(tmp_path / "my-pkg", {"pyproject.toml": _pyproject("1.1.0"), path: template.format(v="1.1.0")})
    git(root, "tag", "1.1.0")
    _release(root, {"pyproject.toml": _pyproject("1.2.0"), path: template.format(v="1.2.0")}, "1.2.0")
    pins = find_lockstep_pins(root, Version("1.2.0"), ("my-pkg",))
    assert [(pin.reference.path, pin.reference.line, pin.reference.column, pin.reference.text) for pin in pins] == [
        (path, line, column, "1.2.0")
    ]
