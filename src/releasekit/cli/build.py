"""`releasekit build`: the sdist, then the wheel from it, with SHA256SUMS and a build report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import ExitCode


def _progress(message: str) -> None:
    sys.stderr.write(f"releasekit: {message}\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from releasekit.build.builder import build_project  # noqa: PLC0415 - `build` loads only here
    from releasekit.build.report import write_records  # noqa: PLC0415

    root = Path(args.path)
    outdir = Path(args.outdir) if args.outdir else root / "dist"
    result = build_project(root, outdir, progress=_progress)
    sums, report = write_records(result, outdir)
    for item in result.files:
        sys.stdout.write(f"{item.path}  {item.size} bytes  sha256:{item.sha256}\n")
    dirty = " (uncommitted changes)" if result.dirty else ""
    commit = f" of commit {result.commit[:12]}{dirty}" if result.commit else ""
    sys.stdout.write(
        f"releasekit: built {result.sdist.path.name} and {result.wheel.path.name}{commit} "
        f"with {result.backend_version} in {result.duration:.1f}s; checksums in {sums}, report in {report}\n"
    )
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    build = commands.add_parser(
        "build",
        help="build the sdist, then the wheel from the sdist, reproducibly",
        **command_help(
            "Build the sdist with the project's declared backend in an isolated environment, then the wheel\n"
            "from the unpacked sdist (what pip users get), with SOURCE_DATE_EPOCH from the last commit.\n"
            "Writes dist/SHA256SUMS and dist/build-report.json. A backend failure exits 4.",
            [
                ("releasekit build", "dist/NAME-X.tar.gz and dist/NAME-X-py3-none-any.whl"),
                ("releasekit build --outdir out/", "somewhere else"),
            ],
        ),
    )
    build.add_argument("path", nargs="?", default=".", help="project folder (default: the current one)")
    build.add_argument("--outdir", "-o", metavar="DIR", help="where the files go (default: PATH/dist)")
    build.set_defaults(handler=run)
