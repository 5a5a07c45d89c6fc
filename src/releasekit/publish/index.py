"""What an index holds for a project: PEP 691 JSON, PEP 503 HTML `#sha256=` links, or the JSON API."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from posixpath import basename
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import requests

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.retry import RetryPolicy, retry_after_seconds, retryable_status
from releasekit.publish.seams import Seams

PEP691 = "application/vnd.pypi.simple.v1+json"
ACCEPT = f"{PEP691}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1"


@dataclass(frozen=True)
class IndexFile:
    """A file the index lists, and the sha256 it gives for it (None when it gives none)."""

    filename: str
    sha256: str | None


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, IndexFile] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if not href:
            return
        url, _, fragment = href.partition("#")
        filename = unquote(basename(urlsplit(url).path))
        algorithm, _, digest = fragment.partition("=")
        self.files[filename] = IndexFile(filename, digest.lower() if algorithm == "sha256" and digest else None)


def parse_simple_html(text: str) -> dict[str, IndexFile]:
    """The files of a PEP 503 project page, with the sha256 of each link's ``#sha256=`` fragment."""
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.files


def parse_simple_json(data: Mapping[str, Any]) -> dict[str, IndexFile]:
    """The files of a PEP 691 project page."""
    files = {}
    for entry in data.get("files", []):
        hashes = entry.get("hashes") or {}
        sha256 = hashes.get("sha256")
        files[entry["filename"]] = IndexFile(entry["filename"], sha256.lower() if sha256 else None)
    return files


def parse_json_api(data: Mapping[str, Any]) -> dict[str, IndexFile]:
    """The files of a warehouse JSON API answer (``/pypi/<project>/json``), every release's."""
    entries: list[Mapping[str, Any]] = list(data.get("urls") or [])
    for release in (data.get("releases") or {}).values():
        entries.extend(release)
    files = {}
    for entry in entries:
        sha256 = (entry.get("digests") or {}).get("sha256")
        name = entry.get("filename") or unquote(basename(urlsplit(entry.get("url", "")).path))
        files[name] = IndexFile(name, sha256.lower() if sha256 else None)
    return files


def json_api_url(index_url: str, project: str) -> str:
    """Warehouse's JSON API sits beside its simple index: ``https://pypi.org/pypi/<project>/json``."""
    root = index_url.rstrip("/")
    root = root.removesuffix("/simple")
    return f"{root}/pypi/{project}/json"


class IndexUnreachableError(ReleasekitError):
    """The index could not be asked (after retries)."""


class IndexClient:
    """Asks an index, without credentials, which files a project has; retries what can succeed."""

    def __init__(
        self, session: requests.Session, index_url: str, *, timeout: float, policy: RetryPolicy, seams: Seams
    ) -> None:
        self.session = session
        self.index_url = index_url
        self.timeout = timeout
        self.policy = policy
        self.seams = seams

    def _get(self, url: str, accept: str) -> requests.Response | None:
        """The answer (None for 404), retrying connection errors, timeouts, 5xx and 429."""
        last = ""
        for retry in range(self.policy.retries + 1):
            retry_after = None
            try:
                response = self.session.get(url, headers={"Accept": accept}, timeout=self.timeout)
            except requests.RequestException as error:
                last = f"{type(error).__name__}: {error}"
            else:
                if response.status_code == 404:
                    return None
                if response.ok:
                    return response
                last = f"HTTP {response.status_code}"
                if not retryable_status(response.status_code):
                    break
                retry_after = retry_after_seconds(response.headers, self.seams.now())
            if retry < self.policy.retries:
                self.seams.sleep(
                    min(self.policy.delay(retry, self.seams.random, retry_after), self.policy.max_retry_after)
                )
        raise IndexUnreachableError(
            f"could not read {url}: {last}",
            category=Category.NETWORK,
            severity=Severity.HIGH,
            hint="check the index URL (--index-url) and the network, then run publish again: "
            "files already uploaded are recognised by their sha256 and skipped",
        )

    def files(self, project: str) -> dict[str, IndexFile]:
        """Every file the index lists for ``project`` (empty when it does not know the project)."""
        url = urljoin(self.index_url, f"{project}/")
        response = self._get(url, ACCEPT)
        if response is None:
            return {}
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        files = parse_simple_json(response.json()) if content_type == PEP691 else parse_simple_html(response.text)
        if files and all(entry.sha256 is None for entry in files.values()):
            files = self._json_api(project) or files
        return files

    def _json_api(self, project: str) -> dict[str, IndexFile]:
        try:
            response = self._get(json_api_url(self.index_url, project), "application/json")
        except IndexUnreachableError:
            return {}
        if response is None:
            return {}
        try:
            return parse_json_api(response.json())
        except (ValueError, json.JSONDecodeError, AttributeError, KeyError):
            return {}
