"""Where a table, a key or a string item is written in TOML text: one locator that reads strings as strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit._util.toml_locator import Position, TomlLocator, key_line, table_body
from releasekit.cli.main import main
from tests.helpers.git_repos import make_repo

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
        (["project", "authors[1]", "email"], Position(7, 54)),
        (["project", "authors[0]", "email"], Position(7, 26)),
        (["project", "authors[5]", "email"], Position(7, 26)),
        (["tool", "setuptools", "packages"], Position(14, 1)),
        (["project", "urls", "Nope"], Position(8, 1)),
        (["tool", "setuptools"], Position(13, 1)),
        (["project"], Position(1, 1)),
        (["unknown"], Position(1, 1)),
    ],
    ids=[
        "indexed",
        "first-index",
        "index-out-of-range",
        "tool-key",
        "parent-key",
        "table-header",
        "top-table",
        "unknown",
    ],
)
def test_path(parts: list[str], expected: Position) -> None:
    assert LOCATOR.path(parts) == expected


# TOML vectors: (text, table, key, line of the key), each a trap for a locator that reads lines, not TOML.
VECTORS = [
    (
        "basic-multiline-with-header",
        '[project]\ndescription = """\n[not-a-table]\n"""\nversion = "1.0.0"\n',
        "project",
        "version",
        5,
    ),
    (
        "literal-multiline-with-header",
        "[project]\ndescription = '''\n[tool.x]\nversion = \"9\"\n'''\nversion = \"1.0.0\"\n",
        "project",
        "version",
        6,
    ),
    (
        "key-inside-multiline",
        '[project]\nreadme = """\nversion = "0.0.1"\n"""\nversion = "1.0.0"\n',
        "project",
        "version",
        5,
    ),
    (
        "escaped-quotes-in-multiline",
        '[project]\ndescription = """a \\""" [b]\n[c]"""\nversion = "1.0.0"\n',
        "project",
        "version",
        4,
    ),
    (
        "quotes-before-closing",
        '[a]\ns = """x""""\n[b]\nversion = "1.0.0"\n',
        "b",
        "version",
        4,
    ),
    (
        "brackets-in-strings",
        '[a]\nx = "[b]"\ny = \'[[c]]\'\n[b]\nversion = "1"\n',
        "b",
        "version",
        5,
    ),
    (
        "header-in-comment",
        '[a]\n# [b]\nversion = "1"\n[b]\nversion = "2"\n',
        "b",
        "version",
        5,
    ),
    (
        "array-spanning-lines",
        '[a]\nitems = [\n  "x",\n[b]\n]\n[b]\nversion = "2"\n',
        "b",
        "version",
        7,
    ),
    (
        "quoted-keys",
        '[tool."my.tool"]\n\'literal key\' = 1\n"version" = "1"\n',
        "tool.my.tool",
        "version",
        3,
    ),
    (
        "dotted-keys",
        '[tool]\nreleasekit . exclude = ["x"]\npoetry.version = "1"\n',
        "tool.poetry",
        "version",
        3,
    ),
    ("dotted-key-top-level", 'project.version = "1"\n', "project", "version", 1),
    (
        "inline-table",
        '[tool]\npoetry = { name = "x", version = "1" }\n',
        "tool.poetry",
        "version",
        2,
    ),
    (
        "array-of-tables",
        '[[tool.x]]\nversion = "0"\n[[tool.x]]\nversion = "1"\n[project]\nversion = "2"\n',
        "project",
        "version",
        6,
    ),
    ("crlf", '[a]\r\nx = """\r\n[b]\r\n"""\r\n[b]\r\nversion = "1"\r\n', "b", "version", 6),
    (
        "whitespace-in-header",
        '[ project ]\nname = "x"\n[ tool . "poetry" ]\nversion = "1"\n',
        "tool.poetry",
        "version",
        4,
    ),
    ("header-line-fallback", "[a]\nx = 1\n[tool.releasekit]\n", "tool.releasekit", "missing", 3),
    ("first-line-fallback", "", "tool.releasekit", "missing", 1),
    (
        "sub-table-header",
        '[tool.releasekit]\n[[tool.releasekit.extra-references]]\ntemplate = "x-{version}"\n',
        "tool.releasekit",
        "extra-references",
        2,
    ),
    (
        "unterminated-string",
        '[a]\nx = "open\n[b]\nversion = "1"\n',
        "b",
        "version",
        4,
    ),
]


@pytest.mark.parametrize(("text", "table", "key", "line"), [v[1:] for v in VECTORS], ids=[v[0] for v in VECTORS])
def test_vectors(text: str, table: str, key: str, line: int) -> None:
    assert key_line(text, table, key) == line


def test_a_bracket_line_inside_a_string_does_not_end_the_table() -> None:
    text = '[project]\ndescription = """\n[not-a-table]\n"""\nversion = "1.0.0"\n[tool.x]\n'
    body = table_body(text, "project")
    assert body is not None
    assert text[slice(*body)] == '\ndescription = """\n[not-a-table]\n"""\nversion = "1.0.0"\n'
    assert table_body(text, "not-a-table") is None


def test_item_reads_escapes() -> None:
    locator = TomlLocator('[p]\nxs = ["a\\"b", "\\u00e9", \'c\']\n')
    assert locator.item("p", "xs", 'a"b') == Position(2, 7)
    assert locator.item("p", "xs", "\u00e9") == Position(2, 15)
    assert locator.item("p", "xs", "c") == Position(2, 25)


REPRODUCTION = {
    "pyproject.toml": '[project]\nname = "my-pkg"\ndescription = """\n[not-a-table]\n"""\nversion = "1.0.0"\n',
    "src/my_pkg/__init__.py": '__version__ = "1.0.0"\n',
}


def test_check_lists_the_version_after_a_bracket_line_in_a_string(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "my-pkg", REPRODUCTION)
    assert main(["check", "--list", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "pyproject.toml:6:12: ok 1.0.0 (pyproject)",
        "src/my_pkg/__init__.py:1:16: ok 1.0.0 (dunder-version)",
        "releasekit: 2 references in 2 files agree on 1.0.0 from pyproject.toml:6 ([project].version)",
    ]


def test_bump_moves_the_version_after_a_bracket_line_in_a_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "my-pkg", REPRODUCTION)
    monkeypatch.chdir(root)
    assert main(["bump", "patch", "--no-commit", "--yes"]) == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == REPRODUCTION["pyproject.toml"].replace(
        "1.0.0", "1.0.1"
    )
    assert (root / "src/my_pkg/__init__.py").read_text(encoding="utf-8") == '__version__ = "1.0.1"\n'
    assert capsys.readouterr().err == ""
