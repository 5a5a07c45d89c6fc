"""Positions of keys, sub-keys and string items in TOML text."""

from __future__ import annotations

import pytest

from releasekit._util.toml_positions import Position, TomlLocator, value_end

TEXT = (
    "[project]\n"  # 1
    'name = "x"\n'  # 2
    "classifiers = [\n"  # 3
    '    "A :: B",  # a comment with ] and " in it\n'  # 4
    "    'C :: D',\n"  # 5
    "]\n"  # 6
    'authors = [{ name = "A", email = "a@example.org" }, {email="c@example.org"}]\n'  # 7
    'urls = {Home = "https://x.org", "Bug Tracker" = "https://y.org"}\n'  # 8
    'description = """multi\n'  # 9
    'line ] with "quotes" """\n'  # 10
    "  [project.optional-dependencies]\n"  # 11
    'cli = ["click==8.*"]\n'  # 12
    "[tool.setuptools]\n"  # 13
    "packages = 3\n"  # 14
    '[tool."quoted.name"]\n'  # 15
    "key = 1\n"  # 16
)
LOCATOR = TomlLocator(TEXT)


@pytest.mark.parametrize(
    ("table", "key", "expected"),
    [
        ("project", "name", Position(2, 1)),
        ("project", "description", Position(9, 1)),
        ("project", "optional-dependencies", Position(11, 3)),
        ("project.urls", "Bug Tracker", Position(8, 33)),
        ("project.urls", "Home", Position(8, 9)),
        ("tool", "setuptools", Position(13, 1)),
        ("tool.quoted.name", "key", Position(16, 1)),
        ("project", "missing", None),
        ("nowhere", "key", None),
    ],
    ids=[
        "plain",
        "multiline-string",
        "indented-header",
        "inline-quoted",
        "inline",
        "sub-table",
        "quoted-table",
        "absent",
        "no-table",
    ],
)
def test_key(table: str, key: str, expected: Position | None) -> None:
    assert LOCATOR.key(table, key) == expected


@pytest.mark.parametrize(
    ("table", "key", "value", "expected"),
    [
        ("project", "classifiers", "A :: B", Position(4, 5)),
        ("project", "classifiers", "C :: D", Position(5, 5)),
        ("project", "authors", "c@example.org", Position(7, 60)),
        ("project.optional-dependencies", "cli", "click==8.*", Position(12, 8)),
        ("project", "classifiers", "absent", None),
        ("project", "missing", "x", None),
    ],
    ids=["double-quoted", "single-quoted", "in-inline-table", "under-header", "absent-item", "absent-key"],
)
def test_item(table: str, key: str, value: str, expected: Position | None) -> None:
    assert LOCATOR.item(table, key, value) == expected


def test_best_falls_back_from_item_to_key_to_table_to_the_start() -> None:
    assert LOCATOR.best("project", "classifiers", "absent") == Position(3, 1)
    assert LOCATOR.best("project", "missing") == Position(1, 1)
    assert LOCATOR.best("tool.setuptools", "missing") == Position(13, 1)
    assert LOCATOR.best("nowhere", "missing") == Position(1, 1)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["project", "authors[1]", "email"], Position(7, 26)),
        (["tool", "setuptools", "packages"], Position(14, 1)),
        (["project", "urls", "Nope"], Position(8, 1)),
        (["tool", "setuptools"], Position(13, 1)),
        (["project"], Position(1, 1)),
        (["unknown"], Position(1, 1)),
    ],
    ids=["indexed", "tool-key", "parent-key", "table-header", "top-table", "unknown"],
)
def test_path(parts: list[str], expected: Position) -> None:
    assert LOCATOR.path(parts) == expected


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ('"a"\nnext = 1', 3),
        ("[1, [2, 3], {a = 4}] # c\n", 20),
        ('"""a\n"b"\n""" rest', 12),
        ("'''x''' y", 7),
        ('"a \\" b" x', 8),
        ("42\nnext", 2),
        ("[\n  'x', # ]\n]\n", 14),
        ('"unterminated', 14),
        ('"""a \\""" b""" c', 14),
        ("42", 2),
    ],
    ids=[
        "string",
        "nested",
        "multiline",
        "literal-multiline",
        "escaped-quote",
        "bare",
        "comment",
        "unterminated",
        "multiline-escaped-quotes",
        "end-of-text",
    ],
)
def test_value_end(text: str, end: int) -> None:
    assert value_end(text, 0) == end
