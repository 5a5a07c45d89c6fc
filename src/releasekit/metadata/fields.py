"""Core metadata as fields (Name, Version, Classifier...), each with the place it was written; from `[project]`.

The rules in `metadata_rules` read only this model, so they run the same on a wheel's METADATA
(https://packaging.python.org/en/latest/specifications/core-metadata/) as on pyproject.toml.
"""

from __future__ import annotations

import contextlib
import email.utils
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from releasekit._util.toml_locator import Position, TomlLocator

# readme file extension -> the content type PEP 621 has build backends infer from it.
README_TYPES = {".md": "text/markdown", ".rst": "text/x-rst", ".txt": "text/plain"}


class FieldValue(NamedTuple):
    """One value of a core metadata field; ``label`` keys it (a URL's label, a script's name, an extra)."""

    field: str
    value: str
    position: Position
    label: str = ""


class Malformed(NamedTuple):
    """A `[project]` key whose value has the wrong type, so no field could be read from it."""

    key: str
    expected: str
    position: Position


class CoreMetadata(NamedTuple):
    """Every field value in written order, plus the keys that could not be read."""

    fields: tuple[FieldValue, ...]
    malformed: tuple[Malformed, ...] = ()

    def all(self, field: str) -> list[FieldValue]:
        return [value for value in self.fields if value.field == field]

    def first(self, field: str) -> FieldValue | None:
        values = self.all(field)
        return values[0] if values else None


class ReadmeSource(NamedTuple):
    """Where the readme comes from in pyproject.toml: a file (relative path) and a declared content type."""

    file: str | None
    declared_type: str | None
    position: Position


class PyprojectMetadata(NamedTuple):
    """`[project]` as core metadata, and what only the source tree has: the readme file and license globs."""

    metadata: CoreMetadata
    readme: ReadmeSource | None
    license_globs: tuple[FieldValue, ...]


class _Reader:
    """Reads `[project]` keys, recording each value's place and each wrong type."""

    def __init__(self, project: dict[str, Any], locator: TomlLocator) -> None:
        self.project = project
        self.locator = locator
        self.fields: list[FieldValue] = []
        self.malformed: list[Malformed] = []

    def place(self, key: str, item: str | None = None, table: str = "project") -> Position:
        return self.locator.best(table, key, item)

    def wrong(self, key: str, expected: str, position: Position | None = None) -> None:
        self.malformed.append(Malformed(key, expected, position or self.place(key)))

    def string(self, key: str) -> str | None:
        value = self.project.get(key)
        if value is None or isinstance(value, str):
            return value
        self.wrong(key, "a string")
        return None

    def strings(self, key: str) -> list[str]:
        value = self.project.get(key, [])
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        self.wrong(key, "a list of strings")
        return []

    def tables(self, key: str) -> dict[str, Any]:
        value = self.project.get(key, {})
        if isinstance(value, dict):
            return value
        self.wrong(key, "a table")
        return {}

    def add(self, field: str, value: str, position: Position, label: str = "") -> None:
        self.fields.append(FieldValue(field, value, position, label))

    def add_strings(self, key: str, field: str) -> None:
        for item in self.strings(key):
            self.add(field, item, self.place(key, item))


def _people(reader: _Reader, key: str, field: str) -> None:
    people = reader.project.get(key, [])
    if not isinstance(people, list) or not all(isinstance(person, dict) for person in people):
        reader.wrong(key, "a list of tables {name, email}")
        return
    for person in people:
        name, address = person.get("name"), person.get("email")
        if isinstance(address, str):
            value = email.utils.formataddr((name if isinstance(name, str) else "", address))
            reader.add(f"{field}-email", value, reader.place(key, address))
        elif isinstance(name, str):
            reader.add(field, name, reader.place(key, name))


