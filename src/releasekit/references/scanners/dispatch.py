"""A project's name-aware ``Patterns`` and ``scan_text``, which sends one file's text to the scanners that fit it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from releasekit._util.names import canonical_name
from releasekit.project.versions import BOUNDED_VERSION, VERSION_TEXT
from releasekit.references import roles as file_roles
from releasekit.references.scanners.history import directive_spans, history_sections
from releasekit.references.scanners.named_files import special_references
from releasekit.references.scanners.own_release import always_read as own_release_read
from releasekit.references.scanners.own_release import own_release_references
from releasekit.references.scanners.primitives import QUOTED_V, TUPLE_NAMES, LazyPattern, RawReference, lazy_pattern
from releasekit.references.scanners.python import assertion_references, python_references
from releasekit.references.scanners.text import text_references

if TYPE_CHECKING:
    from releasekit.project.identity import Project

IGNORE_MARKER = "releasekit: ignore"
# Lock files written by a tool pin the environment, the project included as anyone's dependency.
_GENERATED_LOCK = lazy_pattern(
    r"^#.*(?:\bauto-?generated|@generated|\bautomatically\s+generated)\b.*?"
    r"\b(?:pip-compile(?:-multi)?|pip-tools|uv|poetry|pdm|pipenv|rye|conda-lock)\b",
    re.MULTILINE | re.IGNORECASE,
)


def _assertions(names: str) -> tuple[LazyPattern, ...]:
    """Test assertions about the version: bare names, or attributes of the project's own package.

    ``otherlib.__version__ == "1.2.0"`` in a test is another package's version, not ours.
    """
    attribute = rf"(?:(?i:{names})(?:\.\w+)*\.)?(?:__version__|version|VERSION)"
    return (
        lazy_pattern(rf"^[ \t]*assert[ \t]+\(?{attribute}[ \t]*==[ \t]*{QUOTED_V}"),
        lazy_pattern(rf"^[ \t]*assert[ \t]+\(?{QUOTED_V}[ \t]*==[ \t]*{attribute}\b"),
        lazy_pattern(rf"^[ \t]*(?:self\.)?assert(?:Equal|_equal)\(\s*{attribute}\s*,\s*{QUOTED_V}"),
        lazy_pattern(rf"^[ \t]*(?:self\.)?assert(?:Equal|_equal)\(\s*{QUOTED_V}\s*,\s*{attribute}\s*\)"),
        lazy_pattern(
            rf"^[ \t]*assert[ \t]+(?:(?i:{names})(?:\.\w+)*\.)?(?:{TUPLE_NAMES})[ \t]*==[ \t]*(?P<t>\([^()\n]*\))"
        ),
    )


class Patterns:
    """The compiled, name-aware patterns for one project."""

    def __init__(self, project: Project) -> None:
        identity = project.identity
        name_alternatives = sorted(
            {
                r"[-_.]?".join(re.escape(part) for part in re.split(r"[-_.\s]+", name) if part)
                for name in identity.names
            },
            key=len,
            reverse=True,
        )
        names = "|".join(alternative for alternative in name_alternatives if alternative)
        self.name_alternatives = tuple(alternative for alternative in name_alternatives if alternative)
        self.normalized_names = frozenset(canonical_name(name) for name in identity.names)
        self.slugs = identity.slugs
        bounded_name = rf"(?<![\w.\-/@])(?i:{names})(?![\w\-]|\.\w)"
        self.mention = lazy_pattern(
            rf"{bounded_name}[ \t]+(?:(?i:version|release|ver\.?)[ \t]+)?(?P<v>{BOUNDED_VERSION})"
        )
        self.artifact = lazy_pattern(rf"(?<![\w.\-])(?i:{names})-(?P<v>{VERSION_TEXT})(?=\.tar\.gz|\.zip|-py\d|-cp\d)")
        # ``mypkg==6.1.*`` names a series, not a release.
        self.pin = lazy_pattern(rf"{bounded_name}(?:\[[\w,\s-]*\])?[ \t]*==[ \t]*(?P<v>{BOUNDED_VERSION})(?!\.\*)")
        self.assertions = _assertions(names)
        self.metadata_call = lazy_pattern(
            rf"^[ \t]*assert[ \t]+(?:[\w.]+\.)?version\(\s*['\"](?i:{names})['\"]\s*\)[ \t]*==[ \t]*{QUOTED_V}"
        )
        links = [rf"pypi\.org/project/(?i:{names})/(?P<v>{VERSION_TEXT})(?=/|\b)"]
        links.append(
            rf"img\.shields\.io/badge/(?:[^/\s)\-]*(?i:version|release|{names})[^/\s)\-]*)-(?P<v>{VERSION_TEXT})-"
        )
        slug_pattern = "|".join(re.escape(slug) for slug in identity.slugs)
        self.action_pin: LazyPattern | None = None
        if slug_pattern:
            links.append(
                # tree/<tag> without a path; blob/ and tree/ permalinks pin a file at a past tag.
                rf"(?i:{slug_pattern})/(?:releases/tag/|tree/|archive/(?:refs/tags/)?|compare/\S*?\.\.\.)"
                rf"(?P<v>{VERSION_TEXT})(?![\w/-]|\.\d)"
            )
            self.action_pin = lazy_pattern(rf"(?<![\w.-])(?i:{slug_pattern})(?:/[\w./-]+)?@(?P<v>{BOUNDED_VERSION})")
        self.links = tuple(re.compile(pattern) for pattern in links)
        self.docker_arg = lazy_pattern(
            rf"^[ \t]*(?:ARG|ENV)[ \t]+(?:(?i:{names.replace('[-_.]?', '_?')})_)?VERSION[ \t]*[= ][ \t]*"
            rf"(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)"
        )
        self.extras = tuple(
            (
                lazy_pattern(
                    rf"{re.escape(extra.template.split('{version}')[0])}(?P<v>{VERSION_TEXT})"
                    rf"{re.escape(extra.template.split('{version}')[1])}",
                ),
                extra.files,
            )
            for extra in project.config.extra_references
        )
        # A file can hold a reference only if some line has a keyword (the word version or
        # release, a name, a repository) followed by a version or a tuple, or a ``rev:`` pin,
        # or an extra reference's fixed prefix. git grep applies the same test in C.
        keywords = ["version", "release", *self.name_alternatives, *(re.escape(slug) for slug in identity.slugs)]
        keyword = "|".join(keyword.replace("(?i:", "(") for keyword in keywords if keyword)
        prefixes = [re.escape(extra.template.split("{version}")[0]) for extra in project.config.extra_references]
        self.needs_keyword = not any(
            extra.template.startswith("{version}") for extra in project.config.extra_references
        )
        self.keyword_ere = "|".join(
            [
                rf"({keyword}).*([0-9]\.[0-9]|\([[:blank:]]*[0-9]+[[:blank:]]*,)",
                r"rev:[[:blank:]]*['\"]?[vV]?[0-9]+\.[0-9]",
                *(prefix for prefix in prefixes if prefix),
            ]
        )
        self.keyword = re.compile(
            "|".join(
                [
                    rf"(?:{keyword}).*(?:[0-9]\.[0-9]|\([ \t]*[0-9]+[ \t]*,)",
                    r"rev:[ \t]*['\"]?[vV]?[0-9]+\.[0-9]",
                    *(prefix for prefix in prefixes if prefix),
                ]
            ),
            re.IGNORECASE,
        )
        self.version_source = project.config.version_source

    def always_read(self, path: str) -> bool:
        """Files read whatever they contain: special names, and the configured version source."""
        return (
            file_roles.always_read(path)
            or own_release_read(path)
            or (self.version_source is not None and path == self.version_source.file)
        )

    def owns_repository_url(self, url: str) -> bool:
        lowered = url.lower().rstrip("/")
        if lowered.endswith(".git"):
            lowered = lowered[:-4]
        if any(lowered.endswith("/" + slug) or lowered.endswith(":" + slug) for slug in self.slugs):
            return True
        last = canonical_name(lowered.rpartition("/")[2])
        return last in self.normalized_names


# Requirement and constraint files pin an environment; the project pinned there is another's dependency.
_REQUIREMENTS_FILE = lazy_pattern(r"^(?:.*[-_.])?(?:requirements|constraints|reqs)(?:[-_.].*)?\.(?:txt|in)$", re.I)


def is_environment_lock(path: str, text: str) -> bool:
    """A lock of an environment (PEP 751 pylock, pip-compile or uv output, a requirements file): not the project's."""
    if file_roles.is_environment_lock(path) or _REQUIREMENTS_FILE.match(file_roles.basename(path)):
        return True
    head = text[:2000]
    return "generated" in head and _GENERATED_LOCK.search(head) is not None


