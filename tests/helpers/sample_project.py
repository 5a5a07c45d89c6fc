"""`mypylogger`: the layout of releasekit's first user, as a real git repository for tests.

Every file is a template. A reference the checker must find is written inline as a marker,
``«kind|form»``, so its expected place is computed while the file is rendered and can never
drift from the text: ``form`` is how the version is spelled there (``version`` 0.2.0,
``v-version`` v0.2.0, ``tuple`` (0, 2, 0), ``series`` 0.2). ``@VERSION@`` writes the bare
version with no marker: that is a decoy (a dependency pinned at the same number, changelog
history, ``10.2.0``), which the checker must never report.

The project also works: ``python -m pytest`` in it passes (``pythonpath = ["src"]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from tests.helpers.git_repos import make_repo

Form = Literal["version", "v-version", "tuple", "series"]

PROJECT = "mypylogger"
CANONICAL_METHOD = "[project].version"

_FORMS: dict[str, Form] = {"version": "version", "v-version": "v-version", "tuple": "tuple", "series": "series"}
_MARKER = re.compile(rf"«(?P<kind>[a-z-]+)\|(?P<form>{'|'.join(_FORMS)})»")
_PLAIN_RELEASE = re.compile(r"\d+\.\d+\.\d+")


class ExpectedReference(NamedTuple):
    """A reference the checker must report, at ``path:line:column`` (1-based, as releasekit counts)."""

    path: str
    line: int
    column: int
    kind: str
    text: str  # as written: "0.2.0", "v0.2.0", "(0, 2, 0)" or "0.2"
    value: str  # the version it names: "0.2.0" ("0.2" for a series)
    form: Form

    def agrees_with(self, version: str) -> bool:
        """Whether releasekit must count this reference as agreeing with ``version``."""
        if self.form == "series":
            return version.split(".")[:2] == self.value.split(".")
        return self.value == version

    def stale_line(self, expected: str) -> str:
        """The exact line `releasekit check` prints for this reference when it is stale."""
        place = f"{self.path}:{self.line}:{self.column}"
        return f"{place}: RK001 stale version {self.value}, expected {expected} ({self.kind})"

    def ok_line(self) -> str:
        """The exact line `releasekit check --list` prints for this reference when it agrees."""
        return f"{self.path}:{self.line}:{self.column}: ok {self.text} ({self.kind})"

    def respelled(self, version: str) -> ExpectedReference:
        """This reference with ``version`` written in the same place and the same spelling."""
        text, value = spell(self.form, version)
        return self._replace(text=text, value=value)


class SampleProject(NamedTuple):
    """The files of the project (path -> content) and the references they hold, in report order."""

    files: dict[str, str | bytes]
    references: tuple[ExpectedReference, ...]


def spell(form: Form, version: str) -> tuple[str, str]:
    """(text as written, value named) of ``version`` in one of the spellings."""
    if _PLAIN_RELEASE.fullmatch(version) is None:
        raise ValueError(f"the sample project needs a major.minor.micro version, not {version!r}")
    if form == "version":
        return version, version
    if form == "v-version":
        return f"v{version}", version
    if form == "tuple":
        return "(" + ", ".join(version.split(".")) + ")", version
    series = ".".join(version.split(".")[:2])
    return series, series


def render(path: str, template: str, version: str) -> tuple[str, list[ExpectedReference]]:
    """The file text for ``version`` and the references its markers stood for."""
    text = template.replace("@VERSION@", version)
    pieces: list[str] = []
    references: list[ExpectedReference] = []
    last = 0
    for match in _MARKER.finditer(text):
        pieces.append(text[last : match.start()])
        before = "".join(pieces)
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        form = _FORMS[match["form"]]
        spelled, value = spell(form, version)
        pieces.append(spelled)
        references.append(ExpectedReference(path, line, column, match["kind"], spelled, value, form))
        last = match.end()
    pieces.append(text[last:])
    rendered = "".join(pieces)
    if "«" in rendered or "»" in rendered or "@VERSION@" in rendered:
        raise ValueError(f"{path}: a malformed marker is left in the rendered text")
    return rendered, references


def _binary(version: str) -> bytes:
    """A small 'image' whose bytes spell the project and its version between NULs."""
    return (
        b"\x89MPL\r\n\x1a\n\x00\x00\x00\x0d"
        + f"{PROJECT} {version}".encode()
        + b"\x00" * 7
        + version.encode()
        + b"\x00\xff"
    )


TEMPLATES: Mapping[str, str] = {
    "pyproject.toml": """\
[project]
name = "mypylogger"
version = "«pyproject|version»"
description = "Structured JSON logging for Python services, with sensible defaults."
readme = "README.md"
requires-python = ">=3.11"
license = "MIT"
authors = [{ name = "mypylogger maintainers" }]
dependencies = [
    "otherlib==@VERSION@",
]

