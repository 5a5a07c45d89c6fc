"""releasekit's own sdist and wheel, built with `releasekit build`, pass `validate --strict --reproducible --smoke`."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit import __version__
from releasekit.cli.main import main
from tests.helpers.pre_commit_harness import Sandbox
from tests.validate.conftest import use_sandbox


@pytest.mark.e2e
def test_releasekit_builds_and_validates_itself(
    releasekit_copy: tuple[Path, str],
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_sandbox(monkeypatch, sandbox)
    copy, _ = releasekit_copy
    monkeypatch.chdir(copy)
    assert main(["build"]) == 0
    names = sorted(path.name for path in (copy / "dist").iterdir())
    assert names == [
        "SHA256SUMS",
        "build-report.json",
        f"releasekit-{__version__}-py3-none-any.whl",
        f"releasekit-{__version__}.tar.gz",
    ]
    capsys.readouterr()
    assert main(["validate", "--strict", "--reproducible", "--smoke"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out == "releasekit: 2 distributions OK\n"
