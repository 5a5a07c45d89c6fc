"""`--reproducible`: build the commit again in a clean clone and compare, member by member when they differ."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from releasekit._util.process import run
from releasekit.build.builder import Progress, build_project
from releasekit.build.report import sha256_of
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution, read_distribution
from releasekit.validate.findings import dist_finding

SHOWN_MEMBERS = 5
_SAME_MEMBERS = "every member is the same; their timestamps, order or modes differ"


def _members(dist: Distribution) -> dict[str, str]:
    return {member.name: hashlib.sha256(member.data or b"").hexdigest() for member in dist.members}


def differing_members(ours: Distribution, theirs: Distribution) -> list[str]:
    """Members whose content differs, or that only one side holds; sorted."""
    mine, other = _members(ours), _members(theirs)
    return sorted(name for name in mine.keys() | other.keys() if mine.get(name) != other.get(name))


def clean_clone(root: Path, into: Path, environ: Mapping[str, str]) -> str:
    """A fresh clone of ``root``'s repository at its HEAD commit (no untracked or ignored files); the commit."""
    head = run(["git", "rev-parse", "HEAD"], cwd=root, env=environ, check=False)
    if head.returncode != 0:
        raise ReleasekitError(
            f"{root} is not a git repository with a commit",
            category=Category.USAGE,
            hint="--reproducible rebuilds the last commit; run it inside the project's repository",
        )
    commit = head.stdout.decode("ascii").strip()
    top = run(["git", "rev-parse", "--show-toplevel"], cwd=root, env=environ).stdout.decode().strip()
    run(["git", "clone", "--quiet", "--no-checkout", top, str(into)], env=environ, category=Category.BUILD)
    run(["git", "checkout", "--quiet", "--detach", commit], cwd=into, env=environ, category=Category.BUILD)
    return commit


def reproducible_rules(
    dists: Sequence[Distribution],
    root: Path,
    *,
    environ: Mapping[str, str],
    progress: Progress,
) -> Iterator[Finding]:
    """Build ``root``'s HEAD again in a clean clone; each given file must come out byte for byte the same."""
    with tempfile.TemporaryDirectory(prefix="releasekit-rebuild-") as scratch:
        clone = Path(scratch) / "source"
        commit = clean_clone(root, clone, environ)
        top = Path(run(["git", "rev-parse", "--show-toplevel"], cwd=root).stdout.decode().strip())
        project = clone / root.resolve().relative_to(top.resolve())
        progress(f"rebuilding commit {commit[:12]} in a clean clone")
        build_project(project, Path(scratch) / "dist", environ=environ, progress=progress)
        rebuilt = {path.name: path for path in (Path(scratch) / "dist").iterdir()}
        for dist in dists:
            again = rebuilt.get(dist.path.name)
            if again is None:
                given = ", ".join(sorted(rebuilt))
                message = f"rebuilding commit {commit[:12]} gives no file of this name (it gives {given})"
                yield dist_finding(dist.display, "RK243", message)
                continue
            if sha256_of(again) == sha256_of(dist.path):
                continue
            members = differing_members(dist, read_distribution(again, again.name))
            shown = ", ".join(members[:SHOWN_MEMBERS]) + (
                f" and {len(members) - SHOWN_MEMBERS} more" if len(members) > SHOWN_MEMBERS else ""
            )
            detail = (
                f"members differ: {shown}"
                if members
                else "every member is the same; their timestamps, order or modes differ"
            )
            yield dist_finding(dist.display, "RK243", f"rebuilding commit {commit[:12]} gives other bytes; {detail}")
