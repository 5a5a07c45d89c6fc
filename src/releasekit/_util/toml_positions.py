"""Where a key, a sub-key or a string item is written in a TOML file: line and column, for findings."""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from releasekit._util.toml_text import line_of, table_body, table_spans

_INDEX = re.compile(r"\[(\d+)\]")


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


def _key_pattern(key: str) -> str:
    quoted = re.escape(key)
    return rf"(?:\"{quoted}\"|'{quoted}'|{quoted})"


def _skip_string(text: str, index: int) -> int:
    """The offset just past the TOML string that starts at ``index``."""
    for quote in ('"""', "'''"):
        if text.startswith(quote, index):
            end = text.find(quote, index + 3)
            while end != -1 and quote == '"""' and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            return len(text) if end == -1 else end + 3
    quote = text[index]
    position = index + 1
    while position < len(text) and text[position] not in (quote, "\n"):
        position += 2 if quote == '"' and text[position] == "\\" else 1
    return position + 1


def value_end(text: str, start: int) -> int:
    """The offset just past the value that starts at ``start`` (after the ``=``): arrays and tables nest."""
    depth = 0
    position = start
    while position < len(text):
        char = text[position]
        if char in "\"'":
            position = _skip_string(text, position)
            if depth == 0:
                return position
            continue
        if char == "#":
            newline = text.find("\n", position)
            position = len(text) if newline == -1 else newline
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return position + 1
        elif char == "\n" and depth == 0 and position > start and text[start:position].strip():
            return position
        position += 1
    return position


class TomlLocator:
    """Positions in one TOML text; every lookup falls back to something, so a finding always has a place."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _position(self, offset: int) -> Position:
        line_start = self.text.rfind("\n", 0, offset) + 1
        return Position(line_of(self.text, offset), offset - line_start + 1)

    def table(self, table: str) -> Position | None:
        for name, start, _ in table_spans(self.text):
            if name == table:
                line_start = self.text.rfind("\n", 0, start) + 1
                header = self.text[line_start:start]
                return self._position(line_start + len(header) - len(header.lstrip()))
        return None

    def _key_offset(self, table: str, key: str) -> tuple[int, int] | None:
        """Offsets of ``key`` in ``table`` and of its value, from its table body or an inline table."""
        body = table_body(self.text, table)
        if body is not None:
            pattern = re.compile(rf"^[ \t]*({_key_pattern(key)})[ \t]*=[ \t]*", re.MULTILINE)
            found = pattern.search(self.text, *body)
            if found:
                return found.start(1), found.end()
        parent, _, name = table.rpartition(".")
        if parent:
            span = self._value_span(parent, name)
            if span is not None:
                pattern = re.compile(rf"(?:^|[{{,\s])({_key_pattern(key)})[ \t]*=[ \t]*", re.MULTILINE)
                found = pattern.search(self.text, *span)
                if found:
                    return found.start(1), found.end()
        return None

    def _value_span(self, table: str, key: str) -> tuple[int, int] | None:
        offsets = self._key_offset(table, key)
        if offsets is None:
            return None
        return offsets[1], value_end(self.text, offsets[1])

    def key(self, table: str, key: str) -> Position | None:
        """Where ``key`` of ``table`` is written: its own ``[table.key]`` header, its line, or inside a parent."""
        header = self.table(f"{table}.{key}")
        if header is not None:
            return header
        offsets = self._key_offset(table, key)
        return self._position(offsets[0]) if offsets else None

    def item(self, table: str, key: str, value: str) -> Position | None:
        """Where the string ``value`` is written inside the value of ``key`` (an array or inline table)."""
        span = self._value_span(table, key)
        if span is None:
            return None
        for literal in (json.dumps(value, ensure_ascii=False), f"'{value}'"):
            found = self.text.find(literal, *span)
            if found != -1:
                return self._position(found)
        return None

    def best(self, table: str, key: str, value: str | None = None) -> Position:
        """The item's place if it can be found, else the key's, else the table's, else 1:1."""
        found = self.item(table, key, value) if value is not None else None
        return found or self.key(table, key) or self.table(table) or Position(1, 1)

    def path(self, parts: list[str]) -> Position:
        """The deepest locatable key of a dotted path such as ``project.authors[0].email``."""
        names = [_INDEX.sub("", part) for part in parts]
        names = [name for name in names if name]
        for depth in range(len(names) - 1, 0, -1):
            found = self.key(".".join(names[:depth]), names[depth])
            if found is not None:
                return found
        for depth in range(len(names), 0, -1):
            header = self.table(".".join(names[:depth]))
            if header is not None:
                return header
        return Position(1, 1)
