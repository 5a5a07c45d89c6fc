"""`releasekit publish`: gates, credentials, uploads through faults, verification, report and notifications."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import Category, ExitCode, ReleasekitError, Severity


def validate_gate(root: Path) -> Any:
    """``releasekit validate`` as a publish gate: every error stops the upload before it starts."""

    def gate(paths: Sequence[Path]) -> None:
        from releasekit.validate.api import validate  # noqa: PLC0415 - archives and metadata only load here

        result = validate(list(paths), root=root)
        if not result.passed:
            errors = list(result.errors)
            shown = "\n".join(error.render() for error in errors[:20])
            raise ReleasekitError(
                f"the distributions do not pass validation ({len(errors)} errors):\n{shown}",
                category=Category.VALIDATION,
                severity=Severity.CRITICAL,
                hint="run `releasekit validate` and fix what it reports, then build again; nothing was uploaded",
            )

    return gate


def _exit_code(report: Any) -> int:
    if report.outcome in ("published", "dry-run") and not report.failures:
        return ExitCode.OK
    if report.failures:
        return int(report.failures[0].exit_code)
    return ExitCode.FAILED


def run(args: argparse.Namespace) -> int:
    # requests, twine and id only load here, never on the commit-hook path.
    from releasekit.github.workflow_commands import add_mask, in_github_actions  # noqa: PLC0415
    from releasekit.project.identity import load_config, load_pyproject  # noqa: PLC0415
    from releasekit.publish.distributions import find_distributions  # noqa: PLC0415
    from releasekit.publish.engine import Connections, PublishOptions, new_report, publish  # noqa: PLC0415
    from releasekit.publish.notify import notify  # noqa: PLC0415
    from releasekit.publish.report import write_report  # noqa: PLC0415
    from releasekit.publish.seams import Seams  # noqa: PLC0415
    from releasekit.publish.secrets import Secrets  # noqa: PLC0415
    from releasekit.publish.settings import TABLE, resolve_settings  # noqa: PLC0415
    from releasekit.publish.summary import render_summary  # noqa: PLC0415

    root = Path.cwd()
    environ = os.environ
    pyproject = load_pyproject(root)
    config = load_config(pyproject)
    flags = {
        "repository": args.repository,
        "repository-url": args.repository_url,
        "index-url": args.index_url,
        "retries": args.retries,
        "timeout": args.timeout,
        "verify-timeout": args.verify_timeout,
        "report": args.report,
    }
    settings = resolve_settings(pyproject.table(TABLE), flags)
    paths = find_distributions(args.paths, root / "dist")
    gates = [] if args.no_validate else [validate_gate(root)]
    options = PublishOptions(settings, dry_run=args.dry_run, gates=gates, tag_template=config.tag_name)
    masking = in_github_actions(environ)

    def on_secret(secret: str) -> None:
        if masking:  # before anything else can print it
            sys.stdout.write(add_mask(secret))
            sys.stdout.flush()

    seams = Seams()
    secrets = Secrets()
    report = new_report(settings, args.dry_run, seams)
    report_path = Path(settings.report)
    try:
        publish(
            paths,
            options,
            environ=environ,
            report=report,
            connections=Connections(on_secret=on_secret),
            seams=seams,
            secrets=secrets,
        )
    except KeyboardInterrupt:
        report.outcome = "interrupted"
        raise
    finally:
        write_report(report, report_path, secrets)
        if report.outcome == "interrupted":
            sys.stderr.write(f"releasekit: report of the interrupted run in {report_path}\n")
    sys.stdout.write(render_summary(report, secrets, str(report_path)))
    for warning in notify(report, secrets, environ, sleep=seams.sleep, now=seams.now):
        sys.stderr.write(f"releasekit: warning: {warning}\n")
    return _exit_code(report)


def add_parser(commands: Subparsers) -> None:
    publish = commands.add_parser(
        "publish",
        help="upload distributions to an index, retrying through faults, and verify what landed",
        **command_help(
            "Upload every file in dist/ (or the files named), then verify each is on the index with the\n"
            "sha256 it was built with. Credentials: Trusted Publishing (GitHub OIDC), TWINE_USERNAME/\n"
            "TWINE_PASSWORD or PYPI_API_TOKEN, then keyring. Failed uploads exit 4.",
            [
                ("releasekit publish --dry-run", "gates, credentials and the plan; uploads nothing"),
                ("releasekit publish --repository testpypi", ""),
                ("releasekit publish --repository-url http://127.0.0.1:8080/", "any index"),
            ],
        ),
    )
    publish.add_argument("paths", nargs="*", metavar="DIST", help="distributions or folders (default: dist/)")
    where = publish.add_mutually_exclusive_group()
    where.add_argument("--repository", choices=("pypi", "testpypi"), help="a known index (default: pypi)")
    where.add_argument("--repository-url", metavar="URL", help="upload URL of another index")
    publish.add_argument(
        "--index-url", metavar="URL", help="where uploads are checked and verified (default: <repository-url>/simple/)"
    )
    publish.add_argument("--dry-run", action="store_true", help="gates, credentials and the plan; no upload")
    publish.add_argument("--retries", type=int, metavar="N", help="retries after the first attempt (default 3)")
    publish.add_argument("--timeout", type=float, metavar="S", help="seconds per request (default 60)")
    publish.add_argument(
        "--verify-timeout", type=float, metavar="S", help="seconds to wait for files to show on the index (default 120)"
    )
    publish.add_argument("--report", metavar="PATH", help="JSON report (default dist/publish-report.json)")
    publish.add_argument("--no-validate", action="store_true", help="skip the `releasekit validate` gate")
    publish.set_defaults(handler=run)
