"""Lockstep pins: another package's requirement bound that moved with this project's version at the previous release.

s3fs requires ``fsspec==2026.3.0`` at its own 2026.3.0, boto3 ``botocore>=1.43.77`` at 1.43.77: their
maintainers move that bound with every release. A bound is a lockstep pin when it equals the current
version now and, at the previous release's tag, the same requirement (same package, same operator)
said the previous release's version. A bound equal to the version by coincidence has no such history
and is never moved. Only `bump` asks (a few git calls); `check` never sees these: another package's
pin is not a reference to this project's version.
"""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from releasekit._util.process import CommandError, run
from releasekit.git.plumbing import tag_names
from releasekit.project.previous_release import own_tag_prefixes, tag_release
from releasekit.references.discovery import VersionReference

LOCKSTEP_KIND = "lockstep-pin"

# Where requirements are written: pip's files, and the three places packaging tools read them from.
_PATHSPECS = (
    ":(glob)**/requirements*.txt",
    ":(glob)**/*.in",
    ":(glob)**/pyproject.toml",
    ":(glob)**/setup.cfg",
    ":(glob)**/setup.py",
)
_QUOTED = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^'\\]*)'""")
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_OPTION = re.compile(r"^\s*[\w.-]+\s*=\s*(\S.*)$")


class LockstepPin(NamedTuple):
    """One bound to move, the requirement it belongs to, and why it is moved."""

    reference: VersionReference
    requirement: str
    """The package and operator, ``fsspec==`` or ``botocore>=``."""
    reason: str


class _Requirement(NamedTuple):
    line: int
    column: int  # 1-based, where the requirement's text starts on its line
    text: str


def find_lockstep_pins(root: Path, current: Version, own_names: Iterable[str]) -> tuple[LockstepPin, ...]:
    """Every lockstep pin of the project at ``root`` (whose version is ``current``); empty without a previous tag."""
    own = own_tag_prefixes(own_names)
    own_packages = {canonicalize_name(name) for name in own_names}
    previous = _previous_tag(root, current, own)
    if previous is None:
        return ()
    tag, previous_version = previous
    pins: list[LockstepPin] = []
    for path in _requirement_files(root):
        try:
            text = (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        candidates = [bound for bound in _bounds(path, text) if bound.package not in own_packages]
        candidates = [bound for bound in candidates if bound.version == current]
        if not candidates:
            continue
        before = _file_at(root, tag, path)
        if before is None:
            continue
        moved = {(old.package, old.operator) for old in _bounds(path, before) if old.version == previous_version}
        pins.extend(
            LockstepPin(
                VersionReference(path, bound.line, bound.column, LOCKSTEP_KIND, bound.text, str(bound.version)),
                f"{bound.name}{bound.operator}",
                f"moved with {current} at the previous release ({bound.operator}{previous_version} at {tag})",
            )
            for bound in candidates
            if (bound.package, bound.operator) in moved
        )
    return tuple(pins)


def _previous_tag(root: Path, current: Version, own: frozenset[str]) -> tuple[str, Version] | None:
    """The newest of the project's own final release tags below ``current``."""
    newest: tuple[tuple[int, ...], str] | None = None
    for tag in tag_names(root):
        release = tag_release(tag, own)
        if release is None or Version(".".join(map(str, release))) >= current:
            continue
        if newest is None or release > newest[0]:
            newest = (release, tag)
    return None if newest is None else (newest[1], Version(".".join(map(str, newest[0]))))


def _requirement_files(root: Path) -> list[str]:
    try:
        listed = run(["git", "ls-files", "-z", "--", *_PATHSPECS], cwd=root, check=False)
    except CommandError:
        return []
    if listed.returncode != 0:
        return []
    return sorted(path for path in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if path)


def _file_at(root: Path, tag: str, path: str) -> str | None:
    try:
        shown = run(["git", "show", f"{tag}:./{path}"], cwd=root, check=False)
    except CommandError:
        return None
    if shown.returncode != 0:
        return None
    return shown.stdout.decode("utf-8", "replace")


class _Bound(NamedTuple):
    line: int
    column: int
    text: str  # the version as written
    version: Version
    name: str  # the package as written
    package: str  # its canonical name
    operator: str


