"""The scanners of the project's own release beyond the core kinds, run on every text file by ``dispatch``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from releasekit.references import roles as file_roles
from releasekit.references.scanners.chained import chained_references
from releasekit.references.scanners.ci_files import (
    action_input_references,
    docker_label_references,
    pre_commit_references,
)
from releasekit.references.scanners.fallback import fallback_references
from releasekit.references.scanners.primitives import RawReference
from releasekit.references.scanners.repository_links import repository_link_references
from releasekit.references.scanners.rst_substitutions import substitution_references
from releasekit.references.scanners.template_answers import template_answer_references

if TYPE_CHECKING:
    from releasekit.references.scanners.dispatch import Patterns

# Stamped into the scan cache's key with the other scanners: a change to any of them drops the cache.
MODULES = (
    "own_release.py",
    "chained.py",
    "ci_files.py",
    "fallback.py",
    "repository_links.py",
    "rst_substitutions.py",
    "template_answers.py",
)
# Read whatever they contain: an action's version input sits on a line of its own, far from any keyword.
_ALWAYS_READ = frozenset({"action.yml", "action.yaml"})


def always_read(path: str) -> bool:
    return file_roles.basename(path).lower() in _ALWAYS_READ


@functools.lru_cache(maxsize=8)
def _name_words(names: frozenset[str]) -> frozenset[str]:
    """The project's names and each of their words (``sphinx-book-theme``: ``sphinx``, ``book``, ``theme``)."""
    words = set(names)
    for name in names:
        words.update(part for part in re.split(r"[-_.]+", name) if part)
    return frozenset(words) | frozenset(name.replace("-", "_") for name in names)


@functools.lru_cache(maxsize=8)
def _installer(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(alternatives)
    return re.compile(rf"\binstall\b[^\n]*(?<![\w.\-/@])(?i:{names})(?![\w\-]|\.\w)")


def own_release_references(path: str, text: str, patterns: Patterns, in_test: bool) -> Iterator[RawReference]:
    """Kinds of any text file (each scanner looks at the files it is for)."""
    if path.lower().endswith(".py"):
        yield from chained_references(path, text)
    yield from fallback_references(path, text)
    words = _name_words(patterns.normalized_names)
    if not in_test:  # a link in a test is test data
        yield from repository_link_references(text, patterns.slugs)
        yield from substitution_references(text, words)
    yield from template_answer_references(path, text, words)
    yield from pre_commit_references(path, text, patterns.owns_repository_url)
    yield from docker_label_references(path, text)
    installer = _installer(patterns.name_alternatives)
    yield from action_input_references(path, text, lambda body: installer.search(body) is not None)
