"""The project's identity: its distribution name from pyproject, setup.cfg or setup.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.project.identity import distribution_name, load_pyproject, setup_py_name
from tests.helpers.git_repos import write_files


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("setup(name='my-pkg', version='1.0')\n", "my-pkg"),
        ('setup(\n    name = "my_pkg",\n)\n', "my_pkg"),
        # celery: a module-level constant.
        ("NAME = 'celery'\n\nsetuptools.setup(name=NAME, version=meta['version'])\n", "celery"),
        # A keyword default that is no constant comes first; the call's constant still resolves.
        ('def f(name=None):\n    pass\n\nNAME = "my-pkg"\nsetup(name=NAME)\n', "my-pkg"),
        ("setup(name=get_name())\n", None),
        ("setup(name=NAME)\n", None),
        ("", None),
    ],
    ids=["literal", "spaced", "constant", "default-then-constant", "call", "unresolved", "empty"],
)
def test_setup_py_name(text: str, expected: str | None) -> None:
    assert setup_py_name(text) == expected


def test_a_setup_py_constant_wins_over_the_checkout_folder(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    write_files(root, {"setup.py": "NAME = 'celery'\nsetup(name=NAME)\n"})
    assert distribution_name(root, load_pyproject(root)) == "celery"


def test_the_folder_name_is_the_last_resort(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    write_files(root, {"setup.py": "setup(name=compute())\n"})
    assert distribution_name(root, load_pyproject(root)) == "checkout"
