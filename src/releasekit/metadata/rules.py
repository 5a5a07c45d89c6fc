"""The metadata rules: PyPI's upload checks and good practice, each a function over core metadata fields.

Each rule yields problems with a code from `metadata_codes`; PyPI's own checks are in warehouse's
`forklift/metadata.py` (local versions, summary length, classifiers, URLs, emails, direct URLs).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import NamedTuple

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from releasekit._util.toml_locator import Position
from releasekit.metadata.fields import CoreMetadata, FieldValue
from releasekit.metadata.validity import is_valid_email, is_valid_object_reference, url_problem

NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
SUMMARY_LIMIT = 512
LABEL_LIMIT = 32
_PYTHON_CLASSIFIER = re.compile(
    r"^Programming Language :: Python :: (?P<major>\d+)(?:\.(?P<minor>\d+))?(?P<only> :: Only)?$"
)
_CAPS = frozenset({"<", "<=", "~=", "==", "==="})


class Problem(NamedTuple):
    """A rule's verdict on one field value: a code, a message and where."""

    code: str
    message: str
    position: Position


Rule = Callable[[CoreMetadata], Iterator[Problem]]


def name_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    name = metadata.first("Name")
    if name is None:
        return
    if not NAME.match(name.value):
        yield Problem("RK101", f"name {name.value!r} is not a valid distribution name", name.position)
    elif canonicalize_name(name.value).replace("-", "_") in sys.stdlib_module_names:
        yield Problem("RK151", f"name {name.value!r} is a standard library module's name", name.position)


def version_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    version = metadata.first("Version")
    if version is None:
        return
    try:
        parsed = Version(version.value)
    except InvalidVersion:
        yield Problem("RK102", f"version {version.value!r} is not a valid PEP 440 version", version.position)
        return
    if parsed.local is not None:
        yield Problem("RK103", f"version {version.value!r} has a local part '+{parsed.local}'", version.position)
    elif str(parsed) != version.value:
        yield Problem("RK152", f"version {version.value!r} is normalized as {str(parsed)!r}", version.position)


def summary_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    summary = metadata.first("Summary")
    if summary is None:
        return
    if "\n" in summary.value.strip("\n") or "\r" in summary.value:
        yield Problem("RK105", "description (the summary) spans several lines", summary.position)
    if len(summary.value) > SUMMARY_LIMIT:
        message = f"description (the summary) is {len(summary.value)} characters long, more than {SUMMARY_LIMIT}"
        yield Problem("RK106", message, summary.position)


def description_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    from releasekit.metadata.readme import content_type_problems, render_problem  # noqa: PLC0415 - lean imports

    content_type = metadata.first("Description-Content-Type")
    if content_type is not None:
        problems = content_type_problems(content_type.value)
        for problem in problems:
            yield Problem("RK108", f"readme {problem}", content_type.position)
        if problems:
            return
    description = metadata.first("Description")
    if description is not None and description.value:
        failure = render_problem(description.value, content_type.value if content_type else None)
        if failure is not None:
            yield Problem("RK109", f"readme does not render: {failure}", description.position)


def license_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    expression = metadata.first("License-Expression")
    if expression is None:
        return
    try:
        canonical = canonicalize_license_expression(expression.value)
    except InvalidLicenseExpression:
        yield Problem("RK110", f"license {expression.value!r} is not a valid SPDX expression", expression.position)
    else:
        if canonical != expression.value:
            yield Problem("RK154", f"license {expression.value!r} is canonically {canonical!r}", expression.position)
    for classifier in metadata.all("Classifier"):
        if classifier.value.startswith("License ::"):
            message = f"classifier {classifier.value!r} beside the license expression"
            yield Problem("RK111", message, classifier.position)


def _admits(specifiers: SpecifierSet, major: int, minor: int | None) -> bool:
    minors = range(40) if minor is None else (minor,)
    return any(
        specifiers.contains(f"{major}.{each}.{patch}", prereleases=True) for each in minors for patch in range(30)
    )


def classifier_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    from trove_classifiers import classifiers, deprecated_classifiers  # noqa: PLC0415 - lean imports

    values = metadata.all("Classifier")
    for classifier in values:
        value, position = classifier.value, classifier.position
        if value.lower().startswith("private ::"):
            yield Problem("RK156", f"classifier {value!r} keeps the project off PyPI", position)
        elif value in deprecated_classifiers:
            replacements = deprecated_classifiers[value]
            instead = f"; use {' or '.join(repr(each) for each in replacements)}" if replacements else ""
            yield Problem("RK114", f"classifier {value!r} is deprecated{instead}", position)
        elif value not in classifiers:
            yield Problem("RK113", f"classifier {value!r} is not a valid trove classifier", position)
    if values and not any(value.value.startswith("Development Status ::") for value in values):
        yield Problem("RK155", "no 'Development Status ::' classifier", values[0].position)


