"""`releasekit publish` in-process against pypiserver: exit codes, exact output, the report, GitHub, canaries."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from releasekit.cli import publish as publish_command
from releasekit.cli.main import main
from tests.github.issues_stand_in import GITHUB_TOKEN, REPOSITORY, IssuesStandIn
from tests.helpers.fault_proxy import FaultPlan, running_proxy
from tests.helpers.http_stubs import running_stub
from tests.helpers.index_server import MINTED_TOKEN, PASSWORD, USER, IndexServer
from tests.publish import oidc_stand_ins
from tests.publish.conftest import Sample

CANARIES = (PASSWORD, MINTED_TOKEN, GITHUB_TOKEN, oidc_stand_ins.SIGNATURE, oidc_stand_ins.REQUEST_TOKEN)


def _project(folder: Path, release: list[Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    (folder / "dist").mkdir()
    for path in release:
        shutil.copy(path, folder / "dist" / path.name)
    monkeypatch.setenv("TWINE_USERNAME", USER)
    monkeypatch.setenv("TWINE_PASSWORD", PASSWORD)
    return folder


@pytest.fixture
def project(in_tmp: Path, release: list[Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder whose dist/ holds a fresh release; credentials in the environment."""
    return _project(in_tmp, release, monkeypatch)


@pytest.fixture
def idle_project(in_tmp: Path, never_uploaded: Sample, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same with the release no test uploads, for runs that stop before uploading anything."""
    return _project(in_tmp, never_uploaded.release, monkeypatch)


def run(arguments: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["publish", "--no-validate", "--timeout", "5", "--verify-timeout", "5", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def assert_no_canary(*texts: str) -> None:
    for text in texts:
        for canary in CANARIES:
            assert canary not in text


def test_publish_then_publish_again(
    project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    wheel, sdist = sorted(path.name for path in (project / "dist").iterdir())
    version = wheel.split("-")[1]
    code, out, err = run(["--repository-url", index_server.url], capsys)
    assert (code, err) == (0, "")
    assert out == (
        f"releasekit: {wheel}: uploaded, verified\n"
        f"releasekit: {sdist}: uploaded, verified\n"
        f"releasekit: published rkpubdemo {version}: every file verified on {index_server.simple_url}; "
        "report in dist/publish-report.json\n"
    )
    report = json.loads((project / "dist" / "publish-report.json").read_text(encoding="utf-8"))
    assert report["outcome"] == "published"
    assert report["credentials"] == "TWINE_USERNAME/TWINE_PASSWORD"
    assert [(f["file"], f["outcome"], f["verified_sha256"] == f["sha256"]) for f in report["files"]] == [
        (wheel, "uploaded", True),
        (sdist, "uploaded", True),
    ]
    assert set(report["files"][0]["attempts"][0]) == {"time", "status", "error_category", "message", "delay"}
    assert report["errors"] == []
    code, out, _err = run(["--repository-url", index_server.url], capsys)
    assert code == 0
    assert out.splitlines()[0] == f"releasekit: {wheel}: already on the index with the same sha256, skipped, verified"
    assert_no_canary(out, err, json.dumps(report))


def test_dry_run_uploads_nothing(
    idle_project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = FaultPlan()
    with running_proxy(index_server.address, plan) as proxy:
        code, out, err = run(["--repository-url", proxy.url, "--dry-run"], capsys)
    assert (code, err) == (0, "")
    assert out.count("would be uploaded") == 2
    assert "dry run: rkpubdemo" in out and "(TWINE_USERNAME/TWINE_PASSWORD would be used)" in out
    assert [method for method, _path, _fault in plan.log] == ["GET"]
    assert not any(path.name in index_server.stored() for path in (idle_project / "dist").iterdir())
    report = json.loads((idle_project / "dist" / "publish-report.json").read_text(encoding="utf-8"))
    assert (report["dry_run"], report["outcome"]) == (True, "dry-run")


def test_wrong_password_is_authentication_exit_4(
    idle_project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWINE_PASSWORD", "canary-wrong-password-31c8e")
    code, out, err = run(["--repository-url", index_server.url], capsys)
    assert (code, err) == (4, "")
    lines = out.splitlines()
    assert lines[2].startswith("releasekit: 1 error:")
    assert lines[3].startswith("  1. [critical] authentication error: the index refused the credentials (HTTP 403")
    assert lines[4] == "releasekit: what to do:"
    assert lines[5].startswith(f"  1. check the token for {index_server.url}")
    report_text = (idle_project / "dist" / "publish-report.json").read_text(encoding="utf-8")
    assert_no_canary(out, report_text)
    assert "canary-wrong-password-31c8e" not in out + report_text


def test_a_tag_for_another_version_stops_before_uploading(
    idle_project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_REF", "refs/tags/v9.9.9")
    code, out, _err = run(["--repository-url", index_server.url], capsys)
    assert code == 1
    assert "[critical] validation error: this CI run is for tag v9.9.9, but the distributions are version" in out
    assert not any(path.name in index_server.stored() for path in (idle_project / "dist").iterdir())


def test_no_credentials_exit_2(
    idle_project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TWINE_PASSWORD")
    code, out, _err = run(["--repository-url", index_server.url], capsys)
    assert code == 2
    assert f"configuration error: no credentials for {index_server.url}" in out


def test_interrupted_run_still_writes_its_report(
    idle_project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupting_gate(_root: Path) -> object:
        def gate(_paths: Sequence[Path]) -> None:
            raise KeyboardInterrupt

        return gate

    monkeypatch.setattr(publish_command, "validate_gate", interrupting_gate)
    code = main(["publish", "--repository-url", index_server.url])
    _out, err = capsys.readouterr()
    assert code == 130
    assert "report of the interrupted run in dist/publish-report.json" in err
    report = json.loads((idle_project / "dist" / "publish-report.json").read_text(encoding="utf-8"))
    assert report["outcome"] == "interrupted"
    assert report["finished"]


def test_in_github_actions_an_issue_follows_the_release(
    project: Path, index_server: IndexServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trusted Publishing refused, then refused again, then published: one issue, a comment, closed; masked tokens."""
    stand_in = IssuesStandIn()
    summary = project / "summary.md"
    refusal = oidc_stand_ins.mint_refusal("invalid-publisher", "valid token, but no corresponding publisher")
    oidc_routes = oidc_stand_ins.routes(mint=refusal)
    with running_stub({**stand_in.routes(), **oidc_routes}) as stub:
        for name, value in {
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_API_URL": stub.url,
            "GITHUB_TOKEN": GITHUB_TOKEN,
            "GITHUB_REPOSITORY": REPOSITORY,
            "GITHUB_RUN_ID": "77",
            "ACTIONS_ID_TOKEN_REQUEST_URL": f"{stub.url}/oidc-token",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": oidc_stand_ins.REQUEST_TOKEN,
        }.items():
            monkeypatch.setenv(name, value)
        with running_proxy(index_server.address, FaultPlan(), {"/_/oidc/": stub.address}) as proxy:
            outputs = [run(["--repository-url", proxy.url], capsys) for _ in range(2)]
            stub.routes.update(oidc_stand_ins.routes())  # the trusted publisher is fixed on the index now
            outputs.append(run(["--repository-url", proxy.url], capsys))
    assert [code for code, _out, _err in outputs] == [4, 4, 0]
    [issue] = stand_in.issues
    version = next((project / "dist").glob("*.whl")).name.split("-")[1]
    assert issue["title"] == f"Release rkpubdemo {version} failed to publish"
    assert issue["labels"] == ["release-failure"]
    assert issue["body"].startswith(f"<!-- releasekit:release-failure:rkpubdemo=={version} -->\n")
    assert "invalid-publisher" in issue["body"] and "### Troubleshooting" in issue["body"]
    assert "actions/runs/77" in issue["body"]
    assert len(stand_in.comments[1]) == 2  # the second failure, then the success
    assert stand_in.comments[1][1].startswith(f"rkpubdemo {version} was published and verified.")
    assert issue["state"] == "closed"
    summary_text = summary.read_text(encoding="utf-8")
    assert summary_text.count("## releasekit publish:") == 3
    published_out = outputs[2][1]
    mask_lines = [line for line in published_out.splitlines() if line.startswith("::add-mask::")]
    assert mask_lines[-1] == f"::add-mask::{MINTED_TOKEN}"
    assert published_out.index("::add-mask::") == 0  # masked before anything else is printed
    everything_else = "\n".join(
        [line for _c, out, err in outputs for line in (out + err).splitlines() if not line.startswith("::add-mask::")]
    )
    assert_no_canary(everything_else, summary_text, json.dumps(stand_in.issues), json.dumps(stand_in.comments))
