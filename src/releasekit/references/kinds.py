"""The catalog of built-in reference kinds: where a project's own version is written."""

from __future__ import annotations

from typing import NamedTuple


class ReferenceKind(NamedTuple):
    """One kind of place a project writes its own version.

    A ``loose`` kind is written in free text (docs, examples, test data), where an older
    version may be an example rather than a copy left behind: it counts as stale only from
    the previous release on (see ``consistency.judge``).
    """

    id: str
    description: str
    example: str
    loose: bool = False


DEV_COUNTER_KIND = "dev-counter"
"""coverage.py's ``_dev = N``: its value is the ``.devN`` number, not a version, and is judged as one."""

KINDS: tuple[ReferenceKind, ...] = (
    ReferenceKind("pyproject", "`[project].version` in pyproject.toml", 'version = "1.2.3"'),
    ReferenceKind("poetry", "`[tool.poetry].version` in pyproject.toml", 'version = "1.2.3"'),
    ReferenceKind("setup-cfg", "`[metadata] version` in setup.cfg", "version = 1.2.3"),
    ReferenceKind("setup-py", "a literal `version=` argument in setup.py", 'version="1.2.3",'),
    ReferenceKind("dunder-version", "module-level `__version__` in any Python file", '__version__: str = "1.2.3"'),
    ReferenceKind(
        "version-module",
        "`VERSION` / `version` in `_version.py`, `version.py`, `__about__.py`, `__version__.py`",
        'VERSION = "1.2.3"',
    ),
    ReferenceKind(
        "version-tuple",
        "`version_info`, `__version_info__` or `VERSION` tuples, plain or sys.version_info style",
        '__version_info__ = (1, 2, 3, "final", 0)',
    ),
    ReferenceKind(
        DEV_COUNTER_KIND,
        "a `_dev = N` counter beside a version tuple (coverage.py): the `.devN` part, 0 for none",
        "_dev = 1",
    ),
    ReferenceKind("version-file", "a plain `VERSION` file", "1.2.3"),
    ReferenceKind("sphinx-conf", "Sphinx `conf.py` `version =` / `release =`", 'release = "1.2.3"'),
    ReferenceKind(
        "docs-mention", "docs, README and scripts naming the project and its version", "mypkg v1.2.3", loose=True
    ),
    ReferenceKind("docs-field", "a reStructuredText `:Version:` field", ":Version: 1.2.3 (codename)"),
    ReferenceKind("pip-pin", "the project pinned to itself: `pip install mypkg==1.2.3`", "mypkg==1.2.3", loose=True),
    ReferenceKind(
        "release-link",
        "badges and links that embed the version (shields, compare, tag and PyPI release links)",
        "https://github.com/me/mypkg/releases/tag/v1.2.3",
        loose=True,
    ),
    ReferenceKind(
        "supported-series",
        "the newest release series a SECURITY.md table marks as supported (`1.2.x` agrees with any 1.2 release),"
        " and its `< 1.2.x` unsupported row when it is the only one supported",
        "1.2.x :white_check_mark:",
        loose=True,
    ),
    ReferenceKind(
        "test-assertion",
        "test assertions about the version",
        'assert mypkg.__version__ == "1.2.3"',
        loose=True,
    ),
    ReferenceKind("citation", "`version:` in CITATION.cff", "version: 1.2.3"),
    ReferenceKind("codemeta", "`version` / `softwareVersion` in codemeta.json", '"version": "1.2.3"'),
    ReferenceKind(
        "package-json",
        "the project's own version in package.json / package-lock.json",
        '"version": "1.2.3"',
    ),
    ReferenceKind("uv-lock", "the project's own entry in uv.lock", 'version = "1.2.3"'),
    ReferenceKind(
        "dockerfile",
        "Dockerfile version labels and `ARG`/`ENV` VERSION",
        'LABEL org.opencontainers.image.version="1.2.3"',
    ),
    ReferenceKind("action-pin", "`uses:` pins of this project's own repository", "uses: me/mypkg@v1.2.3", loose=True),
    ReferenceKind(
        "pre-commit-rev",
        "`rev:` of a pre-commit entry whose `repo:` is this project's repository",
        "rev: v1.2.3",
        loose=True,
    ),
    ReferenceKind(
        "action-input",
        "the default `version` input of an `action.yml` that installs the project itself",
        'default: "1.2.3"',
    ),
    ReferenceKind(
        "fallback-version",
        "the fallback of a project versioned from git tags: `__version__` in `except ImportError:`,"
        " setuptools-scm's `fallback_version`",
        'fallback_version = "1.2.3"',
        loose=True,
    ),
    ReferenceKind(
        "template-answers",
        "the project's version in `.cookiecutterrc` / `.copier-answers.yml`",
        "version: 1.2.3",
        loose=True,
    ),
    ReferenceKind(
        "docs-substitution",
        "a reStructuredText substitution named for the project's version (`version`, `release`, `mypkg_version`)",
        "replace:: 1.2.3",
        loose=True,
    ),
    ReferenceKind(
        "bump-tool",
        "current version of bump-my-version/bumpversion, tbump and commitizen configuration",
        "current_version = 1.2.3",
    ),
    ReferenceKind(
        "lockstep-pin",
        "another package's bound that moved with the version at the previous release"
        " (bump moves it; check never judges it)",
        "fsspec==1.2.3",
    ),
    ReferenceKind("extra", "templates from `[tool.releasekit] extra-references`", "mypkg-{version}.tar.gz"),
    ReferenceKind("version-source", "the file named by `[tool.releasekit] version-source`", "1.2.3"),
)

KIND_IDS: frozenset[str] = frozenset(kind.id for kind in KINDS)
LOOSE_KIND_IDS: frozenset[str] = frozenset(kind.id for kind in KINDS if kind.loose)
