from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import requests

from releasekit.publish.index import (
    PEP691,
    IndexClient,
    IndexFile,
    IndexUnreachableError,
    json_api_url,
    parse_json_api,
    parse_simple_html,
    parse_simple_json,
)
from releasekit.publish.retry import RetryPolicy
from tests.helpers.http_stubs import Reply, Request, running_stub
from tests.helpers.index_server import IndexServer
from tests.publish.conftest import FakeTime

HTML = """<!DOCTYPE html><html><body>
<a href="../../packages/demo-1.0.tar.gz#sha256=ABC123">demo-1.0.tar.gz</a><br>
<a href="https://files.example/demo-1.0-py3-none-any.whl#md5=00">demo-1.0-py3-none-any.whl</a>
<a href="/packages/demo%2B1-1.1.tar.gz#sha256=def">demo+1-1.1.tar.gz</a>
</body></html>"""


def test_html_links_give_sha256_fragments() -> None:
    assert parse_simple_html(HTML) == {
        "demo-1.0.tar.gz": IndexFile("demo-1.0.tar.gz", "abc123"),
        "demo-1.0-py3-none-any.whl": IndexFile("demo-1.0-py3-none-any.whl", None),
        "demo+1-1.1.tar.gz": IndexFile("demo+1-1.1.tar.gz", "def"),
    }


def test_pep691_json_files() -> None:
    data = {"files": [{"filename": "a-1.tar.gz", "hashes": {"sha256": "AA"}}, {"filename": "a-1.whl", "hashes": {}}]}
    assert parse_simple_json(data) == {
        "a-1.tar.gz": IndexFile("a-1.tar.gz", "aa"),
        "a-1.whl": IndexFile("a-1.whl", None),
    }


def test_json_api_files_of_every_release() -> None:
    data = {
        "urls": [{"filename": "a-2.tar.gz", "digests": {"sha256": "bb"}}],
        "releases": {"1": [{"url": "https://files/a-1.tar.gz", "digests": {"sha256": "cc"}}]},
    }
    assert parse_json_api(data) == {
        "a-2.tar.gz": IndexFile("a-2.tar.gz", "bb"),
        "a-1.tar.gz": IndexFile("a-1.tar.gz", "cc"),
    }
    assert json_api_url("https://pypi.org/simple/", "a") == "https://pypi.org/pypi/a/json"


def test_pep691_is_asked_for_and_used(fake_time: FakeTime) -> None:
    def project(request: Request) -> Reply:
        assert request.headers["Accept"].startswith(PEP691)
        return Reply(200, {"files": [{"filename": "a-1.tar.gz", "hashes": {"sha256": "aa"}}]}, {"Content-Type": PEP691})

    with running_stub({("GET", "/simple/a/"): project}) as stub:
        client = IndexClient(
            requests.Session(), f"{stub.url}/simple/", timeout=5, policy=RetryPolicy(), seams=fake_time.seams()
        )
        assert client.files("a") == {"a-1.tar.gz": IndexFile("a-1.tar.gz", "aa")}
        assert client.files("unknown") == {}


def test_html_without_hashes_falls_back_to_the_json_api(fake_time: FakeTime) -> None:
    routes = {
        ("GET", "/simple/a/"): lambda _r: Reply(
            200, b'<a href="/f/a-1.tar.gz">a-1.tar.gz</a>', {"Content-Type": "text/html"}
        ),
        ("GET", "/pypi/a/json"): lambda _r: Reply(
            200, {"urls": [{"filename": "a-1.tar.gz", "digests": {"sha256": "ee"}}]}
        ),
    }
    with running_stub(routes) as stub:
        client = IndexClient(
            requests.Session(), f"{stub.url}/simple/", timeout=5, policy=RetryPolicy(), seams=fake_time.seams()
        )
        assert client.files("a") == {"a-1.tar.gz": IndexFile("a-1.tar.gz", "ee")}


def test_an_index_that_keeps_failing_is_a_network_error_after_the_retries(fake_time: FakeTime) -> None:
    with running_stub({("GET", "/simple/a/"): lambda _r: Reply(503, {})}) as stub:
        client = IndexClient(
            requests.Session(), f"{stub.url}/simple/", timeout=5, policy=RetryPolicy(retries=2), seams=fake_time.seams()
        )
        with pytest.raises(IndexUnreachableError) as raised:
            client.files("a")
        assert len(stub.requests) == 3
    assert raised.value.category.value == "network"
    assert fake_time.sleeps == [0.75, 1.5]


def test_pypiserver_lists_what_it_stores(index_server: IndexServer, release: list[Path], fake_time: FakeTime) -> None:
    for path in release:
        shutil.copy(path, index_server.packages / path.name)
    client = IndexClient(
        requests.Session(), index_server.simple_url, timeout=5, policy=RetryPolicy(), seams=fake_time.seams()
    )
    files = client.files("rkpubdemo")
    for path in release:
        assert files[path.name].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
