"""Miniature layouts modelled on real projects' version-bearing files, checked with exact output.

Each layout is a handful of short, synthetic files shaped like what celery, coverage.py, Sphinx,
Scrapy, psutil, click, Poetry, pydantic, boto3 and paramiko keep in their repositories: the
canonical version's file, the other references their maintainers bump, and the nearby text
that is *not* the project's version (history, other packages' pins, directives, prose).

For every layout:

* at the release, `releasekit check` agrees with every reference and says so in one line;
* with the canonical version moved to the next release and one reference left behind, it
  reports exactly what was left behind, and nothing else.

``test_real_false_alarm`` adds, one at a time, text that made `releasekit check` report a
false alarm on the real project at a release commit; each must leave the summary untouched.
``test_real_miss`` holds references the maintainers bumped that must be found.
``test_trap_fix_keeps_a_forgotten_bump`` keeps each trap in place while a loose reference is
left behind at the old release: a fix for a false alarm must never hide a real stale reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import git, make_repo


@dataclass(frozen=True)
class Release:
    """A three-part release; ``render`` writes it into a file template."""

    major: int
    minor: int
    micro: int

    @property
    def text(self) -> str:
        return f"{self.major}.{self.minor}.{self.micro}"

    def following(self) -> Release:
        return Release(self.major, self.minor, self.micro + 1)


def render(template: str, release: Release) -> str:
    """Fill ``{version}``, ``{major}``, ``{minor}``, ``{micro}``; every other brace stays as written."""
    return (
        template.replace("{version}", release.text)
        .replace("{major}", str(release.major))
        .replace("{minor}", str(release.minor))
        .replace("{micro}", str(release.micro))
    )


@dataclass(frozen=True)
class Layout:
    """A project's version-bearing files at ``release``, and what a forgotten bump looks like.

    ``left_behind`` names a file and one template line in it that keeps the old release after
    the canonical version moves on; ``stale_output`` is the complete expected stdout then.
    """

    id: str
    folder: str
    release: Release
    files: Mapping[str, str]
    summary: str
    left_behind: tuple[str, str]
    stale_output: tuple[str, ...]
    remote: str | None = None

    def rendered(self, release: Release) -> dict[str, str]:
        return {path: render(text, release) for path, text in self.files.items()}

    def after_forgotten_bump(self) -> dict[str, str]:
        old, new = self.release, self.release.following()
        files = self.rendered(new)
        path, line = self.left_behind
        assert files[path].count(render(line, new)) == 1, f"{line!r} must occur once in {path}"
        files[path] = files[path].replace(render(line, new), render(line, old))
        return files


def create(root: Path, files: Mapping[str, str], remote: str | None) -> Path:
    make_repo(root, files)
    if remote is not None:
        git(root, "remote", "add", "origin", remote)
    return root


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", str(root)])
    return code, capsys.readouterr().out.splitlines()


# celery: __version__ in the package, read by setup.py through a regex; bump2version updates
# the README and the docs' introduction, whose `:Version:` fields carry the series name.
CELERY = Layout(
    id="celery",
    folder="celery",
    release=Release(5, 3, 6),
    files={
        "setup.py": (
            "import re\nimport setuptools\n\nNAME = 'celery'\n\n"
            "def meta():\n"
            "    text = open('celery/__init__.py').read()\n"
            "    return dict(re.findall(r\"__(\\w+)__ = '([^']+)'\", text))\n\n"
            "setuptools.setup(name=NAME, version=meta()['version'], packages=['celery'])\n"
        ),
        "celery/__init__.py": (
            '"""Distributed task queue, in miniature."""\n'
            "from collections import namedtuple\n\n"
            "SERIES = 'emerald-rush'\n\n"
            "__version__ = '{version}'\n"
            "__author__ = 'The maintainers'\n\n"
            "version_info_t = namedtuple('version_info_t', ('major', 'minor', 'micro', 'releaselevel', 'serial'))\n"
            "VERSION = version_info = version_info_t({major}, {minor}, {micro}, '', '')\n"
        ),
        ".bumpversion.cfg": (
            "[bumpversion]\ncurrent_version = {version}\ncommit = True\ntag = True\n\n"
            "[bumpversion:file:celery/__init__.py]\n\n"
            "[bumpversion:file:docs/includes/introduction.txt]\n\n"
            "[bumpversion:file:README.rst]\n"
        ),
        "README.rst": (
            "=================================\n celery - a distributed task queue\n"
            "=================================\n\n"
            ":Version: {version} (emerald-rush)\n"
            ":Web: https://docs.celeryq.dev/en/stable/\n"
            ":Keywords: task, queue, job, async, rabbitmq, amqp, redis, python\n\n"
            "Celery 5.2 introduced the new result backend protocol, and since Celery 5.0.0\n"
            "Python 3.7 or newer is required. Celery 5.3 works with kombu 5.3.4 and billiard 4.2.0.\n"
        ),
        "docs/includes/introduction.txt": ":Version: {version} (emerald-rush)\n:Web: https://docs.celeryq.dev/\n",
        "docs/userguide/tasks.rst": (
            "Tasks\n=====\n\n.. versionadded:: 5.3\n\n    The ``soft_time_limit`` option.\n\n"
            ".. versionchanged:: 5.2.7\n\n    Retries use exponential backoff.\n"
        ),
        "Changelog.rst": "5.3.5\n=====\n\n:release-date: 2023-11-10\n\n- Celery 5.3.5 fixes the redis backend.\n",
        "docs/history/whatsnew-5.1.rst": "What's new in Celery 5.1.2\n==========================\n",
        "requirements/default.txt": "billiard>=4.2.0,<5.0\nkombu>=5.3.4,<6.0\nvine>=5.1.0,<6.0\n",
    },
    summary=("releasekit: 4 references in 4 files agree on 5.3.6 from celery/__init__.py:6 (package __version__)"),
    left_behind=("docs/includes/introduction.txt", ":Version: {version} (emerald-rush)"),
    stale_output=(
        "docs/includes/introduction.txt:1:11: RK001 stale version 5.3.6, expected 5.3.7 (docs-field)",
        "releasekit: 1 stale version reference in 1 file; "
        "expected 5.3.7 from celery/__init__.py:6 (package __version__)",
    ),
    remote="https://github.com/celery/celery.git",
)

# coverage.py: a sys.version_info-style tuple plus a _dev counter in coverage/version.py, which
# setup.py execs; the Sphinx conf.py carries version and release as literals.
COVERAGE = Layout(
    id="coveragepy",
    folder="coveragepy",
    release=Release(7, 4, 1),
    files={
        "setup.py": (
            "import setuptools\n\n"
            "namespace = {}\n"
            "exec(open('coverage/version.py').read(), namespace)\n\n"
            "setuptools.setup(\n    name=\"coverage\",\n    version=namespace['__version__'],\n)\n"
        ),
        "coverage/__init__.py": "from coverage.version import __version__, version_info\n",
        "coverage/version.py": (
            '"""The version and URL for coverage.py"""\n\n'
            "# version_info: same semantics as sys.version_info.\n"
            "# _dev: the .devN suffix if any.\n"
            'version_info = ({major}, {minor}, {micro}, "final", 0)\n'
            "_dev = 0\n\n\n"
            "def _make_version(major, minor, micro, releaselevel, serial, dev):\n"
            '    version = f"{major}.{minor}.{micro}"\n'
            '    if releaselevel != "final":\n'
            '        version += {"alpha": "a", "beta": "b", "candidate": "rc"}[releaselevel] + str(serial)\n'
            "    return version\n\n\n"
            "__version__ = _make_version(*version_info, _dev)\n"
        ),
        "doc/conf.py": (
            'project = "Coverage.py"\n'
            "# The short X.Y.Z version.\n"
            'version = "{version}"\n'
            "# The full version, including alpha/beta/rc tags.\n"
            'release = "{version}"\n'
            '# The date of release, in "monthname day, year" format.\n'
            'release_date = "January 24, 2024"\n'
        ),
        "doc/config.rst": (
            "Configuration\n=============\n\n[run] sigterm\n.............\n\n"
            ".. versionadded:: 7.4\n\nThe setting requires Python 3.8 or later; coverage 6.5.0 and older ignore it.\n"
        ),
        "CHANGES.rst": "Version 7.4.0 — 2023-12-27\n--------------------------\n\n- coverage 7.4.0 adds sigterm.\n",
        "requirements/pytest.pip": "pytest==7.4.4\npytest-xdist==3.5.0\nhypothesis==6.92.2\n",
    },
    summary=("releasekit: 4 references in 2 files agree on 7.4.1 from coverage/version.py:5 (package __version__)"),
    left_behind=(
        "doc/conf.py",
        'version = "{version}"\n# The full version, including alpha/beta/rc tags.\nrelease = "{version}"',
    ),
    stale_output=(
        "doc/conf.py:3:12: RK001 stale version 7.4.1, expected 7.4.2 (sphinx-conf)",
        "doc/conf.py:5:12: RK001 stale version 7.4.1, expected 7.4.2 (sphinx-conf)",
        "releasekit: 2 stale version references in 1 file; "
        "expected 7.4.2 from coverage/version.py:5 (package __version__)",
    ),
)

# Sphinx: flit reads sphinx/__init__.py, where __version__ and a five-part version_info sit
# side by side; the docs are full of versionadded directives and release-history prose.
SPHINX = Layout(
    id="sphinx",
    folder="sphinx",
    release=Release(7, 2, 6),
    files={
        "pyproject.toml": (
            '[build-system]\nrequires = ["flit_core>=3.7"]\nbuild-backend = "flit_core.buildapi"\n\n'
            '[project]\nname = "Sphinx"\ndynamic = ["version"]\n'
            'dependencies = ["docutils>=0.18.1,<0.21", "Pygments>=2.14", "alabaster>=0.7,<0.8"]\n\n'
            '[project.urls]\nCode = "https://github.com/sphinx-doc/sphinx"\n\n'
            '[tool.flit.module]\nname = "sphinx"\n'
        ),
        "sphinx/__init__.py": (
            '"""The Sphinx documentation toolchain."""\n\n'
            "__version__ = '{version}'\n"
            "__display_version__ = __version__  # used for command line version\n\n"
            "#: Version info for better programmatic use.\n"
            "version_info = ({major}, {minor}, {micro}, 'final', 0)\n\n"
            "_in_development = False\n"
        ),
        "doc/conf.py": (
            "import sphinx\n\nproject = 'Sphinx'\nversion = sphinx.__display_version__\nrelease = version\n"
        ),
        "doc/usage/configuration.rst": (
            "Configuration\n=============\n\n.. confval:: numfig\n\n"
            "   .. versionadded:: 7.1\n\n   .. versionchanged:: 7.2.6\n      Sphinx now warns on duplicates.\n\n"
            "Since Sphinx 7.1.0 the value may also be a callable.\n"
        ),
        "CHANGES.rst": "Release 7.2.5 (released Aug 30, 2023)\n=====================================\n",
        "doc/changes/7.1.rst": "Release 7.1.2\n=============\n\nSphinx 7.1.2 fixes the linkcheck builder.\n",
    },
    summary=("releasekit: 2 references in 1 file agree on 7.2.6 from sphinx/__init__.py:3 (flit module __version__)"),
    left_behind=("sphinx/__init__.py", "version_info = ({major}, {minor}, {micro}, 'final', 0)"),
    stale_output=(
        "sphinx/__init__.py:7:16: RK001 stale version 7.2.6, expected 7.2.7 (version-tuple)",
        "releasekit: 1 stale version reference in 1 file; "
        "expected 7.2.7 from sphinx/__init__.py:3 (flit module __version__)",
    ),
    remote="https://github.com/sphinx-doc/sphinx.git",
)

# Scrapy: a plain scrapy/VERSION file read by hatch, and bump-my-version's current_version in
# pyproject.toml; the release notes live in docs/news.rst.
SCRAPY = Layout(
    id="scrapy",
    folder="scrapy",
    release=Release(2, 11, 0),
    files={
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling>=1.27.0"]\nbuild-backend = "hatchling.build"\n\n'
            '[project]\nname = "Scrapy"\ndynamic = ["version"]\n'
            'dependencies = ["Twisted>=21.7.0", "parsel>=1.5.0", "w3lib>=1.17.0"]\n\n'
            '[tool.hatch.version]\npath = "scrapy/VERSION"\npattern = "^(?P<version>.+)$"\n\n'
            '[tool.bumpversion]\ncurrent_version = "{version}"\ncommit = true\ntag = true\n\n'
            '[[tool.bumpversion.files]]\nfilename = "scrapy/VERSION"\n'
        ),
        "scrapy/VERSION": "{version}\n",
        "scrapy/__init__.py": (
            "import pkgutil\n\n"
            '__version__ = (pkgutil.get_data(__package__, "VERSION") or b"").decode("ascii").strip()\n'
            'version_info = tuple(int(v) if v.isdigit() else v for v in __version__.split("."))\n'
        ),
        "docs/news.rst": "Release notes\n=============\n\nScrapy 2.10.1 (2023-08-30)\n--------------------------\n",
        "docs/topics/settings.rst": (
            "Settings\n========\n\n.. setting:: REQUEST_FINGERPRINTER_IMPLEMENTATION\n\n"
            ".. versionadded:: 2.7\n\nThe default changed in Scrapy 2.10 and will change again in a later release.\n"
        ),
    },
    summary=("releasekit: 2 references in 2 files agree on 2.11.0 from scrapy/VERSION:1 ([tool.hatch.version] path)"),
    left_behind=("pyproject.toml", 'current_version = "{version}"'),
    stale_output=(
        "pyproject.toml:15:20: RK001 stale version 2.11.0, expected 2.11.1 (bump-tool)",
        "releasekit: 1 stale version reference in 1 file; "
        "expected 2.11.1 from scrapy/VERSION:1 ([tool.hatch.version] path)",
    ),
    remote="https://github.com/scrapy/scrapy.git",
)

# psutil: __version__ in psutil/__init__.py, read by setup.py; HISTORY.rst lists every release.
# psutil itself keeps a single literal; the README line with the latest release's PyPI link is
# the one second reference this miniature adds, in the style psutil's docs use for links.
PSUTIL = Layout(
    id="psutil",
    folder="psutil",
    release=Release(5, 9, 8),
    files={
        "setup.py": (
            "import re\nfrom setuptools import setup\n\n"
            "def get_version():\n"
            "    with open('psutil/__init__.py') as f:\n"
            "        return re.search(r'__version__ = \"(.+)\"', f.read()).group(1)\n\n"
            "setup(name='psutil', version=get_version())\n"
        ),
        "psutil/__init__.py": (
            '"""Cross-platform lib for process and system monitoring."""\n\n'
            'AF_LINK = 17\n__version__ = "{version}"\n'
            "version_info = tuple([int(num) for num in __version__.split('.')])\n"
        ),
        "HISTORY.rst": (
            "*Bug tracker at https://github.com/giampaolo/psutil/issues*\n\n"
            "5.9.8\n=====\n\n2024-01-19\n\n**Bug fixes**\n\n- 2343_, [FreeBSD]: filter out zombies.\n"
        ),
        "README.rst": (
            "Quick links\n===========\n\n"
            "- `Home page <https://github.com/giampaolo/psutil>`__\n"
            "- `Download <https://pypi.org/project/psutil/{version}/#files>`__\n\n"
            "Supported Python versions are 2.7, 3.6+ and PyPy.\n"
        ),
        "docs/index.rst": (
            "psutil documentation\n====================\n\n.. function:: cpu_count(logical=True)\n\n"
            "   .. versionchanged:: 5.1.0 on Windows the value is cached.\n"
        ),
    },
    summary=("releasekit: 2 references in 2 files agree on 5.9.8 from psutil/__init__.py:4 (package __version__)"),
    left_behind=("README.rst", "https://pypi.org/project/psutil/{version}/#files"),
    stale_output=(
        "README.rst:5:46: RK001 stale version 5.9.8, expected 5.9.9 (release-link)",
        "releasekit: 1 stale version reference in 1 file; "
        "expected 5.9.9 from psutil/__init__.py:4 (package __version__)",
    ),
    remote="https://github.com/giampaolo/psutil.git",
)

# click: flit with a static [project].version, and the uv.lock entry for the project itself;
# the changelog says "Unreleased" until the release.
CLICK = Layout(
    id="click",
    folder="click",
    release=Release(8, 2, 0),
    files={
        "pyproject.toml": (
            '[project]\nname = "click"\nversion = "{version}"\n'
            'description = "Composable command line interface toolkit"\n'
            'requires-python = ">=3.10"\ndependencies = ["colorama; platform_system == \'Windows\'"]\n\n'
            '[project.urls]\nSource = "https://github.com/pallets/click/"\n\n'
            '[build-system]\nrequires = ["flit_core<4"]\nbuild-backend = "flit_core.buildapi"\n'
        ),
        "uv.lock": (
            'version = 1\nrequires-python = ">=3.10"\n\n'
            '[[package]]\nname = "click"\nversion = "{version}"\nsource = { editable = "." }\n'
            'dependencies = [\n    { name = "colorama", marker = "sys_platform == \'win32\'" },\n]\n\n'
            '[[package]]\nname = "colorama"\nversion = "0.4.6"\nsource = { registry = "https://pypi.org/simple" }\n'
        ),
        "src/click/__init__.py": (
            '"""Click, in miniature."""\n\nfrom .core import Command as Command\n\n\n'
            "def __getattr__(name):\n"
            '    if name == "__version__":\n'
            "        import importlib.metadata\n\n"
            '        return importlib.metadata.version("click")\n'
            "    raise AttributeError(name)\n"
        ),
        "CHANGES.rst": "Version 8.1.8\n-------------\n\nReleased 2024-12-19\n\n-   Fix an issue with type hints.\n",
        "docs/options.rst": (
            "Options\n=======\n\n.. versionadded:: 8.0\n\n"
            "   ``show_default`` may be a string. In click 8.1 the flag handling changed.\n"
        ),
    },
    summary="releasekit: 2 references in 2 files agree on 8.2.0 from pyproject.toml:3 ([project].version)",
    left_behind=("uv.lock", 'name = "click"\nversion = "{version}"'),
    stale_output=(
        "uv.lock:6:12: RK001 stale version 8.2.0, expected 8.2.1 (uv-lock)",
        "releasekit: 1 stale version reference in 1 file; expected 8.2.1 from pyproject.toml:3 ([project].version)",
    ),
    remote="https://github.com/pallets/click.git",
)

# Poetry 1.x: [tool.poetry] version, poetry-core pinned next to it, and the docs' example
# .pre-commit-config.yaml that pins the project's own hooks by tag.
POETRY = Layout(
    id="poetry",
    folder="poetry",
    release=Release(1, 7, 1),
    files={
        "pyproject.toml": (
            '[tool.poetry]\nname = "poetry"\nversion = "{version}"\n'
            'description = "Python dependency management and packaging made easy."\n'
            'repository = "https://github.com/python-poetry/poetry"\n\n'
            '[tool.poetry.dependencies]\npython = "^3.8"\npoetry-core = "1.8.1"\n'
            'poetry-plugin-export = "^1.6.0"\n\n'
            '[build-system]\nrequires = ["poetry-core>=1.5.0"]\nbuild-backend = "poetry.core.masonry.api"\n'
        ),
        "src/poetry/__version__.py": (
            "from poetry.utils._compat import metadata\n\n"
            '__version__ = metadata.version("poetry")  # type: ignore[no-untyped-call]\n'
        ),
        "src/poetry/__init__.py": "",
        "docs/pre-commit-hooks.md": (
            "---\ntitle: pre-commit hooks\n---\n\n# pre-commit hooks\n\n"
            "Add the hooks to your `.pre-commit-config.yaml`:\n\n"
            "```yaml\nrepos:\n"
            "  - repo: https://github.com/python-poetry/poetry\n"
            "    rev: '{version}'\n"
            "    hooks:\n      - id: poetry-check\n      - id: poetry-lock\n```\n\n"
            "The `poetry-export` hook was added in Poetry 1.2 and moved to a plugin afterwards.\n"
        ),
        "CHANGELOG.md": (
            "# Change Log\n\n## [1.7.0] - 2023-11-03\n\n### Added\n\n- Add `poetry-core` 1.8.1.\n\n"
            "[1.7.0]: https://github.com/python-poetry/poetry/releases/tag/1.7.0\n"
        ),
    },
    summary="releasekit: 2 references in 2 files agree on 1.7.1 from pyproject.toml:3 ([tool.poetry].version)",
    left_behind=("docs/pre-commit-hooks.md", "rev: '{version}'"),
    stale_output=(
        "docs/pre-commit-hooks.md:12:11: RK001 stale version 1.7.1, expected 1.7.2 (pre-commit-rev)",
        "releasekit: 1 stale version reference in 1 file; expected 1.7.2 from pyproject.toml:3 ([tool.poetry].version)",
    ),
)

# pydantic: hatch reads VERSION = '...' from pydantic/version.py; CITATION.cff carries a
# v-prefixed copy; pydantic-core is pinned exactly, at its own, different version.
PYDANTIC = Layout(
    id="pydantic",
    folder="pydantic",
    release=Release(2, 5, 3),
    files={
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling", "hatch-fancy-pypi-readme>=22.5.0"]\n'
            'build-backend = "hatchling.build"\n\n'
            '[tool.hatch.version]\npath = "pydantic/version.py"\n\n'
            '[project]\nname = "pydantic"\ndynamic = ["version", "readme"]\n'
            "dependencies = [\n    'typing-extensions>=4.6.1',\n    'annotated-types>=0.4.0',\n"
            "    'pydantic-core==2.14.6',\n]\n"
        ),
        "pydantic/version.py": (
            '"""The `version` module holds the version information for Pydantic."""\n'
            "from __future__ import annotations as _annotations\n\n"
            "__all__ = 'VERSION', 'version_info'\n\n"
            "VERSION = '{version}'\n"
            '"""The version of Pydantic."""\n\n\n'
            "def version_short() -> str:\n"
            "    return '.'.join(VERSION.split('.')[:2])\n"
        ),
        "pydantic/__init__.py": "from .version import VERSION\n\n__version__ = VERSION\n",
        "CITATION.cff": (
            "cff-version: 1.2.0\ntitle: 'Pydantic'\nmessage: 'If you use this software, please cite it.'\n"
            "type: software\nrepository-code: 'https://github.com/pydantic/pydantic'\n"
            "license: MIT\nversion: v{version}\ndate-released: 2023-12-21\n"
        ),
        "HISTORY.md": "## v2.5.2 (2023-11-22)\n\n[GitHub release](https://github.com/pydantic/pydantic/releases/tag/v2.5.2)\n",
        "docs/migration.md": (
            "# Migration Guide\n\nPydantic V2 introduces many API changes. To stay on V1, pin `pydantic<2`,\n"
            "or install `pip install pydantic==1.*`. Pydantic 2.5 added `JsonValue`.\n\n"
            "!!! note\n    New in pydantic v2.4.0: the `validate_default` field option.\n"
        ),
    },
    summary="releasekit: 2 references in 2 files agree on 2.5.3 from pydantic/version.py:6 ([tool.hatch.version] path)",
    left_behind=("CITATION.cff", "version: v{version}"),
    stale_output=(
        "CITATION.cff:7:10: RK001 stale version 2.5.3, expected 2.5.4 (citation)",
        "releasekit: 1 stale version reference in 1 file; "
        "expected 2.5.4 from pydantic/version.py:6 ([tool.hatch.version] path)",
    ),
    remote="https://github.com/pydantic/pydantic.git",
)

# boto3: __version__ in boto3/__init__.py is the only literal of boto3's own version; the bump
# commit also moves the botocore pins (same numbers, another package) and adds a .changes/
# JSON file. Leaving the botocore pin behind must not be reported: nothing of boto3's is stale.
BOTO3 = Layout(
    id="boto3",
    folder="boto3",
    release=Release(1, 34, 10),
    files={
        "setup.py": (
            "import os\nimport re\n\nfrom setuptools import setup\n\n"
            "VERSION_RE = re.compile(r'''__version__ = ['\"]([0-9.]+)['\"]''')\n\n"
            "requires = [\n    'botocore>={version},<1.35.0',\n    'jmespath>=0.7.1,<2.0.0',\n"
            "    's3transfer>=0.10.0,<0.11.0',\n]\n\n\n"
            "def get_version():\n"
            "    init = open(os.path.join('boto3', '__init__.py')).read()\n"
            "    return VERSION_RE.search(init).group(1)\n\n\n"
            "setup(name='boto3', version=get_version(), install_requires=requires)\n"
        ),
        "setup.cfg": (
            "[bdist_wheel]\nuniversal = 0\n\n[metadata]\nrequires_dist =\n"
            "    botocore>={version},<1.35.0\n    jmespath>=0.7.1,<2.0.0\n\n"
            "[options.extras_require]\ncrt = botocore[crt]>=1.21.0,<2.0a0\n"
        ),
        "boto3/__init__.py": (
            "import logging\n\nfrom boto3.session import Session\n\n"
            "__author__ = 'Amazon Web Services'\n__version__ = '{version}'\n"
        ),
        "boto3/session.py": "class Session:\n    pass\n",
        ".changes/1.34.9.json": (
            '[\n  {\n    "category": "``ec2``",\n'
            '    "description": "[``botocore``] Adds an API, released with botocore 1.34.9",\n'
            '    "type": "api-change"\n  }\n]\n'
        ),
        "CHANGELOG.rst": "=========\nCHANGELOG\n=========\n\n1.34.9\n======\n\n* api-change:``ec2``: update\n",
        "docs/source/guide/migration.rst": (
            "Migrating\n=========\n\nboto3 1.34 requires Python 3.8; boto3 1.26 and earlier ran on 3.7.\n"
        ),
    },
    summary="releasekit: 1 reference in 1 file agrees on 1.34.10 from boto3/__init__.py:6 (package __version__)",
    left_behind=("setup.cfg", "botocore>={version},<1.35.0"),
    stale_output=(
        "releasekit: 1 reference in 1 file agrees on 1.34.11 from boto3/__init__.py:6 (package __version__)",
    ),
)

# paramiko: a static [project].version and the uv.lock entry (as in 4.0), with the older
# __version_info__ tuple module of the 3.x series still next to them.
PARAMIKO = Layout(
    id="paramiko",
    folder="paramiko",
    release=Release(3, 4, 0),
    files={
        "pyproject.toml": (
            '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n\n'
            '[project]\nname = "paramiko"\nversion = "{version}"\n'
            'dependencies = ["bcrypt>=3.2", "cryptography>=3.3", "pynacl>=1.5"]\n'
        ),
        "paramiko/_version.py": (
            '__version_info__ = ({major}, {minor}, {micro})\n__version__ = ".".join(map(str, __version_info__))\n'
        ),
        "paramiko/__init__.py": "from paramiko._version import __version__, __version_info__\n",
        "uv.lock": (
            'version = 1\nrequires-python = ">=3.9"\n\n'
            '[[package]]\nname = "paramiko"\nversion = "{version}"\nsource = { editable = "." }\n'
            'dependencies = [\n    { name = "bcrypt" },\n]\n\n'
            '[[package]]\nname = "bcrypt"\nversion = "4.1.2"\nsource = { registry = "https://pypi.org/simple" }\n'
        ),
        "sites/www/changelog.rst": "=========\nChangelog\n=========\n\n- :release:`3.3.1 <2023-07-28>`\n",
        "sites/www/installing.rst": (
            "Installing\n==========\n\nParamiko 3.0 dropped Python 2; on it, stay with paramiko 2.12.\n"
        ),
    },
    summary="releasekit: 3 references in 3 files agree on 3.4.0 from pyproject.toml:7 ([project].version)",
    left_behind=("paramiko/_version.py", "__version_info__ = ({major}, {minor}, {micro})"),
    stale_output=(
        "paramiko/_version.py:1:20: RK001 stale version 3.4.0, expected 3.4.1 (version-tuple)",
        "releasekit: 1 stale version reference in 1 file; expected 3.4.1 from pyproject.toml:7 ([project].version)",
    ),
    remote="https://github.com/paramiko/paramiko.git",
)

LAYOUTS = (CELERY, COVERAGE, SPHINX, SCRAPY, PSUTIL, CLICK, POETRY, PYDANTIC, BOTO3, PARAMIKO)
BY_ID = {layout.id: layout for layout in LAYOUTS}


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.id for layout in LAYOUTS])
def test_release_is_consistent(layout: Layout, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = create(tmp_path / layout.folder, layout.rendered(layout.release), layout.remote)
    assert run_check(root, capsys) == (0, [layout.summary])


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.id for layout in LAYOUTS])
def test_reference_left_behind(layout: Layout, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = create(tmp_path / layout.folder, layout.after_forgotten_bump(), layout.remote)
    expected_code = 1 if any(" RK001 " in line for line in layout.stale_output) else 0
    assert run_check(root, capsys) == (expected_code, list(layout.stale_output))


@dataclass(frozen=True)
class Trap:
    """Text from the real project's release commit that releasekit reported as stale.

    ``files`` are appended to the layout's files of the same name (or added); ``folder``
    replaces the folder the repository is checked out into.
    """

    id: str
    layout: str
    files: Mapping[str, str]
    folder: str | None = None


TRAPS = (
    # History prose where the verb follows the version: "Celery 4.4.7 introduced ...".
    Trap(
        "celery-version-then-introduced",
        "celery",
        {
            "docs/getting-started/backends/redis.rst": (
                "Group results\n-------------\n\nCelery 5.2.7 introduced an opt-in setting that orders group results.\n"
            )
        },
    ),
    # Security advisories are dated documents about old releases.
    Trap(
        "celery-security-advisory",
        "celery",
        {
            "docs/sec/CELERYSA-0009.txt": (
                "Fixed versions\n==============\n\nUpgrade to the latest release, or:\n\n"
                "    * ``pip install -U celery==5.2.2``\n    * https://pypi.org/project/celery/5.2.2/\n"
            )
        },
    ),
    # Links to maintenance branches named after a series: tree/v5.2 is a branch, not a release.
    Trap(
        "celery-branch-links",
        "celery",
        {"CONTRIBUTING.rst": "Maintenance branches\n\n* 5.2 (https://github.com/celery/celery/tree/v5.2)\n"},
    ),
    # An example project inside the repository has its own setup.py and version.
    Trap(
        "celery-example-project",
        "celery",
        {"examples/next-steps/setup.py": "from setuptools import setup\n\nsetup(name='proj', version='2.0')\n"},
    ),
    # A placeholder version in install-from-source instructions.
    Trap(
        "celery-placeholder-tarball",
        "celery",
        {"docs/includes/installation.txt": "From source\n-----------\n\n    $ tar xvfz celery-0.0.0.tar.gz\n"},
    ),
    # The repository checked out into a folder that is not named after the project.
    Trap("celery-checkout-folder", "celery", {}, folder="checkout"),
    # celery's security policy lags behind its releases and bounds the unsupported ones by "< 5.0".
    Trap(
        "celery-security-policy",
        "celery",
        {
            "SECURITY.md": (
                "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n"
                "| ------- | ------------------ |\n| 5.1.x   | :white_check_mark: |\n| 5.0.x   | :x: |\n"
                "| 4.4.x   | :x:                |\n| < 4.0   | :x:                |\n"
            )
        },
    ),
    # A placeholder pin that forces a reinstall in a developer script.
    Trap(
        "coverage-placeholder-pin",
        "coveragepy",
        {"igor.py": 'def do_zipmods():\n    egg = "egg=coverage==0.0"  # to force a re-install\n'},
    ),
    # A benchmark script that installs several older releases to compare them.
    Trap(
        "coverage-benchmark-old-releases",
        "coveragepy",
        {
            "lab/compare_times.sh": (
                '#!/bin/bash\necho "Coverage 6.5.0"\npip install -q coverage==6.5.0\npip install -q coverage==7.0.0b1\n'
            )
        },
    ),
    # A package-lock.json with no version of its own: every entry belongs to a dependency.
    Trap(
        "sphinx-package-lock-without-version",
        "sphinx",
        {
            "package.json": '{\n  "name": "sphinx",\n  "devDependencies": {\n    "jasmine-core": "^5.1.0"\n  }\n}\n',
            "package-lock.json": (
                '{\n  "name": "sphinx",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n'
                '    "": {\n      "name": "sphinx",\n      "devDependencies": {\n'
                '        "jasmine-core": "^5.1.0"\n      }\n    },\n'
                '    "node_modules/jasmine-core": {\n      "version": "5.1.1",\n      "dev": true\n    }\n'
                "  }\n}\n"
            ),
        },
    ),
    # The conf.py of a test root is a small Sphinx project of its own.
    Trap(
        "sphinx-test-root-conf",
        "sphinx",
        {"tests/roots/test-root/conf.py": "project = 'Sphinx <Tests>'\nversion = '0.6'\nrelease = '0.6alpha1'\n"},
    ),
    # A permalink to a file as it was at an old tag.
    Trap(
        "sphinx-tag-permalink",
        "sphinx",
        {
            "doc/extdev/deprecated.rst": (
                "Deprecated APIs\n===============\n\n"
                "The old Makefile template is kept at\n"
                "https://github.com/sphinx-doc/sphinx/blob/v6.2.0/sphinx/templates/quickstart/Makefile_t\n"
            )
        },
    ),
    # "Starting with <name> vX" in a comment is history.
    Trap(
        "sphinx-starting-with",
        "sphinx",
        {"sphinx/texinputs/sphinxfootnote.sty": "%% Starting with Sphinx v5.1.0, footnotes use a new macro.\n"},
    ),
    # An example in a comment explaining the shape of version_info.
    Trap(
        "sphinx-version-info-example",
        "sphinx",
        {"sphinx/__init__.py": "#: for Sphinx version 1.2.1 beta 3 this would be ``(1, 2, 1, 'beta', 3)``.\n"},
    ),
    # A console transcript in a tutorial.
    Trap(
        "sphinx-console-transcript",
        "sphinx",
        {
            "doc/tutorial/index.rst": (
                "Build it::\n\n   $ make html\n   Running Sphinx v4.2.0\n   loading pickled environment... done\n"
            )
        },
    ),
    # A docs requirements file compiled by uv pins the project as some docs plugin's dependency.
    Trap(
        "scrapy-compiled-docs-requirements",
        "scrapy",
        {
            "docs/requirements.txt": (
                "# This file was autogenerated by uv via the following command:\n"
                "#    uv pip compile docs/requirements.in -o docs/requirements.txt\n"
                "scrapy==2.10.1\n    # via sphinx-scrapy-theme\nsphinx==7.2.6\n    # via -r docs/requirements.in\n"
            )
        },
    ),
    # A log excerpt in the docs, with its own timestamp.
    Trap(
        "scrapy-log-excerpt",
        "scrapy",
        {
            "docs/topics/benchmarking.rst": (
                "Benchmarking\n============\n\n    scrapy bench\n"
                "    2016-12-16 21:18:48 [scrapy.utils.log] INFO: Scrapy 1.2.2 started (bot: quotesbot)\n"
            )
        },
    ),
    # A wildcard pin names a series, never this release.
    Trap(
        "psutil-wildcard-pin",
        "psutil",
        {"docs/index.rst": "\nOn Python 2.6 use an older series::\n\n    $ python2 -m pip install psutil==5.8.*\n"},
    ),
    # The last release to support an old interpreter, linked to PyPI.
    Trap(
        "psutil-last-supporting-release",
        "psutil",
        {
            "docs/index.rst": (
                "\nThe last psutil release that supports Python 2.6 is\n"
                "`psutil 5.9.0 <https://pypi.org/project/psutil/5.9.0/>`__.\n"
            )
        },
    ),
    # A platform-support timeline with year-month dates.
    Trap(
        "psutil-support-timeline",
        "psutil",
        {
            "docs/index.rst": (
                "\nPlatforms support history\n=========================\n\n"
                "* psutil 5.9.1 (2022-05): drop Python 2.6\n* psutil 5.8.0 (2020-12): add PyPy 2 on Windows\n"
            )
        },
    ),
    # The release timeline links every release to PyPI: a history section, even its newest entry.
    Trap(
        "psutil-release-timeline",
        "psutil",
        {
            "docs/index.rst": (
                "\nTimeline\n========\n\n"
                "- 2024-01-19:\n  `5.9.8 <https://pypi.org/project/psutil/5.9.8/#files>`__ -\n"
                "  `diff <https://github.com/giampaolo/psutil/compare/release-5.9.7...release-5.9.8#files_bucket>`__\n"
                "- 2023-12-17:\n  `5.9.7 <https://pypi.org/project/psutil/5.9.7/#files>`__ -\n"
                "  `diff <https://github.com/giampaolo/psutil/compare/release-5.9.6...release-5.9.7#files_bucket>`__\n"
            )
        },
    ),
    # Example projects under examples/ each carry their own [project].version.
    Trap(
        "click-example-projects",
        "click",
        {
            "examples/aliases/pyproject.toml": (
                '[project]\nname = "click-example-aliases"\nversion = "1.0.0"\ndependencies = ["click>=8.1"]\n'
            )
        },
    ),
    # A pip-compile-multi lock of the development tools pins click for pip-tools.
    Trap(
        "click-compiled-dev-requirements",
        "click",
        {
            "requirements/dev.txt": (
                "# SHA1:54b5b77ec8c7a0064ffa93b2fd16cb0130ba177c\n#\n"
                "# This file is autogenerated by pip-compile-multi\n#\n"
                "click==8.1.3\n    # via\n    #   pip-compile-multi\n    #   pip-tools\n"
            )
        },
    ),
    # Tests assert the versions of the packages they inspect, not the project's.
    Trap(
        "poetry-attribute-assertions",
        "poetry",
        {
            "tests/inspection/test_info.py": (
                "def test_info_from_sdist(demo_sdist):\n    info = PackageInfo.from_sdist(demo_sdist)\n"
                '    assert info.name == "demo"\n    assert info.version == "0.1.0"\n'
            )
        },
    ),
    # Lock files used as fixtures carry the header of the Poetry that wrote them.
    Trap(
        "poetry-fixture-lock-header",
        "poetry",
        {
            "tests/installation/fixtures/with-pypi-repository.test": (
                "# This file is automatically @generated by Poetry 1.5.1 and should not be changed by hand.\n"
                '[[package]]\nname = "attrs"\nversion = "17.4.0"\n'
            )
        },
    ),
    # Fixture projects are Poetry projects of their own.
    Trap(
        "poetry-fixture-projects",
        "poetry",
        {
            "tests/fixtures/simple_project/pyproject.toml": (
                '[tool.poetry]\nname = "simple-project"\nversion = "1.2.3"\n'
            ),
            "tests/fixtures/simple_project/simple_project/__init__.py": '__version__ = "1.2.3"\n',
        },
    ),
    # Documentation showing how to install one chosen older version side by side.
    Trap(
        "poetry-install-examples",
        "poetry",
        {
            "docs/_index.md": (
                "`pipx` can install several versions of Poetry side by side:\n\n"
                "```bash\npipx install --suffix=@1.2.0 poetry==1.2.0\npoetry@1.2.0 --version\n```\n"
            )
        },
    ),
    # pydantic ships the last V1 release inside the V2 package.
    Trap(
        "pydantic-bundled-v1",
        "pydantic",
        {"pydantic/v1/version.py": "__all__ = 'compiled', 'VERSION'\n\nVERSION = '1.10.13'\n"},
    ),
    # A link to the V1 maintenance branch.
    Trap(
        "pydantic-branch-link",
        "pydantic",
        {
            "README.md": (
                "# Pydantic\n\nV1 fixes go to the [`1.10.X-fixes` git branch]"
                "(https://github.com/pydantic/pydantic/tree/1.10.X-fixes).\n"
            )
        },
    ),
    # History prose with the verb after a v-prefixed version.
    Trap(
        "pydantic-version-then-introduced",
        "pydantic",
        {
            "docs/concepts/experimental.md": (
                "# Experimental\n\nPydantic v2.4.0 introduced an experimental pipeline API.\n"
            )
        },
    ),
    # The test plugin is a separate distribution with its own pyproject.toml.
    Trap(
        "pydantic-test-plugin-project",
        "pydantic",
        {"tests/plugin/pyproject.toml": '[project]\nname = "example_plugin"\nversion = "0.1.0"\n'},
    ),
    # A PEP 751 lock file for a CI helper pins an older pydantic wheel.
    Trap(
        "pydantic-ci-pylock",
        "pydantic",
        {
            ".github/actions/people/pylock.toml": (
                'lock-version = "1.0"\n\n[[packages]]\nname = "pydantic"\nversion = "2.4.2"\n'
                'sdist = { url = "https://files.pythonhosted.org/packages/aa/bb/pydantic-2.4.2.tar.gz" }\n'
            )
        },
    ),
    # How to pin a specific version, with an arbitrary old release as the example.
    Trap(
        "boto3-specific-version-example",
        "boto3",
        {
            "docs/source/guide/quickstart.rst": (
                "Installation\n------------\n\nYou may provide constraints when installing::\n\n"
                "    # Install Boto3 version 1.0 specifically\n    pip install boto3==1.0.0\n"
            )
        },
    ),
    # A transcript of an old third-party installer in the docs for the 1.x series.
    Trap(
        "paramiko-old-installer-transcript",
        "paramiko",
        {
            "sites/www/installing-1.x.rst": (
                "PyPM\n----\n\n    C:\\> pypm install paramiko\n    Get: [pypm-free.activestate.com] paramiko 1.7.8\n"
            )
        },
    ),
)


@pytest.mark.parametrize("trap", TRAPS, ids=[trap.id for trap in TRAPS])
def test_real_false_alarm(trap: Trap, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = BY_ID[trap.layout]
    files = layout.rendered(layout.release)
    for path, text in trap.files.items():
        files[path] = files.get(path, "") + text
    root = create(tmp_path / (trap.folder or layout.folder), files, layout.remote)
    assert run_check(root, capsys) == (0, [layout.summary])


@dataclass(frozen=True)
class Miss:
    """A reference the real project's maintainers bumped by hand, which check must count.

    ``files`` are templates appended to the layout's files at its release; ``summary`` is the
    expected line once the reference is found. ``worktree`` runs the check in a linked work tree.
    """

    id: str
    layout: str
    files: Mapping[str, str]
    summary: str
    worktree: bool = False


MISSES = (
    # Scrapy's bump commit updates the supported-versions table of its security policy.
    Miss(
        "scrapy-security-policy-series",
        "scrapy",
        {
            "SECURITY.md": (
                "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n"
                "| ------- | ------------------ |\n| {major}.{minor}.x  | :white_check_mark: |\n"
                "| < {major}.{minor}.x | :x:                |\n"
            )
        },
        "releasekit: 4 references in 3 files agree on 2.11.0 from scrapy/VERSION:1 ([tool.hatch.version] path)",
    ),
    # celery's README names the release it documents; at 5.3.6 it was left at 5.3.5.
    Miss(
        "celery-readme-runs-on",
        "celery",
        {"README.rst": "\nWhat do I need?\n===============\n\nCelery version {version} runs on:\n"},
        "releasekit: 5 references in 4 files agree on 5.3.6 from celery/__init__.py:6 (package __version__)",
    ),
    # In a linked work tree (git worktree add) the repository's remote, and so its release
    # links, must be known just as in the main checkout.
    Miss(
        "celery-release-link-in-linked-worktree",
        "celery",
        {"README.rst": "\nDownload: https://github.com/celery/celery/releases/tag/v{version}\n"},
        "releasekit: 5 references in 4 files agree on 5.3.6 from celery/__init__.py:6 (package __version__)",
        worktree=True,
    ),
)


@pytest.mark.parametrize("miss", MISSES, ids=[miss.id for miss in MISSES])
def test_real_miss(miss: Miss, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = BY_ID[miss.layout]
    files = layout.rendered(layout.release)
    for path, text in miss.files.items():
        files[path] = files.get(path, "") + render(text, layout.release)
    main_checkout = create(tmp_path / "main" / layout.folder, files, layout.remote)
    root = main_checkout
    if miss.worktree:
        root = tmp_path / "linked" / layout.folder
        git(main_checkout, "worktree", "add", "-q", "--detach", str(root))
    assert run_check(root, capsys) == (0, [miss.summary])


@dataclass(frozen=True)
class Forgotten:
    """A false-alarm trap kept in place while a loose reference is left behind at the old release.

    The layout moves to ``bumped`` (by default its following release); ``files`` are templates
    appended at the *old* release. The fix for the trap must not hide the reference left behind:
    ``stale_output`` is the complete expected stdout.
    """

    trap: str
    files: Mapping[str, str]
    stale_output: tuple[str, ...]
    bumped: Release | None = None


FORGOTTEN = (
    Forgotten(
        "boto3-specific-version-example",
        {"README.rst": "Install\n=======\n\n    pip install boto3=={version}\n"},
        (
            "README.rst:4:24: RK001 stale version 1.34.10, expected 1.34.11 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 1.34.11 from boto3/__init__.py:6 (package __version__)",
        ),
    ),
    Forgotten(
        "coverage-benchmark-old-releases",
        {"lab/compare_times.sh": "pip install -q coverage=={version}\n"},
        (
            "lab/compare_times.sh:5:26: RK001 stale version 7.4.1, expected 7.4.2 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 7.4.2 from coverage/version.py:5 (package __version__)",
        ),
    ),
    Forgotten(
        "paramiko-old-installer-transcript",
        {"sites/www/installing.rst": "\nThe current release is paramiko {version}.\n"},
        (
            "sites/www/installing.rst:6:33: RK001 stale version 3.4.0, expected 3.4.1 (docs-mention)",
            "releasekit: 1 stale version reference in 1 file; expected 3.4.1 from pyproject.toml:7 ([project].version)",
        ),
    ),
    Forgotten(
        "poetry-install-examples",
        {"docs/_index.md": "\nInstall the latest release:\n\n```bash\npipx install poetry=={version}\n```\n"},
        (
            "docs/_index.md:11:22: RK001 stale version 1.7.1, expected 1.7.2 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 1.7.2 from pyproject.toml:3 ([tool.poetry].version)",
        ),
    ),
    Forgotten(
        "poetry-fixture-lock-header",
        {"tests/console/test_about.py": 'def test_about(out):\n    assert "Poetry {version}" in out.text\n'},
        (
            "tests/console/test_about.py:2:20: RK001 stale version 1.7.1, expected 1.7.2 (test-assertion)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 1.7.2 from pyproject.toml:3 ([tool.poetry].version)",
        ),
    ),
    Forgotten(
        "sphinx-console-transcript",
        {"doc/usage/quickstart.rst": "\n   $ make html\n   Running Sphinx v{version}\n"},
        (
            "doc/usage/quickstart.rst:3:19: RK001 stale version 7.2.6, expected 7.2.7 (docs-mention)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 7.2.7 from sphinx/__init__.py:3 (flit module __version__)",
        ),
    ),
    Forgotten(
        "psutil-last-supporting-release",
        {
            "docs/index.rst": "\nThe latest release is `psutil {version} <https://pypi.org/project/psutil/{version}/>`__.\n"
        },
        (
            "docs/index.rst:11:31: RK001 stale version 5.9.8, expected 5.9.9 (docs-mention)",
            "docs/index.rst:11:70: RK001 stale version 5.9.8, expected 5.9.9 (release-link)",
            "releasekit: 2 stale version references in 1 file; "
            "expected 5.9.9 from psutil/__init__.py:4 (package __version__)",
        ),
    ),
    Forgotten(
        "psutil-release-timeline",
        {"docs/index.rst": "\nInstall\n=======\n\n    pip install psutil=={version}\n"},
        (
            "docs/index.rst:21:25: RK001 stale version 5.9.8, expected 5.9.9 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 5.9.9 from psutil/__init__.py:4 (package __version__)",
        ),
    ),
    Forgotten(
        "pydantic-bundled-v1",
        {"pydantic/v2/version.py": "VERSION = '{version}'\n"},
        (
            "pydantic/v2/version.py:1:12: RK001 stale version 2.5.3, expected 2.5.4 (version-module)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 2.5.4 from pydantic/version.py:6 ([tool.hatch.version] path)",
        ),
    ),
    Forgotten(
        "pydantic-ci-pylock",
        {"docs/install.md": "pip install pydantic=={version}\n"},
        (
            "docs/install.md:1:23: RK001 stale version 2.5.3, expected 2.5.4 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 2.5.4 from pydantic/version.py:6 ([tool.hatch.version] path)",
        ),
    ),
    Forgotten(
        "scrapy-compiled-docs-requirements",
        {"SECURITY.md": "| Version | Supported |\n| --- | --- |\n| {major}.{minor}.x | :white_check_mark: |\n"},
        (
            "SECURITY.md:3:3: RK001 stale version 2.11, expected 2.12.0 (supported-series)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 2.12.0 from scrapy/VERSION:1 ([tool.hatch.version] path)",
        ),
        bumped=Release(2, 12, 0),
    ),
    Forgotten(
        "click-compiled-dev-requirements",
        {"docs/quickstart.rst": "Install it with ``pip install click=={version}``.\n"},
        (
            "docs/quickstart.rst:1:38: RK001 stale version 8.2.0, expected 8.2.1 (pip-pin)",
            "releasekit: 1 stale version reference in 1 file; expected 8.2.1 from pyproject.toml:3 ([project].version)",
        ),
    ),
    Forgotten(
        "celery-checkout-folder",
        {"README.rst": "\nWhat do I need?\n===============\n\nCelery version {version} runs on:\n"},
        (
            "README.rst:15:16: RK001 stale version 5.3.6, expected 5.3.7 (docs-mention)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 5.3.7 from celery/__init__.py:6 (package __version__)",
        ),
    ),
)


@pytest.mark.parametrize("forgotten", FORGOTTEN, ids=[forgotten.trap for forgotten in FORGOTTEN])
def test_trap_fix_keeps_a_forgotten_bump(
    forgotten: Forgotten, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (trap,) = (trap for trap in TRAPS if trap.id == forgotten.trap)
    layout = BY_ID[trap.layout]
    files = layout.rendered(forgotten.bumped or layout.release.following())
    for path, text in trap.files.items():
        files[path] = files.get(path, "") + text
    for path, text in forgotten.files.items():
        files[path] = files.get(path, "") + render(text, layout.release)
    root = create(tmp_path / (trap.folder or layout.folder), files, layout.remote)
    assert run_check(root, capsys) == (1, list(forgotten.stale_output))


def run_bump(new_version: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["bump", "--new-version", new_version, "--yes", "--no-commit"])
    return code, capsys.readouterr().out.splitlines()


COVERAGE_DEVELOPMENT_TUPLE = 'version_info = (7, 4, 2, "alpha", 0)\n_dev = 1\n'


def coverage_in_development(root: Path, conf_version: str) -> Path:
    """coverage.py between releases: 7.4.1 tagged, version.py at 7.4.2a0.dev1, the docs at ``conf_version``."""
    files = COVERAGE.rendered(COVERAGE.release)
    create(root, files, COVERAGE.remote)
    git(root, "tag", "7.4.1")
    version_py = files["coverage/version.py"].replace('version_info = (7, 4, 1, "final", 0)\n_dev = 0\n', "{tuple}")
    assert "{tuple}" in version_py
    (root / "coverage/version.py").write_text(version_py.replace("{tuple}", COVERAGE_DEVELOPMENT_TUPLE), "utf-8")
    (root / "doc/conf.py").write_text(files["doc/conf.py"].replace("7.4.1", conf_version), "utf-8")
    git(root, "commit", "-q", "--no-gpg-sign", "-am", "start 7.4.2")
    return root


def test_coverage_development_keeps_the_docs_at_the_last_release_then_releases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """coverage.py's own cycle: during development doc/conf.py says 7.4.1; on release day all of it moves."""
    root = coverage_in_development(tmp_path / "coveragepy", conf_version="7.4.1")
    assert run_check(root, capsys) == (
        0,
        ["releasekit: 4 references in 2 files agree on 7.4.2a0.dev1 from coverage/version.py:5 (package __version__)"],
    )
    monkeypatch.chdir(root)
    assert run_bump("7.4.2", capsys) == (
        0,
        ["releasekit: bumped 7.4.2a0.dev1 \u2192 7.4.2: 4 references in 2 files, verified"],
    )
    assert 'version_info = (7, 4, 2, "final", 0)\n_dev = 0\n' in (root / "coverage/version.py").read_text("utf-8")
    conf = (root / "doc/conf.py").read_text("utf-8")
    assert 'version = "7.4.2"' in conf
    assert 'release = "7.4.2"' in conf
    assert run_check(root, capsys) == (
        0,
        ["releasekit: 4 references in 2 files agree on 7.4.2 from coverage/version.py:5 (package __version__)"],
    )


