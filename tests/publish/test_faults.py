"""Uploads through the fault proxy to a real pypiserver: every fault survived or reported, never a false success."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from releasekit.errors import Category, ExitCode, Severity
from tests.helpers.fault_proxy import FAULTS, TRANSIENT_FAULTS, FaultPlan, running_proxy
from tests.helpers.http_stubs import Reply, Route, running_stub
from tests.helpers.index_server import PASSWORD, USER, IndexServer
from tests.publish.conftest import FakeTime, Sample
from tests.publish.harness import run_publish


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_on_index_exactly_once(index: IndexServer, paths: list[Path]) -> None:
    for path in paths:
        stored = index.packages / path.name
        assert stored.is_file(), f"{path.name} missing"
        assert sha256(stored) == sha256(path)
    assert len([name for name in index.stored() if name in {p.name for p in paths}]) == len(paths)


# fault on the first upload -> what the first file's record says
FAULT_OUTCOMES = {
    "reset-mid-body": "uploaded",
    "reset-after-forward": "landed-despite-error",
    "503": "uploaded",
    "502-after-forward": "landed-despite-error",
    "stall": "uploaded",
    "429": "uploaded",
}


@pytest.mark.parametrize("fault", TRANSIENT_FAULTS)
def test_each_fault_is_survived(
    fault: str, index_server: IndexServer, release: list[Path], fake_time: FakeTime
) -> None:
    plan = FaultPlan(script=[fault])
    with running_proxy(index_server.address, plan) as proxy:
        # Only the stall needs a short timeout (the client gives up on it after 1 s).
        timeout = 1.0 if fault == "stall" else 10.0
        report, _secrets = run_publish(release, proxy.url, fake_time.seams(), timeout=timeout)
    assert report.outcome == "published", report.errors
    assert report.errors == []
    first = report.files[0]
    assert first.outcome == FAULT_OUTCOMES[fault]
    # A file that landed despite the error needs no second attempt: the index says it has the same sha256.
    assert len(first.attempts) == (1 if first.outcome == "landed-despite-error" else 2)
    assert first.attempts[0].error_category == "network"
    assert all(record.verified_sha256 == sha256(path) for record, path in zip(report.files, release, strict=True))
    assert_on_index_exactly_once(index_server, release)
    if fault == "429":
        assert first.attempts[0].delay == 1.0  # Retry-After, not the backoff
        assert first.attempts[0].status == 429
    elif first.outcome == "uploaded":
        assert first.attempts[0].delay == 0.75  # min(60, 1 * 2**0) * (0.5 + 0.5 * 0.5)


def test_a_byte_flipped_in_flight_is_caught_by_verification(
    index_server: IndexServer, release: list[Path], fake_time: FakeTime
) -> None:
    plan = FaultPlan(script=["flip-byte"])
    with running_proxy(index_server.address, plan) as proxy:
        report, _secrets = run_publish(release, proxy.url, fake_time.seams())
        rerun, _secrets = run_publish(release, proxy.url, fake_time.seams())
    corrupted = release[0].name
    assert report.outcome == "failed"
    assert [(e.category, e.severity, e.file) for e in report.errors] == [("upload", "critical", corrupted)]
    assert "verification failed" in report.errors[0].message
    assert corrupted in report.errors[0].message
    assert "delete (or yank)" in report.errors[0].hint
    assert report.failures[0].exit_code == ExitCode.FAILED
    assert report.record(corrupted).verified_sha256 is None
    # The rerun stops before uploading anything: a different file of that name is on the index.
    assert rerun.outcome == "failed"
    assert rerun.errors[0].severity == "critical" and rerun.errors[0].file == corrupted
    assert all(record.attempts == [] for record in rerun.files)
    assert plan.faults() == ["flip-byte"]


def test_a_rerun_after_success_skips_everything(
    index_server: IndexServer, release: list[Path], fake_time: FakeTime
) -> None:
    plan = FaultPlan()
    with running_proxy(index_server.address, plan) as proxy:
        first, _ = run_publish(release, proxy.url, fake_time.seams())
        second, _ = run_publish(release, proxy.url, fake_time.seams())
    assert (first.outcome, second.outcome) == ("published", "published")
    assert [record.outcome for record in second.files] == ["already-present", "already-present"]
    assert [method for method, _path, _fault in plan.log].count("POST") == 2


def test_retries_run_out_as_a_network_error_and_nothing_claims_success(
    index_server: IndexServer, release: list[Path], fake_time: FakeTime
) -> None:
    plan = FaultPlan(script=["503"] * 4)
    with running_proxy(index_server.address, plan) as proxy:
        report, _ = run_publish(release[:1], proxy.url, fake_time.seams(), retries=3)
    assert report.outcome == "failed"
    [error] = report.failures
    assert (error.category, error.severity, error.exit_code) == (Category.NETWORK, Severity.HIGH, ExitCode.FAILED)
    assert "after 4 attempts" in error.message
    assert "run publish again" in error.hint
    assert [attempt.delay for attempt in report.files[0].attempts] == [0.75, 1.5, 3.0, None]
    assert release[0].name not in index_server.stored()


@pytest.mark.parametrize(
    ("user", "password"),
    [(USER, "wrong-password-canary-x1"), ("nobody", PASSWORD)],
    ids=["wrong-password", "unknown-user"],
)
def test_refused_credentials_fail_at_once_as_authentication(user: str, password: str, never_uploaded: Sample) -> None:
    index_server, release, fake_time = never_uploaded
    plan = FaultPlan()
    environ = {"TWINE_USERNAME": user, "TWINE_PASSWORD": password}
    with running_proxy(index_server.address, plan) as proxy:
        report, _ = run_publish(release, proxy.url, fake_time.seams(), environ=environ)
    [error] = report.failures
    assert error.category is Category.AUTHENTICATION
    assert error.severity is Severity.CRITICAL
    assert error.exit_code == ExitCode.FAILED
    assert "token" in error.hint
    assert [record.outcome for record in report.files] == ["failed", "not-attempted"]
    assert len(report.files[0].attempts) == 1  # never retried
    assert fake_time.sleeps == []
    assert "wrong-password-canary-x1" not in str(report.to_json())


def test_a_fixed_seed_slice_of_the_fault_campaign(
    index_server: IndexServer, dist_builder: object, fake_time: FakeTime
) -> None:
    """Four releases with 30% of uploads failing in every way: each on the index within two runs, exactly once."""
    from tests.helpers.publish_dists import DistBuilder

    assert isinstance(dist_builder, DistBuilder)
    plan = FaultPlan(rate=0.3, kinds=TRANSIENT_FAULTS, seed=62)
    with running_proxy(index_server.address, plan) as proxy:
        for number in range(4):
            release = sorted(dist_builder.build(f"3.0.{number}").iterdir())
            runs = []
            for _ in range(2):
                report, _ = run_publish(release, proxy.url, fake_time.seams(), retries=2, timeout=2.0)
                runs.append(report.outcome)
                if report.outcome == "published":
                    break
                missing = [r.file for r in report.files if r.verified_sha256 != r.sha256]
                assert missing, "a failed run must say which file is missing"
            assert runs[-1] == "published", runs
            assert_on_index_exactly_once(index_server, release)
    assert set(plan.faults()) <= set(FAULTS)
    assert len(set(plan.faults())) >= 3


def _stub_index(release: list[Path], upload_status: int, listed: bool) -> dict[tuple[str, str], Route]:
    links = "".join(f'<a href="/packages/{p.name}#sha256={sha256(p)}">{p.name}</a>' for p in release) if listed else ""
    return {
        ("POST", "/"): lambda _r: Reply(upload_status, b"File already exists or invalid metadata"),
        ("GET", "/simple/rkpubdemo/"): lambda _r: Reply(
            200 if listed else 404, links.encode(), {"Content-Type": "text/html"}
        ),
    }


def test_400_or_409_for_a_file_the_index_has_is_success(release: list[Path], fake_time: FakeTime) -> None:
    # The index lists the file only after the gate asked: the upload's "already exists" is checked by hash.
    listing = iter([False, True, True, True, True, True])
    routes = _stub_index(release, 409, listed=True)
    html = routes[("GET", "/simple/rkpubdemo/")]
    routes[("GET", "/simple/rkpubdemo/")] = lambda r: html(r) if next(listing) else Reply(404, b"")
    with running_stub(routes) as stub:
        report, _ = run_publish(release[:1], f"{stub.url}/", fake_time.seams())
    assert report.outcome == "published", report.errors
    assert report.files[0].outcome == "already-present"
    assert [attempt.status for attempt in report.files[0].attempts] == [409]


def test_a_400_rejection_is_never_retried(release: list[Path], fake_time: FakeTime) -> None:
    with running_stub(_stub_index(release, 400, listed=False)) as stub:
        report, _ = run_publish(release[:1], f"{stub.url}/", fake_time.seams())
        posts = [request for request in stub.requests if request.method == "POST"]
    [error] = report.failures
    assert (error.category, error.severity) == (Category.UPLOAD, Severity.HIGH)
    assert "HTTP 400" in error.message and "invalid metadata" in error.message
    assert "check-metadata" in error.hint
    assert len(posts) == 1
    assert fake_time.sleeps == []


def test_401_from_an_index_is_authentication_too(never_uploaded: Sample) -> None:
    routes = _stub_index(never_uploaded.release, 401, listed=False)
    with running_stub(routes) as stub:
        report, _ = run_publish(never_uploaded.release, f"{stub.url}/", never_uploaded.time.seams())
        posts = [request for request in stub.requests if request.method == "POST"]
    [error] = report.failures
    assert (error.category, error.severity, error.exit_code) == (Category.AUTHENTICATION, Severity.CRITICAL, 4)
    assert error.message.startswith("the index refused the credentials (HTTP 401")
    assert len(posts) == 1


def test_a_retry_after_too_long_to_wait_is_reported(never_uploaded: Sample) -> None:
    routes = _stub_index(never_uploaded.release, 429, listed=False)
    routes[("POST", "/")] = lambda _r: Reply(429, b"slow down", {"Retry-After": "3600"})
    with running_stub(routes) as stub:
        report, _ = run_publish(never_uploaded.release[:1], f"{stub.url}/", never_uploaded.time.seams())
    [error] = report.failures
    assert (error.category, error.severity) == (Category.NETWORK, Severity.MEDIUM)
    assert error.message == f"the index asks to wait 3600 s before uploading {never_uploaded.release[0].name} again"
    assert never_uploaded.time.sleeps == []