def python_classifier_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    requires, specifiers = metadata.first("Requires-Python"), _specifiers(metadata)
    if requires is None or specifiers is None:
        return
    for classifier in metadata.all("Classifier"):
        match = _PYTHON_CLASSIFIER.match(classifier.value)
        if match is None:
            continue
        major = int(match["major"])
        if match["only"]:
            agrees = major != 3 or not _admits(specifiers, 2, None)
        else:
            agrees = _admits(specifiers, major, int(match["minor"]) if match["minor"] else None)
        if not agrees:
            message = f"classifier {classifier.value!r} disagrees with requires-python {requires.value!r}"
            yield Problem("RK115", message, classifier.position)


def _specifiers(metadata: CoreMetadata) -> SpecifierSet | None:
    requires = metadata.first("Requires-Python")
    try:
        return SpecifierSet(requires.value) if requires else None
    except InvalidSpecifier:
        return None


def requires_python_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    requires = metadata.first("Requires-Python")
    if requires is None:
        return
    specifiers = _specifiers(metadata)
    if specifiers is None:
        yield Problem("RK116", f"requires-python {requires.value!r} is not a valid specifier", requires.position)
    elif any(specifier.operator in _CAPS for specifier in specifiers):
        yield Problem("RK157", f"requires-python {requires.value!r} has an upper cap", requires.position)


def dependency_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    for dependency in metadata.all("Requires-Dist"):
        where = f"optional dependency ({dependency.label})" if dependency.label else "dependency"
        try:
            requirement = Requirement(dependency.value)
        except InvalidRequirement as error:
            reason = str(error).splitlines()[0]
            yield Problem("RK117", f"{where} {dependency.value!r} is not valid: {reason}", dependency.position)
            continue
        if requirement.url is not None:
            yield Problem("RK118", f"{where} {dependency.value!r} is a direct URL reference", dependency.position)
        exact = [
            spec
            for spec in requirement.specifier
            if spec.operator == "===" or (spec.operator == "==" and not spec.version.endswith(".*"))
        ]
        if exact and not dependency.label:
            yield Problem("RK158", f"dependency {dependency.value!r} is pinned to one version", dependency.position)
    for extra in metadata.all("Provides-Extra"):
        if not NAME.match(extra.value):
            yield Problem("RK119", f"extra {extra.value!r} is not a valid extra name", extra.position)


def _url_problems(value: FieldValue, what: str) -> Iterator[Problem]:
    problem = url_problem(value.value)
    if problem is not None:
        yield Problem("RK120", f"{what} {value.value!r} {problem}", value.position)
    elif value.value.lower().startswith("http://"):
        yield Problem("RK159", f"{what} {value.value!r} uses plain http", value.position)


def url_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    for url in metadata.all("Project-URL"):
        if not url.label or len(url.label) > LABEL_LIMIT:
            message = f"URL label {url.label!r} is {len(url.label)} characters long; PyPI accepts 1 to {LABEL_LIMIT}"
            yield Problem("RK121", message, url.position)
        yield from _url_problems(url, f"URL {url.label!r}")
    for field in ("Home-page", "Download-URL"):
        for url in metadata.all(field):
            yield from _url_problems(url, field)


def people_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    import email.utils  # noqa: PLC0415 - only this rule parses addresses

    for field in ("Author-email", "Maintainer-email"):
        for value in metadata.all(field):
            for _, address in email.utils.getaddresses([value.value]):
                if not is_valid_email(address):
                    yield Problem("RK122", f"{field.lower()} {address!r} is not a valid email address", value.position)


def entry_point_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    for entry in metadata.all("Entry-Point"):
        if not is_valid_object_reference(entry.value):
            message = f"entry point {entry.label!r} = {entry.value!r} is not a valid object reference"
            yield Problem("RK123", message, entry.position)


def keyword_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    for keyword in metadata.all("Keywords"):
        if "," in keyword.value:
            yield Problem("RK160", f"keyword {keyword.value!r} contains a comma", keyword.position)


def type_rules(metadata: CoreMetadata) -> Iterator[Problem]:
    for malformed in metadata.malformed:
        yield Problem("RK124", f"[project] {malformed.key} must be {malformed.expected}", malformed.position)


RULES: tuple[Rule, ...] = (
    name_rules,
    version_rules,
    summary_rules,
    description_rules,
    license_rules,
    classifier_rules,
    python_classifier_rules,
    requires_python_rules,
    dependency_rules,
    url_rules,
    people_rules,
    entry_point_rules,
    keyword_rules,
    type_rules,
)


def run_rules(metadata: CoreMetadata, rules: tuple[Rule, ...] = RULES) -> list[Problem]:
    """Every problem every rule finds, in file order."""
    problems = [problem for rule in rules for problem in rule(metadata)]
    return sorted(problems, key=lambda problem: (problem.position, problem.code))
