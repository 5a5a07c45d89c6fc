"""A tiny project built with the real `build`, at any version, each version built once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = "rkpubdemo"
_PYPROJECT = """[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{name}"
version = "{version}"
description = "A tiny project that releasekit's publishing tests upload."
requires-python = ">=3.8"
"""


class DistBuilder:
    """``build(version)`` gives the folder holding that version's sdist and wheel."""

    def __init__(self, root: Path, name: str = PROJECT) -> None:
        self.root = root
        self.name = name
        self._built: dict[str, Path] = {}

    def build(self, version: str) -> Path:
        if version in self._built:
            return self._built[version]
        source = self.root / "src" / version
        package = source / "src" / self.name
        package.mkdir(parents=True)
        (source / "pyproject.toml").write_text(_PYPROJECT.format(name=self.name, version=version), encoding="utf-8")
        (package / "__init__.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")
        out = self.root / "dist" / version
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
        )
        self._built[version] = out
        return out
