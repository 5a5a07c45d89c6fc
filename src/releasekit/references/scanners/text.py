"""The scanner every text file gets: mentions, pins, links, tool pins, docs fields and Dockerfile labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from releasekit.project.versions import BOUNDED_VERSION, VERSION_TEXT
from releasekit.references import roles as file_roles
from releasekit.references.scanners.history import in_last_supporting_sentence, is_history_prose
from releasekit.references.scanners.primitives import RawReference, lazy_pattern

if TYPE_CHECKING:
    from releasekit.references.scanners.dispatch import Patterns

V = rf"(?P<v>{BOUNDED_VERSION})"
_DOCS_FIELD = lazy_pattern(rf"^[ \t]*:version:[ \t]*{V}", re.MULTILINE | re.IGNORECASE)
_DOCKER_LABEL = lazy_pattern(
    r"(?:^|[ \t])(?:org\.opencontainers\.image\.|org\.label-schema\.)?version="
    rf"(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)",
)
_DOCKER_LINE = lazy_pattern(r"^[ \t]*LABEL\b[^\n]*", re.MULTILINE | re.IGNORECASE)
_PRE_COMMIT = lazy_pattern(
    rf"repo:[ \t]*(?P<url>\S+)[ \t]*\r?\n[ \t]*(?:-[ \t]+)?rev:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)"
)


# A path or file name around a version: no spaces, quotes or brackets, and a file extension after it.
_TOKEN_HEAD = lazy_pattern(r"[^\s'\"`<>()\[\]{},;=|*]*$", 0)
_TOKEN_TAIL = lazy_pattern(r"[^\s'\"`<>()\[\]{},;=|*]*", 0)
_FILE_SUFFIX = lazy_pattern(r"\.[A-Za-z]\w{0,7}$", 0)


def file_token(text: str, start: int, end: int) -> str:
    """The file name or path a version is part of (``dist/pkg-1.2.3.tar.gz``), or "" in prose."""
    head = _TOKEN_HEAD.search(text, max(0, start - 200), start)
    tail = _TOKEN_TAIL.compiled().match(text, end, min(len(text), end + 200))
    token = (head[0] if head else "") + text[start:end] + (tail[0] if tail else "")
    token = token.rstrip(".:")
    return token if len(token) > end - start and _FILE_SUFFIX.search(token) else ""


def _assert_line(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    stripped = text[line_start : line_start + 200].lstrip()
    return stripped.startswith(("assert", "self.assert"))


def text_references(path: str, text: str, patterns: Patterns, in_test: bool) -> Iterator[RawReference]:
    def kind_at(default: str, offset: int) -> str:
        return "test-assertion" if in_test and _assert_line(text, offset) else default

    def past(match: re.Match[str]) -> bool:
        return in_last_supporting_sentence(text, match.start(), match.end())

    for match in patterns.mention.finditer(text):
        if not is_history_prose(text, match.start(), match.end()) and not past(match):
            yield RawReference(kind_at("docs-mention", match.start()), match.start("v"), match["v"])
    for match in patterns.artifact.finditer(text):
        name = file_token(text, match.start(), match.end("v"))
        yield RawReference(kind_at("docs-mention", match.start()), match.start("v"), match["v"], file_name=name)
    for match in patterns.pin.finditer(text):
        if not past(match):
            yield RawReference(kind_at("pip-pin", match.start()), match.start("v"), match["v"])
    # A badge or link in a test is test data; in docs it is the project's own.
    for pattern in () if in_test else patterns.links:
        for match in pattern.finditer(text):
            if not past(match):
                yield RawReference("release-link", match.start("v"), match["v"])
    if patterns.action_pin is not None:
        for match in patterns.action_pin.finditer(text):
            yield RawReference("action-pin", match.start("v"), match["v"])
    if "rev:" in text:
        for match in _PRE_COMMIT.finditer(text):
            if patterns.owns_repository_url(match["url"]):
                yield RawReference("pre-commit-rev", match.start("v"), match["v"])
    for match in _DOCS_FIELD.finditer(text):
        yield RawReference("docs-field", match.start("v"), match["v"])
    if file_roles.is_dockerfile(path):
        for line in _DOCKER_LINE.finditer(text):
            for match in _DOCKER_LABEL.finditer(text, line.start(), line.end()):
                yield RawReference("dockerfile", match.start("v"), match["v"])
        for match in patterns.docker_arg.finditer(text):
            yield RawReference("dockerfile", match.start("v"), match["v"])
