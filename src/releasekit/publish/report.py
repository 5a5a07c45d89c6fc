"""The publishing report: per file its attempts, outcome and verified hash; per error its category,
severity, message and hint. Written as JSON even when the run fails or is interrupted."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from releasekit import __version__
from releasekit._util.atomic_write import write_atomically
from releasekit.errors import ReleasekitError, Severity
from releasekit.publish.secrets import Secrets

SCHEMA_VERSION = 1
SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3}

# What became of a file.
PLANNED = "planned"  # dry run: it would be uploaded
UPLOADED = "uploaded"
LANDED_DESPITE_ERROR = "landed-despite-error"  # the client saw an error, the index has the same sha256
ALREADY_PRESENT = "already-present"  # the same sha256 was on the index before this run
FAILED = "failed"
NOT_ATTEMPTED = "not-attempted"
SUCCESSFUL = frozenset({UPLOADED, LANDED_DESPITE_ERROR, ALREADY_PRESENT})


def timestamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Attempt:
    """One upload request: when, the HTTP status (None without an answer), what went wrong, the wait after it."""

    time: str
    status: int | None
    error_category: str | None = None
    message: str = ""
    delay: float | None = None


@dataclass
class FileRecord:
    """One distribution's story in this run."""

    file: str
    project: str
    version: str
    sha256: str
    outcome: str = NOT_ATTEMPTED
    verified_sha256: str | None = None
    attempts: list[Attempt] = field(default_factory=list)


@dataclass(frozen=True)
class ErrorRecord:
    """A failure as the report and the summaries show it (already redacted)."""

    category: str
    severity: str
    message: str
    hint: str
    file: str | None = None


@dataclass
class PublishReport:
    """Everything a run did, filled in as it goes, so that it can be written at any moment."""

    repository_url: str
    index_url: str
    dry_run: bool
    started: str
    finished: str | None = None
    outcome: str = "running"  # then: published, dry-run, failed, interrupted
    credentials: str = ""
    files: list[FileRecord] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    failures: list[ReleasekitError] = field(default_factory=list, repr=False)

    def add_error(self, error: ReleasekitError, secrets: Secrets, file: str | None = None) -> None:
        """Record a failure, redacted; the most severe comes first."""
        self.failures.append(error)
        self.errors.append(
            ErrorRecord(
                error.category.value,
                error.severity.value,
                secrets.redact(error.message),
                secrets.redact(error.hint),
                file,
            )
        )
        self.errors.sort(key=lambda record: SEVERITY_ORDER[Severity(record.severity)])
        self.failures.sort(key=lambda failure: SEVERITY_ORDER[failure.severity])

    def record(self, file: str) -> FileRecord:
        return next(entry for entry in self.files if entry.file == file)

    def releases(self) -> list[tuple[str, str]]:
        """The (project, version) pairs of this run, in order."""
        return list(dict.fromkeys((entry.project, entry.version) for entry in self.files))

    def to_json(self) -> dict[str, Any]:
        data = asdict(replace(self, failures=[]))
        data.pop("failures")
        return {"schema_version": SCHEMA_VERSION, "tool": f"releasekit {__version__}", **data}


def render_json(report: PublishReport, secrets: Secrets) -> str:
    """The report as JSON text, with every secret of the run masked (a last line of defence)."""
    return secrets.redact(json.dumps(report.to_json(), indent=2, sort_keys=False)) + "\n"


def write_report(report: PublishReport, path: Path, secrets: Secrets) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, render_json(report, secrets).encode("utf-8"), 0o644)
