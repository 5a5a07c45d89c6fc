"""The gates before any upload, injected as callables: all reported together, nothing uploaded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.gates import ci_tag
from tests.helpers.fault_proxy import FaultPlan, running_proxy
from tests.publish.conftest import Sample
from tests.publish.harness import CREDENTIALS, run_publish


def failing_validation(paths: Sequence[Path]) -> None:
    raise ReleasekitError(
        f"{len(paths)} distributions do not pass validation",
        category=Category.VALIDATION,
        severity=Severity.CRITICAL,
        hint="run releasekit validate",
    )


def test_every_failed_gate_is_reported_and_nothing_is_uploaded(never_uploaded: Sample) -> None:
    plan = FaultPlan()
    seen: list[Sequence[Path]] = []
    environ = {**CREDENTIALS, "GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v0.0.2"}
    with running_proxy(never_uploaded.server.address, plan) as proxy:
        report, _ = run_publish(
            never_uploaded.release, proxy.url, never_uploaded.time.seams(), environ=environ,
            gates=[seen.append, failing_validation],
        )  # fmt: skip
    assert seen == [never_uploaded.release]
    assert [(e.category, e.severity) for e in report.errors] == [("validation", "critical"), ("validation", "critical")]
    assert report.errors[0].message == "2 distributions do not pass validation"
    assert report.errors[1].message == "this CI run is for tag v0.0.2, but the distributions are version 0.0.1"
    assert report.outcome == "failed"
    assert [method for method, _path, _fault in plan.log if method == "POST"] == []


def test_passing_gates_and_the_right_tag_let_a_dry_run_through(never_uploaded: Sample) -> None:
    environ = {**CREDENTIALS, "GITHUB_REF": "refs/tags/v0.0.1"}
    report, _ = run_publish(
        never_uploaded.release, never_uploaded.server.url, never_uploaded.time.seams(),
        environ=environ, gates=[lambda _paths: None], dry_run=True,
    )  # fmt: skip
    assert (report.outcome, report.errors) == ("dry-run", [])


@pytest.mark.parametrize(
    ("environ", "tag"),
    [
        ({"GITHUB_REF": "refs/tags/v1.2.3"}, "v1.2.3"),
        ({"GITHUB_REF": "refs/heads/main"}, None),
        ({"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "1.2.3", "GITHUB_REF": "refs/tags/1.2.3"}, "1.2.3"),
        ({}, None),
    ],
)
def test_ci_tag(environ: dict[str, str], tag: str | None) -> None:
    assert ci_tag(environ) == tag
