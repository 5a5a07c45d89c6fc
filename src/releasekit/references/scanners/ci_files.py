"""The project's own release in CI and container files: its hook in its own pre-commit config, its action, its image."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from releasekit.project.versions import VERSION_TEXT
from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import RawReference, lazy_pattern

ACTION_INPUT_KIND = "action-input"
# One entry of a pre-commit config's ``repos:`` list: from its ``- `` to the next item at the same indent.
_REPO_ITEM = lazy_pattern(r"^(?P<indent>[ \t]*)-[ \t]+(?=(?:repo|rev)[ \t]*:)")
_REPO = lazy_pattern(r"\brepo[ \t]*:[ \t]*(?P<q>['\"]?)(?P<url>[^\s'\"#]+)(?P=q)")
_REV = lazy_pattern(rf"\brev[ \t]*:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)[ \t]*(?:#[^\n]*)?\r?$")
# A Dockerfile LABEL, continued over several lines with backslashes.
_LABEL = lazy_pattern(r"^[ \t]*LABEL\b(?:[^\n]*\\[ \t]*\r?\n)*[^\n]*", re.MULTILINE | re.IGNORECASE)
_VERSION_LABEL = lazy_pattern(
    r"(?:^|[ \t])(?:org\.opencontainers\.image\.|org\.label-schema\.)?version="
    rf"(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)",
)
# ``inputs: version: default: "1.2.7"`` of an action that installs the project itself.
_ACTION_INPUT = lazy_pattern(
    r"^(?P<indent>[ \t]+)(?P<name>[\w-]*version)[ \t]*:[ \t]*\r?\n"
    r"(?:(?P=indent)[ \t]+[\w-]+[ \t]*:[^\n]*\n)*?"
    rf"(?P=indent)[ \t]+default[ \t]*:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)[ \t]*\r?$"
)


def _items(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of each list item that holds a ``repo:`` or ``rev:`` key."""
    starts = [(match.start(), len(match["indent"])) for match in _REPO_ITEM.finditer(text)]
    for index, (start, indent) in enumerate(starts):
        end = len(text)
        for later, later_indent in starts[index + 1 :]:
            if later_indent <= indent:
                end = later
                break
        yield start, end


def pre_commit_references(path: str, text: str, owns: Callable[[str], bool]) -> Iterator[RawReference]:
    """``rev:`` of an entry whose ``repo:`` is this project's repository, whatever the keys' order."""
    if not file_roles.basename(path).lower().startswith(".pre-commit") or "rev" not in text:
        return
    for start, end in _items(text):
        repo = _REPO.search(text, start, end)
        rev = _REV.search(text, start, end)
        if repo is not None and rev is not None and owns(repo["url"]):
            yield RawReference("pre-commit-rev", rev.start("v"), rev["v"])


def docker_label_references(path: str, text: str) -> Iterator[RawReference]:
    """Version labels anywhere in a LABEL instruction, continuation lines included."""
    if not file_roles.is_dockerfile(path):
        return
    for label in _LABEL.finditer(text):
        for match in _VERSION_LABEL.finditer(text, label.start(), label.end()):
            yield RawReference("dockerfile", match.start("v"), match["v"])


def action_input_references(path: str, text: str, installs_project: Callable[[str], bool]) -> Iterator[RawReference]:
    """The default ``version`` input of a composite action that installs the project itself."""
    if file_roles.basename(path).lower() not in ("action.yml", "action.yaml") or not installs_project(text):
        return
    for match in _ACTION_INPUT.finditer(text):
        yield RawReference(ACTION_INPUT_KIND, match.start("v"), match["v"])
