"""One release of a consumer project, end to end, with real git, pre-commit, tox, pip and a bare remote.

The project is made by the test (a package, its tests, docs and a changelog, tagged v0.4.0 and
pushed to a bare remote) and set up by `releasekit init`. Its tox environments install releasekit
from one wheel built from this work tree (a local find-links), the hook from a git copy of it.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from releasekit import __version__
from releasekit.cli.main import main
from releasekit.init import source
from releasekit.init.source import REPOSITORY_URL
from tests.helpers.actions_runner import Runner
from tests.helpers.fault_proxy import FaultPlan, running_proxy
from tests.helpers.http_stubs import running_stub
from tests.helpers.index_server import MINTED_TOKEN, PASSWORD, USER, running_index
from tests.helpers.pre_commit_harness import Sandbox, pre_commit, run, run_ok, source_root
from tests.publish.oidc_stand_ins import REQUEST_TOKEN
from tests.publish.oidc_stand_ins import routes as oidc_routes
from tests.security.recorded import HIGH_V3, audit_report, dependency, osv_record, vuln, write, write_records

pytestmark = pytest.mark.e2e

REUSABLE = source_root() / ".github" / "workflows"
GITHUB_TOKEN = "ghs-canary-runner-token-51c9e0"  # noqa: S105 - a canary
NAME = "tidy-greeting"
PACKAGE = "tidy_greeting"
START = "0.4.0"
FILES = {
    "pyproject.toml": f"""\
[build-system]
requires = ["hatchling>=1.26"]
build-backend = "hatchling.build"

[project]
name = "{NAME}"
version = "{START}"
description = "Greetings, tidily: a small project released end to end in releasekit's tests."
readme = "README.md"
license = "MIT"
license-files = ["LICENSE"]
requires-python = ">=3.11"
authors = [{{ name = "Tidy Maintainers", email = "maintainers@tidy-greeting.example.org" }}]
classifiers = [
    "Development Status :: 4 - Beta",
    "Programming Language :: Python :: 3",
    "Operating System :: OS Independent",
]

