"""`[project]` as core metadata fields, each at the place it was written; wrong types recorded, not raised."""

from __future__ import annotations

import tomllib
from pathlib import Path

from releasekit._util.toml_locator import Position
from releasekit.metadata.fields import CoreMetadata, FieldValue, Malformed, ReadmeSource, from_pyproject

TEXT = """\
[project]
name = "my-pkg"
version = "1.0"
description = "Short."
readme = "README.rst"
license = { text = "MIT" }
requires-python = ">=3.10"
authors = [{ name = "Ann Author", email = "ann@example.org" }, { name = "Bob" }, {}]
maintainers = [{ email = "max@example.org" }]
keywords = ["one"]
classifiers = ["Typing :: Typed"]
dependencies = ["attrs>=23"]
dynamic = ["entry-points"]

[project.optional-dependencies]
cli = ["click>=8"]

[project.urls]
Source = "https://example.org/src"

[project.scripts]
my-tool = "my_pkg.cli:main"

[project.entry-points."my.plugins"]
one = "my_pkg.plugins:one"
"""


def fields(metadata: CoreMetadata) -> list[tuple[str, str, int, int, str]]:
    return [(item.field, item.value, *item.position, item.label) for item in metadata.fields]


def test_every_field_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "README.rst").write_text("Hello\n", encoding="utf-8")
    source = from_pyproject(TEXT, tomllib.loads(TEXT), tmp_path)
    assert fields(source.metadata) == [
        ("Name", "my-pkg", 2, 1, ""),
        ("Version", "1.0", 3, 1, ""),
        ("Summary", "Short.", 4, 1, ""),
        ("Requires-Python", ">=3.10", 7, 1, ""),
        ("Description-Content-Type", "text/x-rst", 5, 1, ""),
        ("Description", "Hello\n", 5, 1, ""),
        ("License", "MIT", 6, 1, ""),
        ("Author-email", "Ann Author <ann@example.org>", 8, 43, ""),
        ("Author", "Bob", 8, 73, ""),
        ("Maintainer-email", "max@example.org", 9, 26, ""),
        ("Keywords", "one", 10, 13, ""),
        ("Classifier", "Typing :: Typed", 11, 16, ""),
        ("Requires-Dist", "attrs>=23", 12, 17, ""),
        ("Provides-Extra", "cli", 16, 1, ""),
        ("Requires-Dist", "click>=8", 16, 8, "cli"),
        ("Project-URL", "https://example.org/src", 19, 1, "Source"),
        ("Entry-Point", "my_pkg.cli:main", 22, 1, "my-tool"),
        ("Entry-Point", "my_pkg.plugins:one", 25, 1, "one"),
        ("Dynamic", "entry-points", 13, 12, ""),
    ]
    assert source.readme == ReadmeSource("README.rst", None, Position(5, 1))
    assert source.metadata.malformed == ()


def test_inline_readme_and_license_expression(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\nlicense = "MIT"\nlicense-files = ["LICENSE*"]\n'
        'readme = { text = "Hi", content-type = "text/markdown" }\n'
    )
    source = from_pyproject(text, tomllib.loads(text), tmp_path)
    assert fields(source.metadata) == [
        ("Name", "x", 2, 1, ""),
        ("Description-Content-Type", "text/markdown", 5, 40, ""),
        ("Description", "Hi", 5, 1, ""),
        ("License-Expression", "MIT", 3, 1, ""),
    ]
    assert source.readme == ReadmeSource(None, "text/markdown", Position(5, 1))
    assert source.license_globs == (FieldValue("License-File", "LICENSE*", Position(4, 18)),)


def test_missing_readme_file_gives_no_description(tmp_path: Path) -> None:
    text = '[project]\nreadme = { file = "README.md", content-type = "text/markdown" }\n'
    source = from_pyproject(text, tomllib.loads(text), tmp_path)
    assert [item.field for item in source.metadata.fields] == ["Description-Content-Type"]
    assert source.readme == ReadmeSource("README.md", "text/markdown", Position(2, 1))


def test_wrong_types_are_recorded_for_every_key(tmp_path: Path) -> None:
    text = (
        "[project]\n"
        "name = 3\n"
        "readme = 4\n"
        'keywords = "a, b"\n'
        'authors = ["Ann"]\n'
        'optional-dependencies = { cli = "click" }\n'
        'urls = "https://example.org"\n'
        "scripts = { tool = 5 }\n"
        'entry-points = { group = "not a table" }\n'
    )
    source = from_pyproject(text, tomllib.loads(text), tmp_path)
    assert source.metadata.fields == (FieldValue("Provides-Extra", "cli", Position(6, 27)),)
    assert source.metadata.malformed == (
        Malformed("name", "a string", Position(2, 1)),
        Malformed("readme", "a file name or a table {file or text, content-type}", Position(3, 1)),
        Malformed("authors", "a list of tables {name, email}", Position(5, 1)),
        Malformed("keywords", "a list of strings", Position(4, 1)),
        Malformed("optional-dependencies.cli", "a list of strings", Position(6, 27)),
        Malformed("urls", "a table", Position(7, 1)),
        Malformed("scripts.tool", "a string", Position(8, 13)),
        Malformed("entry-points.group", "a table", Position(9, 18)),
    )


def test_no_project_table(tmp_path: Path) -> None:
    source = from_pyproject("", {}, tmp_path)
    assert source == (CoreMetadata(()), None, ())
