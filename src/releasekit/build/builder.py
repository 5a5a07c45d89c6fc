"""Build a project: the sdist first, then the wheel from the unpacked sdist, in one isolated environment."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from releasekit._util.atomic_write import write_atomically
from releasekit.build.backend import BackendLog, IsolatedBackend
from releasekit.build.outdir import clear_for, name_and_version
from releasekit.build.report import BuildResult, BuiltFile
from releasekit.build.source import source_date_epoch, source_state
from releasekit.errors import Category, ReleasekitError

Progress = Callable[[str], None]


def _ignore(_: str) -> None:
    """The default progress: say nothing."""


def unpack_sdist(sdist: Path, into: Path) -> Path:
    """Extract ``sdist`` safely (tarfile's ``data`` filter) and return its one top-level folder."""
    with tarfile.open(sdist, "r:gz") as archive:
        archive.extractall(into, filter="data")  # no links out, no devices, no absolute paths
    tops = [path for path in into.iterdir() if path.is_dir()]
    if len(tops) != 1:
        raise ReleasekitError(
            f"the sdist {sdist.name} does not unpack to one folder (found {len(tops)})",
            category=Category.BUILD,
            hint="an sdist holds exactly one top-level folder, {name}-{version}/",
        )
    return tops[0]


def build_project(
    root: Path,
    outdir: Path,
    *,
    environ: Mapping[str, str] | None = None,
    progress: Progress = _ignore,
    clock: Callable[[], float] = time.monotonic,
) -> BuildResult:
    """Build ``root``'s sdist, then its wheel from that sdist, into ``outdir`` (see `build.outdir`).

    A failed build leaves the backend's whole output in ``outdir/build-report.json``.
    """
    environ = dict(os.environ if environ is None else environ)
    started = clock()
    state = source_state(root)
    epoch = source_date_epoch(state, environ)
    if epoch is not None:
        environ["SOURCE_DATE_EPOCH"] = epoch
    log = BackendLog()
    try:
        files, backend, version = _build_into(root, outdir, IsolatedLog(log, environ), progress)
    except ReleasekitError as error:
        if error.category is Category.BUILD:
            error.hint += f"; the whole log is in {write_failure(outdir, log)}"
        raise
    return BuildResult(
        sdist=BuiltFile.of(files[0]),
        wheel=BuiltFile.of(files[1]),
        backend=backend,
        backend_version=version,
        python=sys.version.split()[0],
        duration=clock() - started,
        commit=state.commit,
        dirty=state.dirty,
        source_date_epoch=epoch,
        log=log.text,
    )


class IsolatedLog(NamedTuple):
    """Where the backend's output goes, and the environment its hooks run in."""

    log: BackendLog
    environ: dict[str, str]


def write_failure(outdir: Path, log: BackendLog) -> Path:
    """The backend's whole output, for a failed build, in `build-report.json`."""
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "build-report.json"
    document = {"failed": True, "log": log.text}
    write_atomically(path, (json.dumps(document, indent=2) + "\n").encode("utf-8"), 0o644)
    return path


def _build_into(root: Path, outdir: Path, hooks: IsolatedLog, progress: Progress) -> tuple[list[Path], str, str]:
    """The sdist and the wheel, moved into ``outdir``; the backend and its version."""
    from build.env import DefaultIsolatedEnv  # noqa: PLC0415 - only the build command loads build

    with tempfile.TemporaryDirectory(prefix="releasekit-build-") as scratch, DefaultIsolatedEnv() as env:
        backend = IsolatedBackend(env, hooks.log, hooks.environ)
        work = Path(scratch)
        progress(f"building the sdist of {root}")
        sdist = backend.build("sdist", root, work / "sdist")
        progress(f"built {sdist.name}; building the wheel from it")
        wheel = backend.build("wheel", unpack_sdist(sdist, work / "unpacked"), work / "wheel")
        progress(f"built {wheel.name}")
        backend_name, backend_version = backend.backend_version(root)
        identity = name_and_version(sdist.name)
        if identity is not None:
            clear_for(outdir, *identity)
        outdir.mkdir(parents=True, exist_ok=True)
        files = [Path(shutil.move(path, outdir / path.name)) for path in (sdist, wheel)]
    return files, backend_name, backend_version
