"""Each reference kind, and each decoy that must never count, as a table."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.project.config import Config, ExtraReference, VersionSource
from releasekit.project.identity import Identity, Project, Pyproject
from releasekit.references.kinds import KIND_IDS
from releasekit.references.scanners.dispatch import Patterns, scan_text
from releasekit.references.scanners.history import history_sections


class Case(NamedTuple):
    id: str
    path: str
    text: str
    expected: list[tuple[str, str]]  # (kind, text as spelled), in file order


def patterns(config: Config | None = None) -> Patterns:
    identity = Identity("my-pkg", ("my-pkg", "my_pkg"), ("me/my-pkg",))
    return Patterns(Project(Path(), Pyproject("", {}), config or Config(), identity))


FOUND = [
    # A module-level try/except or if block still runs at import: its assignment counts.
    Case(
        "indented-dunder", "src/my_pkg/compat.py", 'if X:\n    __version__ = "0.0.0"\n', [("dunder-version", "0.0.0")]
    ),
    Case(
        "dunder-in-except-fallback",
        "src/my_pkg/__init__.py",
        'try:\n    from importlib.metadata import version\nexcept ImportError:\n    __version__ = "1.2.3"\n',
        [("dunder-version", "1.2.3")],
    ),
    Case(
        "python2-file-keeps-line-start-rule",
        "src/my_pkg/legacy.py",
        'print "x"\n__version__ = "1.2.3"\n',
        [("dunder-version", "1.2.3")],
    ),
    Case(
        "pyproject-project",
        "pyproject.toml",
        '[project]\nname = "my-pkg"\nversion = "1.2.3"\n',
        [("pyproject", "1.2.3")],
    ),
    Case("pyproject-poetry", "pyproject.toml", '[tool.poetry]\nversion = "1.2.3"\n', [("poetry", "1.2.3")]),
    Case(
        "pyproject-bumpversion",
        "pyproject.toml",
        '[tool.bumpversion]\ncurrent_version = "1.2.3"\n',
        [("bump-tool", "1.2.3")],
    ),
    Case("pyproject-tbump", "pyproject.toml", '[tool.tbump.version]\ncurrent = "1.2.3"\n', [("bump-tool", "1.2.3")]),
    Case("pyproject-commitizen", "pyproject.toml", '[tool.commitizen]\nversion = "1.2.3"\n', [("bump-tool", "1.2.3")]),
    Case("tbump-toml", "tbump.toml", '[version]\ncurrent = "1.2.3"\n', [("bump-tool", "1.2.3")]),
    Case(
        "bumpversion-toml",
        ".bumpversion.toml",
        '[tool.bumpversion]\ncurrent_version = "1.2.3"\n',
        [("bump-tool", "1.2.3")],
    ),
    Case("cz-toml", ".cz.toml", '[tool.commitizen]\nversion = "1.2.3"\n', [("bump-tool", "1.2.3")]),
    Case(
        "bumpversion-cfg",
        ".bumpversion.cfg",
        "[bumpversion]\ncurrent_version = 1.2.3\ncommit = True\n",
        [("bump-tool", "1.2.3")],
    ),
    Case(
        "setup-cfg", "setup.cfg", "[metadata]\nname = my-pkg\nversion = 1.2.3\n\n[options]\n", [("setup-cfg", "1.2.3")]
    ),
    Case(
        "setup-py-kwarg", "setup.py", 'setup(\n    name="my-pkg",\n    version="1.2.3",\n)\n', [("setup-py", "1.2.3")]
    ),
    Case("setup-py-constant", "setup.py", "VERSION = '1.2.3'\nsetup(version=VERSION)\n", [("setup-py", "1.2.3")]),
    Case("dunder", "src/my_pkg/__init__.py", '__version__ = "1.2.3"\n', [("dunder-version", "1.2.3")]),
    Case("dunder-annotated", "src/my_pkg/__init__.py", '__version__: str = "1.2.3"\n', [("dunder-version", "1.2.3")]),
    Case(
        "dunder-final", "src/my_pkg/__init__.py", '__version__: Final[str] = "v1.2.3"\n', [("dunder-version", "v1.2.3")]
    ),
    Case("version-module", "src/my_pkg/_version.py", "VERSION = '1.2.3rc1'\n", [("version-module", "1.2.3rc1")]),
    Case("about-module", "src/my_pkg/__about__.py", 'version = "1.2.3"\n', [("version-module", "1.2.3")]),
    Case("tuple-plain", "src/my_pkg/__init__.py", "__version_info__ = (1, 2, 3)\n", [("version-tuple", "(1, 2, 3)")]),
    Case(
        "tuple-sys-style",
        "src/my_pkg/version.py",
        'version_info = (1, 2, 3, "candidate", 1)\n',
        [("version-tuple", '(1, 2, 3, "candidate", 1)')],
    ),
    Case("tuple-VERSION-init", "my_pkg/__init__.py", "VERSION = (1, 2, 3)\n", [("version-tuple", "(1, 2, 3)")]),
    Case(
        "dev-counter",
        "src/my_pkg/version.py",
        'version_info = (1, 2, 3, "alpha", 0)\n_dev = 1\n\n\ndef _make(dev=_dev):\n    _dev = 2\n',
        [("version-tuple", '(1, 2, 3, "alpha", 0)'), ("dev-counter", "1")],
    ),
    Case(
        "dev-counter-commented",
        "src/my_pkg/version.py",
        "# _dev: the .devN suffix\n_dev: int = 0  # none\nversion_info = (1, 2, 3)\n",
        [("dev-counter", "0"), ("version-tuple", "(1, 2, 3)")],
    ),
    Case("version-file", "VERSION", "1.2.3\n", [("version-file", "1.2.3")]),
    Case("version-file-in-package", "my_pkg/VERSION", "  1.2.3\n", [("version-file", "1.2.3")]),
    Case(
        "sphinx-conf",
        "docs/conf.py",
        "project = 'my-pkg'\nversion = '1.2'\nrelease = '1.2.3'\n",
        [("sphinx-conf", "1.2"), ("sphinx-conf", "1.2.3")],
    ),
    Case("readme-heading-v", "README.md", "# my-pkg v1.2.3\n", [("docs-mention", "v1.2.3")]),
    Case("docs-plain", "docs/index.md", "Welcome to my_pkg 1.2.3, the logger.\n", [("docs-mention", "1.2.3")]),
    Case("docs-case-insensitive", "docs/index.rst", "MyPkg version 1.2.3 is here.\n", [("docs-mention", "1.2.3")]),
    Case("script-echo", "scripts/release.sh", 'echo "Releasing my-pkg v1.2.3"\n', [("docs-mention", "v1.2.3")]),
    Case(
        "assigned-banner",
        "bench.py",
        'BANNER = "my-pkg v1.2.3 benchmarks"\nUSER_AGENT = "my-pkg 1.2.3"\n',
        [("docs-mention", "v1.2.3"), ("docs-mention", "1.2.3")],
    ),
    Case(
        "test-submodule-attribute",
        "tests/test_api.py",
        "    assert my_pkg.version.VERSION == '1.2.3'\n",
        [("test-assertion", "1.2.3")],
    ),
    Case(
        "artifact-name",
        "docs/install.md",
        "pip install dist/my_pkg-1.2.3-py3-none-any.whl\n",
        [("docs-mention", "1.2.3")],
    ),
    Case("pip-pin", "README.md", "```\npip install my-pkg==1.2.3\n```\n", [("pip-pin", "1.2.3")]),
    Case("pip-pin-extras", "README.md", "pip install 'my-pkg[cli]==1.2.3'\n", [("pip-pin", "1.2.3")]),
    Case(
        "docs-field", "README.rst", ":Version: 1.2.3 (codename)\n:Web: https://example.org\n", [("docs-field", "1.2.3")]
    ),
    Case(
        "release-link-tag",
        "README.md",
        "[notes](https://github.com/me/my-pkg/releases/tag/v1.2.3)\n",
        [("release-link", "v1.2.3")],
    ),
    Case(
        "release-link-compare",
        "README.md",
        "https://github.com/me/my-pkg/compare/v1.2.2...v1.2.3\n",
        [("release-link", "v1.2.3")],
    ),
    Case("release-link-pypi", "README.md", "https://pypi.org/project/my-pkg/1.2.3/\n", [("release-link", "1.2.3")]),
    Case(
        "supported-series",
        "SECURITY.md",
        "## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 1.1.x | :white_check_mark: |\n"
        "| 1.2.x   | :white_check_mark: |\n| 1.0.x | :x: |\n| < 1.0 | :x: |\n",
        [("supported-series", "1.2")],
    ),
    Case(
        "supported-series-emoji",
        ".github/SECURITY.md",
        "| Version   | Supported |\n|-----------|-----------|\n| 1.2.x     | \u2705        |\n| < 1.2.x  | \u274c  |\n",
        [("supported-series", "1.2"), ("supported-series", "1.2")],
    ),
    # Scrapy's policy: one supported series, and a row for everything older.
    Case(
        "supported-series-and-older",
        "SECURITY.md",
        "| Version | Supported          |\n| ------- | ------------------ |\n| 2.17.x     | :white_check_mark: |\n"
        "| < 2.17.x   | :x:                |\n",
        [("supported-series", "2.17"), ("supported-series", "2.17")],
    ),
    Case(
        "shields-badge",
        "README.md",
        "![v](https://img.shields.io/badge/version-1.2.3-blue)\n",
        [("release-link", "1.2.3")],
    ),
    Case(
        "test-dunder", "tests/unit/test_core.py", '    assert __version__ == "1.2.3"\n', [("test-assertion", "1.2.3")]
    ),
    Case(
        "test-attribute",
        "tests/test_api.py",
        "    assert my_pkg.__version__ == '1.2.3'\n",
        [("test-assertion", "1.2.3")],
    ),
    Case(
        "test-reversed",
        "tests/test_api.py",
        '    assert "1.2.3" == my_pkg.__version__\n',
        [("test-assertion", "1.2.3")],
    ),
    Case("test-version-name", "tests/test_api.py", '    assert version == "1.2.3"\n', [("test-assertion", "1.2.3")]),
    Case(
        "test-metadata",
        "tests/test_api.py",
        '    assert importlib.metadata.version("my-pkg") == "1.2.3"\n',
        [("test-assertion", "1.2.3")],
    ),
    Case(
        "test-unittest",
        "tests/test_api.py",
        '        self.assertEqual(my_pkg.__version__, "1.2.3")\n',
        [("test-assertion", "1.2.3")],
    ),
    Case("test-mention", "tests/test_cli.py", '    assert "my-pkg v1.2.3" in output\n', [("test-assertion", "v1.2.3")]),
    Case(
        "test-tuple",
        "tests/test_api.py",
        "    assert my_pkg.__version_info__ == (1, 2, 3)\n",
        [("test-assertion", "(1, 2, 3)")],
    ),
    Case("citation", "CITATION.cff", "cff-version: 1.2.0\ntitle: my-pkg\nversion: 1.2.3\n", [("citation", "1.2.3")]),
    Case("codemeta", "codemeta.json", '{\n  "name": "my-pkg",\n  "version": "1.2.3"\n}\n', [("codemeta", "1.2.3")]),
    Case(
        "package-json", "package.json", '{\n  "name": "my-pkg",\n  "version": "1.2.3"\n}\n', [("package-json", "1.2.3")]
    ),
    Case(
        "package-lock",
        "package-lock.json",
        '{\n  "name": "my-pkg",\n  "version": "1.2.3",\n  "packages": {\n    "": {\n      "name": "my-pkg",\n'
        '      "version": "1.2.3"\n    },\n    "node_modules/x": {\n      "version": "1.2.3"\n    }\n  }\n}\n',
        [("package-json", "1.2.3"), ("package-json", "1.2.3")],
    ),
    Case(
        "uv-lock-own",
        "uv.lock",
        '[[package]]\nname = "other"\nversion = "1.2.3"\nsource = { registry = "https://pypi.org/simple" }\n\n'
        '[[package]]\nname = "my-pkg"\nversion = "1.2.3"\nsource = { editable = "." }\n',
        [("uv-lock", "1.2.3")],
    ),
    Case(
        "dockerfile",
        "Dockerfile",
        'FROM python:3.12\nARG MY_PKG_VERSION=1.2.3\nLABEL org.opencontainers.image.version="1.2.3" version=1.2.3\n',
        [("dockerfile", "1.2.3"), ("dockerfile", "1.2.3"), ("dockerfile", "1.2.3")],
    ),
    Case("action-pin", ".github/workflows/ci.yml", "      - uses: me/my-pkg@v1.2.3\n", [("action-pin", "v1.2.3")]),
    Case("action-pin-subpath", "action.yml", "    uses: me/my-pkg/setup@v1.2.3\n", [("action-pin", "v1.2.3")]),
    Case(
        "pre-commit-rev",
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/me/my-pkg\n    rev: v1.2.3\n    hooks:\n      - id: check\n",
        [("pre-commit-rev", "v1.2.3")],
    ),
    Case(
        "pre-commit-rev-in-readme",
        "README.md",
        "```yaml\n- repo: https://github.com/someone-else/my-pkg.git\n  rev: '1.2.3'\n```\n",
        [("pre-commit-rev", "1.2.3")],
    ),
]

NEVER = [
    Case("other-package-pin", "requirements.txt", "otherlib==1.2.3\nmy-pkg-extra==1.2.3\n", []),
    Case("dependency-in-pyproject", "pyproject.toml", '[project]\ndependencies = ["otherlib==1.2.3"]\n', []),
    Case("longer-version", "src/my_pkg/consts.py", 'A = "11.2.30"\nB = "1.2.3.4"\nIP = "172.17.0.1"\n', []),
    Case("changelog", "CHANGELOG.md", "## 1.2.2 (2025-01-02)\n- my-pkg 1.2.2 released\n", []),
    Case("history-folder", "docs/history/1.2.rst", "my-pkg 1.2.2 is out\n", []),
    Case("news-fragment", "changelog.d/12.feature.md", "my-pkg v1.2.2 adds things\n", []),
    Case(
        "sphinx-directives",
        "docs/api.rst",
        ".. versionadded:: 1.1.0\n.. versionchanged:: 1.2.0\n.. deprecated:: 1.2.1\n",
        [],
    ),
    Case("introduced-in", "docs/guide.md", "This was introduced in my-pkg 1.1.0 and changed since my-pkg 1.2.0.\n", []),
    Case("upgrade-prose", "docs/guide.md", "When upgrading from my-pkg 1.0.0, note...\n", []),
    Case("version-range", "docs/guide.md", "Works with my-pkg 1.1.0 or later, and my-pkg 1.0.0+.\n", []),
    Case("release-date", "docs/index.md", "my-pkg 1.2.2 (2025-01-02)\n", []),
    Case("vendored", "src/my_pkg/_vendor/lib/__init__.py", '__version__ = "1.2.2"\n', []),
    Case("node-modules", "node_modules/x/package.json", '{\n  "name": "my-pkg",\n  "version": "0.0.1"\n}\n', []),
    # hatch's tests/helpers/templates: a module's text inside a triple-quoted template is no assignment.
    Case(
        "dunder-in-template-string",
        "tests/helpers/templates/new/basic.py",
        'def get_files():\n    return [File("__about__.py", """\\\n__version__ = "0.0.1"\n""")]\n',
        [],
    ),
    Case(
        "tuple-in-docstring",
        "src/my_pkg/__init__.py",
        '"""Example:\n\nversion_info = (1, 2, 2)\n"""\n',
        [],
    ),
    Case("dunder-in-function", "src/my_pkg/compat.py", 'def f():\n    __version__ = "1.2.2"\n', []),
    Case(
        "assert-in-expected-output",
        "tests/test_cli.py",
        'EXPECTED = """\nassert my_pkg.__version__ == "1.2.2"\n"""\n',
        [],
    ),
    Case("other-prefix", "docs/x.md", "pytest-my-pkg 1.2.2 and notmy-pkg 1.2.2\n", []),
    Case("other-package-json", "docs/package.json", '{\n  "name": "docs-site",\n  "version": "0.0.1"\n}\n', []),
    Case("other-action", ".github/workflows/ci.yml", "      - uses: actions/checkout@v4.1.0\n", []),
    Case(
        "other-pre-commit-repo",
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.8.0\n",
        [],
    ),
    Case("citation-references", "CITATION.cff", "references:\n  - title: numpy\n    version: 1.26.0\n", []),
    Case(
        "codemeta-nested",
        "codemeta.json",
        '{\n  "name": "x",\n  "softwareRequirements": [\n    {\n      "version": "2.0.0"\n    }\n  ],\n'
        '  "version": "1.2.3"\n}\n',
        [("codemeta", "1.2.3")],
    ),
    Case("ignore-marker", "README.md", "my-pkg v1.0.0 is ancient  <!-- releasekit: ignore -->\n", []),
    Case("sys-version-check", "src/my_pkg/compat.py", "if sys.version_info >= (3, 11):\n    pass\n", []),
    Case("python-requires-docs", "README.md", "Requires Python 3.11.2 or newer.\n", []),
    Case("assert-other-version", "tests/test_x.py", '    assert Version("1.2.3") == parse("1.2.3")\n', []),
    Case("assert-other-package", "tests/test_deps.py", '    assert otherlib.__version__ == "1.2.0"\n', []),
    Case("assert-other-package", "tests/test_deps.py", '    assert otherlib.__version__ == "1.2.0"\n', []),
    Case(
        "security-unsupported-only",
        "SECURITY.md",
        "| 1.3.x | not supported yet |\n| 1.2.x | :x: |\n| 1.1.x | \u274c |\n| < 1.2.x | no |\n| 1.0.x | EOL |\n",
        [],
    ),
    # A _dev counter counts only beside a version tuple; a flag is not a counter.
    Case("dev-counter-without-tuple", "src/my_pkg/settings.py", "_dev = 1\nDEBUG = _dev\n", []),
    Case(
        "dev-flag", "src/my_pkg/version.py", "version_info = (1, 2, 3)\n_dev = True\n", [("version-tuple", "(1, 2, 3)")]
    ),
    # Beside several supported series, "< 5.5.x" names the oldest of them, not the project's version.
    Case(
        "security-older-than-several-supported",
        "SECURITY.md",
        "| Version | Supported |\n| --- | --- |\n| 5.6.x | :white_check_mark: |\n| 5.5.x | :white_check_mark: |\n"
        "| < 5.5.x | :x: |\n",
        [("supported-series", "5.6")],
    ),
    # celery's policy: "< 5.0" without ".x" is a bound, not a series row.
    Case(
        "security-older-than-a-version",
        "SECURITY.md",
        "| Version | Supported |\n| --- | --- |\n| 5.4.x | :white_check_mark: |\n| 5.3.x | :x: |\n| < 5.0 | :x: |\n",
        [("supported-series", "5.4")],
    ),
    Case(
        "pip-compile-lock",
        "requirements/dev.txt",
        "#\n# This file is autogenerated by pip-compile with Python 3.12\n#\nmy-pkg==1.2.2\n    # via pip-tools\n",
        [],
    ),
    Case(
        "pip-compile-multi-lock",
        "requirements/dev.txt",
        "# SHA1:54b5\n#\n# This file is autogenerated by pip-compile-multi\n#\nmy-pkg==1.2.2\n    # via -r dev.in\n",
        [],
    ),
    Case(
        "uv-compiled-requirements",
        "docs/requirements.txt",
        "# This file was autogenerated by uv via the following command:\n#    uv pip compile docs/requirements.in\n"
        "my-pkg==1.2.2\n    # via sphinx-theme\n",
        [],
    ),
    Case(
        "poetry-lock-fixture",
        "tests/fixtures/with-deps.test",
        "# This file is automatically @generated by Poetry 1.5.1 and should not be changed by hand.\n"
        '[[package]]\nname = "my-pkg"\nversion = "1.2.2"\n',
        [],
    ),
    Case("pylock", "pylock.toml", '[[packages]]\nname = "my-pkg"\nversion = "1.2.2"\n# my-pkg==1.2.2\n', []),
    Case("pylock-named", "ci/pylock.docs.toml", "# my-pkg==1.2.2 for the docs\n", []),
    Case(
        "generated-by-prose",
        "docs/lock.md",
        "The header says: generated by my-pkg 1.2.2 and should not be edited.\n",
        [],
    ),
    Case(
        "last-supporting-release",
        "docs/index.rst",
        "The last my-pkg release that supports Python 2.6 is\n"
        "`my-pkg 1.0.0 <https://pypi.org/project/my-pkg/1.0.0/>`__.\n",
        [],
    ),
    Case(
        "latest-version-supporting",
        "docs/index.rst",
        "Latest version spporting Python 2.7 is `my-pkg 1.1.0 <https://pypi.org/project/my-pkg/1.1.0/>`__.\n",
        [],
    ),
    Case(
        "is-the-latest-version-which-supports",
        "README.md",
        "my-pkg 1.0.0 is the latest version which supports Python 2.6: `pip install my-pkg==1.0.0`.\n",
        [],
    ),
    Case(
        "latest-supports-in-another-sentence",
        "README.md",
        "my-pkg 1.2.3 is out! The latest release supports Python 3.13.\n",
        [("docs-mention", "1.2.3")],
    ),
    Case(
        "history-section",
        "docs/index.rst",
        "Install\n=======\n\n``pip install my-pkg==1.2.3``\n\nTimeline\n========\n\n"
        "- 2025-01-02: `1.2.3 <https://pypi.org/project/my-pkg/1.2.3/#files>`__\n"
        "- 2024-12-01: `1.2.2 <https://pypi.org/project/my-pkg/1.2.2/#files>`__\n\n"
        "Contact\n=======\n\nmy-pkg 1.2.3 on PyPI\n",
        [("pip-pin", "1.2.3"), ("docs-mention", "1.2.3")],
    ),
    Case(
        "history-section-markdown",
        "README.md",
        "# my-pkg\n\n## Release history\n\n* my-pkg 1.2.2 adds x\n\n## Install\n\npip install my-pkg==1.2.3\n",
        [("pip-pin", "1.2.3")],
    ),
    Case("binary-suffix", "docs/logo.png", "my-pkg v1.2.2", []),
    Case("notebook", "docs/demo.ipynb", '{"text": "my-pkg 1.2.2"}', []),
]


@pytest.mark.parametrize("case", FOUND + NEVER, ids=[case.id for case in FOUND + NEVER])
def test_scan(case: Case) -> None:
    from releasekit.references.roles import never_read

    found = [] if never_read(case.path) else scan_text(case.path, case.text, patterns())
    assert [(reference.kind, reference.text) for reference in found] == case.expected
    for reference in found:
        assert case.text[reference.start : reference.start + len(reference.text)] == reference.text


def test_every_builtin_kind_has_a_case() -> None:
    from tests.references.test_own_release_scanners import OWN_RELEASE_KINDS  # their cases live there

    # ``lockstep-pin`` is bump's alone (never a reference for check): its cases are in tests/bump/test_lockstep.py.
    bump_only = {"lockstep-pin"}
    scanned = {kind for case in FOUND for kind, _ in case.expected}
    covered = scanned | {"extra", "version-source"} | OWN_RELEASE_KINDS | bump_only
    assert covered == KIND_IDS


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Intro\n=====\n\nTimeline\n--------\n\nx\n", ["Timeline"]),
        ("# A\n\n## Platforms support history\n\nx\n\n## B\n", ["Platforms support history"]),
        ("Version history\n~~~~~~~~~~~~~~~\nx\n", ["Version history"]),
        # An underline shorter than its title is no heading; "History of" is not a history section.
        ("Timeline\n===\n\nHistory of the project\n======================\n", []),
        ("## Command history\n\nx\n", ["Command history"]),
    ],
    ids=["rst", "markdown", "version-history", "not-headings", "any-history-title"],
)
def test_history_sections(text: str, titles: list[str]) -> None:
    spans = history_sections("docs/index.rst", text)
    assert [text[start:end].partition("\n")[0].lstrip("# ") for start, end in spans] == titles


def test_history_sections_only_in_documents() -> None:
    assert history_sections("src/my_pkg/cli.py", "# Timeline\nx\n") == []


def test_extra_reference_templates_limited_to_their_files() -> None:
    config = Config(extra_references=(ExtraReference("my-pkg-{version}.tar.gz", ("docs/**",)),))
    text = "get my-pkg-1.2.3.tar.gz\n"
    assert [(r.kind, r.text) for r in scan_text("docs/dl.txt", text, patterns(config))] == [("extra", "1.2.3")]
    # Outside the listed files the same text is only an artifact mention, not an extra reference.
    assert [(r.kind, r.text) for r in scan_text("notes.txt", text, patterns(config))] == [("docs-mention", "1.2.3")]


def test_version_source_with_pattern() -> None:
    config = Config(version_source=VersionSource("meta/release.txt", r"^release: (?P<version>\S+)$"))
    found = scan_text("meta/release.txt", "name: x\nrelease: 1.2.3\n", patterns(config))
    assert [(r.kind, r.text) for r in found] == [("version-source", "1.2.3")]


CRLF_CASES = [case for case in FOUND if "\n" in case.text.rstrip("\n")]


@pytest.mark.parametrize("case", CRLF_CASES, ids=[case.id for case in CRLF_CASES])
def test_crlf_files_hold_the_same_references(case: Case) -> None:
    """A file checked out with CRLF endings (Windows, core.autocrlf) holds exactly what its LF twin holds."""
    found = [
        (reference.kind, reference.text)
        for reference in scan_text(case.path, case.text.replace("\n", "\r\n"), patterns())
    ]
    assert found == case.expected


@pytest.mark.parametrize(
    ("text", "in_development"),
    [
        ("version_info = (9, 1, 1, 'beta', 0)\n_in_development = True\n", [True]),
        ("_in_development: bool = True  # between releases\nversion_info = (9, 1, 1, 'beta', 0)\n", [True]),
        ("version_info = (9, 1, 1, 'final', 0)\n_in_development = False\n", [False]),
        ("version_info = (9, 1, 1, 'beta', 0)\n", [False]),
        # The first assignment decides; one inside a function or a comment is not the module's flag.
        ("_in_development = False\nversion_info = (9, 1, 1)\n_in_development = True\n", [False]),
        ("version_info = (9, 1, 1)\ndef f():\n    _in_development = True\n# _in_development = True\n", [False]),
        ("version_info = (9, 1, 1)\n_in_development = Truer\n", [False]),
        (
            "version_info = (9, 1, 1, 'beta', 0)\n__version_info__ = (9, 1, 1)\n_in_development = True\n",
            [True, True],
        ),
    ],
    ids=["after", "before-annotated", "false", "absent", "first-wins", "not-module-level", "not-true", "two-tuples"],
)
def test_version_tuples_marked_in_development(text: str, in_development: list[bool]) -> None:
    """Sphinx's ``_in_development = True`` marks every version tuple of its file, and nothing else."""
    found = scan_text("src/my_pkg/__init__.py", "__version__ = '9.1.1'\n" + text, patterns())
    assert [(reference.kind, reference.in_development) for reference in found] == [
        ("dunder-version", False),
        *(("version-tuple", flag) for flag in in_development),
    ]
