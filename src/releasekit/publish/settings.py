"""Where to upload and check, and how hard to try: `[tool.releasekit.publish]`, then the flags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from releasekit._util.redaction import redact
from releasekit.errors import Category, ReleasekitError
from releasekit.publish.retry import DEFAULT_MAX_DELAY, DEFAULT_RETRIES

TABLE = "tool.releasekit.publish"
# name -> (upload URL, index URL where uploads are checked and verified)
REPOSITORIES: dict[str, tuple[str, str]] = {
    "pypi": ("https://upload.pypi.org/legacy/", "https://pypi.org/simple/"),
    "testpypi": ("https://test.pypi.org/legacy/", "https://test.pypi.org/simple/"),
}
DEFAULT_TIMEOUT = 60.0
DEFAULT_VERIFY_TIMEOUT = 120.0
DEFAULT_REPORT = "dist/publish-report.json"

# key -> (expected type, meaning); the README's table of the keys says the same.
KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "repository": (str, "`pypi` or `testpypi` (default `pypi`)"),
    "repository-url": (str, "upload URL of another index (its `simple/` page is checked unless `index-url` says)"),
    "index-url": (str, "where uploads are checked and verified"),
    "retries": (int, f"retries after the first attempt (default {DEFAULT_RETRIES})"),
    "timeout": ((int, float), f"seconds to wait for the index to answer one request (default {DEFAULT_TIMEOUT:g})"),
    "max-delay": ((int, float), f"longest backoff between two attempts, in seconds (default {DEFAULT_MAX_DELAY:g})"),
    "verify-timeout": (
        (int, float),
        f"seconds to wait for every file to show up on the index (default {DEFAULT_VERIFY_TIMEOUT:g})",
    ),
    "report": (str, f"where the JSON report is written (default `{DEFAULT_REPORT}`)"),
}


@dataclass(frozen=True)
class PublishSettings:
    """Resolved settings of one run."""

    repository_url: str
    index_url: str
    retries: int = DEFAULT_RETRIES
    timeout: float = DEFAULT_TIMEOUT
    max_delay: float = DEFAULT_MAX_DELAY
    verify_timeout: float = DEFAULT_VERIFY_TIMEOUT
    report: str = DEFAULT_REPORT


def _configuration_error(message: str, hint: str) -> ReleasekitError:
    return ReleasekitError(message, category=Category.CONFIGURATION, hint=hint)


def _checked(table: Mapping[str, Any]) -> dict[str, Any]:
    problems = []
    for key, value in table.items():
        if key not in KEYS:
            problems.append(f"unknown key '{key}'")
            continue
        expected = KEYS[key][0]
        if isinstance(value, bool) or not isinstance(value, expected):
            problems.append(f"'{key}' has the wrong type ({type(value).__name__})")
        elif isinstance(value, int | float) and value < 0:
            problems.append(f"'{key}' must not be negative")
    if problems:
        raise _configuration_error(
            f"[{TABLE}]: " + "; ".join(problems), "valid keys: " + ", ".join(sorted(KEYS)) + " (see the README)"
        )
    return dict(table)


def resolve_settings(table: Mapping[str, Any], flags: Mapping[str, Any]) -> PublishSettings:
    """Merge the configuration table and the flags (flags win; ``None`` means not given)."""
    merged = _checked(table)
    given = {key: value for key, value in flags.items() if value is not None}
    # A repository named on the command line replaces the configured one, with its index.
    if "repository" in given:
        merged.pop("repository-url", None)
        merged.pop("index-url", None)
    if "repository-url" in given:
        merged.pop("repository", None)
        merged.pop("index-url", None)
    merged.update(given)
    repository_url = merged.get("repository-url")
    repository = merged.get("repository")
    index_url = merged.get("index-url")
    if not repository_url:
        name = repository or "pypi"
        if name not in REPOSITORIES:
            raise _configuration_error(
                f"unknown repository {name!r}", "use pypi or testpypi, or give --repository-url and --index-url"
            )
        repository_url, known_index = REPOSITORIES[name]
        index_url = index_url or known_index
    elif not index_url:
        index_url = repository_url.rstrip("/") + "/simple/"
    for label, url in (("repository URL", repository_url), ("index URL", index_url)):
        if not url.startswith(("https://", "http://")):
            raise _configuration_error(f"the {label} {redact(url)!r} is not an http(s) URL", "give a full https:// URL")
    return PublishSettings(
        repository_url=repository_url,
        index_url=index_url if index_url.endswith("/") else index_url + "/",
        retries=int(merged.get("retries", DEFAULT_RETRIES)),
        timeout=float(merged.get("timeout", DEFAULT_TIMEOUT)),
        max_delay=float(merged.get("max-delay", DEFAULT_MAX_DELAY)),
        verify_timeout=float(merged.get("verify-timeout", DEFAULT_VERIFY_TIMEOUT)),
        report=str(merged.get("report", DEFAULT_REPORT)),
    )
