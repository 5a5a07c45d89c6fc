"""`releasekit security scan|status|site|decide`: the live security status job and release decisions."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from releasekit.cli.parsing import Subparsers, command_help
from releasekit.errors import Category, ExitCode, ReleasekitError

if TYPE_CHECKING:
    from releasekit.security.decision import Decision
    from releasekit.security.osv import Records

OSV_FOLDER_VARIABLE = "RELEASEKIT_OSV_DIR"
OSV_URL_VARIABLE = "RELEASEKIT_OSV_URL"
STATUS_FILE = "live-status.json"
HISTORY_FILE = "history.json"


def _now(text: str | None) -> datetime:
    """``--now`` (an ISO date or date-time, UTC if no zone), else the clock."""
    if text is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise ReleasekitError(f"--now {text!r} is not an ISO date or date-time", category=Category.USAGE) from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def run_scan(args: argparse.Namespace) -> int:
    from releasekit.security.scan import failures, scan  # noqa: PLC0415

    out = Path(args.out)
    manifest = scan(
        out,
        project=Path(args.project),
        bandit_paths=args.bandit_path or (),
        recorded_audit=Path(args.audit) if args.audit else None,
        recorded_bandit=Path(args.bandit) if args.bandit else None,
        scanned_at=_now(args.now).isoformat().replace("+00:00", "Z"),
    )
    for tool, entry in manifest["tools"].items():
        if "report" in entry:
            origin = f"recorded {entry['recorded']}" if "recorded" in entry else "ran"
            sys.stdout.write(f"releasekit: {tool}: {origin}, report in {out / entry['report']}\n")
    problems = failures(manifest)
    for problem in problems:
        sys.stderr.write(f"releasekit: {problem}\n")
    if problems:
        sys.stderr.write("releasekit: the status will say the scan failed; it keeps the last known findings\n")
        return ExitCode.FAILED
    return ExitCode.OK


def _records(args: argparse.Namespace, environ: Mapping[str, str]) -> Records:
    from releasekit.security.osv import DEFAULT_API, ApiRecords, FolderRecords  # noqa: PLC0415

    folder = args.osv or environ.get(OSV_FOLDER_VARIABLE)
    if folder:
        return FolderRecords(Path(folder))
    import requests  # noqa: PLC0415 - only for the OSV API

    return ApiRecords(requests.Session(), args.osv_url or environ.get(OSV_URL_VARIABLE) or DEFAULT_API)


def run_status(args: argparse.Namespace) -> int:
    from releasekit.security import history as history_file  # noqa: PLC0415
    from releasekit.security.model import read_status, to_document, write_json  # noqa: PLC0415
    from releasekit.security.reports import read_audit, read_bandit  # noqa: PLC0415
    from releasekit.security.scan import read_scan  # noqa: PLC0415
    from releasekit.security.status import ScanInputs, build_status  # noqa: PLC0415

    out = Path(args.out)
    scanned_at: str | None = None
    if args.scan:
        inputs, scanned_at = read_scan(Path(args.scan))
    elif args.audit:
        inputs = ScanInputs(read_audit(Path(args.audit)), read_bandit(Path(args.bandit)) if args.bandit else None)
    else:
        raise ReleasekitError("nothing to read", category=Category.USAGE, hint="pass --scan FOLDER or --audit FILE")
    previous_path = Path(args.previous) if args.previous else out / STATUS_FILE
    previous = read_status(previous_path) if args.previous or previous_path.is_file() else None
    history_path = Path(args.history) if args.history else previous_path.parent / HISTORY_FILE
    history = history_file.read_history(history_path)
    now = _now(args.now if args.now else scanned_at)
    status, new_history = build_status(inputs, _records(args, os.environ), previous, history, now)
    write_json(out / HISTORY_FILE, history_file.to_document(new_history))
    write_json(out / STATUS_FILE, to_document(status))
    counts = status.vulnerability_summary
    levels = ("critical", "high", "medium", "low", "unknown")
    detail = ", ".join(f"{counts[level]} {level}" for level in levels if counts[level])
    sys.stdout.write(
        f"releasekit: security grade {status.security_grade}: {counts['total']} open"
        f"{f' ({detail})' if detail else ''}, scan {status.scan_status}; wrote {out / STATUS_FILE}\n"
    )
    for problem in status.scan_problems:
        sys.stdout.write(f"releasekit: scan problem: {problem}\n")
    return ExitCode.OK


def _default_title(pyproject: Path) -> str:
    """``<name> security status`` for the project in the current folder, else ``Security status``."""
    import tomllib  # noqa: PLC0415

    try:
        name = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError):
        return "Security status"
    return f"{name} security status" if isinstance(name, str) else "Security status"


def run_site(args: argparse.Namespace) -> int:
    from releasekit.security.model import read_status  # noqa: PLC0415
    from releasekit.security.site import render_site  # noqa: PLC0415

    status_path = Path(args.status)
    status = read_status(status_path)
    title = args.title or _default_title(Path("pyproject.toml"))
    written = render_site(status, Path(args.out), title=title, history=status_path.parent / HISTORY_FILE)
    sys.stdout.write(f"releasekit: site written to {args.out}: {len(written)} files, grade {status.security_grade}\n")
    return ExitCode.OK


def write_github_output(environ: Mapping[str, str], decision: Decision) -> None:
    """Inside GitHub Actions, append the decision to ``$GITHUB_OUTPUT`` for later steps, and the
    justification and release notes to the step summary."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return
    output = environ.get("GITHUB_OUTPUT")
    if output:
        with Path(output).open("a", encoding="utf-8") as stream:
            verdict = "true" if decision.should_release else "false"
            stream.write(f"should_release={verdict}\ntrigger_type={decision.trigger_type}\n")
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        from releasekit.security.notes import markdown_text  # noqa: PLC0415

        verdict = "release" if decision.should_release else "no release"
        with Path(summary).open("a", encoding="utf-8") as stream:
            stream.write(f"### Release decision: {verdict} ({decision.trigger_type})\n\n")
            stream.write(f"{markdown_text(decision.justification)}\n\n{decision.release_notes}\n")


