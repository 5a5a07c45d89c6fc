"""Canonical version detection, in the documented order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.errors import ReleasekitError
from releasekit.project.canonical import UntaggedCheckoutError, find_canonical
from releasekit.project.identity import load_project
from tests.helpers.git_repos import git, make_repo, write_files

DYNAMIC = '[project]\nname = "my-pkg"\ndynamic = ["version"]\n'

LAYOUTS: list[tuple[str, dict[str, str], tuple[str, str, int, str]]] = [
    (
        "static",
        {"pyproject.toml": '[project]\nname = "my-pkg"\nversion = "1.2.3"\n'},
        ("1.2.3", "pyproject.toml", 3, "[project].version"),
    ),
    (
        "releasekit-source-wins",
        {
            "pyproject.toml": '[project]\nname = "m"\nversion = "9.9.9"\n[tool.releasekit]\n'
            'version-source = {file = "meta.txt", pattern = "^release=(?P<version>.+)$"}\n',
            "meta.txt": "name=m\nrelease=1.2.3\n",
        },
        ("1.2.3", "meta.txt", 2, "[tool.releasekit] version-source"),
    ),
    (
        "hatch-path",
        {
            "pyproject.toml": DYNAMIC + '[tool.hatch.version]\npath = "src/my_pkg/__about__.py"\n',
            "src/my_pkg/__about__.py": '# about\n__version__ = "1.2.3"\n',
        },
        ("1.2.3", "src/my_pkg/__about__.py", 2, "[tool.hatch.version] path"),
    ),
    (
        "setuptools-attr",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg.__version__"}\n',
            "src/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
        },
        ("1.2.3", "src/my_pkg/__init__.py", 1, "[tool.setuptools.dynamic] version attr"),
    ),
    (
        "setuptools-attr-tuple",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg._version.__version__"}\n',
            "my_pkg/_version.py": '__version_info__ = (1, 2, 3)\n__version__ = ".".join(map(str, __version_info__))\n',
        },
        ("1.2.3", "my_pkg/_version.py", 1, "[tool.setuptools.dynamic] version attr"),
    ),
    (
        "setuptools-file",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {file = "VERSION.txt"}\n',
            "VERSION.txt": "1.2.3\n",
        },
        ("1.2.3", "VERSION.txt", 1, "[tool.setuptools.dynamic] version file"),
    ),
    (
        "flit-module",
        {
            "pyproject.toml": DYNAMIC
            + '[build-system]\nrequires = ["flit_core"]\nbuild-backend = "flit_core.buildapi"\n',
            "src/my_pkg/__init__.py": '"""Doc."""\n\n__version__ = "1.2.3"\n',
        },
        ("1.2.3", "src/my_pkg/__init__.py", 3, "flit module __version__"),
    ),
    (
        "pdm-file",
        {
            "pyproject.toml": DYNAMIC + '[tool.pdm.version]\nsource = "file"\npath = "my_pkg/__init__.py"\n',
            "my_pkg/__init__.py": '__version__ = "1.2.3"\n',
        },
        ("1.2.3", "my_pkg/__init__.py", 1, "[tool.pdm.version] path"),
    ),
    (
        "poetry",
        {"pyproject.toml": '[tool.poetry]\nname = "my-pkg"\nversion = "1.2.3"\n'},
        ("1.2.3", "pyproject.toml", 3, "[tool.poetry].version"),
    ),
    (
        "setup-cfg-literal",
        {"setup.cfg": "[metadata]\nname = my-pkg\nversion = 1.2.3\n"},
        ("1.2.3", "setup.cfg", 3, "setup.cfg [metadata] version"),
    ),
    (
        "setup-cfg-attr",
        {
            "setup.cfg": "[metadata]\nversion = attr: my_pkg.__version__\n",
            "my_pkg/__init__.py": "__version__ = '1.2.3'\n",
        },
        ("1.2.3", "my_pkg/__init__.py", 1, "setup.cfg version attr"),
    ),
    (
        "setup-py",
        {"setup.py": 'from setuptools import setup\n\nsetup(\n    name="my-pkg",\n    version="1.2.3",\n)\n'},
        ("1.2.3", "setup.py", 5, "setup.py version="),
    ),
    ("version-file", {"VERSION": "1.2.3\n"}, ("1.2.3", "VERSION", 1, "VERSION file")),
    (
        "package-fallback-tuple",
        {
            "setup.py": "from setuptools import setup\nsetup(name='my-pkg', version=get_version())\n",
            "my_pkg/version.py": 'version_info = (1, 2, 3, "candidate", 2)\n',
            "my_pkg/__init__.py": "",
        },
        ("1.2.3rc2", "my_pkg/version.py", 1, "package __version__"),
    ),
    (
        # coverage.py during development: a version tuple plus a separate _dev counter.
        "package-tuple-with-dev-counter",
        {
            "setup.py": "setup(name='my-pkg', version=namespace['__version__'])\n",
            "my_pkg/version.py": 'version_info = (7, 11, 3, "alpha", 0)\n_dev = 1\n',
            "my_pkg/__init__.py": "",
        },
        ("7.11.3a0.dev1", "my_pkg/version.py", 1, "package __version__"),
    ),
    (
        "package-tuple-with-dev-counter-zero",
        {
            "setup.py": "setup(name='my-pkg', version=namespace['__version__'])\n",
            "my_pkg/version.py": 'version_info = (7, 11, 3, "final", 0)\n_dev = 0  # the .devN suffix\n',
            "my_pkg/__init__.py": "",
        },
        ("7.11.3", "my_pkg/version.py", 1, "package __version__"),
    ),
    (
        "package-tuple-with-dev-counter-crlf",
        {
            "setup.py": "setup(name='my-pkg', version=namespace['__version__'])\n",
            "my_pkg/version.py": 'version_info = (7, 11, 3, "alpha", 0)\r\n_dev = 1\r\n',
            "my_pkg/__init__.py": "",
        },
        ("7.11.3a0.dev1", "my_pkg/version.py", 1, "package __version__"),
    ),
    # SQLAlchemy: setuptools' attr in a package found under lib/ (packages.find where), not src/.
    (
        "setuptools-attr-find-where",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg.__version__"}\n'
            '[tool.setuptools.packages.find]\nwhere = ["lib"]\n',
            "lib/my_pkg/__init__.py": '"""my_pkg."""\n\n__version__ = "2.1.0b3"\n',
        },
        ("2.1.0b3", "lib/my_pkg/__init__.py", 3, "[tool.setuptools.dynamic] version attr"),
    ),
    (
        "setuptools-attr-package-dir",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg.__version__"}\n'
            '[tool.setuptools]\npackage-dir = {"" = "code"}\n',
            "code/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
            "src/my_pkg/__init__.py": '__version__ = "0.0.1"\n',
        },
        ("1.2.3", "code/my_pkg/__init__.py", 1, "[tool.setuptools.dynamic] version attr"),
    ),
    (
        "hatch-wheel-packages-fallback",
        {
            "pyproject.toml": '[project]\nname = "my-pkg"\ndynamic = ["version"]\n'
            '[tool.hatch.build.targets.wheel]\npackages = ["python/my_pkg"]\n',
            "python/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
        },
        ("1.2.3", "python/my_pkg/__init__.py", 1, "package __version__"),
    ),
    (
        "pdm-package-dir-fallback",
        {
            "pyproject.toml": DYNAMIC + '[tool.pdm.build]\npackage-dir = "code"\n',
            "code/my_pkg/__init__.py": "",
            "code/my_pkg/_version.py": '__version__ = "1.2.3"\n',
        },
        ("1.2.3", "code/my_pkg/_version.py", 1, "package __version__"),
    ),
    # The same shape in src/ is still found when nothing says where packages are.
    (
        "setuptools-attr-src",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg.__version__"}\n',
            "src/my_pkg/__init__.py": '__version__ = "1.2.3"\n',
        },
        ("1.2.3", "src/my_pkg/__init__.py", 1, "[tool.setuptools.dynamic] version attr"),
    ),
    # An indented __version__ in a try/except fallback is the module's assignment; a template's text is not.
    (
        "dunder-in-except-fallback",
        {
            "pyproject.toml": DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "my_pkg.__version__"}\n',
            "my_pkg/__init__.py": 'TEMPLATE = """\n__version__ = "9.9.9"\n"""\n'
            'try:\n    from ._build import BUILD\nexcept ImportError:\n    __version__ = "1.2.3"\n',
        },
        ("1.2.3", "my_pkg/__init__.py", 7, "[tool.setuptools.dynamic] version attr"),
    ),
    # idna: flit's module imports __version__ from a sibling module.
    (
        "flit-relative-import",
        {
            "pyproject.toml": '[build-system]\nrequires = ["flit_core"]\nbuild-backend = "flit_core.buildapi"\n'
            + DYNAMIC,
            "my_pkg/__init__.py": "from .package_data import __version__\n",
            "my_pkg/package_data.py": '__version__ = "3.13"\n',
        },
        ("3.13", "my_pkg/package_data.py", 1, "flit module __version__"),
    ),
    # six: a single-module distribution.
    (
        "single-module",
        {
            "setup.py": "from setuptools import setup\nsetup(name='my-pkg', py_modules=['my_pkg'])\n",
            "my_pkg.py": '__version__ = "1.17.0"\n',
        },
        ("1.17.0", "my_pkg.py", 1, "module __version__"),
    ),
    (
        "package-version-file",
        {"setup.py": "setup(name='my-pkg')\n", "my_pkg/VERSION": "1.2.3\n", "my_pkg/__init__.py": ""},
        ("1.2.3", "my_pkg/VERSION", 1, "package VERSION file"),
    ),
]


@pytest.mark.parametrize(("files", "expected"), [(f, e) for _, f, e in LAYOUTS], ids=[i for i, _, _ in LAYOUTS])
def test_detection(tmp_path: Path, files: dict[str, str], expected: tuple[str, str, int, str]) -> None:
    write_files(tmp_path, files)
    paths = tuple(files)
    canonical = find_canonical(load_project(tmp_path, paths, None), paths)
    assert (str(canonical.version), canonical.path, canonical.line, canonical.method) == expected


def test_scm_projects_use_the_latest_tag(tmp_path: Path) -> None:
    files = {"pyproject.toml": DYNAMIC + '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\n'}
    root = make_repo(tmp_path, files)
    git(root, "tag", "-a", "v1.2.3", "-m", "release")
    canonical = find_canonical(load_project(root, tuple(files), None), tuple(files))
    assert (str(canonical.version), canonical.path, canonical.method) == ("1.2.3", "git tag v1.2.3", "latest git tag")


@pytest.mark.parametrize("tag", ["rel_2_1_0b3", "v2.1.0b3", "my-pkg-2.1.0b3"])
def test_tag_spellings(tmp_path: Path, tag: str) -> None:
    files = {"pyproject.toml": DYNAMIC + '[build-system]\nrequires = ["setuptools-scm"]\n'}
    root = make_repo(tmp_path, files)
    git(root, "tag", tag)
    canonical = find_canonical(load_project(root, tuple(files), None), tuple(files))
    assert str(canonical.version) == "2.1.0b3"


def test_a_tag_versioned_checkout_without_tags_says_so_and_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "pyproject.toml": DYNAMIC + '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\n'
        '[tool.hatch.version]\nsource = "vcs"\n',
        "README.md": "my-pkg 1.2.2\n",
    }
    root = make_repo(tmp_path, files)
    with pytest.raises(UntaggedCheckoutError) as caught:
        find_canonical(load_project(root, tuple(files), None), tuple(files))
    assert caught.value.backend == "hatch-vcs"
    assert main(["check", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "releasekit: nothing to check: the version lives only in git tags (hatch-vcs) and no tag is reachable "
        "here (a shallow clone?)",
        "releasekit: hint: fetch the tags (git fetch --tags, or actions/checkout with fetch-depth: 0) to check "
        "against them",
    ]
    assert main(["check", "--format", "json", str(root)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["version"], document["consistent"]) == (None, True)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"README.md": "hello\n"}, "no canonical version found; looked for [tool.releasekit] version-source"),
        (
            {"pyproject.toml": '[project]\nname = "x"\nversion = "one"\n'},
            "[project].version 'one' in pyproject.toml is not a valid PEP 440 version",
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\n[tool.releasekit]\nversion-source = "missing.txt"\n'},
            "version-source file 'missing.txt' cannot be read",
        ),
        (
            {"pyproject.toml": '[tool.releasekit]\nversion-source = "meta.txt"\n', "meta.txt": "no version\n"},
            "no version found in version-source file 'meta.txt'",
        ),
    ],
    ids=["nothing", "invalid-static", "missing-source", "empty-source"],
)
def test_errors(tmp_path: Path, files: dict[str, str], message: str) -> None:
    write_files(tmp_path, files)
    with pytest.raises(ReleasekitError) as caught:
        find_canonical(load_project(tmp_path, tuple(files), None), tuple(files))
    assert caught.value.message.startswith(message)
    assert caught.value.category.value == "configuration"


def test_setup_cfg_with_crlf_endings(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "p", {"setup.cfg": "[metadata]\r\nname = my-pkg\r\nversion = 1.2.3\r\n"})
    paths = ("setup.cfg",)
    found = find_canonical(load_project(root, paths, root / ".git"), paths)
    assert (str(found.version), found.text, found.line) == ("1.2.3", "1.2.3", 3)


def test_a_dev_counter_leaves_the_tuple_consistent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tuple cannot say .dev1: it agrees with 7.11.3a0.dev1, and a tuple left at 7.11.2 is still stale."""
    files = {
        "setup.py": "setup(name='my-pkg', version=namespace['__version__'])\n",
        "my_pkg/__init__.py": "",
        "my_pkg/version.py": 'version_info = (7, 11, 3, "alpha", 0)\n_dev = 1\n',
        "tests/test_version.py": "def test_it():\n    assert my_pkg.version_info == (7, 11, 2)\n",
    }
    root = make_repo(tmp_path / "my-pkg", files)
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "tests/test_version.py:2:35: RK001 stale version 7.11.2, expected 7.11.3a0.dev1 (test-assertion)",
        "releasekit: 1 stale version reference in 1 file; expected 7.11.3a0.dev1 from my_pkg/version.py:1 "
        "(package __version__)",
    ]
