"""No false alarms: the `[project]` tables of popular, well-kept projects pass `check-metadata` clean.

Each table is written by hand from the project's public metadata on PyPI (names, classifiers,
URLs, license expressions, dependencies, entry points); readme and license files are small
stand-ins. Warnings count too: these projects are the yardstick for what a good table looks like.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from releasekit.metadata.check import check_pyproject
from tests.helpers.git_repos import write_files

PYTHONS = "\n".join(f'    "Programming Language :: Python :: 3.{minor}",' for minor in range(9, 15))

REQUESTS = f"""\
[build-system]
requires = ["setuptools>=61.0"]
build-backend = "setuptools.build_meta"

[project]
name = "requests"
description = "Python HTTP for Humans."
readme = "README.md"
license = "Apache-2.0"
license-files = ["LICENSE", "NOTICE"]
authors = [{{ name = "Kenneth Reitz", email = "me@kennethreitz.org" }}]
maintainers = [
    {{ name = "Ian Stapleton Cordasco", email = "graffatcolmingov@gmail.com" }},
    {{ name = "Nate Prewitt", email = "nate.prewitt@gmail.com" }},
]
requires-python = ">=3.9"
dependencies = [
    "charset_normalizer>=2,<4",
    "idna>=2.5,<4",
    "urllib3>=1.21.1,<3",
    "certifi>=2017.4.17",
]
dynamic = ["version"]
classifiers = [
    "Development Status :: 5 - Production/Stable",
    "Environment :: Web Environment",
    "Intended Audience :: Developers",
    "Natural Language :: English",
    "Operating System :: OS Independent",
    "Programming Language :: Python",
    "Programming Language :: Python :: 3",
{PYTHONS}
    "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: Implementation :: CPython",
    "Programming Language :: Python :: Implementation :: PyPy",
    "Topic :: Internet :: WWW/HTTP",
    "Topic :: Software Development :: Libraries",
]

[project.optional-dependencies]
security = []
socks = ["PySocks>=1.5.6, !=1.5.7"]
use_chardet_on_py3 = ["chardet>=3.0.2,<6"]

[project.urls]
Documentation = "https://requests.readthedocs.io"
Source = "https://github.com/psf/requests"

[tool.setuptools.dynamic]
version = {{ attr = "requests.__version__.__version__" }}
"""

ATTRS = f"""\
[build-system]
requires = ["hatchling", "hatch-vcs", "hatch-fancy-pypi-readme>=23.2.0"]
build-backend = "hatchling.build"

[project]
name = "attrs"
authors = [{{ name = "Hynek Schlawack", email = "hs@ox.cx" }}]
license = "MIT"
license-files = ["LICENSE"]
requires-python = ">=3.9"
description = "Classes Without Boilerplate"
keywords = ["class", "attribute", "boilerplate"]
classifiers = [
    "Development Status :: 5 - Production/Stable",
{PYTHONS}
    "Programming Language :: Python :: Implementation :: CPython",
    "Programming Language :: Python :: Implementation :: PyPy",
    "Typing :: Typed",
]
dependencies = []
dynamic = ["version", "readme"]

[project.optional-dependencies]
tests-mypy = [
    "pytest-mypy-plugins; platform_python_implementation == 'CPython' and python_version >= '3.10'",
    "mypy>=1.11.1; platform_python_implementation == 'CPython' and python_version >= '3.10'",
]
tests = [
    "attrs[tests-mypy]",
    "cloudpickle; platform_python_implementation == 'CPython'",
    "hypothesis",
    "pympler",
    "pytest>=4.3.0",
    "pytest-xdist[psutil]",
]
cov = ["attrs[tests]", "coverage[toml]>=5.3"]
docs = ["cogapp", "furo", "myst-parser", "sphinx", "sphinx-notfound-page", "sphinxcontrib-towncrier", "towncrier"]
benchmark = ["pytest-codspeed", "pytest-xdist[psutil]", "attrs[tests]"]
dev = ["attrs[tests]", "pre-commit-uv"]