def _glob_matches(path: str, globs: tuple[str, ...]) -> bool:
    from releasekit._util.globs import matches_any  # noqa: PLC0415 - only for extra references

    return matches_any(path, globs)


def scan_text(path: str, text: str, patterns: Patterns) -> list[RawReference]:
    """Every raw reference in one file, each offset once, in file order."""
    lowered = path.lower()
    found: list[RawReference] = []
    # The user's own configuration wins over a built-in kind at the same place.
    source = patterns.version_source
    if source is not None and path == source.file:
        found.extend(_source_references(text, source.pattern))
    for pattern, globs in patterns.extras:
        if not globs or _glob_matches(path, globs):
            found.extend(RawReference("extra", match.start("v"), match["v"]) for match in pattern.finditer(text))
    if file_roles.always_read(path):
        found.extend(special_references(path, text, patterns))
    if lowered.endswith((".py", ".pyi")):
        found.extend(python_references(path, text))
    in_test = file_roles.is_test(path)
    if in_test and lowered.endswith(".py"):
        found.extend(assertion_references(text, patterns))
    if not lowered.endswith(file_roles.DATA_SUFFIXES) and not is_environment_lock(path, text):
        in_text = [
            *text_references(path, text, patterns, in_test),
            *own_release_references(path, text, patterns, in_test),
        ]
        sections = [*history_sections(path, text), *directive_spans(text)] if in_text else []
        found.extend(
            reference for reference in in_text if not any(start <= reference.start < end for start, end in sections)
        )
    by_offset: dict[int, RawReference] = {}
    for reference in found:
        by_offset.setdefault(reference.start, reference)
    references = sorted(by_offset.values(), key=lambda reference: reference.start)
    if IGNORE_MARKER in text:
        references = [reference for reference in references if not _ignored(text, reference.start)]
    return references


def _source_references(text: str, pattern: str | None) -> Iterator[RawReference]:
    if pattern is None:
        match = re.search(BOUNDED_VERSION, text)
        if match:
            yield RawReference("version-source", match.start(), match.group())
        return
    compiled = re.compile(pattern, re.MULTILINE)
    match = compiled.search(text)
    if match:
        group = "version" if "version" in compiled.groupindex else 1
        yield RawReference("version-source", match.start(group), match[group])


def _ignored(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return IGNORE_MARKER in text[line_start : line_end if line_end != -1 else len(text)]