def _bounds(path: str, text: str) -> Iterator[_Bound]:
    """Each version bound of each requirement ``path`` declares, with where its version is written."""
    lines = text.splitlines()
    for found in _requirements(path, text, lines):
        try:
            requirement = Requirement(found.text)
        except InvalidRequirement:
            continue
        line = lines[found.line - 1]
        start = found.column - 1
        for specifier in requirement.specifier:
            if "*" in specifier.version:
                continue
            try:
                version = Version(specifier.version)
            except InvalidVersion:
                continue
            where = re.compile(re.escape(specifier.operator) + r"\s*(" + re.escape(specifier.version) + r")(?![\w.])")
            match = where.search(line, start, start + len(found.text))
            if match is None:
                continue
            package = canonicalize_name(requirement.name)
            yield _Bound(
                found.line, match.start(1) + 1, match[1], version, requirement.name, package, specifier.operator
            )


def _requirements(path: str, text: str, lines: list[str]) -> Iterator[_Requirement]:
    name = path.rpartition("/")[2]
    if name == "pyproject.toml":
        yield from _quoted(lines, _pyproject_requirements(text))
    elif name == "setup.cfg":
        yield from _listed(lines, _setup_cfg_requirements(text))
    elif name == "setup.py":
        yield from _quoted(lines, _setup_py_requirements(text))
    else:
        yield from _requirement_lines(lines)


def _requirement_lines(lines: list[str]) -> Iterator[_Requirement]:
    """pip's requirement files: one per line, options (``-r``, ``--hash``) and comments aside."""
    for number, line in enumerate(lines, 1):
        body = _COMMENT.sub("", line).split(" --", 1)[0].rstrip(" \t\\")
        stripped = body.lstrip()
        if stripped and not stripped.startswith("-"):
            yield _Requirement(number, len(body) - len(stripped) + 1, stripped)


def _quoted(lines: list[str], wanted: set[str]) -> Iterator[_Requirement]:
    """The quoted strings on ``lines`` that are among the ``wanted`` requirements."""
    if not wanted:
        return
    for number, line in enumerate(lines, 1):
        for match in _QUOTED.finditer(line):
            group = 1 if match[1] is not None else 2
            if match[group] in wanted:
                yield _Requirement(number, match.start(group) + 1, match[group])


def _listed(lines: list[str], wanted: set[str]) -> Iterator[_Requirement]:
    if not wanted:
        return
    for number, line in enumerate(lines, 1):
        body = _COMMENT.sub("", line).rstrip()
        stripped = body.lstrip()
        if stripped in wanted:
            yield _Requirement(number, len(body) - len(stripped) + 1, stripped)
            continue
        option = _OPTION.match(body)  # ``extra = requirement`` on the option's own line
        if option is not None and option[1] in wanted:
            yield _Requirement(number, option.start(1) + 1, option[1])


def _pyproject_requirements(text: str) -> set[str]:
    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return set()
    found = set(_strings(project.get("dependencies", [])))
    for extra in (project.get("optional-dependencies") or {}).values():
        found.update(_strings(extra))
    return found


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


def _setup_cfg_requirements(text: str) -> set[str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return set()
    values = []
    if parser.has_option("options", "install_requires"):
        values.append(parser.get("options", "install_requires"))
    if parser.has_option("metadata", "requires_dist"):  # bdist_wheel's own copy of the requirements
        values.append(parser.get("metadata", "requires_dist"))
    if parser.has_section("options.extras_require"):
        values.extend(parser["options.extras_require"].values())
    return {stripped for value in values for line in value.splitlines() if (stripped := _COMMENT.sub("", line).strip())}


def _setup_py_requirements(text: str) -> set[str]:
    """The strings given to ``setup(install_requires=..., extras_require=...)``, directly or through a name."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    assigned = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg not in {"install_requires", "extras_require"}:
                continue
            value = keyword.value
            if isinstance(value, ast.Name) and value.id in assigned:
                value = assigned[value.id]
            found.update(
                item.value for item in ast.walk(value) if isinstance(item, ast.Constant) and isinstance(item.value, str)
            )
    return found
