"""The changelog's release date: SOURCE_DATE_EPOCH when set, as reproducible builds set the clock."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from releasekit.cli.bump import release_day
from releasekit.cli.main import main
from tests.helpers.git_repos import make_repo


def test_release_day_reads_source_date_epoch() -> None:
    assert release_day({"SOURCE_DATE_EPOCH": "1771459200"}) == datetime.date(2026, 2, 19)
    assert release_day({"SOURCE_DATE_EPOCH": "not a number"}) == datetime.datetime.now(datetime.UTC).date()
    assert release_day({}) == datetime.datetime.now(datetime.UTC).date()


def test_the_release_heading_takes_that_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(
        tmp_path / "pkg",
        {
            "pyproject.toml": '[project]\nname = "pkg"\nversion = "14.3.2"\n',
            "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n- fix\n\n## [14.3.2] - 2026-02-01\n",
        },
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1771459200")
    assert main(["bump", "patch", "--no-commit"]) == 0
    assert (root / "CHANGELOG.md").read_text(encoding="utf-8") == (
        "# Changelog\n\n## [14.3.3] - 2026-02-19\n\n- fix\n\n## [14.3.2] - 2026-02-01\n"
    )