[project.urls]
Documentation = "https://www.attrs.org/"
Changelog = "https://www.attrs.org/en/stable/changelog.html"
GitHub = "https://github.com/python-attrs/attrs"
Funding = "https://github.com/sponsors/hynek"
Tidelift = "https://tidelift.com/subscription/pkg/pypi-attrs?utm_source=pypi-attrs&utm_medium=pypi"

[tool.hatch.version]
source = "vcs"
"""

RICH = """\
[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"

[project]
name = "rich"
version = "14.1.0"
description = "Render rich text, tables, progress bars, syntax highlighting, markdown and more to the terminal"
authors = [{ name = "Will McGugan", email = "willmcgugan@gmail.com" }]
license = "MIT"
readme = "README.md"
requires-python = ">=3.8.0"
classifiers = [
    "Development Status :: 5 - Production/Stable",
    "Environment :: Console",
    "Framework :: IPython",
    "Intended Audience :: Developers",
    "Operating System :: Microsoft :: Windows",
    "Operating System :: MacOS",
    "Operating System :: POSIX :: Linux",
    "Programming Language :: Python :: 3.8",
    "Programming Language :: Python :: 3.9",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Typing :: Typed",
]
dependencies = ["pygments>=2.13.0,<3.0.0", "markdown-it-py>=2.2.0"]

[project.optional-dependencies]
jupyter = ["ipywidgets>=7.5.1,<9"]

[project.urls]
Homepage = "https://github.com/Textualize/rich"
Documentation = "https://rich.readthedocs.io/en/latest/"
"""

HTTPX = """\
[build-system]
requires = ["hatchling", "hatch-fancy-pypi-readme"]
build-backend = "hatchling.build"

[project]
name = "httpx"
description = "The next generation HTTP client."
license = "BSD-3-Clause"
requires-python = ">=3.9"
authors = [{ name = "Tom Christie", email = "tom@tomchristie.com" }]
classifiers = [
    "Development Status :: 4 - Beta",
    "Environment :: Web Environment",
    "Framework :: AsyncIO",
    "Framework :: Trio",
    "Intended Audience :: Developers",
    "Operating System :: OS Independent",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: 3.9",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Topic :: Internet :: WWW/HTTP",
]
dependencies = ["certifi", "httpcore==1.*", "anyio", "idna"]
dynamic = ["readme", "version"]

[project.optional-dependencies]
brotli = [
    "brotli; platform_python_implementation == 'CPython'",
    "brotlicffi; platform_python_implementation != 'CPython'",
]
cli = ["click==8.*", "pygments==2.*", "rich>=10,<14"]
http2 = ["h2>=3,<5"]
socks = ["socksio==1.*"]
zstd = ["zstandard>=0.18.0"]

[project.scripts]
httpx = "httpx:main"

[project.urls]
Changelog = "https://github.com/encode/httpx/blob/master/CHANGELOG.md"
Documentation = "https://www.python-httpx.org"
Homepage = "https://github.com/encode/httpx"
Source = "https://github.com/encode/httpx"

[tool.hatch.version]
path = "httpx/__version__.py"
"""

BLACK = """\
[build-system]
requires = ["hatchling>=1.27.0", "hatch-vcs", "hatch-fancy-pypi-readme"]
build-backend = "hatchling.build"

[project]
name = "black"
description = "The uncompromising code formatter."
license = "MIT"
license-files = ["LICENSE"]
requires-python = ">=3.9"
authors = [{ name = "Łukasz Langa", email = "lukasz@langa.pl" }]
keywords = ["automation", "autopep8", "formatter", "gofmt", "pyfmt", "rustfmt", "yapf"]
classifiers = [
    "Development Status :: 5 - Production/Stable",
    "Environment :: Console",
    "Framework :: Jupyter",
    "Intended Audience :: Developers",
    "Operating System :: OS Independent",
    "Programming Language :: Python",
    "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: 3.9",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Topic :: Software Development :: Libraries :: Python Modules",
    "Topic :: Software Development :: Quality Assurance",
]
dependencies = [
    "click>=8.0.0",
    "mypy_extensions>=0.4.3",
    "packaging>=22.0",
    "pathspec>=0.9.0",
    "platformdirs>=2",
    "pytokens>=0.1.10",
    "tomli>=1.1.0; python_version < '3.11'",
    "typing_extensions>=4.0.1; python_version < '3.11'",
]
dynamic = ["readme", "version"]

[project.optional-dependencies]
colorama = ["colorama>=0.4.3"]
uvloop = ["uvloop>=0.15.2"]
d = ["aiohttp>=3.10"]
jupyter = ["ipython>=7.8.0", "tokenize-rt>=3.2.0"]

[project.scripts]
black = "black:patched_main"
blackd = "blackd:patched_main [d]"

[project.entry-points."validate_pyproject.tool_schema"]
black = "black.schema:get_schema"

[project.urls]
Documentation = "https://black.readthedocs.io/"
Changelog = "https://github.com/psf/black/blob/main/CHANGES.md"
Repository = "https://github.com/psf/black"
Issues = "https://github.com/psf/black/issues"

[tool.hatch.version]
source = "vcs"
"""

MARKDOWN_README = """\
# Project

[![badge](https://img.shields.io/pypi/v/project.svg)](https://pypi.org/project/project/)

```python
>>> import project
>>> project.run()
```

| feature | status |
| --- | --- |
| ~~old~~ | replaced |

- [x] done
"""

PROJECTS: dict[str, dict[str, str]] = {
    "requests": {
        "pyproject.toml": REQUESTS,
        "README.md": MARKDOWN_README,
        "LICENSE": "Apache License\n",
        "NOTICE": "Requests\n",
        "src/requests/__init__.py": "",
        "src/requests/__version__.py": '__version__ = "2.32.5"\n',
    },
    "attrs": {
        "pyproject.toml": ATTRS,
        "LICENSE": "MIT\n",
        "src/attr/__init__.py": "",
        "src/attrs/__init__.py": "",
    },
    "rich": {"pyproject.toml": RICH, "README.md": MARKDOWN_README, "LICENSE": "MIT\n", "rich/__init__.py": ""},
    "httpx": {"pyproject.toml": HTTPX, "httpx/__init__.py": "", "httpx/__version__.py": '__version__ = "0.28.1"\n'},
    "black": {
        "pyproject.toml": BLACK,
        "LICENSE": "MIT\n",
        "src/black/__init__.py": "",
        "src/blackd/__init__.py": "",
        "src/blib2to3/__init__.py": "",
    },
}


@pytest.mark.parametrize("files", PROJECTS.values(), ids=PROJECTS.keys())
def test_popular_project_passes_clean(tmp_path: Path, files: dict[str, str]) -> None:
    write_files(tmp_path, files)
    report = check_pyproject(tmp_path / "pyproject.toml", "pyproject.toml")
    assert [finding.render() for finding in report.findings] == []
    assert report.has_project


def test_this_repository_passes_clean() -> None:
    root = Path(__file__).resolve().parents[2]
    report = check_pyproject(root / "pyproject.toml", "pyproject.toml")
    assert [finding.render() for finding in report.findings] == []


@pytest.mark.parametrize("name", PROJECTS.keys())
def test_the_tables_are_really_checked(tmp_path: Path, name: str) -> None:
    """A broken name in each table is caught, so a clean pass above means something."""
    files = PROJECTS[name]
    write_files(tmp_path, {**files, "pyproject.toml": files["pyproject.toml"].replace(f'"{name}"', f'"{name}!"', 1)})
    report = check_pyproject(tmp_path / "pyproject.toml", "pyproject.toml")
    assert [finding.code for finding in report.findings] == ["RK101"]