def test_coverage_development_docs_older_than_the_last_release_are_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = coverage_in_development(tmp_path / "coveragepy", conf_version="7.4.0")
    assert run_check(root, capsys) == (
        1,
        [
            "doc/conf.py:3:12: RK001 stale version 7.4.0, expected 7.4.2a0.dev1 (sphinx-conf)",
            "doc/conf.py:5:12: RK001 stale version 7.4.0, expected 7.4.2a0.dev1 (sphinx-conf)",
            "releasekit: 2 stale version references in 1 file; "
            "expected 7.4.2a0.dev1 from coverage/version.py:5 (package __version__)",
        ],
    )


def test_coverage_dev_counter_left_behind_is_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Released by hand, with _dev still at 1: the canonical version reads 7.4.2.dev1, not 7.4.2."""
    files = COVERAGE.rendered(Release(7, 4, 2))
    files["coverage/version.py"] = files["coverage/version.py"].replace("_dev = 0\n", "_dev = 1\n")
    root = create(tmp_path / "coveragepy", files, COVERAGE.remote)
    assert run_check(root, capsys) == (
        1,
        [
            "doc/conf.py:3:12: RK001 stale version 7.4.2, expected 7.4.2.dev1 (sphinx-conf)",
            "doc/conf.py:5:12: RK001 stale version 7.4.2, expected 7.4.2.dev1 (sphinx-conf)",
            "releasekit: 2 stale version references in 1 file; "
            "expected 7.4.2.dev1 from coverage/version.py:5 (package __version__)",
        ],
    )


SCRAPY_SECURITY = (
    "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n"
    "| ------- | ------------------ |\n| {major}.{minor}.x     | :white_check_mark: |\n"
    "| < {major}.{minor}.x   | :x:                |\n"
)


def test_scrapy_security_row_for_older_series_left_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = SCRAPY.release, Release(2, 12, 0)
    files = SCRAPY.rendered(new)
    files["SECURITY.md"] = render(SCRAPY_SECURITY, new).replace("< 2.12.x", "< 2.11.x")
    root = create(tmp_path / "scrapy", files, SCRAPY.remote)
    assert run_check(root, capsys) == (
        1,
        [
            f"SECURITY.md:8:5: RK001 stale version {old.major}.{old.minor}, expected 2.12.0 (supported-series)",
            "releasekit: 1 stale version reference in 1 file; "
            "expected 2.12.0 from scrapy/VERSION:1 ([tool.hatch.version] path)",
        ],
    )


def test_scrapy_bump_moves_both_security_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = SCRAPY.rendered(SCRAPY.release)
    files["SECURITY.md"] = render(SCRAPY_SECURITY, SCRAPY.release)
    root = create(tmp_path / "scrapy", files, SCRAPY.remote)
    monkeypatch.chdir(root)
    assert run_bump("2.12.0", capsys) == (
        0,
        ["releasekit: bumped 2.11.0 \u2192 2.12.0: 4 references in 3 files, verified"],
    )
    assert (root / "SECURITY.md").read_text("utf-8") == render(SCRAPY_SECURITY, Release(2, 12, 0))


def sphinx_commit(root: Path, version: str, version_info: str, *, in_development: bool) -> Path:
    """sphinx/__init__.py as Sphinx writes it: at a release, or between releases with ``_in_development``."""
    files = SPHINX.rendered(SPHINX.release)
    files["sphinx/__init__.py"] = (
        files["sphinx/__init__.py"]
        .replace("__version__ = '7.2.6'", f"__version__ = '{version}'")
        .replace("version_info = (7, 2, 6, 'final', 0)", f"version_info = {version_info}")
        .replace("_in_development = False", f"_in_development = {in_development}")
    )
    return create(root, files, SPHINX.remote)


def test_sphinx_development_commit_agrees_then_bumps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between releases Sphinx says 7.2.7 in __version__ and 7.2.7 beta in version_info: they agree."""
    root = sphinx_commit(tmp_path / "sphinx", "7.2.7", "(7, 2, 7, 'beta', 0)", in_development=True)
    agree = "releasekit: 2 references in 1 file agree on {} from sphinx/__init__.py:3 (flit module __version__)"
    assert run_check(root, capsys) == (0, [agree.format("7.2.7")])
    assert run_check(root, capsys) == (0, [agree.format("7.2.7")])  # from the scan cache
    monkeypatch.chdir(root)
    assert main(["bump", "patch", "--yes", "--no-commit"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "releasekit: bumped 7.2.7 \u2192 7.2.8: 2 references in 1 file, verified"
    ]
    init = (root / "sphinx/__init__.py").read_text("utf-8")
    assert "__version__ = '7.2.8'\n" in init
    assert "version_info = (7, 2, 8, 'beta', 0)\n\n_in_development = True\n" in init
    assert run_check(root, capsys) == (0, [agree.format("7.2.8")])


@pytest.mark.parametrize(
    ("version", "in_development", "expected"),
    [("7.2.8", True, "7.2.8"), ("7.2.7", False, "7.2.7")],
    ids=["version-moved-tuple-left", "released-with-the-beta-tuple"],
)
def test_sphinx_development_tuple_left_behind_is_stale(
    version: str, in_development: bool, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sphinx_commit(tmp_path / "sphinx", version, "(7, 2, 7, 'beta', 0)", in_development=in_development)
    assert run_check(root, capsys) == (
        1,
        [
            f"sphinx/__init__.py:7:16: RK001 stale version 7.2.7b0, expected {expected} (version-tuple)",
            "releasekit: 1 stale version reference in 1 file; "
            f"expected {expected} from sphinx/__init__.py:3 (flit module __version__)",
        ],
    )