def _readme(reader: _Reader, root: Path) -> ReadmeSource | None:
    readme = reader.project.get("readme")
    position = reader.place("readme")
    declared = readme.get("content-type") if isinstance(readme, dict) else None
    declared = declared if isinstance(declared, str) else None
    if declared is not None:
        reader.add("Description-Content-Type", declared, reader.place("readme", declared))
    text = readme.get("text") if isinstance(readme, dict) else None
    if isinstance(text, str):
        reader.add("Description", text, position)
        return ReadmeSource(None, declared, position)
    file = readme.get("file") if isinstance(readme, dict) else readme
    if not isinstance(file, str):
        if readme is not None:
            reader.wrong("readme", "a file name or a table {file or text, content-type}")
        return None
    inferred = README_TYPES.get(Path(file).suffix.lower())
    if declared is None and inferred is not None:
        reader.add("Description-Content-Type", inferred, position)
    # A missing file is pyproject_rules' finding; without its text there is no description to check.
    with contextlib.suppress(OSError, UnicodeDecodeError):
        reader.add("Description", (root / file).read_text(encoding="utf-8"), position)
    return ReadmeSource(file, declared, position)


def _license(reader: _Reader) -> tuple[FieldValue, ...]:
    value = reader.project.get("license")
    if isinstance(value, str):
        reader.add("License-Expression", value, reader.place("license"))
    elif isinstance(value, dict) and isinstance(value.get("text"), str):
        reader.add("License", value["text"], reader.place("license"))
    globs = [
        FieldValue("License-File", glob, reader.place("license-files", glob))
        for glob in reader.strings("license-files")
    ]
    return tuple(globs)


def _dependencies(reader: _Reader) -> None:
    reader.add_strings("dependencies", "Requires-Dist")
    for extra, requirements in reader.tables("optional-dependencies").items():
        place = reader.locator.best("project.optional-dependencies", extra)
        reader.add("Provides-Extra", extra, place)
        if not isinstance(requirements, list) or not all(isinstance(item, str) for item in requirements):
            reader.wrong(f"optional-dependencies.{extra}", "a list of strings", place)
            continue
        for requirement in requirements:
            reader.add(
                "Requires-Dist",
                requirement,
                reader.locator.best("project.optional-dependencies", extra, requirement),
                extra,
            )


def _string_tables(reader: _Reader, key: str) -> Iterator[tuple[str, str, Position]]:
    """(label, value, place) for each string entry of a table such as ``urls``, ``scripts`` or ``entry-points``."""
    entries = reader.tables(key)
    tables = [(f"project.{key}", entries)]
    if key == "entry-points":
        tables = []
        for group, items in entries.items():
            if isinstance(items, dict):
                tables.append((f"project.entry-points.{group}", items))
            else:
                reader.wrong(f"entry-points.{group}", "a table", reader.locator.best("project.entry-points", group))
    for table, items in tables:
        for label, value in items.items():
            place = reader.locator.best(table, label)
            if isinstance(value, str):
                yield label, value, place
            else:
                reader.wrong(f"{table.removeprefix('project.')}.{label}", "a string", place)


def from_pyproject(text: str, data: dict[str, Any], root: Path) -> PyprojectMetadata:
    """The core metadata `[project]` declares; the readme is read from ``root``."""
    project = data.get("project")
    reader = _Reader(project if isinstance(project, dict) else {}, TomlLocator(text))
    for key, field in (
        ("name", "Name"),
        ("version", "Version"),
        ("description", "Summary"),
        ("requires-python", "Requires-Python"),
    ):
        value = reader.string(key)
        if value is not None:
            reader.add(field, value, reader.place(key))
    readme = _readme(reader, root)
    license_globs = _license(reader)
    _people(reader, "authors", "Author")
    _people(reader, "maintainers", "Maintainer")
    reader.add_strings("keywords", "Keywords")
    reader.add_strings("classifiers", "Classifier")
    _dependencies(reader)
    for label, url, place in _string_tables(reader, "urls"):
        reader.add("Project-URL", url, place, label)
    for key in ("scripts", "gui-scripts", "entry-points"):
        for label, reference, place in _string_tables(reader, key):
            reader.add("Entry-Point", reference, place, label)
    reader.add_strings("dynamic", "Dynamic")
    metadata = CoreMetadata(tuple(reader.fields), tuple(reader.malformed))
    return PyprojectMetadata(metadata, readme, license_globs)
