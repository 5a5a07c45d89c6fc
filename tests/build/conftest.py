"""Builds in these tests use the session sandbox for pip's cache and git's configuration."""

from __future__ import annotations

import pytest

from tests.helpers.pre_commit_harness import Sandbox
from tests.validate.conftest import use_sandbox


@pytest.fixture
def sandboxed(monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> Sandbox:
    use_sandbox(monkeypatch, sandbox)
    return sandbox