[project.optional-dependencies]
dev = ["pytest>=8"]

[project.urls]
Homepage = "https://github.com/example/mypylogger"

[build-system]
requires = ["hatchling>=1.26"]
build-backend = "hatchling.build"

[tool.hatch.build.targets.wheel]
packages = ["src/mypylogger"]

[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]
""",
    "src/mypylogger/__init__.py": '''\
"""mypylogger: structured JSON logging for Python services."""

from __future__ import annotations

from mypylogger.core import get_logger
from mypylogger.formatter import SCHEMA_VERSION, JsonFormatter

__version__ = "«dunder-version|version»"
__version_info__ = «version-tuple|tuple»

__all__ = ["SCHEMA_VERSION", "JsonFormatter", "__version__", "__version_info__", "get_logger"]
''',
    "src/mypylogger/core.py": '''\
"""Loggers that write one JSON object per line."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from mypylogger.formatter import JsonFormatter

_HANDLER_NAME = "mypylogger"


def get_logger(name: str, *, stream: TextIO | None = None, level: int = logging.INFO) -> logging.Logger:
    """A logger named ``name`` writing JSON lines to ``stream`` (stderr by default)."""
    logger = logging.getLogger(name)
    logger.setLevel(level)
    logger.propagate = False
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    return logger
''',
    "src/mypylogger/formatter.py": '''\
"""One JSON object per log record, with a stable key order."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# The record layout's version, shared with otherlib's log shipper: not the package's release.
SCHEMA_VERSION = "1@VERSION@"


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        document = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "schema": SCHEMA_VERSION,
        }
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return json.dumps(document, ensure_ascii=False)
''',
    "README.md": """\
# mypylogger «docs-mention|v-version»

Structured JSON logging for Python services: one JSON object per line, stable keys, no configuration.

## Installation

```bash
pip install mypylogger==«pip-pin|version»
```

## Usage

```python
from mypylogger import get_logger

logger = get_logger(__name__)
logger.info("service started")
```

See [CHANGELOG.md](CHANGELOG.md) for what changed in each release.
""",
    "CHANGELOG.md": """\
# Changelog

All notable changes to mypylogger are documented here.

## [@VERSION@] - 2025-01-02

### Added

- `__version_info__`, the version as a tuple.
- mypylogger @VERSION@ writes a `schema` field in every record.

## 0.1.0 (2024-11-02)

- First release of mypylogger 0.1.0.
""",
    "docs/index.md": """\
# mypylogger documentation

This is the documentation for mypylogger «docs-mention|version».

Since mypylogger 0.1.0 every record carries a `schema` field; the record layout is schema 1@VERSION@.

## Quick start

```python
from mypylogger import get_logger

get_logger("app").info("ready")
```
""",
    "docs/conf.py": '''\
"""Sphinx configuration for the mypylogger documentation."""

project = "mypylogger"
author = "mypylogger maintainers"
release = "«sphinx-conf|version»"
version = "«sphinx-conf|series»"
extensions = ["myst_parser"]
html_title = f"{project} {release}"
''',
    "tests/unit/test_core.py": '''\
"""Unit tests for the logger and its JSON records."""

from __future__ import annotations

import io
import json

from mypylogger import __version__, get_logger


def test_version() -> None:
    assert __version__ == "«test-assertion|version»"


def test_records_are_json_lines() -> None:
    stream = io.StringIO()
    logger = get_logger("unit", stream=stream)
    logger.info("hello %s", "world")
    logger.warning("careful")
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(record["level"], record["message"]) for record in records] == [
        ("INFO", "hello world"),
        ("WARNING", "careful"),
    ]
    assert records[0]["schema"] == "1@VERSION@"
''',
    "tests/unit/test_public_api.py": '''\
"""The names the package promises to keep."""

from __future__ import annotations

import mypylogger


def test_public_names() -> None:
    assert sorted(mypylogger.__all__) == [
        "JsonFormatter",
        "SCHEMA_VERSION",
        "__version__",
        "__version_info__",
        "get_logger",
    ]


def test_version_attributes() -> None:
    assert mypylogger.__version__ == "«test-assertion|version»"
    assert mypylogger.__version_info__ == «test-assertion|tuple»
''',
    "tests/performance/test_throughput.py": '''\
"""Throughput benchmark: JSON records per second through a real handler.

