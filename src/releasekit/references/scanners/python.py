"""Scanners for Python files: ``__version__``, version modules and tuples, Sphinx conf, test assertions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from releasekit.project.python_statements import Statements, read_statements
from releasekit.project.versions import DEV_COUNTER
from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import QUOTED_V, TUPLE_NAMES, RawReference, lazy_pattern

if TYPE_CHECKING:
    from releasekit.references.scanners.dispatch import Patterns

_TYPE_HINT = r"(?::[^=\n]*)?"
# Indented too: a ``try/except`` fallback at module level; ``ast`` then tells statements from strings.
_DUNDER = lazy_pattern(rf"^[ \t]*(?P<name>__version__)[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")
_MODULE_VERSION = lazy_pattern(rf"^[ \t]*(?P<name>VERSION|version|__version__)[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")
_TUPLE = lazy_pattern(rf"^[ \t]*(?P<name>{TUPLE_NAMES}|VERSION)[ \t]*{_TYPE_HINT}=[ \t]*(?P<t>\([^()\n]*\))")
_IN_DEVELOPMENT = lazy_pattern(rf"^_in_development[ \t]*{_TYPE_HINT}=[ \t]*(?P<flag>True|False)\b")
_SPHINX = lazy_pattern(rf"^(?P<key>version|release)[ \t]*{_TYPE_HINT}=[ \t]*{QUOTED_V}")


class _Syntax:
    """The file's statements, parsed once and only when a line looks like an assignment we want."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._parsed: list[Statements | None] = []

    def statements(self) -> Statements | None:
        if not self._parsed:
            self._parsed.append(read_statements(self.text))
        return self._parsed[0]

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def assigns(self, match: re.Match[str]) -> bool:
        """Whether the match is a module-level assignment statement, not text inside a string literal.

        A file that is not Python 3 keeps the line-start rule: a name at column 1 assigns.
        """
        statements = self.statements()
        at_line_start = match.start("name") == 0 or self.text[match.start("name") - 1] == "\n"
        if statements is None:
            return at_line_start
        return match["name"] in statements.assigned.get(self.line(match.start("name")), ())

    def in_string(self, offset: int) -> bool:
        statements = self.statements()
        return statements is not None and self.line(offset) in statements.in_strings


def python_references(path: str, text: str) -> Iterator[RawReference]:
    if file_roles.is_example(path):
        return  # an example program's __version__ is the example's
    name = file_roles.basename(path)
    syntax = _Syntax(text)
    for match in _DUNDER.finditer(text):
        if syntax.assigns(match):
            yield RawReference("dunder-version", match.start("v"), match["v"])
    if name in file_roles.VERSION_MODULES:
        for match in _MODULE_VERSION.finditer(text):
            if syntax.assigns(match):
                yield RawReference("version-module", match.start("v"), match["v"])
    tuples = 0
    in_development = _sets_in_development(text)
    for match in _TUPLE.finditer(text):
        if not syntax.assigns(match):
            continue
        if match["name"] != "VERSION" or name in file_roles.VERSION_MODULES or name == "__init__.py":
            tuples += 1
            yield RawReference(
                "version-tuple",
                match.start("t"),
                match["t"],
                is_tuple=True,
                short_ok=True,
                in_development=in_development,
            )
    # The canonical version reads the first ``_dev = N`` of a file with a tuple as its .devN part.
    counter = DEV_COUNTER.search(text) if tuples and "_dev" in text else None
    if counter is not None:
        yield RawReference("dev-counter", counter.start("dev"), counter["dev"])
    if name == "conf.py" and not file_roles.is_test(path):
        for match in _SPHINX.finditer(text):
            if syntax.in_string(match.start()):
                continue
            yield RawReference("sphinx-conf", match.start("v"), match["v"], short_ok=match["key"] == "version")


def _sets_in_development(text: str) -> bool:
    """Whether the file's first ``_in_development = True|False`` says True (Sphinx between releases)."""
    if "_in_development" not in text:
        return False
    flag = _IN_DEVELOPMENT.search(text)
    return flag is not None and flag["flag"] == "True"


def assertion_references(text: str, patterns: Patterns) -> Iterator[RawReference]:
    syntax = _Syntax(text)
    for pattern in (*patterns.assertions, patterns.metadata_call):
        for match in pattern.finditer(text):
            if syntax.in_string(match.start()):
                continue  # an assertion inside a test's template or expected output
            if "t" in match.re.groupindex:
                yield RawReference("test-assertion", match.start("t"), match["t"], is_tuple=True, short_ok=True)
            else:
                yield RawReference("test-assertion", match.start("v"), match["v"])
