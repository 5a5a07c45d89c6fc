"""The one exception base of releasekit and its categories."""

from __future__ import annotations

import enum


class Category(enum.Enum):
    """What kind of failure an error is; the CLI maps it to an exit code."""

    USAGE = "usage"
    CONFIGURATION = "configuration"
    VALIDATION = "validation"
    GIT = "git"
    BUILD = "build"
    NETWORK = "network"
    AUTHENTICATION = "authentication"
    UPLOAD = "upload"


class ReleasekitError(Exception):
    """A failure releasekit understands: a category, a message and a hint for the fix."""

    def __init__(self, message: str, *, category: Category, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.category = category
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def configuration_error(message: str, hint: str = "") -> ReleasekitError:
    """Build an error about the user's configuration or project layout."""
    return ReleasekitError(message, category=Category.CONFIGURATION, hint=hint)
