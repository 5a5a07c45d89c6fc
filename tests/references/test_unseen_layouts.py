"""Miniatures of real layouts `check` had never seen (issue 9): each decoy stays quiet and the same shape,
when it is the project's own reference, is still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo

PYPROJECT = '[project]\nname = "my-pkg"\nversion = "1.2.3"\n'

# Each decoy: a real layout's shape that is not a reference to the project's version.
DECOYS: dict[str, dict[str, str | bytes]] = {
    # hatch: a module's text inside a triple-quoted template is no assignment.
    "template-string": {
        "src/my_pkg/cli/new.py": 'ABOUT = """\\\n__version__ = "1.2.2"\nversion_info = (1, 2, 2)\n"""\n',
    },
    # twine: a committed fixture named in a test is a file name.
    "fixture-file-name": {
        "tests/fixtures/my_pkg-1.2.2-py3-none-any.whl": b"PK\x03\x04\x00\x00binary",
        "tests/helpers.py": 'WHEEL = "tests/fixtures/my_pkg-1.2.2-py3-none-any.whl"\n',
        "tests/test_upload.py": 'def test_upload():\n    upload("my_pkg-1.2.2-py3-none-any.whl")\n',
    },
    # hatch: a release blog post is history.
    "release-blog-post": {"docs/blog/posts/release-my-pkg-122.md": "# my-pkg 1.2.2\n\nmy-pkg 1.2.2 is out.\n"},
    # releasekit's own bench records.
    "bench-record": {"bench/README.md": "Measured with my-pkg 1.2.2 installed from this repository.\n"},
    # A docstring about what a release did.
    "past-release-prose": {"src/my_pkg/compat.py": '"""my-pkg 1.2.2 made a change to the cache keys."""\n'},
    # charset-normalizer: a dated benchmark record.
    "dated-record": {
        "docs/perf.md": "_updated as of July 2026 using CPython 3.12, my-pkg 1.2.2, and otherlib 7.4.3_\n"
    },
    # urllib3's backport, idna's Unicode tables, pycparser's ply: never a release of this project.
    "component-version": {
        "src/my_pkg/util/ssl_match_hostname.py": '__version__ = "3.5.0.1"\n',
        "src/my_pkg/idnadata.py": '__version__ = "17.0.0"\n',
        "src/my_pkg/ply/__init__.py": '__version__ = "3.9"\n',
        "src/my_pkg/transport/__init__.py": "VERSION = (0, 9, 1)\n",
    },
    # Vendored trees under any conventional name, type stubs, example programs.
    "vendored-stubs-examples": {
        "src/my_pkg/_vendored/six.py": '__version__ = "1.2.2"\n',
        "third_party/lib/__init__.py": '__version__ = "1.2.2"\n',
        "stubs/other/__init__.pyi": '__version__: str = "1.2.2"\n',
        "examples/app/main.py": '__version__ = "0.1.0"\n',
    },
    # A later release named in prose: a deprecation notice.
    "deprecation-notice": {"docs/api.md": "This option goes away: my-pkg 2.0.0 will not accept it.\n"},
    # Another environment pins this project.
    "requirements-pin": {"docs/requirements.txt": "my-pkg==1.2.2\nsphinx==8.1.0\n"},
    # SQLAlchemy: the body of a version directive tells what a release changed.
    "version-directive-body": {
        "src/my_pkg/dialect.py": '"""Dialect.\n\n.. versionchanged:: 1.2.3 The feature\n   was disabled for my-pkg '
        'version 1.2.2 due to\n   issues.\n\nMore text.\n"""\n',
    },
    # An all-zero fallback.
    "placeholder-fallback": {
        "src/my_pkg/_compat.py": 'try:\n    from ._build import V\nexcept ImportError:\n    __version__ = "0.0.0"\n'
    },
    # Test data trees.
    "test-data": {
        "tests/data/sample/setup.cfg": "[metadata]\nname = my-pkg\nversion = 1.2.2\n",
        "tests/roots/demo/conf.py": 'release = "1.2.2"\n',
    },
}

# The same shapes where they are the project's own, left at the previous release.
OWN = {
    "src/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
    "src/my_pkg/_version.py": 'try:\n    import x\nexcept ImportError:\n    __version__ = "1.2.2"\n',
    "src/my_pkg/version_info.py": "version_info = (1, 2, 2)\n",
    "README.md": "Install with `pip install dist/my_pkg-1.2.2.tar.gz`.\n",
    "docs/index.md": "Welcome to my-pkg 1.2.2.\n",
    "tests/test_version.py": 'import my_pkg\n\n\ndef test_version():\n    assert my_pkg.__version__ == "1.2.2"\n',
}
OWN_FINDINGS = [
    "README.md:1:39: RK001 stale version 1.2.2, expected 1.2.3 (docs-mention)",
    "docs/index.md:1:19: RK001 stale version 1.2.2, expected 1.2.3 (docs-mention)",
    "src/my_pkg/_version.py:4:20: RK001 stale version 1.2.2, expected 1.2.3 (dunder-version)",
    "src/my_pkg/version_info.py:1:16: RK001 stale version 1.2.2, expected 1.2.3 (version-tuple)",
    "tests/test_version.py:5:35: RK001 stale version 1.2.2, expected 1.2.3 (test-assertion)",
]


def _repo(root: Path, files: dict[str, str | bytes]) -> Path:
    make_repo(root, {"pyproject.toml": PYPROJECT, **files})
    git(root, "tag", "1.2.2")  # the previous release: what a forgotten bump leaves behind
    return root


@pytest.mark.parametrize("decoy", list(DECOYS), ids=list(DECOYS))
def test_decoy_is_no_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str], decoy: str) -> None:
    root = _repo(tmp_path / "p", DECOYS[decoy])
    assert main(["check", str(root)]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.splitlines() == [
        "releasekit: 1 reference in 1 file agrees on 1.2.3 from pyproject.toml:3 ([project].version)"
    ]


def test_the_same_shapes_as_the_projects_own_are_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every_decoy = {path: text for files in DECOYS.values() for path, text in files.items()}
    root = _repo(tmp_path / "p", {**every_decoy, **OWN})
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == OWN_FINDINGS
