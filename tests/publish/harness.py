"""One publishing run of the library against an index (usually through the fault proxy)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from releasekit.publish.engine import Connections, PublishOptions, new_report, publish
from releasekit.publish.gates import Gate
from releasekit.publish.report import PublishReport
from releasekit.publish.seams import Seams
from releasekit.publish.secrets import Secrets
from releasekit.publish.settings import resolve_settings
from tests.helpers.index_server import PASSWORD, USER

CREDENTIALS = {"TWINE_USERNAME": USER, "TWINE_PASSWORD": PASSWORD}


def run_publish(
    paths: Sequence[Path],
    url: str,
    seams: Seams,
    *,
    environ: Mapping[str, str] = CREDENTIALS,
    gates: Sequence[Gate] = (),
    dry_run: bool = False,
    connections: Connections | None = None,
    **settings: object,
) -> tuple[PublishReport, Secrets]:
    # A generous timeout: a loaded machine must not turn a slow answer into a fault of its own.
    flags = {"repository-url": url, "timeout": 10.0, "verify-timeout": 5.0, **settings}
    resolved = resolve_settings({}, flags)
    report = new_report(resolved, dry_run, seams)
    secrets = Secrets()
    options = PublishOptions(resolved, dry_run=dry_run, gates=gates)
    publish(paths, options, environ=environ, report=report, seams=seams, secrets=secrets, connections=connections)
    return report, secrets