Run it alone with ``pytest tests/performance -s`` to see the numbers.
"""

from __future__ import annotations

import io
import time

from mypylogger import __version__, get_logger

RECORDS = 5_000


def run_benchmark(records: int = RECORDS) -> str:
    stream = io.StringIO()
    logger = get_logger("benchmark", stream=stream)
    started = time.perf_counter()
    for index in range(records):
        logger.info("record %d", index)
    elapsed = max(time.perf_counter() - started, 1e-9)
    assert stream.getvalue().count("\\n") == records
    return f"mypylogger v{__version__}: {records} records in {elapsed:.3f} s ({records / elapsed:,.0f} records/s)"


def test_throughput() -> None:
    print("mypylogger «docs-mention|v-version» performance benchmark")
    report = run_benchmark()
    print(report)
    assert report.startswith("mypylogger «test-assertion|v-version»: ")
''',
    "scripts/release.sh": """\
#!/usr/bin/env bash
# Build, check and publish a release from a clean tree.
set -euo pipefail

echo "Releasing mypylogger «docs-mention|v-version»"
rm -rf dist
python -m build
python -m twine check dist/*
python -m twine upload dist/*
""",
    "scripts/smoke_install.sh": """\
#!/usr/bin/env bash
# Install the published release into a throwaway virtual environment and import it.
set -euo pipefail

venv="$(mktemp -d)"
python -m venv "$venv"
"$venv/bin/python" -m pip install --quiet "mypylogger==«pip-pin|version»"
"$venv/bin/python" -c "import mypylogger; print(mypylogger.__version__)"
""",
    ".kiro/steering/product.md": """\
---
inclusion: always
---

# Product

mypylogger «docs-mention|v-version» is a zero-configuration structured logging library: one JSON object per
line, stable keys, nothing to set up.

- Audience: authors of Python services who want JSON logs without writing a formatter.
- Non-goals: log routing, log storage, metrics.
""",
    ".kiro/steering/tech.md": """\
# Tech

- Current release: mypylogger «docs-mention|v-version» (the version lives in pyproject.toml and
  src/mypylogger/__init__.py).
- Python 3.11+, standard library logging only; build with hatchling, test with pytest.
- otherlib is pinned exactly (otherlib==@VERSION@); its record schema 1@VERSION@ is what JsonFormatter writes.
""",
    "requirements-dev.txt": """\
# Development tools; the project itself is installed with `pip install -e .`
otherlib==@VERSION@
pytest>=8
""",
    ".gitignore": """\
__pycache__/
.pytest_cache/
dist/
""",
}

# Paths of decoys that must never be reported, whatever their content says.
DECOY_FILES = (
    "CHANGELOG.md",
    "requirements-dev.txt",
    "src/mypylogger/formatter.py",
    "assets/logo.bin",
    "assets/splash.img",
)


def render_mypylogger(version: str = "0.2.0") -> SampleProject:
    """Every file of the project at ``version`` and the references the checker must find."""
    files: dict[str, str | bytes] = {}
    references: list[ExpectedReference] = []
    for path, template in TEMPLATES.items():
        files[path], found = render(path, template, version)
        references.extend(found)
    # Binary files holding the version: one by suffix (never read), one caught by its NUL bytes.
    files["assets/logo.bin"] = _binary(version)
    files["assets/splash.img"] = _binary(version)
    ordered = sorted(references, key=lambda reference: (reference.path, reference.line, reference.column))
    return SampleProject(files, tuple(ordered))


def mypylogger_references(version: str = "0.2.0") -> tuple[ExpectedReference, ...]:
    """The references of the project at ``version``, in the order releasekit reports them."""
    return render_mypylogger(version).references


def build_mypylogger(root: Path, version: str = "0.2.0") -> Path:
    """Write the project at ``version`` into a new git repository at ``root`` and commit it."""
    return make_repo(root, render_mypylogger(version).files)


def canonical_source(version: str = "0.2.0") -> str:
    """Where releasekit says the canonical version comes from: ``pyproject.toml:3 ([project].version)``."""
    (pyproject,) = (reference for reference in mypylogger_references(version) if reference.kind == "pyproject")
    return f"{pyproject.path}:{pyproject.line} ({CANONICAL_METHOD})"


def rewrite_reference(root: Path, reference: ExpectedReference, version: str) -> ExpectedReference:
    """Write ``version`` over one reference in the work tree (same place, same spelling); nothing else changes."""
    path = root / reference.path
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[reference.line - 1]
    start = reference.column - 1
    if line[start : start + len(reference.text)] != reference.text:
        raise ValueError(f"{reference.path}:{reference.line}:{reference.column} does not hold {reference.text!r}")
    updated = reference.respelled(version)
    lines[reference.line - 1] = line[:start] + updated.text + line[start + len(reference.text) :]
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    return updated


def set_project_version(root: Path, version: str, *, current: str = "0.2.0") -> ExpectedReference:
    """Move only ``[project].version`` in pyproject.toml to ``version``: every other file is left as it is."""
    (pyproject,) = (reference for reference in mypylogger_references(current) if reference.kind == "pyproject")
    return rewrite_reference(root, pyproject, version)
