"""The `releasekit` command line: exact output and exit codes for every path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from releasekit.cli import edge as cli
from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "1.2.4"\ndependencies = ["otherlib==1.2.3"]\n'
STALE_FILES = {
    "pyproject.toml": PYPROJECT,
    "src/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
    "tests/test_version.py": 'from my_pkg import __version__\n\n\ndef test_it():\n    assert __version__ == "1.2.3"\n',
}
SUMMARY_SOURCE = "expected 1.2.4 from pyproject.toml:3 ([project].version)"


@pytest.fixture
def stale_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "project", STALE_FILES)


def test_check_reports_every_stale_reference(stale_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(stale_repo)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "src/my_pkg/__init__.py:1:16: RK001 stale version 1.2.3, expected 1.2.4 (dunder-version)",
        "tests/test_version.py:5:28: RK001 stale version 1.2.3, expected 1.2.4 (test-assertion)",
        f"releasekit: 2 stale version references in 2 files; {SUMMARY_SOURCE}",
    ]


def test_check_list_shows_every_reference(stale_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list", str(stale_repo)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "pyproject.toml:3:12: ok 1.2.4 (pyproject)",
        "src/my_pkg/__init__.py:1:16: RK001 stale version 1.2.3, expected 1.2.4 (dunder-version)",
        "tests/test_version.py:5:28: RK001 stale version 1.2.3, expected 1.2.4 (test-assertion)",
        f"releasekit: 2 stale version references in 2 files; {SUMMARY_SOURCE}",
    ]


def test_consistent_project_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {**STALE_FILES, "pyproject.toml": PYPROJECT.replace("1.2.4", "1.2.3")}
    root = make_repo(tmp_path / "project", files)
    assert main(["check", str(root)]) == 0
    assert capsys.readouterr().out == (
        "releasekit: 3 references in 3 files agree on 1.2.3 from pyproject.toml:3 ([project].version)\n"
    )


def test_json_format(stale_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(stale_repo)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == "1.2.4"
    assert document["consistent"] is False
    assert document["source"] == {"path": "pyproject.toml", "line": 3, "method": "[project].version", "text": "1.2.4"}
    assert [
        (item["path"], item["line"], item["column"], item["kind"], item["stale"]) for item in document["references"]
    ] == [
        ("pyproject.toml", 3, 12, "pyproject", False),
        ("src/my_pkg/__init__.py", 1, 16, "dunder-version", True),
        ("tests/test_version.py", 5, 28, "test-assertion", True),
    ]


def test_current_directory_is_the_default(
    stale_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(stale_repo)
    assert main(["check"]) == 1
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == f"releasekit: 2 stale version references in 2 files; {SUMMARY_SOURCE}"
    )


def test_github_actions_annotations_and_summary(
    stale_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", str(stale_repo)]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "::error file=src/my_pkg/__init__.py,line=1,col=16,title=RK001::"
        "stale version 1.2.3, expected 1.2.4 (dunder-version)",
        "::error file=tests/test_version.py,line=5,col=28,title=RK001::"
        "stale version 1.2.3, expected 1.2.4 (test-assertion)",
    ]
    assert summary.read_text(encoding="utf-8") == (
        "### releasekit: stale version references\n\n| where | code | problem |\n|---|---|---|\n"
        "| `src/my_pkg/__init__.py:1:16` | RK001 | stale version 1.2.3, expected 1.2.4 (dunder-version) |\n"
        "| `tests/test_version.py:5:28` | RK001 | stale version 1.2.3, expected 1.2.4 (test-assertion) |\n\n"
    )


def test_version_command(stale_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version", str(stale_repo)]) == 0
    assert capsys.readouterr().out == "1.2.4\n"
    assert main(["version", "--json", str(stale_repo)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "version": "1.2.4",
        "text": "1.2.4",
        "path": "pyproject.toml",
        "line": 3,
        "method": "[project].version",
    }


def test_kinds_command_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    from releasekit.references.kinds import KINDS

    assert main(["kinds"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{kind.id}\t{kind.description}" for kind in KINDS]


@pytest.mark.parametrize(
    ("argv", "code"),
    [([], 2), (["frobnicate"], 2), (["check", "--format", "xml"], 2), (["--help"], 0), (["--version"], 0)],
    ids=["no-command", "unknown-command", "bad-choice", "help", "version-flag"],
)
def test_usage(argv: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    captured = capsys.readouterr()
    if code == 2:
        assert captured.err.startswith("usage: releasekit")
    elif argv == ["--version"]:
        assert captured.out == "releasekit 0.1.0\n"


def test_explicit_empty_argv_does_not_read_sys_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["releasekit", "kinds"])
    assert main([]) == 2


@pytest.mark.parametrize(
    ("files", "out", "err", "code"),
    [
        (
            {"pyproject.toml": '[project]\nname = "x"\nversion = 1.2.3\n'},
            "pyproject.toml:3:14: RK903 malformed TOML: Expected newline or end of document after a statement\n",
            "releasekit: configuration error: pyproject.toml is not valid TOML\n"
            "releasekit: hint: fix the TOML syntax at that line\n",
            2,
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\nversion = "1.0"\n[tool.releasekit]\nexclued = []\n'},
            "pyproject.toml:5:1: RK901 unknown key 'exclued' in [tool.releasekit] (did you mean 'exclude'?)\n",
            "releasekit: configuration error: 1 problem in [tool.releasekit]\n"
            "releasekit: hint: see the README's table of [tool.releasekit] keys\n",
            2,
        ),
        (
            {"README.md": "nothing here\n"},
            "",
            "releasekit: error: no canonical version found; looked for "
            "[tool.releasekit] version-source, [project].version, the build backend's dynamic version source "
            "(hatch, setuptools, flit, pdm, poetry), setup.cfg [metadata] version, a literal version= in setup.py, "
            "a VERSION file, the package's __version__ or version tuple, and the latest git tag\n"
            "releasekit: hint: set [project].version, "
            "or [tool.releasekit] version-source = {file = ..., pattern = ...}\n",
            2,
        ),
    ],
    ids=["malformed-toml", "unknown-key", "no-version"],
)
def test_configuration_errors(  # noqa: PLR0917 - one argument per table column
    tmp_path: Path, files: dict[str, str], out: str, err: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "project", files)
    assert main(["check", str(root)]) == code
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (out, err)


def test_empty_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "-q")
    assert main(["check", str(root)]) == 2
    assert capsys.readouterr().err.startswith("releasekit: error: no canonical version found; looked for")


def test_unexpected_error_points_to_a_log(
    stale_repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(root: Path, **options: bool) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr("releasekit.references.check.check_project", explode)
    assert main(["check", str(stale_repo)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "releasekit: unexpected error: RuntimeError('boom')"
    log = Path(err[1].removeprefix("releasekit: details in "))
    assert log.parent == tmp_path
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_ctrl_c_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert cli.run_handler(interrupted) == 130
    assert capsys.readouterr().err == "releasekit: interrupted\n"


def test_python_dash_m(stale_repo: Path) -> None:
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "releasekit", "version", str(stale_repo)], capture_output=True, text=True, check=False
    )
    assert (completed.returncode, completed.stdout) == (0, "1.2.4\n")


# What the hook must never pay for on the everyday path: git libraries, the bump, hashing,
# JSON, archives and fuzzy matching are for other commands or for rare files.
NOT_ON_THE_CHECK_PATH = (
    "git",
    "tomlkit",
    "validate_pyproject",
    "readme_renderer",
    "releasekit.bump.engine",
    "releasekit.git.release",
    "releasekit.bump.recovery",
    "shlex",
    "hashlib",
    "json",
    "shutil",
    "difflib",
)


@pytest.mark.parametrize("run", ["cold", "warm"])
def test_the_check_path_stays_lean(tmp_path: Path, run: str) -> None:
    root = make_repo(tmp_path / "p", {"pyproject.toml": '[project]\nname = "x"\nversion = "1.0.0"\n'})
    script = (
        "import sys\n"
        "from releasekit.cli.main import main\n"
        "code = main(['check', sys.argv[1]])\n"
        f"print(code, sorted(name for name in {NOT_ON_THE_CHECK_PATH!r} if name in sys.modules))\n"
    )
    if run == "warm":
        subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, check=True)
    completed = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, check=True)
    assert completed.stdout.splitlines()[-1] == "0 []"
