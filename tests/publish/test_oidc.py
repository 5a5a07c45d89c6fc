"""Trusted Publishing through the real `id` package against loopback stand-ins, uploading with the minted token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasekit.errors import Category, Severity
from releasekit.publish.engine import Connections
from releasekit.publish.oidc import MINT_ERRORS, token_claims
from releasekit.publish.report import render_json
from releasekit.publish.summary import render_summary
from tests.helpers.fault_proxy import FaultPlan, running_proxy
from tests.helpers.http_stubs import Reply, StubServer, running_stub
from tests.helpers.index_server import MINTED_TOKEN, IndexServer
from tests.publish import oidc_stand_ins
from tests.publish.conftest import FakeTime, Sample
from tests.publish.harness import run_publish

CANARIES = (MINTED_TOKEN, oidc_stand_ins.SIGNATURE, oidc_stand_ins.REQUEST_TOKEN)


@pytest.fixture
def github_oidc(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The variables GitHub Actions sets for `id-token: write` (id reads them from the process)."""
    environ = {"GITHUB_ACTIONS": "true", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": oidc_stand_ins.REQUEST_TOKEN}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return environ


def _with_token_url(environ: dict[str, str], stub: StubServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    url = f"{stub.url}/oidc-token"
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_URL", url)
    return {**environ, "ACTIONS_ID_TOKEN_REQUEST_URL": url}


def test_trusted_publishing_uploads_with_the_minted_token_and_masks_it(
    github_oidc: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    index_server: IndexServer,
    release: list[Path],
    fake_time: FakeTime,
) -> None:
    masked: list[str] = []
    with running_stub(oidc_stand_ins.routes()) as stub:
        environ = _with_token_url(github_oidc, stub, monkeypatch)
        with running_proxy(index_server.address, FaultPlan(), {"/_/oidc/": stub.address}) as proxy:
            report, secrets = run_publish(
                release, proxy.url, fake_time.seams(), environ=environ, connections=Connections(on_secret=masked.append)
            )
        mint = next(request for request in stub.requests if request.path == "/_/oidc/mint-token")
    assert report.outcome == "published", report.errors
    assert report.credentials == "trusted publishing (GitHub OIDC)"
    assert json.loads(mint.body)["token"] == oidc_stand_ins.oidc_token(oidc_stand_ins.AUDIENCE)
    assert masked == [oidc_stand_ins.oidc_token(oidc_stand_ins.AUDIENCE), MINTED_TOKEN]
    written = render_json(report, secrets) + render_summary(report, secrets)
    for canary in CANARIES:
        assert canary not in written


@pytest.mark.parametrize("code", sorted(MINT_ERRORS))
def test_each_mint_error_is_explained(
    code: str, github_oidc: dict[str, str], monkeypatch: pytest.MonkeyPatch, never_uploaded: Sample
) -> None:
    index_server, release, fake_time = never_uploaded
    refusal = oidc_stand_ins.mint_refusal(code, f"described by the index ({code})")
    with running_stub(oidc_stand_ins.routes(mint=refusal)) as stub:
        environ = _with_token_url(github_oidc, stub, monkeypatch)
        plan = FaultPlan()
        with running_proxy(index_server.address, plan, {"/_/oidc/": stub.address}) as proxy:
            report, secrets = run_publish(release, proxy.url, fake_time.seams(), environ=environ)
    [error] = report.failures
    assert (error.category, error.severity, error.exit_code) == (Category.AUTHENTICATION, Severity.CRITICAL, 4)
    assert f"{code}: {MINT_ERRORS[code][0]}" in error.message
    assert MINT_ERRORS[code][1] in error.hint
    assert [path for method, path, _fault in plan.log if method == "POST" and path == "/"] == []  # no upload
    if code == "invalid-publisher":
        for claim in ("repository: octo-org/rkpubdemo", "environment: pypi", "ref: refs/tags/v1.0.0"):
            assert claim in error.hint
        assert "owner octo-org, repository rkpubdemo, workflow release.yml, environment pypi" in error.hint
    written = render_json(report, secrets) + render_summary(report, secrets)
    for canary in CANARIES:
        assert canary not in written


def test_an_index_without_trusted_publishing(
    github_oidc: dict[str, str], monkeypatch: pytest.MonkeyPatch, never_uploaded: Sample
) -> None:
    index_server, release, fake_time = never_uploaded
    disabled = Reply(403, {"message": "Trusted publishing functionality not enabled"})
    with running_stub(oidc_stand_ins.routes(audience=disabled)) as stub:
        environ = _with_token_url(github_oidc, stub, monkeypatch)
        with running_proxy(index_server.address, FaultPlan(), {"/_/oidc/": stub.address}) as proxy:
            report, _ = run_publish(release, proxy.url, fake_time.seams(), environ=environ)
        assert [request.path for request in stub.requests] == ["/_/oidc/audience"]
    assert report.failures[0].category is Category.AUTHENTICATION
    assert "Trusted Publishing turned off" in report.failures[0].message
    assert "PYPI_API_TOKEN" in report.failures[0].hint


def test_dry_run_exchanges_no_token_and_uploads_nothing(
    github_oidc: dict[str, str], monkeypatch: pytest.MonkeyPatch, never_uploaded: Sample
) -> None:
    index_server, release, fake_time = never_uploaded
    with running_stub(oidc_stand_ins.routes()) as stub:
        environ = _with_token_url(github_oidc, stub, monkeypatch)
        plan = FaultPlan()
        with running_proxy(index_server.address, plan, {"/_/oidc/": stub.address}) as proxy:
            report, _ = run_publish(release, proxy.url, fake_time.seams(), environ=environ, dry_run=True)
        assert stub.requests == []
    assert report.outcome == "dry-run"
    assert [record.outcome for record in report.files] == ["planned", "planned"]
    assert [method for method, _path, _fault in plan.log] == ["GET"]  # what is already on the index
    assert not any(path.name in index_server.stored() for path in release)


def test_token_claims_of_a_malformed_token_are_empty() -> None:
    assert token_claims("not-a-jwt") == {}
    assert token_claims(oidc_stand_ins.oidc_token("a"))["aud"] == "a"


def test_a_ci_that_refuses_the_oidc_token_is_an_authentication_error(
    github_oidc: dict[str, str], monkeypatch: pytest.MonkeyPatch, never_uploaded: Sample
) -> None:
    index_server, release, fake_time = never_uploaded
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "canary-not-the-request-token")
    with running_stub(oidc_stand_ins.routes()) as stub:
        environ = {
            **_with_token_url(github_oidc, stub, monkeypatch),
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "canary-not-the-request-token",
        }
        with running_proxy(index_server.address, FaultPlan(), {"/_/oidc/": stub.address}) as proxy:
            report, secrets = run_publish(release, proxy.url, fake_time.seams(), environ=environ)
        assert [request.path for request in stub.requests] == ["/_/oidc/audience", "/oidc-token"]
    [error] = report.failures
    assert error.category is Category.AUTHENTICATION
    assert error.message.startswith("could not get an OIDC token from the CI: GitHub: OIDC token request failed")
    assert "id-token: write" in error.hint
    assert "canary-not-the-request-token" not in render_json(report, secrets) + render_summary(report, secrets)
