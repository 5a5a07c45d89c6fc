"""Template answer files (``.cookiecutterrc``, ``.copier-answers.yml``): the project's version among the answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from releasekit.project.versions import VERSION_TEXT
from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import RawReference, lazy_pattern

TEMPLATE_ANSWERS_KIND = "template-answers"
# ``version: 3.8.0`` or ``project_version: '3.8.0'``, at any depth (cookiecutter nests them under default_context).
_ANSWER = lazy_pattern(
    rf"^[ \t]*(?P<key>[\w-]*?)[ \t]*:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)[ \t]*(?:#[^\n]*)?\r?$"
)
# Keys that name the project's own version; ``python_version``, ``_commit`` (the template's) never do.
_PROJECT_WORDS = frozenset({"project", "package", "pkg", "app", "lib", "library", "current", "release"})


def is_answers_file(path: str) -> bool:
    name = file_roles.basename(path).lower()
    return name == ".cookiecutterrc" or (name.startswith(".copier-answers") and name.endswith((".yml", ".yaml")))


def _names_the_project(key: str, name_words: frozenset[str]) -> bool:
    parts = [part for part in re.split(r"[-_]+", key.lower()) if part]
    if not parts or parts[-1] != "version":
        return parts == ["release"]
    return all(part in _PROJECT_WORDS or part in name_words for part in parts[:-1])


def template_answer_references(path: str, text: str, name_words: frozenset[str]) -> Iterator[RawReference]:
    if not is_answers_file(path):
        return
    for match in _ANSWER.finditer(text):
        if _names_the_project(match["key"], name_words):
            yield RawReference(TEMPLATE_ANSWERS_KIND, match.start("v"), match["v"])
