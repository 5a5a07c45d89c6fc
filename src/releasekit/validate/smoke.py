"""`--smoke`: install the wheel in a fresh virtual environment, import its packages, run its console scripts."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from packaging.version import InvalidVersion, Version

from releasekit._util.process import run
from releasekit.errors import Category
from releasekit.findings import Finding
from releasekit.metadata.built_fields import EntryPointsError, from_entry_points
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding
from releasekit.validate.wheel_record import dist_info

SCRIPT_TIMEOUT = 60
# Imports each module named on the command line and prints what it found, as JSON.
_IMPORT_ALL = """
import importlib, json, sys
found = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except BaseException as error:
        found[name] = {"error": f"{type(error).__name__}: {error}"}
    else:
        version = getattr(module, "__version__", None)
        found[name] = {"version": version if isinstance(version, str) else None}
print(json.dumps(found))
"""


def top_level_modules(dist: Distribution) -> list[str]:
    """The importable names the wheel installs at the top: packages (folders with .py files) and modules."""
    names = set()
    for member in dist.files:
        path = PurePosixPath(member.name)
        if path.parts[0].endswith(".data") and len(path.parts) > 2 and path.parts[1] in ("purelib", "platlib"):
            path = PurePosixPath(*path.parts[2:])
        elif path.parts[0].endswith((".data", ".dist-info")):
            continue
        if path.suffix != ".py" and not path.name.endswith((".so", ".pyd")):
            continue
        name = path.parts[0] if len(path.parts) > 1 else path.name.split(".")[0]
        if name.isidentifier():
            names.add(name)
    return sorted(names)


def console_scripts(dist: Distribution) -> list[str]:
    folder = dist_info(dist)
    text = dist.text(f"{folder}/entry_points.txt") if folder else None
    if text is None:
        return []
    try:
        return [entry.label for group, entry in from_entry_points(text) if group == "console_scripts"]
    except EntryPointsError:
        return []


def _make_environment(folder: Path, environ: Mapping[str, str]) -> Path:
    """A virtual environment; pip from this interpreter installs into it when it can (faster than ensurepip)."""
    own_pip = importlib.util.find_spec("pip") is not None
    argv = [sys.executable, "-m", "venv", str(folder)] + (["--without-pip"] if own_pip else [])
    run(argv, env=environ, category=Category.BUILD)
    return folder / "bin" / "python"


def _pip(python: Path) -> list[str]:
    if importlib.util.find_spec("pip") is None:
        return [str(python), "-m", "pip"]
    return [sys.executable, "-m", "pip", "--python", str(python)]


def smoke_rules(dist: Distribution, version: Version | None, environ: Mapping[str, str]) -> Iterator[Finding]:
    """Install ``dist`` (a wheel) with its dependencies into a fresh environment and exercise it."""
    file = dist.display
    with tempfile.TemporaryDirectory(prefix="releasekit-smoke-") as scratch:
        python = _make_environment(Path(scratch) / "venv", environ)
        install = run(
            [*_pip(python), "install", "--quiet", "--disable-pip-version-check", str(dist.path)],
            env=environ,
            check=False,
        )
        if install.returncode != 0:
            tail = "\n".join(install.stderr.decode("utf-8", "replace").strip().splitlines()[-5:])
            yield dist_finding(file, "RK242", f"the wheel does not install: {tail}")
            return
        modules = top_level_modules(dist)
        imported = run([str(python), "-c", _IMPORT_ALL, *modules], env=environ, cwd=Path(scratch), check=False)
        try:
            found = json.loads(imported.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
        except (ValueError, IndexError):
            found = {name: {"error": imported.stderr.decode("utf-8", "replace").strip()[-300:]} for name in modules}
        for name in modules:
            outcome = found.get(name, {})
            if "error" in outcome:
                yield dist_finding(file, "RK242", f"`import {name}` fails: {outcome['error']}")
            elif outcome.get("version") and version is not None and _differs(outcome["version"], version):
                message = f"{name}.__version__ is {outcome['version']!r} once installed, the metadata says {version}"
                yield dist_finding(file, "RK242", message)
        for script in console_scripts(dist):
            yield from _script_findings(file, Path(scratch) / "venv" / "bin" / script, environ)


def _differs(text: str, version: Version) -> bool:
    try:
        return Version(text) != version
    except InvalidVersion:
        return True


def _script_findings(file: str, script: Path, environ: Mapping[str, str]) -> Iterator[Finding]:
    # Exit 2 is argparse refusing an option it does not know: the script started, which is what is tested.
    try:
        result = subprocess.run(  # noqa: S603 - the script the wheel installed, argument list, no shell
            [str(script), "--version"],
            env=dict(environ),
            cwd=script.parent,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=SCRIPT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        yield dist_finding(file, "RK242", f"console script `{script.name} --version` runs past {SCRIPT_TIMEOUT} s")
        return
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    if result.returncode not in (0, 2) or "Traceback (most recent call last)" in output:
        last = output.strip().splitlines()[-1] if output.strip() else "no output"
        message = f"console script `{script.name} --version` exits {result.returncode}: {last}"
        yield dist_finding(file, "RK242", message)
