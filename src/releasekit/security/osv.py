"""OSV advisory records by id: a folder of OSV JSON records (offline) or the OSV API through a session."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from releasekit.errors import Category, ReleasekitError

if TYPE_CHECKING:
    import requests

DEFAULT_API = "https://api.osv.dev"
_TIMEOUT = 20


class Records(Protocol):
    """Where advisory records come from: ``record(id)`` is the record, or None when there is none."""

    problems: list[str]

    def record(self, advisory: str) -> Mapping[str, Any] | None: ...


class NoRecords:
    """No advisory database: every severity stays unknown."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def record(self, advisory: str) -> Mapping[str, Any] | None:
        return None


class FolderRecords:
    """Every ``*.json`` OSV record under a folder (an OSV export, or records a test made), by their ``id``."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ReleasekitError(
                f"{folder}: no such folder of OSV records", category=Category.USAGE, hint="pass --osv FOLDER"
            )
        self.problems: list[str] = []
        self._by_id: dict[str, Mapping[str, Any]] = {}
        for path in sorted(folder.rglob("*.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                raise ReleasekitError(f"{path}: not an OSV record: {error}", category=Category.VALIDATION) from error
            if isinstance(document, dict) and isinstance(document.get("id"), str):
                self._by_id[document["id"]] = document

    def record(self, advisory: str) -> Mapping[str, Any] | None:
        return self._by_id.get(advisory)


class ApiRecords:
    """``GET {base}/v1/vulns/{id}`` on the OSV API through an injected ``requests`` session, once per id.

    A failed lookup is a problem of the scan (its severity cannot be known), not a crash: the status
    says the scan is incomplete and the lookups that failed.
    """

    def __init__(self, session: requests.Session, base_url: str = DEFAULT_API) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._seen: dict[str, Mapping[str, Any] | None] = {}
        self.problems: list[str] = []

    def record(self, advisory: str) -> Mapping[str, Any] | None:
        if advisory not in self._seen:
            self._seen[advisory] = self._fetch(advisory)
        return self._seen[advisory]

    def _fetch(self, advisory: str) -> Mapping[str, Any] | None:
        import requests  # noqa: PLC0415 - only when the API is used

        url = f"{self._base}/v1/vulns/{advisory}"
        try:
            response = self._session.get(url, timeout=_TIMEOUT)
        except requests.RequestException as error:
            self.problems.append(f"OSV lookup of {advisory} failed: {type(error).__name__}")
            return None
        if response.status_code == 404:
            return None
        try:
            document = response.json() if response.status_code == 200 else None
        except ValueError:
            document = None
        if not isinstance(document, dict):
            self.problems.append(f"OSV lookup of {advisory} failed: HTTP {response.status_code}")
            return None
        return document
