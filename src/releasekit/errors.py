"""The one exception base of releasekit: a category, a severity, a hint, and the findings behind it."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from releasekit.findings import Finding


class Category(enum.Enum):
    """What kind of failure an error is; the CLI maps it to an exit code (see ``exit_code``)."""

    USAGE = "usage"
    CONFIGURATION = "configuration"
    VALIDATION = "validation"
    GIT = "git"
    BUILD = "build"
    NETWORK = "network"
    AUTHENTICATION = "authentication"
    UPLOAD = "upload"


class Severity(enum.Enum):
    """How bad a failure is for a release, where that matters (publishing reports, notifications)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ExitCode(enum.IntEnum):
    """The documented exit codes of every command and hook."""

    OK = 0
    FINDINGS = 1  # the input has problems: stale references, metadata or distribution findings
    USAGE = 2  # bad arguments or configuration: malformed TOML, unknown key, no version found
    UNEXPECTED = 3  # a bug: the traceback is in a log file whose path is printed
    FAILED = 4  # an operation failed: git, build, network, authentication, upload
    INTERRUPTED = 130  # Ctrl-C


# Categories whose failures are operations that did not complete, not problems found in the input.
OPERATIONAL = frozenset({Category.GIT, Category.BUILD, Category.NETWORK, Category.AUTHENTICATION, Category.UPLOAD})


class ReleasekitError(Exception):
    """A failure releasekit understands: a category, a message, a hint for the fix and any findings behind it."""

    def __init__(
        self,
        message: str,
        *,
        category: Category,
        hint: str = "",
        severity: Severity = Severity.HIGH,
        findings: Iterable[Finding] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.category = category
        self.hint = hint
        self.severity = severity
        self.findings: tuple[Finding, ...] = tuple(findings)

    def __str__(self) -> str:
        return self.message

    @property
    def exit_code(self) -> ExitCode:
        """Usage and configuration exit 2, failed operations 4, problems found in the input 1."""
        if self.category in (Category.CONFIGURATION, Category.USAGE):
            return ExitCode.USAGE
        if self.category in OPERATIONAL:
            return ExitCode.FAILED
        return ExitCode.FINDINGS


def configuration_error(message: str, hint: str = "") -> ReleasekitError:
    """Build an error about the user's configuration or project layout."""
    return ReleasekitError(message, category=Category.CONFIGURATION, hint=hint)
