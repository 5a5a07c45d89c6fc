"""What a path is for discovery: the roles added for changelogs, bundled copies and lock files."""

from __future__ import annotations

import pytest

from releasekit.references import roles as file_roles


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("CHANGELOG.md", True),
        ("sites/www/changelog.rst", True),
        ("docs/news.rst", True),
        ("docs/whatsnew/whatsnew-5.1.rst", True),
        (".changes/1.34.9.json", False),
        ("docs/index.rst", False),
    ],
)
def test_is_changelog_file(path: str, expected: bool) -> None:
    assert file_roles.is_changelog_file(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pydantic/v1/version.py", 1),
        ("src/pkg/_v2/__init__.py", 2),
        ("docs/V3/index.md", 3),
        ("pydantic/version.py", None),
        ("pkg/v1.py", None),
        ("pkg/v1beta/x.py", None),
        ("pkg/dev1/x.py", None),
    ],
)
def test_older_copy_major(path: str, expected: int | None) -> None:
    assert file_roles.older_copy_major(path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pylock.toml", True),
        (".github/actions/people/pylock.toml", True),
        ("pylock.docs.toml", True),
        ("pylock.a.b.toml", False),
        ("pyproject.toml", False),
        ("uv.lock", False),
    ],
)
def test_is_environment_lock(path: str, expected: bool) -> None:
    assert file_roles.is_environment_lock(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # Test data, fixtures and sample trees: their versions are the samples'.
        ("tests/fixtures/twine-6.2.0-py3-none-any.whl", True),
        ("tests/helpers/templates/new/basic.py", True),
        ("tests/roots/test-root/conf.py", True),
        ("tests/unit/data/setup.cfg", True),
        ("testdata/project/pyproject.toml", True),
        ("src/pkg/tests/samples/app.py", True),
        # Vendored under any conventional name, type stubs, history and records.
        ("src/pkg/_vendored/lib/__init__.py", True),
        ("pkg/third_party/x.py", True),
        ("stubs/requests/METADATA.toml", True),
        ("mypkg-stubs/__init__.pyi", True),
        ("docs/blog/posts/release-hatch-1170.md", True),
        ("bench/README.md", True),
        ("benchmarks/results.md", True),
        ("src/bench/__init__.py", False),
        ("docs/posts/2024-01-01-release.md", True),
        # The same shapes in the project's own places are read.
        ("tests/test_version.py", False),
        ("tests/conftest.py", False),
        ("src/pkg/data/__init__.py", False),
        ("src/pkg/templates/base.html", False),
        ("docs/index.md", False),
        ("src/pkg/__init__.py", False),
    ],
)
def test_never_read(path: str, expected: bool) -> None:
    assert file_roles.never_read(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("examples/app/main.py", True),
        ("docs/tutorial/step1.py", True),
        ("demos/app.py", True),
        ("src/pkg/__init__.py", False),
        # A project's own package may be called demo or example.
        ("src/demo/__init__.py", False),
        ("example/__init__.py", False),
        ("pkg/examples/__init__.py", False),
    ],
)
def test_is_example(path: str, expected: bool) -> None:
    assert file_roles.is_example(path) is expected
