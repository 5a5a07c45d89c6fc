"""The reference kinds' patterns: from one file's text to the versions it writes down."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from releasekit import file_roles
from releasekit.toml_text import table_body
from releasekit.versions import BOUNDED_VERSION, DEV_COUNTER, VERSION_TEXT

if TYPE_CHECKING:
    from releasekit.project import Project

V = rf"(?P<v>{BOUNDED_VERSION})"
QUOTED_V = rf"(?P<q>['\"])(?P<v>{VERSION_TEXT})(?P=q)"
_TYPE_HINT = r"(?::[^=\n]*)?"
IGNORE_MARKER = "releasekit: ignore"


class RawReference(NamedTuple):
    """A version found at an offset of a file's text, before it is placed and judged."""

    kind: str
    start: int
    text: str
    is_tuple: bool = False
    short_ok: bool = False


class LazyPattern:
    """A regex compiled on first use: a warm check reads no file and compiles none of them."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text)


def _compile(pattern: str, flags: int = re.MULTILINE) -> LazyPattern:
    return LazyPattern(pattern, flags)


_DUNDER = _compile(rf"^__version__[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")
_MODULE_VERSION = _compile(rf"^(?:VERSION|version|__version__)[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")
_TUPLE_NAMES = r"__version_info__|version_info|VERSION_INFO|__version_tuple__|version_tuple"
_TUPLE = _compile(rf"^(?P<name>{_TUPLE_NAMES}|VERSION)[ \t]*{_TYPE_HINT}=[ \t]*(?P<t>\([^()\n]*\))")
_SPHINX = _compile(rf"^(?P<key>version|release)[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")
_SETUP_KWARG = _compile(rf"\bversion[ \t]*=[ \t]*{QUOTED_V}")
_SETUP_CONSTANT = _compile(rf"^(?:VERSION|__version__)[ \t]*=[ \t]*{QUOTED_V}")


def _assertions(names: str) -> tuple[LazyPattern, ...]:
    """Test assertions about the version: bare names, or attributes of the project's own package.

    ``otherlib.__version__ == "1.2.0"`` in a test is another package's version, not ours.
    """
    attribute = rf"(?:(?i:{names})(?:\.\w+)*\.)?(?:__version__|version|VERSION)"
    return (
        _compile(rf"^[ \t]*assert[ \t]+\(?{attribute}[ \t]*==[ \t]*{QUOTED_V}"),
        _compile(rf"^[ \t]*assert[ \t]+\(?{QUOTED_V}[ \t]*==[ \t]*{attribute}\b"),
        _compile(rf"^[ \t]*(?:self\.)?assert(?:Equal|_equal)\(\s*{attribute}\s*,\s*{QUOTED_V}"),
        _compile(rf"^[ \t]*(?:self\.)?assert(?:Equal|_equal)\(\s*{QUOTED_V}\s*,\s*{attribute}\s*\)"),
        _compile(
            rf"^[ \t]*assert[ \t]+(?:(?i:{names})(?:\.\w+)*\.)?(?:{_TUPLE_NAMES})[ \t]*==[ \t]*(?P<t>\([^()\n]*\))"
        ),
    )


_CITATION = _compile(rf"^version:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)[ \t\r]*$")
_DOCS_FIELD = _compile(rf"^[ \t]*:version:[ \t]*{V}", re.MULTILINE | re.IGNORECASE)
_DOCKER_LABEL = _compile(
    r"(?:^|[ \t])(?:org\.opencontainers\.image\.|org\.label-schema\.)?version="
    rf"(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)",
)
_DOCKER_LINE = _compile(r"^[ \t]*LABEL\b[^\n]*", re.MULTILINE | re.IGNORECASE)
_JSON_VERSION = _compile(rf"^(?P<indent>[ \t]*)\"(?:version|softwareVersion)\"[ \t]*:[ \t]*\"(?P<v>{VERSION_TEXT})\"")
_LOCK_ROOT = _compile(rf"\"packages\"\s*:\s*\{{\s*\"\"\s*:\s*\{{[^{{}}]*?\"version\"\s*:\s*\"(?P<v>{VERSION_TEXT})\"")
_UV_PACKAGE = _compile(
    rf"^\[\[package\]\]\r?\nname = \"(?P<name>[^\"]+)\"\r?\nversion = \"(?P<v>{VERSION_TEXT})\"\r?\n"
    r"source = \{ (?:editable|virtual) = \"\.\" \}"
)
_PRE_COMMIT = _compile(
    rf"repo:[ \t]*(?P<url>\S+)[ \t]*\r?\n[ \t]*(?:-[ \t]+)?rev:[ \t]*(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)"
)
# A security policy's table row for a series, and whether its next cell says supported:
# ``| 2.13.x | :white_check_mark: |`` yes; ``| 2.12.x | :x: |`` and ``| 2.12.x | not supported |`` no.
_SERIES_ROW = _compile(r"^\|[ \t]*(?P<v>\d+\.\d+)\.[xX*][^|\n]*\|(?P<cell>[^|\n]*)\|")
# The row for every older series: ``| < 2.13.x | :x: |`` (Scrapy's policy).
_OLDER_SERIES_ROW = _compile(r"^\|[ \t]*<[ \t]*(?P<v>\d+\.\d+)\.[xX*][^|\n]*\|(?P<cell>[^|\n]*)\|")
_SUPPORTED = _compile(r":white_check_mark:|:heavy_check_mark:|[\u2705\u2714\u2713]|\byes\b|\bsupported\b", re.I)
_UNSUPPORTED = _compile(
    r":x:|[\u274c\u2716\u2717]|\bno\b|\bnot\b|\bunsupported\b|\bend[- ]of[- ]life\b|\beol\b", re.IGNORECASE
)
# Lock files written by a tool pin the environment, the project included as anyone's dependency.
_GENERATED_LOCK = _compile(
    r"^#.*(?:\bauto-?generated|@generated|\bautomatically\s+generated)\b.*?"
    r"\b(?:pip-compile(?:-multi)?|pip-tools|uv|poetry|pdm|pipenv|rye|conda-lock)\b",
    re.MULTILINE | re.IGNORECASE,
)
# A heading whose section is a history (a release timeline, a support history) inside ordinary docs.
_HISTORY_TITLE = _compile(
    r"(?:^|\s)(?:timeline|history|changelog|change\s+log|release\s+notes|what'?s\s+new)[ \t:]*$", re.IGNORECASE
)
_HEADING = _compile(
    r"^(?:#{1,6}[ \t]+(?P<md>[^\n]+)|(?P<rst>[^\s][^\n]*)\n(?P<rule>[=\-~^\"'`#*+_:.])(?P=rule){2,}[ \t]*$)"
)
_DOC_SUFFIXES = (".rst", ".md", ".txt", ".markdown")
_SENTENCE_STOPS = (". ", ".\n", "! ", "? ", "\n\n")
# "the last mypkg release that supports Python 2.6 is mypkg 5.9.0": a past release, whatever its number.
_LAST_SUPPORTING = _compile(
    r"\b(?:last|latest|final)\s+(?:[\w.-]+\s+)?(?:release|version)s?\s+(?:(?:that|which)\s+)?"
    r"(?:\w*port\w*|for\s+(?:c?python|py|pypy))\b",
    re.IGNORECASE,
)
_TOML_KEYS = (
    ("project", "version", "pyproject"),
    ("tool.poetry", "version", "poetry"),
    ("tool.bumpversion", "current_version", "bump-tool"),
    ("tool.tbump.version", "current", "bump-tool"),
    ("tool.commitizen", "version", "bump-tool"),
)
_HISTORY_BEFORE = _compile(
    r"(?:\b(?:since|in|from|until|till|before|after|as of|prior to|introduced|added|deprecated|removed|"
    r"changed|fixed|between|than|older|earlier|newer|later|pre|upgrad\w*|migrat\w*|downgrad\w*|"
    r"vs|versus|unlike|compared|replaced|supporting)\b|\bnew in|\bstarting (?:with|from)|"
    r"\bgenerated\s+(?:by|with|using)|\bcreated\s+using|"
    r"\bupgrad\w*\W+to)\W*(?:the\W+)?$",
    re.IGNORECASE,
)
_CONSTRAINT_AFTER = _compile(
    r"^(?:\+|\.x|\s*(?:or|and)\s+(?:later|newer|above|higher|greater|up|earlier|older|below|lower|before)"
    r"|\s*onwards?|\s*[-\u2013\u2014(]*\s*\(?\d{4}-\d\d(?:-\d\d)?\b|\s*\(?released|\s*(?:->|\u2192|to)\s*v?\d"
    r"|\s+(?:introduced|added|dropped|removed|deprecated|changed|fixed|started|now\s+requires|"
    r"is\s+the\s+(?:latest|last)|was\s+the\s+last)\b)",
    re.IGNORECASE,
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
        self.normalized_names = frozenset(re.sub(r"[-_.]+", "-", name).lower() for name in identity.names)
        self.slugs = identity.slugs
        bounded_name = rf"(?<![\w.\-/@])(?i:{names})(?![\w\-]|\.\w)"
        self.mention = _compile(rf"{bounded_name}[ \t]+(?:(?i:version|release|ver\.?)[ \t]+)?(?P<v>{BOUNDED_VERSION})")
        self.artifact = _compile(rf"(?<![\w.\-])(?i:{names})-(?P<v>{VERSION_TEXT})(?=\.tar\.gz|\.zip|-py\d|-cp\d)")
        # ``mypkg==6.1.*`` names a series, not a release.
        self.pin = _compile(rf"{bounded_name}(?:\[[\w,\s-]*\])?[ \t]*==[ \t]*(?P<v>{BOUNDED_VERSION})(?!\.\*)")
        self.assertions = _assertions(names)
        self.metadata_call = _compile(
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
            self.action_pin = _compile(rf"(?<![\w.-])(?i:{slug_pattern})(?:/[\w./-]+)?@(?P<v>{BOUNDED_VERSION})")
        self.links = tuple(re.compile(pattern) for pattern in links)
        self.docker_arg = _compile(
            rf"^[ \t]*(?:ARG|ENV)[ \t]+(?:(?i:{names.replace('[-_.]?', '_?')})_)?VERSION[ \t]*[= ][ \t]*"
            rf"(?P<q>['\"]?)(?P<v>{VERSION_TEXT})(?P=q)"
        )
        self.extras = tuple(
            (
                _compile(
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
        return file_roles.always_read(path) or (self.version_source is not None and path == self.version_source.file)

    def owns_repository_url(self, url: str) -> bool:
        lowered = url.lower().rstrip("/")
        if lowered.endswith(".git"):
            lowered = lowered[:-4]
        if any(lowered.endswith("/" + slug) or lowered.endswith(":" + slug) for slug in self.slugs):
            return True
        last = re.sub(r"[-_.]+", "-", lowered.rpartition("/")[2])
        return last in self.normalized_names


def _toml_references(text: str, prefix: str = "") -> Iterator[RawReference]:
    for full_table, key, kind in _TOML_KEYS:
        table = full_table.removeprefix(prefix)
        body = table_body(text, table)
        if body is None:
            continue
        pattern = _compile(rf"^[ \t]*{re.escape(key)}[ \t]*=[ \t]*{QUOTED_V}")
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
    pattern = _compile(rf"^{re.escape(key)}[ \t]*[=:][ \t]*(?P<v>{VERSION_TEXT})[ \t\r]*$")
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
        if re.sub(r"[-_.]+", "-", package.rpartition("/")[2]).lower() not in patterns.normalized_names:
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


def _special_references(path: str, text: str, patterns: Patterns) -> Iterator[RawReference]:
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
            if re.sub(r"[-_.]+", "-", match["name"]).lower() in patterns.normalized_names:
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


def _python_references(path: str, text: str) -> Iterator[RawReference]:
    name = file_roles.basename(path)
    for match in _DUNDER.finditer(text):
        yield RawReference("dunder-version", match.start("v"), match["v"])
    if name in file_roles.VERSION_MODULES:
        for match in _MODULE_VERSION.finditer(text):
            yield RawReference("version-module", match.start("v"), match["v"])
    tuples = 0
    for match in _TUPLE.finditer(text):
        if match["name"] != "VERSION" or name in file_roles.VERSION_MODULES or name == "__init__.py":
            tuples += 1
            yield RawReference("version-tuple", match.start("t"), match["t"], is_tuple=True, short_ok=True)
    # The canonical version reads the first ``_dev = N`` of a file with a tuple as its .devN part.
    counter = DEV_COUNTER.search(text) if tuples and "_dev" in text else None
    if counter is not None:
        yield RawReference("dev-counter", counter.start("dev"), counter["dev"])
    if name == "conf.py" and not file_roles.is_test(path):
        for match in _SPHINX.finditer(text):
            yield RawReference("sphinx-conf", match.start("v"), match["v"], short_ok=match["key"] == "version")


def _test_references(text: str, patterns: Patterns) -> Iterator[RawReference]:
    for pattern in (*patterns.assertions, patterns.metadata_call):
        for match in pattern.finditer(text):
            if "t" in match.re.groupindex:
                yield RawReference("test-assertion", match.start("t"), match["t"], is_tuple=True, short_ok=True)
            else:
                yield RawReference("test-assertion", match.start("v"), match["v"])


def _is_history_prose(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 48) : start]
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end != -1 else len(text)][:40]
    return bool(_HISTORY_BEFORE.search(before) or _CONSTRAINT_AFTER.match(after))


def _assert_line(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    stripped = text[line_start : line_start + 200].lstrip()
    return stripped.startswith(("assert", "self.assert"))


def _in_last_supporting_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` names the last release that supported something."""
    window_start, window_end = max(0, start - 160), min(len(text), end + 160)
    stops = [found + 2 for stop in _SENTENCE_STOPS if (found := text.rfind(stop, window_start, start)) != -1]
    ends = [found for stop in _SENTENCE_STOPS if (found := text.find(stop, end, window_end)) != -1]
    return _LAST_SUPPORTING.search(text, max(stops, default=window_start), min(ends, default=window_end)) is not None


