"""Verification polls the index for a bounded time; only files seen with their sha256 count."""

from __future__ import annotations

from pathlib import Path

import requests

from releasekit.publish.distributions import Distribution
from releasekit.publish.index import IndexClient
from releasekit.publish.report import FileRecord
from releasekit.publish.retry import RetryPolicy
from releasekit.publish.verification import verify
from tests.helpers.http_stubs import Reply, Request, running_stub
from tests.publish.conftest import FakeTime

DIST = Distribution(Path("demo-1.0.tar.gz"), "demo", "1.0", "ab" * 32)


def _index(fake_time: FakeTime, url: str) -> IndexClient:
    return IndexClient(requests.Session(), f"{url}/simple/", timeout=5, policy=RetryPolicy(), seams=fake_time.seams())


def test_a_file_that_shows_up_late_is_verified(fake_time: FakeTime) -> None:
    answers = iter([404, 200, 200])

    def listing(_request: Request) -> Reply:
        status = next(answers)
        body = f'<a href="/p/demo-1.0.tar.gz#sha256={DIST.sha256}">x</a>' if status == 200 else ""
        return Reply(status, body.encode(), {"Content-Type": "text/html"})

    record = FileRecord(DIST.filename, "demo", "1.0", DIST.sha256)
    with running_stub({("GET", "/simple/demo/"): listing}) as stub:
        errors = verify(_index(fake_time, stub.url), [(DIST, record)], timeout=30, seams=fake_time.seams())
    assert errors == []
    assert record.verified_sha256 == DIST.sha256
    assert fake_time.sleeps == [1.0]


def test_a_file_that_never_shows_up_fails_after_the_timeout(fake_time: FakeTime) -> None:
    record = FileRecord(DIST.filename, "demo", "1.0", DIST.sha256)
    with running_stub({}) as stub:
        [(file, error)] = verify(_index(fake_time, stub.url), [(DIST, record)], timeout=10, seams=fake_time.seams())
    assert file == DIST.filename
    assert error.message == "verification failed: demo-1.0.tar.gz is not on the index with a sha256 after 10 s"
    assert error.severity.value == "critical"
    assert fake_time.sleeps == [1.0, 2.0, 4.0, 3.0]  # doubling, the last one cut to the deadline