[tool.hatch.build.targets.sdist]
include = ["src", "tests", "docs", "README.md", "CHANGELOG.md", "LICENSE"]
""",
    "README.md": f"# {NAME}\n\nGreetings, tidily.\n\n```console\npip install {NAME}=={START}\n```\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Tidy Maintainers\n",
    "CHANGELOG.md": f"# Changelog\n\n## {START} (2026-11-02)\n\n- First release.\n",
    "docs/index.md": f"# {NAME} {START}\n\n`greet(name)` says hello.\n",
    f"src/{PACKAGE}/__init__.py": f'"""Greetings, tidily."""\n\n__version__ = "{START}"\n\n\n'
    'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n',
    "tests/test_greeting.py": f"import {PACKAGE}\n\n\ndef test_version() -> None:\n"
    f'    assert {PACKAGE}.__version__ == "{START}"\n\n\ndef test_greet() -> None:\n'
    f'    assert {PACKAGE}.greet("you") == "Hello, you!"\n',
    ".gitignore": "__pycache__/\n",
}


class Consumer:
    """The consumer project: its folder, its bare remote, the environment every command runs in."""

    def __init__(self, root: Path, remote: Path, env: dict[str, str]) -> None:
        self.root = root
        self.remote = remote
        self.env = env
        self.timings: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.timings[name] = time.monotonic() - started

    def ok(self, *argv: str, env: Mapping[str, str] | None = None) -> str:
        return run_ok(list(argv), self.root, {**self.env, **(env or {})})

    def remote_tags(self) -> str:
        return self.ok("git", "ls-remote", "--tags", str(self.remote))

    def tox(self, environment: str, *posargs: str, env: Mapping[str, str] | None = None) -> str:
        arguments = [sys.executable, "-m", "tox", "run", "-e", environment]
        return self.ok(*arguments, *(["--", *posargs] if posargs else []), env=env)

    def git(self, *args: str) -> str:
        return self.ok("git", *args)


@pytest.fixture(scope="module")
def releasekit_wheel(tmp_path_factory: pytest.TempPathFactory, sandbox: Sandbox) -> Path:
    """One wheel of this work tree, for every tox environment of the consumer (a find-links folder)."""
    wheelhouse = tmp_path_factory.mktemp("releasekit-wheelhouse")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheelhouse)]
    run_ok([*pip_wheel, str(source_root())], wheelhouse, sandbox.env)
    assert len(list(wheelhouse.glob(f"releasekit-{__version__}-*.whl"))) == 1
    return wheelhouse


@pytest.fixture
def consumer(
    tmp_path: Path, sandbox: Sandbox, releasekit_copy: tuple[Path, str], releasekit_wheel: Path
) -> Iterator[Consumer]:
    env = {
        **sandbox.env,
        # releasekit from the wheel of this work tree; everything else as pip is configured here.
        "PIP_FIND_LINKS": " ".join(filter(None, (str(releasekit_wheel), os.environ.get("PIP_FIND_LINKS")))),
    }
    remote = tmp_path / "remote.git"
    run_ok(["git", "init", "-q", "--bare", "-b", "main", str(remote)], tmp_path, env)
    root = tmp_path / NAME
    root.mkdir()
    project = Consumer(root, remote, env)
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    project.git("init", "-q", "-b", "main")
    project.git("remote", "add", "origin", str(remote))
    project.git("add", "-A")
    project.git("commit", "-q", "-m", f"{NAME} {START}")
    project.git("tag", "-a", f"v{START}", "-m", f"{NAME} {START}")
    project.git("push", "-q", "--follow-tags", "origin", "main")
    yield project


def use_local_hooks(root: Path, copy: tuple[Path, str]) -> None:
    """The hooks `init` configured, from the git copy of this work tree instead of GitHub."""
    config = root / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    repository, sha = copy
    assert f"  - repo: {REPOSITORY_URL}\n    rev: v{__version__}\n" in text
    config.write_text(
        text.replace(REPOSITORY_URL, str(repository)).replace(f"rev: v{__version__}", f"rev: {sha}"), encoding="utf-8"
    )


def workflow_runner(consumer: Consumer, home: Path, event_name: str, ref: str, **given: str) -> Runner:
    """A runner for the consumer's workflows (the repository `me/tidy-greeting`), for one event on ``ref``."""
    expressions = {
        "inputs.python-version": "3.13",
        "inputs.environment": "pypi-publishing",
        "inputs.dry-run": "false",
        "inputs.repository": "pypi",
        "inputs.data-branch": "",
        "inputs.data-branch != ''": "false",
        "inputs.scan-arguments": "",
        "inputs.manual": "false",
        "inputs.bump": "patch",
        "inputs.publish-workflow": "pypi-publish.yml",
        "github.token": GITHUB_TOKEN,
        **given,
    }
    name = ref.rsplit("/", 1)[-1]
    event = {"ref": ref, "repository": {"full_name": f"me/{NAME}"}}
    environment = {
        **consumer.env,
        "GITHUB_REPOSITORY": f"me/{NAME}",
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_REF": ref,
        "GITHUB_REF_NAME": name,
        "GITHUB_REF_TYPE": "tag" if ref.startswith("refs/tags/") else "branch",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "4242",
    }
    return Runner(consumer.root, home, environment, expressions, event)


@contextmanager
def static_site(folder: Path) -> Iterator[str]:
    """GitHub Pages on loopback: ``folder`` served over HTTP; yields the site's base URL."""
    folder.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietFiles, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def index_hashes(simple_url: str) -> dict[str, str]:
    """file name -> sha256, from the index's simple page of the project (PEP 503 `#sha256=` links)."""
    with urllib.request.urlopen(f"{simple_url}{NAME}/", timeout=10) as response:  # noqa: S310 - loopback
        page = response.read().decode()
    return dict(re.findall(r'href="[^"#]*/([^/"#]+)#sha256=([0-9a-f]{64})"', page))


def built_hashes(dist: Path) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    return {name.lstrip("*"): digest for digest, name in pairs}


def installed_version(consumer: Consumer, simple_url: str, version: str, target: Path) -> str:
    """pip installs the release from the index alone; the installed package says its `__version__`."""
    consumer.ok(
        sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-cache-dir", "--index-url", simple_url,
        "--target", str(target), f"{NAME}=={version}",
    )  # fmt: skip
    script = f"import {PACKAGE}; print({PACKAGE}.__version__)"
    return consumer.ok(sys.executable, "-c", script, env={"PYTHONPATH": str(target)}).strip()


