"""Scanners for files read by name: TOML, INI, setup.py, CITATION, JSON, lock, bump-tool and security files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from releasekit._util.names import canonical_name
from releasekit._util.toml_locator import table_body
from releasekit.project.versions import VERSION_TEXT
from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import QUOTED_V, RawReference, lazy_pattern

if TYPE_CHECKING:
    from releasekit.references.scanners.dispatch import Patterns

_SETUP_KWARG = lazy_pattern(rf"\bversion[ \t]*=[ \t]*{QUOTED_V}")
_SETUP_CONSTANT = lazy_pattern(rf"^(?:VERSION|__version__)[ \t]*=[ \t]*{QUOTED_V}")
_CITATION = lazy_pattern(rf"^version:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)[ \t\r]*$")
_JSON_VERSION = lazy_pattern(
    rf"^(?P<indent>[ \t]*)\"(?:version|softwareVersion)\"[ \t]*:[ \t]*\"(?P<v>{VERSION_TEXT})\""
)
_LOCK_ROOT = lazy_pattern(
    rf"\"packages\"\s*:\s*\{{\s*\"\"\s*:\s*\{{[^{{}}]*?\"version\"\s*:\s*\"(?P<v>{VERSION_TEXT})\""
)
_UV_PACKAGE = lazy_pattern(
    rf"^\[\[package\]\]\r?\nname = \"(?P<name>[^\"]+)\"\r?\nversion = \"(?P<v>{VERSION_TEXT})\"\r?\n"
    r"source = \{ (?:editable|virtual) = \"\.\" \}"
)
# A security policy's table row for a series, and whether its next cell says supported:
# ``| 2.13.x | :white_check_mark: |`` yes; ``| 2.12.x | :x: |`` and ``| 2.12.x | not supported |`` no.
_SERIES_ROW = lazy_pattern(r"^\|[ \t]*(?P<v>\d+\.\d+)\.[xX*][^|\n]*\|(?P<cell>[^|\n]*)\|")
# The row for every older series: ``| < 2.13.x | :x: |`` (Scrapy's policy).
_OLDER_SERIES_ROW = lazy_pattern(r"^\|[ \t]*<[ \t]*(?P<v>\d+\.\d+)\.[xX*][^|\n]*\|(?P<cell>[^|\n]*)\|")
_SUPPORTED = lazy_pattern(r":white_check_mark:|:heavy_check_mark:|[\u2705\u2714\u2713]|\byes\b|\bsupported\b", re.I)
_UNSUPPORTED = lazy_pattern(
    r":x:|[\u274c\u2716\u2717]|\bno\b|\bnot\b|\bunsupported\b|\bend[- ]of[- ]life\b|\beol\b", re.IGNORECASE
)
_TOML_KEYS = (
    ("project", "version", "pyproject"),
    ("tool.poetry", "version", "poetry"),
    ("tool.bumpversion", "current_version", "bump-tool"),
    ("tool.tbump.version", "current", "bump-tool"),
    ("tool.commitizen", "version", "bump-tool"),
)


def _toml_references(text: str, prefix: str = "") -> Iterator[RawReference]:
    for full_table, key, kind in _TOML_KEYS:
        table = full_table.removeprefix(prefix)
        body = table_body(text, table)
        if body is None:
            continue
        pattern = lazy_pattern(rf"^[ \t]*{re.escape(key)}[ \t]*=[ \t]*{QUOTED_V}")
        match = pattern.search(text, *body)
        if match:
            yield RawReference(kind, match.start("v"), match["v"])


def _ini_references(text: str, section: str, key: str, kind: str) -> Iterator[RawReference]:
    # ``\r`` before ``$``: a CRLF file's lines end in it (``$`` only stops before ``\n``).
    header = re.search(rf"^\[{re.escape(section)}\][ \t\r]*$", text, re.MULTILINE)
    if header is None:
        return
    following = re.compile(r"^\[", re.MULTILINE).search(text, header.end())
    end = following.start() if following else len(text)
    pattern = lazy_pattern(rf"^{re.escape(key)}[ \t]*[=:][ \t]*(?P<v>{VERSION_TEXT})[ \t\r]*$")
    match = pattern.search(text, header.end(), end)
    if match:
        yield RawReference(kind, match.start("v"), match["v"])


def _json_references(text: str, patterns: Patterns, name: str) -> Iterator[RawReference]:
    if name in ("package.json", "package-lock.json"):
        try:
            import json  # noqa: PLC0415 - only for JSON files that name the project

            data = json.loads(text)
        except ValueError:
            return
        package = data.get("name") if isinstance(data, dict) else None
        if not isinstance(package, str):
            return
        if canonical_name(package.rpartition("/")[2]) not in patterns.normalized_names:
            return
    kind = "codemeta" if name == "codemeta.json" else "package-json"
    matches = list(_JSON_VERSION.finditer(text))
    first_key = re.search(r'^([ \t]*)"', text, re.MULTILINE)
    if matches and first_key is not None:
        top = len(first_key[1])
        for match in matches:
            if len(match["indent"]) == top:
                yield RawReference(kind, match.start("v"), match["v"])
    if name == "package-lock.json":
        root = _LOCK_ROOT.search(text)
        if root:
            yield RawReference(kind, root.start("v"), root["v"])


def special_references(path: str, text: str, patterns: Patterns) -> Iterator[RawReference]:
    name = file_roles.basename(path).lower()
    if name == "pyproject.toml" or name in (".bumpversion.toml", ".cz.toml", "cz.toml"):
        yield from _toml_references(text)
    elif name == "tbump.toml":
        yield from _toml_references(text, "tool.tbump.")
    elif name == "setup.cfg":
        yield from _ini_references(text, "metadata", "version", "setup-cfg")
        yield from _ini_references(text, "bumpversion", "current_version", "bump-tool")
    elif name == ".bumpversion.cfg":
        yield from _ini_references(text, "bumpversion", "current_version", "bump-tool")
    elif name == "setup.py":
        for pattern in (_SETUP_KWARG, _SETUP_CONSTANT):
            for match in pattern.finditer(text):
                yield RawReference("setup-py", match.start("v"), match["v"])
    elif name == "citation.cff":
        for match in _CITATION.finditer(text):
            yield RawReference("citation", match.start("v"), match["v"])
    elif name in ("codemeta.json", "package.json", "package-lock.json"):
        yield from _json_references(text, patterns, name)
    elif name == "uv.lock":
        for match in _UV_PACKAGE.finditer(text):
            if canonical_name(match["name"]) in patterns.normalized_names:
                yield RawReference("uv-lock", match.start("v"), match["v"])
    elif name in ("security.md", "security.rst"):
        yield from _supported_series(text)
    elif name in ("version", "version.txt"):
        stripped = text.strip()
        if re.fullmatch(VERSION_TEXT, stripped):
            yield RawReference("version-file", text.index(stripped), stripped)


def _supported_series(text: str) -> Iterator[RawReference]:
    """The newest series a security policy's table marks as supported (older rows are older series).

    When the table supports that one series only, its ``< 2.13.x`` row (everything older is
    unsupported) names the same series and moves with it. Beside several supported series, the
    bound is the oldest of them (``< 5.5.x`` under 5.6.x and 5.5.x), not the project's version.
    """
    rows = [
        (tuple(int(part) for part in match["v"].split(".")), match)
        for match in _SERIES_ROW.finditer(text)
        if _SUPPORTED.search(match["cell"]) and not _UNSUPPORTED.search(match["cell"])
    ]
    if not rows:
        return
    _, newest = max(rows, key=lambda row: row[0])
    yield RawReference("supported-series", newest.start("v"), newest["v"], short_ok=True)
    if len({series for series, _ in rows}) == 1:
        for older in _OLDER_SERIES_ROW.finditer(text):
            if _UNSUPPORTED.search(older["cell"]):
                yield RawReference("supported-series", older.start("v"), older["v"], short_ok=True)
