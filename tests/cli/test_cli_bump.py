"""`releasekit bump` on the command line: exact output and exit codes, dry runs, prompts refused, recovery."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from releasekit.bump.journal import pending
from releasekit.bump.transaction import FileChange, begin
from releasekit.cli.main import main
from tests.helpers.bump_projects import SMALL, snapshot
from tests.helpers.git_repos import make_repo

CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n- Fixed a crash.\n\n## [1.2.3] - 2025-01-02\n"
NO_TARGET = (
    "releasekit: error: no version to bump to, and no terminal to ask at\n"
    "releasekit: hint: pass a kind (major, minor, patch, pre, post, dev, release) or --new-version X\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "my-pkg", SMALL)
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["bump", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_dry_run_prints_the_diff_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project)
    code, out, err = run(capsys, "patch", "--dry-run", "--no-commit")
    assert (code, err) == (0, "")
    assert out == (
        "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n"
        "-# my-pkg v1.2.3\n+# my-pkg v1.2.4\n \n-`pip install my-pkg==1.2.3`\n+`pip install my-pkg==1.2.4`\n"
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,3 +1,3 @@\n"
        ' [project]\n name = "my-pkg"\n-version = "1.2.3"\n+version = "1.2.4"\n'
        "--- a/src/my_pkg/__init__.py\n+++ b/src/my_pkg/__init__.py\n@@ -1,2 +1,2 @@\n"
        '-__version__ = "1.2.3"\r\n-version_info = (1, 2, 3)\r\n+__version__ = "1.2.4"\r\n+version_info = (1, 2, 4)\r\n'
        "--- a/tests/test_version.py\n+++ b/tests/test_version.py\n@@ -2,4 +2,4 @@\n \n \n def test_it():\n"
        '-    assert __version__ == "1.2.3"\n\\ No newline at end of file\n'
        '+    assert __version__ == "1.2.4"\n\\ No newline at end of file\n'
        "releasekit: would bump 1.2.3 \u2192 1.2.4: 6 references in 4 files (dry run: nothing written)\n"
    )
    assert snapshot(project) == before


def test_bump_with_a_changelog(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    code, out, err = run(capsys, "minor", "--no-commit")
    assert (code, err) == (0, "")
    assert out == (
        "releasekit: bumped 1.2.3 \u2192 1.3.0: 6 references in 4 files, verified\n"
        "releasekit: CHANGELOG.md: released the Unreleased section as 1.3.0\n"
    )
    assert (
        (project / "CHANGELOG.md")
        .read_text(encoding="utf-8")
        .startswith("# Changelog\n\n## [Unreleased]\n\n## [1.3.0] - ")
    )
    assert main(["check"]) == 0


POETRY_STYLE = (
    "# Change Log\n\n## [1.2.3] - 2025-01-02\n\n- First.\n\n"
    "[Unreleased]: https://github.com/me/my-pkg/compare/v1.2.3...main\n"
    "[1.2.3]: https://github.com/me/my-pkg/releases/tag/v1.2.3\n"
)


def test_a_changelog_without_an_unreleased_section_gets_its_compare_link_moved(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "CHANGELOG.md").write_text(POETRY_STYLE, encoding="utf-8")
    code, out, err = run(capsys, "patch", "--no-commit")
    assert (code, err) == (0, "")
    assert out == (
        "releasekit: bumped 1.2.3 \u2192 1.2.4: 6 references in 4 files, verified\n"
        "releasekit: CHANGELOG.md: no Unreleased section; moved the [Unreleased] compare link on to 1.2.4 "
        "(the release notes are yours to write)\n"
    )
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == POETRY_STYLE.replace(
        "compare/v1.2.3...main", "compare/v1.2.4...main"
    )
    assert main(["check"]) == 0


def test_new_version_and_fix_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "README.md").write_text("# my-pkg v1.2.2\n", encoding="utf-8")
    code, out, err = run(capsys, "--new-version", "v2.0.0", "--no-commit")
    assert code == 1
    assert out == "README.md:1:10: RK001 stale version 1.2.2, expected 1.2.3 (docs-mention)\n"
    assert err == (
        "releasekit: validation error: 1 reference is already stale; bump refuses to start\n"
        "releasekit: hint: fix them first, or pass --fix-stale to rewrite them to the new version too\n"
    )
    code, out, err = run(capsys, "--new-version", "v2.0.0", "--no-commit", "--fix-stale")
    assert (code, err) == (0, "")
    assert out == (
        "README.md:1:10: fixed stale version 1.2.2 \u2192 2.0.0 (docs-mention)\n"
        "releasekit: bumped 1.2.3 \u2192 2.0.0: 5 references in 4 files, verified\n"
    )
    assert (project / "README.md").read_text(encoding="utf-8") == "# my-pkg v2.0.0\n"


@pytest.mark.parametrize(
    ("argv", "err"),
    [
        ([], NO_TARGET),
        (["--yes"], NO_TARGET),
        (
            ["patch", "--new-version", "2.0"],
            "releasekit: error: give either a bump kind or --new-version, not both\n"
            "releasekit: hint: for example `releasekit bump patch` or `releasekit bump --new-version 2.0`\n",
        ),
        (
            ["--new-version", "1.2"],
            "releasekit: error: 1.2 is lower than the current version 1.2.3\n"
            "releasekit: hint: pass --allow-downgrade if going back is really what you want\n",
        ),
        (
            ["--new-version", "one"],
            "releasekit: error: 'one' is not a valid PEP 440 version\n"
            "releasekit: hint: use a version such as 1.2.3, 1.2.3rc1, 1.2.3.post1 or 1.2.3.dev1\n",
        ),
        (
            ["release"],
            "releasekit: error: 1.2.3 is already a final release: there is no pre- or dev-part to drop\n"
            "releasekit: hint: use major, minor or patch for the next release\n",
        ),
        (
            ["--recover"],
            "releasekit: error: no interrupted bump to recover\n"
            "releasekit: hint: `releasekit check` shows the project state\n",
        ),
    ],
    ids=["no-target", "yes-without-target", "both", "downgrade", "invalid", "release-of-final", "nothing-to-recover"],
)
def test_usage_errors(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], err: str) -> None:
    before = snapshot(project)
    assert run(capsys, *argv, "--no-commit") == (2, "", err)
    assert snapshot(project) == before


def test_downgrade_when_allowed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--new-version", "1.2", "--allow-downgrade", "--no-commit")
    assert (code, out) == (0, "releasekit: bumped 1.2.3 \u2192 1.2: 6 references in 4 files, verified\n")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("ci", ["true", "1"], ids=["ci-true", "ci-1"])
def test_never_prompts_in_ci(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setenv("CI", ci)
    assert run(capsys, "--no-commit") == (2, "", NO_TARGET)


def test_yes_never_prompts(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("patch\n\ny\n"))
    monkeypatch.delenv("CI", raising=False)
    assert run(capsys, "--no-commit", "--yes") == (2, "", NO_TARGET)


MENU = (
    "Current version: 1.2.3\n"
    "  1. major  2.0.0\n"
    "  2. minor  1.3.0\n"
    "  3. patch  1.2.4\n"
    "  4. pre    1.2.4a1\n"
    "  5. post   1.2.3.post1\n"
    "  6. dev    1.2.4.dev1\n"
)


def test_a_person_at_a_terminal_is_asked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("minor\ny\n"))
    monkeypatch.delenv("CI", raising=False)
    code, out, err = run(capsys, "--no-commit")
    assert (code, err) == (0, "")
    assert out.startswith(MENU)
    assert "Comment for the release commit" not in out  # --no-commit: there is no commit to comment on
    assert "-# my-pkg v1.2.3\n+# my-pkg v1.3.0\n" in out
    assert out.endswith("releasekit: bumped 1.2.3 \u2192 1.3.0: 6 references in 4 files, verified\n")
    assert (project / "README.md").read_text(encoding="utf-8").startswith("# my-pkg v1.3.0\n")


def test_declining_at_the_terminal_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project)
    monkeypatch.setattr("sys.stdin", Terminal("patch\n\nn\n"))
    monkeypatch.delenv("CI", raising=False)
    code, out, err = run(capsys, "--no-commit")
    assert (code, err) == (0, "releasekit: bump cancelled; nothing changed\n")
    assert out.startswith(MENU)
    assert snapshot(project) == before


def test_recover_finishes_a_verified_bump(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = project / "README.md"
    change = FileChange("README.md", readme.read_bytes(), b"# my-pkg v1.2.4\n")
    transaction = begin(project, [change], old="1.2.3", new="1.2.4")
    transaction.write()
    transaction.mark_verified()
    assert run(capsys, "patch", "--no-commit") == (
        1,
        "",
        "releasekit: error: a bump from 1.2.3 to 1.2.4 was interrupted (verified); 1 file may be half-bumped\n"
        "releasekit: hint: run `releasekit bump --recover` to restore the files (or finish a verified bump)\n",
    )
    assert run(capsys, "--recover") == (
        0,
        "releasekit: finished the bump to 1.2.4: every file was written and verified (1 file); "
        "`git status` and `git log` show whether it was committed\n",
        "",
    )
    assert readme.read_bytes() == b"# my-pkg v1.2.4\n"
    assert pending(project) is None


def test_a_failing_gate_exits_1_with_its_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write('\n[tool.releasekit]\nverify-command = "git diff --exit-code --stat"\n')
    before = snapshot(project)
    code, out, err = run(capsys, "patch", "--no-commit")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "releasekit: error: verify-command failed (exit 1): git diff --exit-code --stat",
        " README.md              | 4 ++--",
        " pyproject.toml         | 5 ++++-",  # the version, and the three lines of the gate's own setting
        " src/my_pkg/__init__.py | 4 ++--",
        " tests/test_version.py  | 2 +-",
        " 4 files changed, 9 insertions(+), 6 deletions(-)",
        "releasekit: hint: every file was restored to 1.2.3; fix what the gate reports, then bump again",
    ]
    assert snapshot(project) == before
