"""Reading TOML with errors that name the file and line, and finding where a key sits."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding

_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?", re.MULTILINE)
_DECODE_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class MalformedTomlError(ReleasekitError):
    """A TOML file that does not parse."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(
            f"{finding.path} is not valid TOML",
            category=Category.CONFIGURATION,
            hint="fix the TOML syntax at that line",
            findings=(finding,),
        )


def _malformed_finding(exc: tomllib.TOMLDecodeError, path: str) -> Finding:
    message = str(exc)
    position = _DECODE_POSITION.search(message)
    line, column = (int(position[1]), int(position[2])) if position else (1, 1)
    reason = _DECODE_POSITION.sub("", message).strip()
    return Finding(path, line, column, "RK903", f"malformed TOML: {reason}")


def load_toml(text: str, path: str) -> dict[str, Any]:
    """Parse TOML ``text``; a syntax error raises with the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MalformedTomlError(_malformed_finding(exc, path)) from exc


def parse_toml(text: str, path: str) -> tuple[dict[str, Any], Finding | None]:
    """Parse TOML ``text``: its data, or empty data and the RK903 finding, for checks that go on to other files."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return {}, _malformed_finding(exc, path)


def _normalize_header(header: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in header.split("."))


def table_spans(text: str) -> list[tuple[str, int, int]]:
    """Each table header's dotted name with the offsets of its body, in file order."""
    headers = list(_HEADER.finditer(text))
    spans = []
    for index, match in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        spans.append((_normalize_header(match[1]), match.end(), end))
    return spans


def table_body(text: str, table: str) -> tuple[int, int] | None:
    """The offsets of the first body of ``table`` (``project``, ``tool.poetry``...)."""
    for name, start, end in table_spans(text):
        if name == table:
            return start, end
    return None


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def key_line(text: str, table: str, key: str) -> int:
    """The line where ``key`` of ``table`` is written (header lines for sub-tables).

    Falls back to the table's header, then to line 1, so an error always has a place.
    """
    dotted = f"{table}.{key}"
    header_line = 0
    for match in _HEADER.finditer(text):
        name = _normalize_header(match[1])
        if name == dotted or name.startswith(dotted + "."):
            return line_of(text, match.start())
        if name == table and not header_line:
            header_line = line_of(text, match.start())
    body = table_body(text, table)
    if body is not None:
        pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[=.]", re.MULTILINE)
        found = pattern.search(text, body[0], body[1])
        if found:
            return line_of(text, found.start())
    # Dotted keys written from a parent table: ``releasekit.exclude = [...]`` under [tool].
    parts = dotted.split(".")
    for depth in range(1, len(parts)):
        parent, rest = ".".join(parts[:depth]), parts[depth:]
        body = table_body(text, parent)
        if body is None:
            continue
        dotted_rest = r"[ \t]*\.[ \t]*".join(re.escape(part) for part in rest)
        found = re.compile(rf"^[ \t]*{dotted_rest}[ \t]*=", re.MULTILINE).search(text, *body)
        if found:
            return line_of(text, found.start())
    return header_line or 1