def history_sections(path: str, text: str) -> list[tuple[int, int]]:
    """Spans of a document's sections whose heading names a history (a timeline, a support history)."""
    if not path.lower().endswith(_DOC_SUFFIXES):
        return []
    headings = []
    for match in _HEADING.finditer(text):
        title = match["md"] if match["md"] is not None else match["rst"]
        if match["md"] is None and len(match[0].partition("\n")[2].strip()) < len(title.strip()):
            continue  # an rst underline is at least as long as its title
        headings.append((match.start(), _HISTORY_TITLE.search(title.strip()) is not None))
    spans = []
    for index, (start, is_history) in enumerate(headings):
        if is_history:
            spans.append((start, headings[index + 1][0] if index + 1 < len(headings) else len(text)))
    return spans


def _text_references(path: str, text: str, patterns: Patterns, in_test: bool) -> Iterator[RawReference]:
    def kind_at(default: str, offset: int) -> str:
        return "test-assertion" if in_test and _assert_line(text, offset) else default

    def past(match: re.Match[str]) -> bool:
        return _in_last_supporting_sentence(text, match.start(), match.end())

    for match in patterns.mention.finditer(text):
        if not _is_history_prose(text, match.start(), match.end()) and not past(match):
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


def _is_environment_lock(path: str, text: str) -> bool:
    """A lock of an environment (PEP 751 pylock, pip-compile or uv output): its pins are not the project's."""
    if file_roles.is_environment_lock(path):
        return True
    head = text[:2000]
    return "generated" in head and _GENERATED_LOCK.search(head) is not None


def _glob_matches(path: str, globs: tuple[str, ...]) -> bool:
    from releasekit.globs import matches_any  # noqa: PLC0415 - only for extra references

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
        found.extend(_special_references(path, text, patterns))
    if lowered.endswith((".py", ".pyi")):
        found.extend(_python_references(path, text))
    in_test = file_roles.is_test(path)
    if in_test and lowered.endswith(".py"):
        found.extend(_test_references(text, patterns))
    if not lowered.endswith(file_roles.DATA_SUFFIXES) and not _is_environment_lock(path, text):
        in_text = list(_text_references(path, text, patterns, in_test))
        sections = history_sections(path, text) if in_text else []
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
