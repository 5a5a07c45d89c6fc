"""Core metadata from a built distribution's METADATA or PKG-INFO (parsed with `packaging.metadata`), as fields.

The second adapter of the rule engine in `metadata.rules` (the first reads `[project]`, in
`metadata.fields`): the same rules judge what the backend wrote. Each value is placed at the line
of its header; the description (the message body) at its first line.
"""

from __future__ import annotations

import configparser
import re
from typing import NamedTuple

from packaging.metadata import RawMetadata, parse_email

from releasekit._util.toml_locator import Position
from releasekit.metadata.fields import CoreMetadata, FieldValue

# packaging's raw keys whose core metadata field is not the key spelled with dashes.
_FIELD_NAMES = {
    "classifiers": "Classifier",
    "requires_dist": "Requires-Dist",
    "provides_extra": "Provides-Extra",
    "project_urls": "Project-URL",
    "license_files": "License-File",
    "home_page": "Home-page",
    "author_email": "Author-email",
    "maintainer_email": "Maintainer-email",
    "dynamic": "Dynamic",
    "metadata_version": "Metadata-Version",
}
_EXTRA_MARKER = re.compile(r"""\bextra\s*==\s*(['"])(?P<extra>[^'"]+)\1""")
_HEADER = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:")


class BuiltMetadata(NamedTuple):
    """METADATA / PKG-INFO as fields for the rules, packaging's raw parse, and what it could not parse."""

    metadata: CoreMetadata
    raw: RawMetadata
    unparsed: dict[str, list[str]]
    header_lines: dict[str, list[int]]

    def line_of(self, field: str) -> int:
        """The line of ``field``'s first header (1 when it is absent)."""
        lines = self.header_lines.get(field.lower())
        return lines[0] if lines else 1


def field_name(raw_key: str) -> str:
    """The core metadata field of a packaging raw key: ``requires_dist`` -> ``Requires-Dist``."""
    return _FIELD_NAMES.get(raw_key) or "-".join(part.capitalize() for part in raw_key.split("_"))


def _header_lines(text: str) -> tuple[dict[str, list[int]], int]:
    """Each header's (lowercased) lines in order, and the first line of the body (0 when there is none)."""
    lines: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            return lines, number + 1
        match = _HEADER.match(line)
        if match and not line[0].isspace():
            lines.setdefault(match["name"].lower(), []).append(number)
    return lines, 0


def _extra(requirement: str) -> str:
    match = _EXTRA_MARKER.search(requirement)
    return match["extra"] if match else ""


def from_core_metadata(text: str) -> BuiltMetadata:
    """The fields of a METADATA or PKG-INFO file, each placed at its header's line."""
    raw, unparsed = parse_email(text)
    header_lines, body = _header_lines(text)
    fields: list[FieldValue] = []

    def place(field: str, index: int = 0) -> Position:
        lines = header_lines.get(field.lower(), [])
        if field == "Description" and not lines and body:
            return Position(body, 1)
        return Position(lines[min(index, len(lines) - 1)] if lines else 1, 1)

    for key, value in dict(raw).items():
        field = field_name(key)
        if isinstance(value, str):
            fields.append(FieldValue(field, value, place(field)))
        elif isinstance(value, dict):
            for index, (label, url) in enumerate(value.items()):
                fields.append(FieldValue(field, url, place(field, index), label))
        elif isinstance(value, list) and key == "keywords":
            fields.extend(FieldValue(field, str(item), place(field)) for item in value)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                label = _extra(item) if field == "Requires-Dist" else ""
                fields.append(FieldValue(field, item, place(field, index), label))
    fields.sort(key=lambda value: value.position)
    return BuiltMetadata(CoreMetadata(tuple(fields)), raw, unparsed, header_lines)


class EntryPointsError(ValueError):
    """entry_points.txt is not the INI file the entry points specification describes."""


def from_entry_points(text: str) -> list[tuple[str, FieldValue]]:
    """Each entry point of an `entry_points.txt`: its group, and an ``Entry-Point`` field labelled with its name.

    https://packaging.python.org/en/latest/specifications/entry-points/#file-format
    """
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # names are case-sensitive
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise EntryPointsError(str(error).splitlines()[0]) from error
    lines = text.splitlines()
    fields = []
    for section in parser.sections():
        for name, value in parser.items(section):
            line = next((number for number, each in enumerate(lines, 1) if each.split("=", 1)[0].strip() == name), 1)
            fields.append((section, FieldValue("Entry-Point", value.strip(), Position(line, 1), name)))
    return fields
