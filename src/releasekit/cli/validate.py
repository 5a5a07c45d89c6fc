"""`releasekit validate`: the distribution files against PyPI's upload rules, the project, and each other."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import Category, ExitCode, ReleasekitError


def _progress(message: str) -> None:
    sys.stderr.write(f"releasekit: {message}\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from releasekit._util.atomic_write import write_atomically  # noqa: PLC0415
    from releasekit.references.report import write_github  # noqa: PLC0415
    from releasekit.validate.api import default_distributions  # noqa: PLC0415 - packaging, docutils
    from releasekit.validate.codes import is_warning  # noqa: PLC0415
    from releasekit.validate.engine import Options, run_validation  # noqa: PLC0415
    from releasekit.validate.report import as_json, summary_line  # noqa: PLC0415

    paths = [Path(path) for path in args.paths] or default_distributions(Path("dist"))
    missing = [str(path) for path in paths if not path.is_file()]
    if missing or not paths:
        raise ReleasekitError(
            f"no such file: {', '.join(missing)}" if missing else "no distributions in dist/",
            category=Category.USAGE,
            hint="build them first (`releasekit build`), or name the .whl and .tar.gz files to check",
        )
    root = Path.cwd() if (Path.cwd() / "pyproject.toml").is_file() or (Path.cwd() / "setup.py").is_file() else None
    if args.reproducible and root is None:
        raise ReleasekitError(
            "--reproducible rebuilds the project, and the current folder is not one",
            category=Category.USAGE,
            hint="run it in the project's folder",
        )
    options = Options(reproducible=args.reproducible, smoke=args.smoke, progress=_progress)
    result = run_validation(paths, root=root, strict=args.strict, options=options)
    document = as_json(result)
    report = Path(args.report) if args.report else paths[0].parent / "validate-report.json"
    try:
        write_atomically(report, document.encode("utf-8"), 0o644)
    except OSError as error:  # a read-only folder of downloaded files: the findings still print
        sys.stderr.write(f"releasekit: warning: could not write {report}: {error.strerror}\n")
    if args.format == "json":
        sys.stdout.write(document)
    else:
        for finding in result.findings:
            sys.stdout.write(finding.render() + "\n")
        sys.stdout.write(summary_line(result) + "\n")
    write_github(
        list(result.findings),
        os.environ,
        sys.stdout,
        "releasekit: distributions",
        is_warning=lambda finding: is_warning(finding.code),
    )
    return ExitCode.OK if result.passed else ExitCode.FINDINGS


def add_parser(commands: Subparsers) -> None:
    validate = commands.add_parser(
        "validate",
        help="check distributions before upload: what PyPI would reject",
        **command_help(
            "Check wheels and sdists against PyPI's upload rules, each other, the project and its git tag;\n"
            "findings print as FILE[:MEMBER]: RK2xx message and go to dist/validate-report.json.\n"
            "Errors exit 1; warnings only with --strict.",
            [
                ("releasekit validate", "every file in dist/"),
                ("releasekit validate --strict --smoke", "warnings fail too; install and import the wheel"),
                ("releasekit validate --reproducible", "rebuild the commit and compare sha256"),
            ],
        ),
    )
    validate.add_argument("paths", nargs="*", metavar="DIST", help="wheels and sdists (default: every one in dist/)")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings (RK150-RK199, RK250-RK299) fail too")
    validate.add_argument("--reproducible", action="store_true", help="rebuild the commit in a clean clone and compare")
    validate.add_argument("--smoke", action="store_true", help="install the wheel in a fresh venv, import it, run it")
    validate.add_argument(
        "--report", metavar="FILE", help="where the JSON report goes (default: validate-report.json beside the files)"
    )
    validate.set_defaults(handler=run)
