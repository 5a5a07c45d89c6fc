"""This repository's GitHub workflows: GitHub's schema and zizmor (both real, from PyPI), and the hardening rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from releasekit import __version__
from releasekit.init.source import REPOSITORY_URL, Source, from_git, published
from releasekit.init.templates import publish_workflow, status_workflow
from tests.helpers.pre_commit_harness import source_root

WORKFLOWS = source_root() / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
_PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>\S+)(?P<comment>\s+#\s+v\d+\S*)?\s*$")


def tool(name: str) -> str:
    """A console script installed beside the tests' Python."""
    return str(Path(sys.executable).parent / name)


def lint(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def triggers(document: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` table (YAML 1.1, which PyYAML reads, makes the key `on` the boolean true)."""
    found: dict[str, Any] = document[True]
    return found


def jobs(path: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = load(path)["jobs"]
    return found


def test_the_workflows_are_there() -> None:
    assert [path.name for path in FILES] == [
        "ci.yml",
        "pypi-publish.yml",
        "reusable-pypi-publish.yml",
        "reusable-security-status.yml",
        "security-status.yml",
    ]


def test_github_workflow_schema_through_check_jsonschema() -> None:
    completed = lint(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, FILES))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout == "ok -- validation done\n"


def test_zizmor_offline_has_no_finding() -> None:
    completed = lint(tool("zizmor"), "--offline", "--persona", "auditor", "--no-progress", str(WORKFLOWS))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No findings to report" in completed.stdout


def test_zizmor_would_catch_a_template_injection(tmp_path: Path) -> None:
    """The check above can fail: the same zizmor flags a title pasted into a script."""
    workflow = tmp_path / "bad.yml"
    workflow.write_text(
        "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n',
        encoding="utf-8",
    )
    completed = lint(tool("zizmor"), "--offline", "--no-progress", str(workflow))
    assert completed.returncode != 0
    assert "template-injection" in completed.stdout


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_no_permission_at_the_top_and_each_job_says_its_own(path: Path) -> None:
    document = load(path)
    assert document["permissions"] == {}
    for name, job in jobs(path).items():
        assert "permissions" in job, f"{path.name}: job {name} inherits permissions"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_action_is_pinned_by_commit_with_its_version(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "uses:" not in line or "uses: $/" in line:
            continue
        match = _PINNED.match(line)
        assert match, f"{path.name}:{number}: not a `uses: owner/action@SHA # vX` line: {line.strip()}"
        assert re.fullmatch(r"[0-9a-f]{40}", match["sha"]), f"{path.name}:{number}: not pinned by commit"
        assert match["comment"], f"{path.name}:{number}: no version comment"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_checkouts_keep_no_credentials_and_scripts_take_expressions_from_env(path: Path) -> None:
    for name, job in jobs(path).items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"
            assert "${{" not in step.get("run", ""), f"{path.name}: {name}: an expression inside run:"


def test_only_the_publish_job_may_ask_for_an_oidc_token_and_it_runs_in_its_environment() -> None:
    publish = jobs(WORKFLOWS / "reusable-pypi-publish.yml")
    granted = {name: job["permissions"] for name, job in publish.items()}
    assert [name for name, permissions in granted.items() if permissions.get("id-token") == "write"] == ["publish"]
    assert [name for name, permissions in granted.items() if permissions.get("issues") == "write"] == ["notify"]
    assert publish["notify"]["permissions"] == {"issues": "write"}
    assert publish["publish"]["environment"] == {"name": "${{ inputs.environment }}"}
    trigger = triggers(load(WORKFLOWS / "reusable-pypi-publish.yml"))
    assert trigger["workflow_call"]["inputs"]["environment"]["default"] == "pypi-publishing"
    tox_runs = [
        re.findall(r"tox run -e (\w+)", step.get("run", "")) for job in publish.values() for step in job["steps"]
    ]
    assert [environment for found in tox_runs for environment in found] == ["build", "validate", "publish"]


def test_the_pages_deployment_alone_writes_pages() -> None:
    status = jobs(WORKFLOWS / "reusable-security-status.yml")
    assert status["deploy"]["environment"]["name"] == "github-pages"
    assert status["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert [name for name, job in status.items() if job["permissions"].get("pages") == "write"] == ["deploy"]
    assert [name for name, job in status.items() if job["permissions"].get("contents") == "write"] == ["release"]


def test_this_repository_calls_the_reusable_forms() -> None:
    publish = load(WORKFLOWS / "pypi-publish.yml")
    assert triggers(publish)["push"] == {"tags": ["v*"]}
    assert set(triggers(publish)["workflow_dispatch"]["inputs"]) == {"dry-run", "repository"}
    assert triggers(publish)["workflow_dispatch"]["inputs"]["repository"]["options"] == ["pypi", "testpypi"]
    assert publish["jobs"]["pypi-publish"]["uses"] == "$/.github/workflows/reusable-pypi-publish.yml"
    status = load(WORKFLOWS / "security-status.yml")
    assert triggers(status)["schedule"] == [{"cron": "23 5 * * 1"}]
    assert status["jobs"]["security-status"]["uses"] == "$/.github/workflows/reusable-security-status.yml"
    for document in (publish, status):
        assert document["concurrency"]["cancel-in-progress"] is False


def test_this_repository_calls_them_as_init_makes_every_project_call_them() -> None:
    assert (WORKFLOWS / "pypi-publish.yml").read_text(encoding="utf-8") == publish_workflow(
        published(__version__), here=True
    )
    assert (WORKFLOWS / "security-status.yml").read_text(encoding="utf-8") == status_workflow(
        published(__version__), here=True
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (published(__version__), ["unpinned-uses", "unpinned-uses"]),
        (from_git(REPOSITORY_URL, "0123456789abcdef0123456789abcdef01234567"), []),
    ],
    ids=["released-tag", "git-commit"],
)
def test_the_callers_init_writes_pass_the_schema_and_zizmor_asks_only_for_a_commit_pin(
    tmp_path: Path, source: Source, expected: list[str]
) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "pypi-publish.yml").write_text(publish_workflow(source), encoding="utf-8")
    (folder / "security-status.yml").write_text(status_workflow(source), encoding="utf-8")
    files = sorted(map(str, folder.iterdir()))
    schema = lint(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    zizmor = lint(tool("zizmor"), "--offline", "--persona", "auditor", "--no-progress", "--format", "json", str(folder))
    findings = json.loads(zizmor.stdout)
    assert sorted(finding["ident"] for finding in findings) == expected
