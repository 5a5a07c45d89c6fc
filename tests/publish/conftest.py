"""Publishing tests share one pypiserver and one builder; each test publishes versions of its own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.publish.seams import Seams
from tests.helpers.index_server import IndexServer, running_index
from tests.helpers.publish_dists import DistBuilder

CREDENTIAL_VARIABLES = (
    "TWINE_USERNAME",
    "TWINE_PASSWORD",
    "PYPI_API_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "GITHUB_TOKEN",
    "GITHUB_REF",
    "GITHUB_REF_TYPE",
    "GITHUB_REF_NAME",
    "GITHUB_REPOSITORY",
    "GITHUB_API_URL",
)
_versions = itertools.count(1)


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credentials leak in from the machine running the tests, and keyring has no backend."""
    for variable in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture(scope="session")
def dist_builder(tmp_path_factory: pytest.TempPathFactory) -> DistBuilder:
    return DistBuilder(tmp_path_factory.mktemp("publish-dists"))


@pytest.fixture(scope="session")
def index_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexServer]:
    with running_index(tmp_path_factory.mktemp("pypiserver")) as server:
        yield server


@pytest.fixture
def release(dist_builder: DistBuilder) -> list[Path]:
    """A fresh version's sdist and wheel, never uploaded before in this session."""
    folder = dist_builder.build(f"1.0.{next(_versions)}")
    return sorted(folder.iterdir())


_NEVER_UPLOADED = "0.0.1"


@pytest.fixture(scope="session")
def never_uploaded_release(dist_builder: DistBuilder) -> list[Path]:
    """A version no test uploads (tests that stop before the upload share it: one build for all)."""
    return sorted(dist_builder.build(_NEVER_UPLOADED).iterdir())


@dataclass
class FakeTime:
    """A clock that only moves when the code sleeps; every sleep recorded."""

    now: float = 1_700_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def seams(self, random_value: float = 0.5) -> Seams:
        return Seams(clock=lambda: self.now, sleep=self.sleep, random=lambda: random_value, now=lambda: self.now)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


class Sample(NamedTuple):
    server: IndexServer
    release: list[Path]
    time: FakeTime


@pytest.fixture
def never_uploaded(
    index_server: IndexServer, never_uploaded_release: list[Path], fake_time: FakeTime
) -> Iterator[Sample]:
    """The index, the shared release no test may upload, and a fake clock; fails a test that uploaded it."""
    yield Sample(index_server, never_uploaded_release, fake_time)
    assert not any(path.name in index_server.stored() for path in never_uploaded_release)
