"""Where a table, a key or a string item is written in TOML text, read as TOML (strings are strings), for findings."""

from __future__ import annotations

import bisect
import re
import tomllib
from functools import lru_cache
from typing import NamedTuple

_SKIP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
# A multi-line string may end in one or two quotes of its own just before the closing three.
_MULTILINE_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"{1,2}(?!"))*"{0,2}"""', re.DOTALL)
_MULTILINE_LITERAL = re.compile(r"'''(?:[^']|'{1,2}(?!'))*'{0,2}'''")
_SCALAR = re.compile(r"[^\s,\]}#]+")
_INDEX = re.compile(r"\[(\d+)\]")


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


class _Entry(NamedTuple):
    """A header, a key or a string value: its dotted name, the same with array indexes, and where it starts."""

    name: str
    indexed: str
    start: int
    end: int


def _blank_end(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _join(path: tuple[str, ...]) -> str:
    return ".".join(part for part in path if not part.startswith("["))


def _join_indexed(path: tuple[str, ...]) -> str:
    return ".".join(path).replace(".[", "[")


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".") or name.startswith(prefix + "[")


class _Reader:
    """One pass over the text: headers, keys (with their full dotted path) and string values, in file order.

    Never raises: a malformed line is skipped to its end, so a position can still be given for the rest.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.headers: list[_Entry] = []
        self.keys: list[_Entry] = []
        self.strings: list[_Entry] = []
        self._read()

    def _skip(self, position: int) -> int:
        found = _SKIP.match(self.text, position)
        return found.end() if found else position

    def _line_end(self, position: int) -> int:
        end = self.text.find("\n", position)
        return len(self.text) if end == -1 else end

    def _string_end(self, position: int) -> int:
        text = self.text
        for pattern, opening in ((_MULTILINE_BASIC, '"""'), (_MULTILINE_LITERAL, "'''")):
            if text.startswith(opening, position):
                found = pattern.match(text, position)
                return found.end() if found else len(text)
        found = (_BASIC if text[position] == '"' else _LITERAL).match(text, position)
        return found.end() if found else self._line_end(position)

    def _key(self, position: int) -> tuple[tuple[str, ...], int] | None:
        """The parts of a (dotted) key starting at ``position`` and the offset after it."""
        parts: list[str] = []
        text = self.text
        while True:
            position = _blank_end(text, position)
            bare = _BARE_KEY.match(text, position)
            if bare:
                parts.append(bare[0])
                position = bare.end()
            elif position < len(text) and text[position] in "\"'":
                end = self._string_end(position)
                parts.append(_decode(text[position:end]))
                position = end
            else:
                return None
            position = _blank_end(text, position)
            if not text.startswith(".", position):
                return tuple(parts), position
            position += 1

    def _value(self, position: int, path: tuple[str, ...]) -> int:
        """The offset just past the value at ``position``, recording the keys and strings inside it."""
        text = self.text
        if position >= len(text):
            return position
        char = text[position]
        if char in "\"'":
            end = self._string_end(position)
            self.strings.append(_Entry(_join(path), _join_indexed(path), position, end))
            return end
        if char == "[":
            return self._array(position + 1, path)
        if char == "{":
            return self._inline_table(position + 1, path)
        scalar = _SCALAR.match(text, position)
        return scalar.end() if scalar else position

    def _array(self, position: int, path: tuple[str, ...]) -> int:
        text = self.text
        index = 0
        while True:
            position = self._skip(position)
            if position >= len(text):
                return position
            char = text[position]
            if char == "]":
                return position + 1
            if char == ",":
                index += 1
                position += 1
                continue
            end = self._value(position, (*path, f"[{index}]"))
            position = end if end > position else position + 1

    def _inline_table(self, position: int, path: tuple[str, ...]) -> int:
        text = self.text
        while True:
            # Newlines inside inline tables are TOML 1.1; reading past them costs nothing.
            position = self._skip(position)
            if position >= len(text):
                return position
            char = text[position]
            if char == "}":
                return position + 1
            if char == ",":
                position += 1
                continue
            position = self._key_value(position, path) or position + 1

    def _key_value(self, position: int, table: tuple[str, ...]) -> int | None:
        """Read ``key = value`` at ``position``; the offset after it, or None when it is not one."""
        key = self._key(position)
        if key is None or not self.text.startswith("=", key[1]):
            return None
        path = (*table, *key[0])
        value_start = _blank_end(self.text, key[1] + 1)
        end = self._value(value_start, path)
        self.keys.append(_Entry(_join(path), _join_indexed(path), position, end))
        return end

    def _read(self) -> None:
        text = self.text
        table: tuple[str, ...] = ()
        position = 0
        while True:
            position = self._skip(position)
            if position >= len(text):
                return
            if text[position] == "[":
                double = text.startswith("[[", position)
                key = self._key(position + (2 if double else 1))
                closing = "]]" if double else "]"
                if key is not None and text.startswith(closing, key[1]):
                    table = key[0]
                    end = key[1] + len(closing)
                    self.headers.append(_Entry(_join(table), _join(table), position, end))
                    position = end
                else:
                    position = self._line_end(position)
                continue
            statement_end = self._key_value(position, table)
            # After a statement only a comment may follow on its line; anything else is skipped.
            position = self._line_end(position if statement_end is None else statement_end)


