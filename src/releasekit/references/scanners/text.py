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
        yield RawReference(kind_at("docs-mention", match.start()), match.start("v"), match["v"])
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
