"""After the uploads: every file visible on the index with the sha256 it was built with, within a bounded time."""

from __future__ import annotations

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.distributions import Distribution
from releasekit.publish.index import IndexClient, IndexFile, IndexUnreachableError
from releasekit.publish.report import FileRecord
from releasekit.publish.resolution import Presence, compare
from releasekit.publish.seams import Seams

FIRST_POLL_DELAY = 1.0
MAX_POLL_DELAY = 15.0


def corrupted_error(distribution: Distribution, on_index: str) -> ReleasekitError:
    return ReleasekitError(
        f"verification failed: {distribution.filename} is on the index with sha256 {on_index}, "
        f"not the {distribution.sha256} it was built with; it was corrupted on the way or replaced",
        category=Category.UPLOAD,
        severity=Severity.CRITICAL,
        hint=f"do not announce this release: delete (or yank) {distribution.filename} on the index, then publish "
        "a new version (a .post release) built from the same commit; an index never accepts a file "
        "under a name it has seen before",
    )


def verify(
    index: IndexClient,
    items: list[tuple[Distribution, FileRecord]],
    *,
    timeout: float,
    seams: Seams,
) -> list[tuple[str, ReleasekitError]]:
    """Poll until every file is listed with its sha256 or ``timeout`` passes; one error per file that is not."""
    deadline = seams.clock() + timeout
    pending = list(items)
    errors: list[tuple[str, ReleasekitError]] = []
    delay = FIRST_POLL_DELAY
    while True:
        still: list[tuple[Distribution, FileRecord]] = []
        listings: dict[str, dict[str, IndexFile]] = {}
        for distribution, record in pending:
            try:
                if distribution.name not in listings:
                    listings[distribution.name] = index.files(distribution.name)
            except IndexUnreachableError:
                still.append((distribution, record))
                continue
            files = listings[distribution.name]
            found = compare(distribution, files)
            entry = files.get(distribution.filename)
            if found is Presence.SAME:
                record.verified_sha256 = distribution.sha256
            elif found is Presence.DIFFERENT:
                record.verified_sha256 = None
                errors.append(
                    (
                        distribution.filename,
                        corrupted_error(distribution, entry.sha256 if entry and entry.sha256 else "?"),
                    )
                )
            else:
                still.append((distribution, record))
        pending = still
        if not pending or seams.clock() >= deadline:
            break
        seams.sleep(min(delay, max(0.0, deadline - seams.clock())))
        delay = min(delay * 2, MAX_POLL_DELAY)
    for distribution, _record in pending:
        error = ReleasekitError(
            f"verification failed: {distribution.filename} is not on the index with a sha256 after {timeout:g} s",
            category=Category.UPLOAD,
            severity=Severity.CRITICAL,
            hint="the upload may still be processing: run publish again later to verify (it uploads nothing "
            "that is already there); if the file stays missing, check the index's status page",
        )
        errors.append((distribution.filename, error))
    return errors
