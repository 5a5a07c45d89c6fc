"""The project's own release in places beyond the core kinds: each found, each near miss left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.cli.main import main
from releasekit.project.config import Config
from releasekit.project.identity import Identity, Project, Pyproject
from releasekit.references.scanners.dispatch import Patterns, scan_text
from tests.helpers.git_repos import git, make_repo
from tests.references.test_scanners import Case

OWN_RELEASE_KINDS = frozenset({"action-input", "fallback-version", "template-answers", "docs-substitution"})


def patterns() -> Patterns:
    identity = Identity("my-theme", ("my-theme", "my_theme"), ("me/my-theme",))
    return Patterns(Project(Path(), Pyproject("", {}), Config(), identity))


FOUND = [
    Case("chained-sphinx", "docs/conf.py", "version = release = '3.8.0'\n", [("sphinx-conf", "3.8.0")]),
    Case(
        "chained-dunder", "src/my_theme/__init__.py", '__version__ = VERSION = "3.8.0"\n', [("dunder-version", "3.8.0")]
    ),
    Case(
        "commits-since-badge",
        "README.md",
        "![](https://img.shields.io/github/commits-since/me/my-theme/v3.8.0)\n",
        [("release-link", "v3.8.0")],
    ),
    Case(
        "compare-since-release",
        "README.rst",
        "`changes <https://github.com/me/my-theme/compare/3.8.0...main>`_\n",
        [("release-link", "3.8.0")],
    ),
    Case(
        "release-download",
        "docs/install.md",
        "curl -LO https://github.com/me/my-theme/releases/download/v3.8.0/tool.tar.gz\n",
        [("release-link", "v3.8.0")],
    ),
    Case(
        "cookiecutterrc",
        ".cookiecutterrc",
        "default_context:\n    project_name: my-theme\n    version: 3.8.0\n    python_version: '3.12'\n",
        [("template-answers", "3.8.0")],
    ),
    Case(
        "copier-answers",
        ".copier-answers.yml",
        "_commit: v1.2.0\n_src_path: gh:someone/template\nproject_version: '3.8.0'\n",
        [("template-answers", "3.8.0")],
    ),
    Case(
        "docker-label-continued",
        "docker/Dockerfile",
        'FROM python:3.12\nLABEL org.opencontainers.image.title="my-theme" \\\n'
        '      org.opencontainers.image.version="3.8.0"\n',
        [("dockerfile", "3.8.0")],
    ),
    Case(
        "action-installs-itself",
        "action.yml",
        "inputs:\n  version:\n    description: the release\n    default: '3.8.0'\nruns:\n  using: composite\n"
        '  steps:\n    - run: pip install "my-theme==${{ inputs.version }}"\n      shell: bash\n',
        [("action-input", "3.8.0")],
    ),
    Case(
        "action-pip-pin",
        "action.yml",
        'runs:\n  using: composite\n  steps:\n    - run: pip install "my-theme==3.8.0"\n',
        [("pip-pin", "3.8.0")],
    ),
    Case(
        "own-pre-commit-hook-rev-last",
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/me/my-theme\n    hooks:\n      - id: my-theme\n    rev: v3.8.0\n",
        [("pre-commit-rev", "v3.8.0")],
    ),
    Case(
        "rst-substitution",
        "docs/index.rst",
        ".. |theme_version| replace:: 3.8.0\n.. |version| replace:: v3.8.0\n",
        [("docs-substitution", "3.8.0"), ("docs-substitution", "v3.8.0")],
    ),
    Case(
        "fallback-dunder",
        "src/my_theme/__init__.py",
        "try:\n    from ._version import version as __version__\nexcept ImportError:  # not installed\n"
        '    __version__ = "3.8.0"\n',
        # Python is read as statements: a module-level try/except fallback is the package's __version__.
        [("dunder-version", "3.8.0")],
    ),
    Case(
        "fallback-dunder-in-a-function",
        "src/my_theme/__init__.py",
        "def version():\n    try:\n        from ._version import version\n    except ImportError:\n"
        '        __version__ = "3.8.0"\n',
        [("fallback-version", "3.8.0")],
    ),
    Case(
        "fallback-scm-pyproject",
        "pyproject.toml",
        '[tool.setuptools_scm]\nfallback_version = "3.8.0"\n',
        [("fallback-version", "3.8.0")],
    ),
    Case(
        "fallback-setup-py",
        "setup.py",
        'setup(use_scm_version={"fallback_version": "3.8.0"})\n',
        [("fallback-version", "3.8.0")],
    ),
]

NEAR_MISSES = [
    Case("chained-other-names", "docs/conf.py", "a = b = '3.8.0'\n", []),
    Case(
        "another-repository",
        "README.md",
        "https://img.shields.io/github/commits-since/other/thing/v3.8.0\n"
        "https://github.com/notme/my-theme/compare/v3.8.0...main\n"
        "https://github.com/other/thing/releases/download/v3.8.0/x.tar.gz\n",
        [],
    ),
    # A range between two releases: only its end is the release (the start is the one before).
    Case(
        "compare-between-releases",
        "README.md",
        "https://github.com/me/my-theme/compare/v3.7.0...v3.8.0\n",
        [("release-link", "v3.8.0")],
    ),
    Case("links-in-tests", "tests/data/readme.md", "https://github.com/me/my-theme/compare/v3.8.0...main\n", []),
    Case(
        "answers-of-other-things",
        ".copier-answers.yml",
        "_commit: v3.8.0\npython_version: 3.8.0\ndjango_version: 3.8.0\n",
        [],
    ),
    Case("answers-elsewhere", "config.yml", "version: 3.8.0\n", []),
    Case("docker-other-label", "Dockerfile", "LABEL python.version=3.8.0 \\\n  maintainer=me\n", []),
    Case(
        "action-installs-another",
        "action.yml",
        "inputs:\n  version:\n    default: '3.8.0'\nruns:\n  steps:\n    - run: pip install \"other==3.8.0\"\n",
        [],
    ),
    Case(
        "another-projects-hook",
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/other/thing\n    hooks:\n      - id: thing\n    rev: v3.8.0\n",
        [],
    ),
    Case(
        "other-substitutions",
        "docs/index.rst",
        ".. |python_version| replace:: 3.8.0\n.. |version| replace:: Python 3.8.0\n",
        [],
    ),
    Case(
        "module-level-or-placeholder",
        "src/my_theme/__init__.py",
        'if True:\n    __version__ = "3.8.0"\ntry:\n    import x\nexcept ImportError:\n    __version__ = "0.0.0"\n',
        # Not fallbacks of a tag-versioned project but module-level statements: the scanner yields both,
        # and the judge sets the all-zero placeholder aside.
        [("dunder-version", "3.8.0"), ("dunder-version", "0.0.0")],
    ),
    Case("placeholder-fallback", "pyproject.toml", '[tool.setuptools_scm]\nfallback_version = "0.0.0"\n', []),
]


@pytest.mark.parametrize("case", FOUND + NEAR_MISSES, ids=[case.id for case in FOUND + NEAR_MISSES])
def test_scan(case: Case) -> None:
    found = scan_text(case.path, case.text, patterns())
    assert [(reference.kind, reference.text) for reference in found] == case.expected
    for reference in found:
        assert case.text[reference.start : reference.start + len(reference.text)] == reference.text


def test_every_new_kind_has_a_case() -> None:
    assert {kind for case in FOUND for kind, _ in case.expected} >= OWN_RELEASE_KINDS


def test_an_action_file_is_read_without_a_keyword() -> None:
    assert patterns().always_read("action.yml")
    assert not patterns().always_read("docs/action.md")


# Each kind at the previous release 3.8.0 while the project is at 3.8.1: check names every one, and
# leaves every near miss (another project's URL, pin or hook at the same number) alone.
STALE_FILES = {
    "pyproject.toml": '[project]\nname = "my-theme"\nversion = "3.8.1"\n\n'
    '[tool.setuptools_scm]\nfallback_version = "3.8.0"\n',
    "docs/conf.py": "version = release = '3.8.0'\n",
    "docs/index.rst": ".. |theme_version| replace:: 3.8.0\n.. |python_version| replace:: 3.8.0\n",
    "README.md": "https://img.shields.io/github/commits-since/me/my-theme/v3.8.0\n"
    "https://img.shields.io/github/commits-since/other/thing/v3.8.0\n",
    ".copier-answers.yml": "_commit: v3.8.0\nversion: 3.8.0\n",
    "Dockerfile": 'FROM python\nLABEL a="b" \\\n  org.opencontainers.image.version="3.8.0"\n',
    "action.yml": "inputs:\n  version:\n    default: '3.8.0'\nruns:\n  steps:\n    - run: pip install my-theme==$V\n",
    ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/me/my-theme\n    hooks: [{id: x}]\n"
    "    rev: v3.8.0\n"
    "  - repo: https://github.com/other/thing\n    hooks: [{id: y}]\n    rev: v3.8.0\n",
    "src/my_theme/__init__.py": "try:\n    from ._v import v as __version__\nexcept ImportError:\n"
    '    __version__ = "3.8.0"\n',
}


def test_check_finds_each_kind_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "my-theme", STALE_FILES)
    git(root, "tag", "v3.8.0")
    git(root, "remote", "add", "origin", "https://github.com/me/my-theme.git")
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        ".copier-answers.yml:2:10: RK001 stale version 3.8.0, expected 3.8.1 (template-answers)",
        ".pre-commit-config.yaml:4:10: RK001 stale version 3.8.0, expected 3.8.1 (pre-commit-rev)",
        "Dockerfile:3:37: RK001 stale version 3.8.0, expected 3.8.1 (dockerfile)",
        "README.md:1:57: RK001 stale version 3.8.0, expected 3.8.1 (release-link)",
        "action.yml:3:15: RK001 stale version 3.8.0, expected 3.8.1 (action-input)",
        "docs/conf.py:1:22: RK001 stale version 3.8.0, expected 3.8.1 (sphinx-conf)",
        "docs/index.rst:1:30: RK001 stale version 3.8.0, expected 3.8.1 (docs-substitution)",
        "pyproject.toml:6:21: RK001 stale version 3.8.0, expected 3.8.1 (fallback-version)",
        "src/my_theme/__init__.py:4:20: RK001 stale version 3.8.0, expected 3.8.1 (dunder-version)",
        "releasekit: 9 stale version references in 9 files; expected 3.8.1 from pyproject.toml:3 ([project].version)",
    ]
