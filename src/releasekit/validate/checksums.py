"""A `SHA256SUMS` beside the distributions (as `releasekit build` writes it) still matches each file it lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from releasekit.build.report import sha256_of
from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding


def listed_sums(folder: Path) -> dict[str, str]:
    """File name -> sha256 from ``folder/SHA256SUMS`` (the `sha256sum` format); empty when there is none."""
    path = folder / "SHA256SUMS"
    if not path.is_file():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        digest, _, name = line.partition(" ")
        if len(digest) == 64 and name:
            sums[name[1:] if name[:1] in " *" else name] = digest.lower()
    return sums


def checksum_rules(dist: Distribution) -> Iterator[Finding]:
    expected = listed_sums(dist.path.parent).get(dist.path.name)
    if expected is not None and sha256_of(dist.path) != expected:
        yield dist_finding(dist.display, "RK244", f"sha256 differs from {dist.path.parent.name or '.'}/SHA256SUMS")