def _decode(literal: str) -> str:
    """The value of a quoted TOML string (a key or a value); the raw inside of the quotes if it is malformed."""
    if literal.startswith("'"):
        quote = "'''" if literal.startswith("'''") and len(literal) >= 6 else "'"
        return literal[len(quote) : -len(quote)] if len(literal) >= 2 * len(quote) else literal[1:]
    try:
        value = tomllib.loads(f"v = {literal}")["v"]
    except tomllib.TOMLDecodeError:
        return literal.strip("\"'")
    return value if isinstance(value, str) else literal


class TomlLocator:
    """Positions in one TOML text; every lookup falls back to something, so a finding always has a place.

    Tables and keys are named by their dotted path (``tool.poetry``, ``project.urls``); quoted parts are
    matched by their value (``[tool."my.tool"]`` is ``tool.my.tool``).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._entries = _Reader(text)
        self._line_starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        """The line and column of a character offset."""
        if self._line_starts is None:
            self._line_starts = [0, *(found.end() for found in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._line_starts, offset)
        return Position(line, offset - self._line_starts[line - 1] + 1)

    def _header(self, table: str) -> _Entry | None:
        return next((entry for entry in self._entries.headers if entry.name == table), None)

    def table(self, table: str) -> Position | None:
        """Where the header ``[table]`` (or ``[[table]]``) is first written."""
        header = self._header(table)
        return self.position(header.start) if header else None

    def table_body(self, table: str) -> tuple[int, int] | None:
        """The offsets of the first body of ``table``: from its header to the next header."""
        headers = self._entries.headers
        for index, header in enumerate(headers):
            if header.name == table:
                end = headers[index + 1].start if index + 1 < len(headers) else len(self.text)
                return header.end, end
        return None

    def _first(self, name: str, *, indexed: bool = False) -> int | None:
        """The offset of the first header or key that is ``name`` or inside it."""
        found = [
            entry.start
            for entry in (*self._entries.headers, *self._entries.keys)
            if _under(entry.indexed if indexed else entry.name, name)
        ]
        return min(found) if found else None

    def key(self, table: str, key: str) -> Position | None:
        """Where ``key`` of ``table`` is written: its ``[table.key]`` header, its line, a dotted key, in a value."""
        offset = self._first(f"{table}.{key}")
        return self.position(offset) if offset is not None else None

    def key_line(self, table: str, key: str) -> int:
        """The line of ``key`` of ``table``, else of the table's header, else 1."""
        return (self.key(table, key) or self.table(table) or Position(1, 1)).line

    def item(self, table: str, key: str, value: str) -> Position | None:
        """Where the string ``value`` is written inside the value of ``key`` (an array or inline table)."""
        name = f"{table}.{key}"
        for entry in self._entries.strings:
            if _under(entry.name, name) and _decode(self.text[entry.start : entry.end]) == value:
                return self.position(entry.start)
        return None

    def best(self, table: str, key: str, value: str | None = None) -> Position:
        """The item's place if it can be found, else the key's, else the table's, else 1:1."""
        found = self.item(table, key, value) if value is not None else None
        return found or self.key(table, key) or self.table(table) or Position(1, 1)

    def path(self, parts: list[str]) -> Position:
        """The deepest locatable key of a path such as ``project.authors[1].email`` (indexes used when present)."""
        indexed = ".".join(parts).replace(".[", "[")
        offset = self._first(indexed, indexed=True)
        if offset is not None and indexed != _INDEX.sub("", indexed):
            return self.position(offset)
        names = [name for name in (_INDEX.sub("", part) for part in parts) if name]
        for depth in range(len(names) - 1, 0, -1):
            found = self.key(".".join(names[:depth]), names[depth])
            if found is not None:
                return found
        for depth in range(len(names), 0, -1):
            header = self.table(".".join(names[:depth]))
            if header is not None:
                return header
        return Position(1, 1)


@lru_cache(maxsize=16)
def locate(text: str) -> TomlLocator:
    """The locator of ``text``, read once however many questions are asked about it."""
    return TomlLocator(text)


def table_body(text: str, table: str) -> tuple[int, int] | None:
    """The offsets of the first body of ``table`` (``project``, ``tool.poetry``...) in ``text``."""
    return locate(text).table_body(table)


def key_line(text: str, table: str, key: str) -> int:
    """The line where ``key`` of ``table`` is written; falls back to the table's header, then line 1."""
    return locate(text).key_line(table, key)
