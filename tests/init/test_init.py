"""`releasekit init`: an empty project, one with its own pre-commit config and tox.ini, and second runs."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from releasekit import __version__
from releasekit.cli.main import main
from releasekit.init.source import published
from releasekit.init.templates import pre_commit_config, publish_workflow, status_workflow, tox_ini
from tests.helpers.git_repos import git, make_repo

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "0.3.0"\n'
EXPECTED_FILES = (
    ".github/workflows/pypi-publish.yml",
    ".github/workflows/security-status.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "pyproject.toml",
    "tox.ini",
)
TABLE = (
    "\n[tool.releasekit]\n"
    "# Detected by `releasekit init`; every key is optional (see releasekit's README).\n"
    'tag-name = "v{version}"\n'
)
USER_PRE_COMMIT = """\
# Our hooks: keep black first.
repos:
  # formatting
  - repo: https://github.com/psf/black
    rev: 24.1.0  # pinned on purpose
    hooks:
      - id: black
  # - repo: https://github.com/example/disabled
default_stages: [pre-commit]
"""
USER_TOX = """\
[tox]
env_list = py

[testenv]
commands = pytest

# Our own bump: keep it.
[testenv:bump]
deps = releasekit
commands = releasekit bump --yes {posargs}
"""


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "my-pkg", {"pyproject.toml": PYPROJECT})
    git(root, "remote", "add", "origin", "git@github.com:Me/My-Pkg.git")
    return root


def notes(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith((".", "pyproject", "tox", "releasekit init"))]


def test_gitignore_gets_only_what_it_lacks(empty_project: Path) -> None:
    (empty_project / ".gitignore").write_text("/dist\n.tox/\n*.pyc", encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    assert (empty_project / ".gitignore").read_text(encoding="utf-8") == (
        "/dist\n.tox/\n*.pyc\n\n# releasekit: distributions, tox environments, security scans and the status page\n"
        "security/scan/\nsecurity/status/\nsite/\n"
    )


def test_an_empty_project_gets_everything(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(empty_project)]) == 0
    output = capsys.readouterr().out
    assert notes(output) == [
        ".pre-commit-config.yaml: created",
        "tox.ini: created",
        "pyproject.toml: updated: added [tool.releasekit]",
        ".gitignore: created",
        ".github/workflows/pypi-publish.yml: created",
        ".github/workflows/security-status.yml: created",
        "releasekit init: 6 files changed",
    ]
    files = {path: content.decode() for path, content in snapshot(empty_project).items()}
    assert sorted(files) == list(EXPECTED_FILES)
    assert files[".pre-commit-config.yaml"] == pre_commit_config(published(__version__))
    assert files["tox.ini"] == tox_ini(published(__version__))
    assert files["pyproject.toml"] == PYPROJECT + TABLE
    assert files[".github/workflows/pypi-publish.yml"] == publish_workflow(published(__version__))
    assert files[".github/workflows/security-status.yml"] == status_workflow(published(__version__))
    assert "     Owner:             Me\n     Repository name:   My-Pkg\n" in output
    assert "     PyPI project name: my-pkg\n" in output


def test_an_empty_folder_gets_the_files_and_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    assert notes(capsys.readouterr().out) == [
        ".pre-commit-config.yaml: created",
        "tox.ini: created",
        ".gitignore: created",
        ".github/workflows/pypi-publish.yml: created",
        ".github/workflows/security-status.yml: created",
        "pyproject.toml: none, so no [tool.releasekit] table (every setting has a default)",
        "releasekit init: 5 files changed",
    ]
    assert sorted(snapshot(tmp_path)) == sorted(set(EXPECTED_FILES) - {"pyproject.toml"})


def test_a_second_run_changes_nothing(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(empty_project)]) == 0
    first = snapshot(empty_project)
    capsys.readouterr()
    assert main(["init", str(empty_project)]) == 0
    assert snapshot(empty_project) == first
    assert notes(capsys.readouterr().out) == [
        ".pre-commit-config.yaml: unchanged",
        "tox.ini: unchanged",
        "pyproject.toml: unchanged",
        ".gitignore: unchanged",
        ".github/workflows/pypi-publish.yml: unchanged",
        ".github/workflows/security-status.yml: unchanged",
        "releasekit init: 0 files changed",
    ]


def test_dry_run_shows_the_diff_and_writes_nothing(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(empty_project)
    assert main(["init", "--dry-run", str(empty_project)]) == 0
    assert snapshot(empty_project) == before
    output = capsys.readouterr().out
    assert output.startswith("--- /dev/null\n+++ b/.pre-commit-config.yaml\n@@ -0,0 +1,7 @@\n")
    assert (
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,3 +1,7 @@\n"
        ' [project]\n name = "my-pkg"\n version = "0.3.0"\n+\n+[tool.releasekit]\n'
    ) in output
    assert "releasekit init: 6 files would change (dry run: nothing written)\n" in output


def test_existing_pre_commit_config_and_tox_ini_keep_every_byte(
    empty_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (empty_project / ".pre-commit-config.yaml").write_text(USER_PRE_COMMIT, encoding="utf-8")
    (empty_project / "tox.ini").write_text(USER_TOX, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    assert notes(capsys.readouterr().out)[:2] == [
        ".pre-commit-config.yaml: updated: added releasekit's hooks",
        "tox.ini: updated: added [testenv:build], [testenv:validate], [testenv:publish], [testenv:security]",
    ]
    assert (empty_project / ".pre-commit-config.yaml").read_text(encoding="utf-8") == USER_PRE_COMMIT.replace(
        "  # - repo: https://github.com/example/disabled\n",
        "  - repo: https://github.com/releasekit/releasekit\n"
        f"    rev: v{__version__}\n"
        "    hooks:\n"
        "      - id: version-consistency\n"
        "      - id: check-metadata\n"
        "  # - repo: https://github.com/example/disabled\n",
    )
    tox = (empty_project / "tox.ini").read_text(encoding="utf-8")
    assert tox.startswith(USER_TOX + "\n[testenv:build]\n")
    assert tox.count("[testenv:bump]") == 1
    first = snapshot(empty_project)
    assert main(["init", str(empty_project)]) == 0
    assert snapshot(empty_project) == first


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ("repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: x\n    language: system\n", "compact"),
        ("repos: []  # none yet\nci:\n  autofix: false\n", "empty"),
        ("fail_fast: true", "no-repos"),
        ("# nothing yet\n", "comments"),
    ],
    ids=["compact-indentation", "empty-flow-list", "no-repos-key", "comments-only"],
)
def test_pre_commit_layouts(empty_project: Path, existing: str, expected: str) -> None:
    (empty_project / ".pre-commit-config.yaml").write_text(existing, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    text = (empty_project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    entry = f"- repo: https://github.com/releasekit/releasekit\n  rev: v{__version__}\n  hooks:\n"
    hooks = "- id: version-consistency\n- id: check-metadata\n"
    if expected == "compact":
        assert text == existing + entry + "".join(f"  {line}\n" for line in hooks.splitlines())
    elif expected == "empty":
        assert text.startswith("repos:  # none yet\n  - repo: https://github.com/releasekit/releasekit\n")
        assert text.endswith("      - id: check-metadata\nci:\n  autofix: false\n")
    else:
        assert text.startswith((existing + "\n") if not existing.endswith("\n") else existing)
        assert text.endswith("repos:\n" + pre_commit_config(published(__version__)).split("repos:\n", 1)[1])


def test_the_written_config_is_one_pre_commit_accepts(empty_project: Path, tmp_path: Path) -> None:
    (empty_project / ".pre-commit-config.yaml").write_text(USER_PRE_COMMIT, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=empty_project,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_an_edited_workflow_is_kept(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workflow = empty_project / ".github" / "workflows" / "pypi-publish.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: ours\n", encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    assert workflow.read_text(encoding="utf-8") == "name: ours\n"
    assert ".github/workflows/pypi-publish.yml: kept: it differs from releasekit's (your edits stay)\n" in (
        capsys.readouterr().out
    )


def test_an_existing_releasekit_table_is_the_users(empty_project: Path) -> None:
    pyproject = PYPROJECT + "\n[tool.releasekit]\npush = false  # we push by hand\n"
    (empty_project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    assert (empty_project / "pyproject.toml").read_text(encoding="utf-8") == pyproject


def test_tags_without_a_prefix_are_detected(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "project", {"pyproject.toml": PYPROJECT})
    git(root, "tag", "0.3.0")
    assert main(["init", str(root)]) == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8").endswith('tag-name = "{version}"\n')
    assert '    tags: ["[0-9]*"]\n' in (root / ".github/workflows/pypi-publish.yml").read_text(encoding="utf-8")


def test_without_a_github_remote_the_steps_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "project", {"pyproject.toml": PYPROJECT})
    assert main(["init", "--dry-run", str(root)]) == 0
    output = capsys.readouterr().out
    assert "     Owner:             OWNER\n" in output
    assert "(No GitHub remote `origin` was found: OWNER and REPOSITORY stand for yours.)\n" in output


def test_native_tox_configuration_in_pyproject(empty_project: Path) -> None:
    pyproject = (
        PYPROJECT
        + '\n[tool.tox]\nrequires = ["tox>=4.22"]  # native TOML\n\n[tool.tox.env.py]\ncommands = [["pytest"]]\n'
    )
    (empty_project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    assert not (empty_project / "tox.ini").exists()
    text = (empty_project / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith(pyproject)
    data = tomllib.loads(text)
    environments = data["tool"]["tox"]["env"]
    assert list(environments) == ["py", "bump", "build", "validate", "publish", "security"]
    assert environments["bump"]["commands"] == [["releasekit", "bump", {"replace": "posargs", "extend": True}]]
    assert environments["publish"]["pass_env"] == [
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_URL",
        "CI",
        "GITHUB_*",
        "PYPI_API_TOKEN",
        "TWINE_*",
        "PYTHON_KEYRING_BACKEND",
        "DBUS_SESSION_BUS_ADDRESS",
        "XDG_RUNTIME_DIR",
    ]
    assert data["tool"]["releasekit"] == {"tag-name": "v{version}"}
    first = snapshot(empty_project)
    assert main(["init", str(empty_project)]) == 0
    assert snapshot(empty_project) == first


def test_legacy_tox_ini_string_in_pyproject(empty_project: Path) -> None:
    pyproject = PYPROJECT + "\n[tool.tox]\nlegacy_tox_ini = '''\n[tox]\nenv_list = py\n'''\n"
    (empty_project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert main(["init", str(empty_project)]) == 0
    legacy = tomllib.loads((empty_project / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["tox"]
    assert legacy["legacy_tox_ini"].startswith("[tox]\nenv_list = py\n\n[testenv:bump]\n")
    assert "commands = releasekit publish {posargs}\n" in legacy["legacy_tox_ini"]


def test_tox_reads_the_environments_it_was_given(empty_project: Path) -> None:
    """tox itself resolves the new environments: the commands with their arguments, what they pass."""
    assert main(["init", str(empty_project)]) == 0
    completed = subprocess.run(
        [sys.executable, "-m", "tox", "config", "-e", "bump,publish", "-k", "commands", "pass_env", "--", "patch"],
        cwd=empty_project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "commands = releasekit bump patch\n" in completed.stdout
    assert "commands = releasekit publish patch\n" in completed.stdout
    assert "  ACTIONS_ID_TOKEN_REQUEST_URL\n" in completed.stdout


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        (".pre-commit-config.yaml", "repos:\n  - repo: [\n", "releasekit: error: .pre-commit-config.yaml:3:1: "),
        (".pre-commit-config.yaml", "repos: [{repo: local, hooks: []}]\n", "`repos` is a flow-style list"),
        ("tox.ini", "[tox\n", "releasekit: error: tox.ini: not a valid ini file"),
    ],
    ids=["yaml-syntax", "flow-list", "ini-syntax"],
)
def test_a_file_init_cannot_edit_stops_it_before_any_write(
    empty_project: Path, file: str, text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (empty_project / file).write_text(text, encoding="utf-8")
    before = snapshot(empty_project)
    assert main(["init", str(empty_project)]) == 2
    assert snapshot(empty_project) == before
    assert message in capsys.readouterr().err


def test_crlf_line_endings_stay(empty_project: Path) -> None:
    (empty_project / "tox.ini").write_bytes(USER_TOX.replace("\n", "\r\n").encode())
    assert main(["init", str(empty_project)]) == 0
    assert (empty_project / "tox.ini").read_bytes().startswith(USER_TOX.replace("\n", "\r\n").encode())