def recorded_scans(folder: Path) -> tuple[Path, Path, Path]:
    """pip-audit reports of two weeks (a HIGH advisory appears in the second) and the OSV records."""
    clean = write(folder / "week-1.json", audit_report(dependency("certifi", "2026.1.1")))
    high = vuln("PYSEC-2026-77", fix=["2026.11.1"], aliases=["GHSA-e2e7-e2e7-e2e7"], description="a bad certificate")
    found = write(folder / "week-2.json", audit_report(dependency("certifi", "2026.1.1", high)))
    records = write_records(folder / "osv", osv_record("PYSEC-2026-77", "certifi", cvss_v3=HIGH_V3))
    return clean, found, records


def test_one_release_end_to_end(
    consumer: Consumer,
    releasekit_copy: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # init pins releasekit as released (releasekit==X): the wheel of this work tree stands in for PyPI.
    monkeypatch.setattr(source, "detect_source", source.published)
    started = time.monotonic()
    root = consumer.root
    dist = root / "dist"
    week_1, week_2, osv = recorded_scans(tmp_path / "scans")
    security_env = {"RELEASEKIT_OSV_DIR": str(osv)}

    with consumer.phase("init, and the commit that adds its files"):
        assert main(["init", str(root)]) == 0
        assert "releasekit init: 6 files changed\n" in capsys.readouterr().out
        use_local_hooks(root, releasekit_copy)
        consumer.ok(*pre_commit("install"))
        consumer.git("add", "-A")
        consumer.git("commit", "-q", "-m", "Release with releasekit")
        consumer.git("push", "-q", "origin", "main")

    with consumer.phase("pre-commit blocks a stale commit"):
        pyproject = root / "pyproject.toml"
        pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(START, "0.4.1", 1), encoding="utf-8")
        blocked = run(["git", "commit", "-q", "-am", "half a release"], root, consumer.env)
        assert blocked.returncode != 0
        assert sorted(line for line in blocked.lines if " RK001 " in line) == [
            f"README.md:6:28: RK001 stale version {START}, expected 0.4.1 (pip-pin)",
            f"docs/index.md:1:17: RK001 stale version {START}, expected 0.4.1 (docs-mention)",
            f"src/{PACKAGE}/__init__.py:3:16: RK001 stale version {START}, expected 0.4.1 (dunder-version)",
            f"tests/test_greeting.py:5:42: RK001 stale version {START}, expected 0.4.1 (test-assertion)",
        ], blocked.output
        consumer.git("checkout", "--", "pyproject.toml")

    with consumer.phase("tox -e bump -- minor"):
        bumped = consumer.tox("bump", "minor", "--yes")
        assert "bumped 0.4.0 \u2192 0.5.0" in bumped, bumped
        assert consumer.git("describe", "--tags", "--exact-match", "HEAD").strip() == "v0.5.0"
        assert "refs/tags/v0.5.0" in consumer.remote_tags()
        assert consumer.git("status", "--porcelain") == ""

    with consumer.phase("tox -e build, tox -e validate"):
        consumer.tox("build")
        assert sorted(path.name for path in dist.iterdir()) == [
            "SHA256SUMS",
            "build-report.json",
            f"{PACKAGE}-0.5.0-py3-none-any.whl",
            f"{PACKAGE}-0.5.0.tar.gz",
        ]
        consumer.tox("validate")
        assert (dist / "validate-report.json").is_file()

    with (
        running_index(tmp_path / "index") as index,
        running_stub(oidc_routes()) as stand_ins,
        running_proxy(
            index.address,
            FaultPlan(script=["reset-after-forward"]),
            {"/_/oidc/": ("127.0.0.1", stand_ins.server_address[1])},
        ) as proxy,
    ):
        with consumer.phase("tox -e publish, through one dropped connection"):
            credentials = {"TWINE_USERNAME": USER, "TWINE_PASSWORD": PASSWORD}
            published = consumer.tox(
                "publish", "--repository-url", proxy.url, "--index-url", index.simple_url, env=credentials
            )
            assert proxy.plan.faults() == ["reset-after-forward"]
            assert PASSWORD not in published
            built = built_hashes(dist)
            assert index_hashes(index.simple_url) == {name: built[name] for name in built if "0.5.0" in name}
            assert installed_version(consumer, index.simple_url, "0.5.0", tmp_path / "installed-0.5.0") == "0.5.0"

        with consumer.phase("tox -e security, week 1"):
            consumer.tox("security", "--audit", str(week_1), env=security_env)
            status = json.loads((root / "security/status/live-status.json").read_text(encoding="utf-8"))
            assert (status["security_grade"], status["vulnerability_summary"]["total"]) == ("A", 0)
            assert (root / "site" / "index.html").is_file()
            decided = consumer.ok(
                sys.executable, "-m", "tox", "exec", "-e", "security", "--", "releasekit", "security", "decide",
                "--previous", "security/status/live-status.json", "--current", "security/status/live-status.json",
            )  # fmt: skip
            assert "no release" in decided

        # GitHub Actions, simulated at its boundary. The project now publishes to this index, and
        # its status page (week 1's) is on "GitHub Pages".
        config = f'\n[tool.releasekit.publish]\nrepository-url = "{proxy.url}"\nindex-url = "{index.simple_url}"\n'
        pyproject.write_text(pyproject.read_text(encoding="utf-8") + config, encoding="utf-8")
        consumer.git("commit", "-q", "-am", "Publish to the team's index")
        consumer.git("push", "-q", "origin", "main")
        pages = tmp_path / "pages"
        shutil.copytree(root / "site", pages)
        shutil.rmtree(root / "security")
        shutil.rmtree(root / "site")
        with (
            static_site(pages) as pages_url,
            consumer.phase("security-status workflow: status, deploy, release jobs"),
        ):
            scheduled = workflow_runner(
                consumer,
                tmp_path / "run-security",
                "schedule",
                "refs/heads/main",
                **{"inputs.scan-arguments": f"--audit {week_2}"},
            )
            scheduled.env.update(security_env)
            scheduled.pages_url, scheduled.pages_folder = pages_url, pages
            status_job = scheduled.run_job(REUSABLE / "reusable-security-status.yml", "status")
            assert status_job.succeeded, status_job.output
            assert status_job.step("decide").outputs["should_release"] == "true", status_job.output
            deployed = scheduled.run_job(REUSABLE / "reusable-security-status.yml", "deploy")
            assert deployed.succeeded, deployed.output
            with urllib.request.urlopen(f"{pages_url}/security-status.json", timeout=10) as response:  # noqa: S310
                assert json.load(response)["vulnerability_summary"]["high"] == 1
            release = scheduled.run_job(REUSABLE / "reusable-security-status.yml", "release")
            assert release.succeeded, release.output
            assert consumer.git("describe", "--tags", "--exact-match", "HEAD").strip() == "v0.5.1"
            assert "refs/tags/v0.5.1" in consumer.remote_tags()
            assert scheduled.gh_calls == [
                ["workflow", "run", "pypi-publish.yml", "--ref", "v0.5.1", "-f", "dry-run=false"]
            ]
            assert release.summary == "dispatched pypi-publish.yml on v0.5.1\n"
            assert GITHUB_TOKEN not in consumer.git("config", "--list", "--local")

        with consumer.phase("pypi-publish workflow, dispatched on v0.5.1: build and publish jobs"):
            shutil.rmtree(dist)  # a fresh checkout of the tag has no dist/
            dispatched = workflow_runner(consumer, tmp_path / "run-publish", "workflow_dispatch", "refs/tags/v0.5.1")
            dispatched.oidc = {
                "ACTIONS_ID_TOKEN_REQUEST_URL": f"{stand_ins.url}/oidc-token",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN": REQUEST_TOKEN,
            }
            build_job = dispatched.run_job(REUSABLE / "reusable-pypi-publish.yml", "build")
            assert build_job.succeeded, build_job.output
            shutil.rmtree(dist)  # the publish job starts from a fresh checkout and the artifact
            publish_job = dispatched.run_job(REUSABLE / "reusable-pypi-publish.yml", "publish")
            assert publish_job.succeeded, publish_job.output
            publish_output = publish_job.step("tox -e publish").output
            assert f"::add-mask::{MINTED_TOKEN}" in publish_output
            assert "releasekit publish: published" in publish_job.summary, publish_job.summary
            built = built_hashes(dist)
            assert {name: digest for name, digest in index_hashes(index.simple_url).items() if "0.5.1" in name} == {
                name: digest for name, digest in built.items() if "0.5.1" in name
            }
            assert installed_version(consumer, index.simple_url, "0.5.1", tmp_path / "installed-0.5.1") == "0.5.1"
            for secret in (MINTED_TOKEN, REQUEST_TOKEN):
                assert secret not in publish_job.summary
                assert secret not in (dist / "publish-report.json").read_text(encoding="utf-8")

    elapsed = time.monotonic() - started
    phases = "; ".join(f"{name}: {seconds:.1f}s" for name, seconds in consumer.timings.items())
    sys.stderr.write(f"\nrelease end to end: {elapsed:.1f}s ({phases})\n")
