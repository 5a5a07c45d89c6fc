"""The build's record: `SHA256SUMS` (the `sha256sum -c` format) and `build-report.json`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple

from releasekit._util.atomic_write import write_atomically


class BuiltFile(NamedTuple):
    """One distribution file written by the build."""

    path: Path
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> BuiltFile:
        return cls(path, path.stat().st_size, sha256_of(path))


class BuildResult(NamedTuple):
    """What a build produced and how: backend, Python, time taken, and the commit it came from."""

    sdist: BuiltFile
    wheel: BuiltFile
    backend: str
    backend_version: str
    python: str
    duration: float
    commit: str | None
    dirty: bool | None
    source_date_epoch: str | None
    log: str

    @property
    def files(self) -> tuple[BuiltFile, BuiltFile]:
        return self.sdist, self.wheel


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256sums(files: tuple[BuiltFile, ...]) -> str:
    """Lines `sha256sum -c` checks: the digest, two spaces (text mode), the file name."""
    return "".join(f"{item.sha256}  {item.path.name}\n" for item in files)


def report_document(result: BuildResult) -> dict[str, Any]:
    return {
        "files": [
            {"name": item.path.name, "kind": kind, "size": item.size, "sha256": item.sha256}
            for kind, item in (("sdist", result.sdist), ("wheel", result.wheel))
        ],
        "backend": result.backend,
        "backend_version": result.backend_version,
        "python": result.python,
        "duration_seconds": round(result.duration, 3),
        "git_commit": result.commit,
        "dirty": result.dirty,
        "source_date_epoch": result.source_date_epoch,
        "log": result.log,
    }


def write_records(result: BuildResult, outdir: Path) -> tuple[Path, Path]:
    """Write `SHA256SUMS` and `build-report.json` beside the distributions; return both paths."""
    sums, report = outdir / "SHA256SUMS", outdir / "build-report.json"
    write_atomically(sums, sha256sums(result.files).encode("utf-8"), 0o644)
    text = json.dumps(report_document(result), indent=2) + "\n"
    write_atomically(report, text.encode("utf-8"), 0o644)
    return sums, report
