#!/usr/bin/env python3
"""Real projects of four backends, built from their PyPI sdists with `releasekit build`, then validated.

For each project: ``pip download --no-binary :all: --no-deps NAME`` fetches its newest sdist; the
sdist is unpacked and built with releasekit's builder (the sdist, then the wheel from it, in an
isolated environment); ``releasekit validate --strict`` then judges both files, and the published
sdist as PyPI serves it. Prints a Markdown table (bench/README.md quotes it).

    python bench/validate_real.py [NAME ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from releasekit.build.builder import build_project  # noqa: E402
from releasekit.errors import ReleasekitError  # noqa: E402
from releasekit.validate.api import validate  # noqa: E402

# name -> the backend its pyproject.toml declares (checked against the sdist when run)
PROJECTS = {
    "attrs": "hatchling",
    "hatch-fancy-pypi-readme": "hatchling",
    "iniconfig": "setuptools",
    "requests": "setuptools",
    "six": "setuptools",
    "idna": "flit_core",
    "tomli": "flit_core",
    "unearth": "pdm-backend",
    "findpython": "pdm-backend",
}


def download(name: str, folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(folder),
            name,
        ],
        check=True,
    )
    return next(path for path in folder.iterdir() if path.name.endswith(".tar.gz"))


def unpack(sdist: Path, folder: Path) -> Path:
    with tarfile.open(sdist) as archive:
        archive.extractall(folder, filter="data")
    return next(path for path in folder.iterdir() if path.is_dir())


def _codes(findings: tuple[object, ...]) -> str:
    codes = sorted({getattr(finding, "code", "") for finding in findings})
    return ", ".join(codes) or "none"


def bench(name: str, work: Path) -> str:
    try:
        downloaded = download(name, work / "download")
    except subprocess.CalledProcessError:
        return f"| {name} | {PROJECTS.get(name, '?')} | download failed (pip download) | | | |"
    source = unpack(downloaded, work / "source")
    started = time.monotonic()
    try:
        result = build_project(source, work / "dist")
    except ReleasekitError as error:
        reason = error.message.splitlines()[0]
        return f"| {name} | {PROJECTS.get(name, '?')} | {downloaded.name} | build failed: {reason} | | |"
    seconds = time.monotonic() - started
    ours = validate([result.sdist.path, result.wheel.path], strict=True)
    published = validate([downloaded], strict=True)
    return (
        f"| {name} | {result.backend_version} | {downloaded.name} | {seconds:.1f} s | "
        f"{len(ours.errors)} errors, {len(ours.warnings)} warnings ({_codes(ours.findings)}) | "
        f"{len(published.errors)} errors, {len(published.warnings)} warnings ({_codes(published.findings)}) |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=list(PROJECTS))
    args = parser.parse_args()
    print("| project | backend | sdist from PyPI | `releasekit build` | validate: rebuilt sdist + wheel |", end="")
    print(" validate: PyPI's sdist |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in args.names:
        with tempfile.TemporaryDirectory(prefix=f"releasekit-real-{name}-") as scratch:
            print(bench(name, Path(scratch)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