def run_decide(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from releasekit.security.decision import decide  # noqa: PLC0415
    from releasekit.security.model import read_status  # noqa: PLC0415

    decision = decide(read_status(Path(args.previous)), read_status(Path(args.current)), manual=args.manual)
    if args.format == "json":
        sys.stdout.write(json.dumps(decision.to_document(), indent=2, ensure_ascii=False) + "\n")
    else:
        verdict = "release" if decision.should_release else "no release"
        sys.stdout.write(f"releasekit: {verdict} ({decision.trigger_type}): {decision.justification}\n")
        for change in decision.security_changes:
            finding = change.finding
            sys.stdout.write(
                f"  {change.change_type}: {finding.finding_id} in {finding.package} ({change.impact_level})\n"
            )
        sys.stdout.write("\n" + decision.release_notes)
    write_github_output(os.environ, decision)
    return ExitCode.OK


def add_parser(commands: Subparsers) -> None:
    security = commands.add_parser(
        "security",
        help="scan dependencies, publish a security status, decide releases",
        **command_help(
            "The live security status job: scan the dependencies (pip-audit, and bandit on the sources),\n"
            "write live-status.json and history.json, render the Pages site with badges, and decide from\n"
            "the change in findings whether a release is due (tox -e security runs scan, status, site).",
            [
                ("releasekit security scan --out scan/", "pip-audit and bandit reports"),
                ("releasekit security status --scan scan/ --out security/status/", ""),
                ("releasekit security site --status security/status/live-status.json --out site/", ""),
                ("releasekit security decide --previous old.json --current new.json", "release or not, and why"),
            ],
        ),
    )
    actions = security.add_subparsers(dest="security_command", metavar="ACTION", required=True)

    scan = actions.add_parser("scan", help="run pip-audit (and bandit) or take recorded reports")
    scan.add_argument("--out", default="security/scan", metavar="FOLDER", help="where the reports go")
    scan.add_argument("--project", default=".", metavar="FOLDER", help="the project whose dependencies to audit")
    scan.add_argument("--bandit-path", action="append", metavar="PATH", help="run bandit on these sources")
    scan.add_argument("--audit", metavar="FILE", help="a recorded `pip-audit -f json` report instead of running it")
    scan.add_argument("--bandit", metavar="FILE", help="a recorded `bandit -f json` report instead of running it")
    scan.add_argument("--now", metavar="DATE", help="the scan's date (ISO; default: now)")
    scan.set_defaults(handler=run_scan)

    status = actions.add_parser("status", help="write live-status.json and history.json from a scan")
    source = status.add_mutually_exclusive_group()
    source.add_argument("--scan", metavar="FOLDER", help="a folder `security scan` wrote")
    source.add_argument("--audit", metavar="FILE", help="a `pip-audit -f json` report")
    status.add_argument("--bandit", metavar="FILE", help="a `bandit -f json` report (with --audit)")
    records = status.add_mutually_exclusive_group()
    records.add_argument("--osv", metavar="FOLDER", help=f"OSV records offline (default: ${OSV_FOLDER_VARIABLE})")
    records.add_argument("--osv-url", metavar="URL", help=f"the OSV API (default: ${OSV_URL_VARIABLE} or api.osv.dev)")
    status.add_argument("--previous", metavar="FILE", help="the previous status (default: OUT/live-status.json)")
    status.add_argument("--history", metavar="FILE", help="the history (default: history.json beside --previous)")
    status.add_argument("--out", default="security/status", metavar="FOLDER")
    status.add_argument("--now", metavar="DATE", help="the scan's date (ISO; default: the scan's, else now)")
    status.set_defaults(handler=run_status)

    site = actions.add_parser("site", help="render the Pages site: page, JSON API and badges")
    site.add_argument("--status", default=f"security/status/{STATUS_FILE}", metavar="FILE")
    site.add_argument("--out", default="site", metavar="FOLDER")
    site.add_argument("--title", help="the page's heading (default: `NAME security status` from ./pyproject.toml)")
    site.set_defaults(handler=run_site)

    decide = actions.add_parser("decide", help="decide whether the change between two statuses calls for a release")
    decide.add_argument("--previous", required=True, metavar="FILE")
    decide.add_argument("--current", required=True, metavar="FILE")
    decide.add_argument("--manual", action="store_true", help="release anyway (trigger_type manual)")
    decide.add_argument("--format", choices=("text", "json"), default="text")
    decide.set_defaults(handler=run_decide)
