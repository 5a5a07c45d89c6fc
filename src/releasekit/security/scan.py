"""Running the scanners: pip-audit on the project's dependencies and bandit on its sources, or recorded reports."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from releasekit._util.process import CommandResult, run
from releasekit.errors import Category, ReleasekitError
from releasekit.security.model import SCHEMA_VERSION, write_json
from releasekit.security.reports import read_audit, read_bandit
from releasekit.security.status import ScanInputs

MANIFEST = "scan.json"
AUDIT_REPORT = "pip-audit.json"
BANDIT_REPORT = "bandit.json"
Runner = Callable[..., CommandResult]


def audit_command(python: str, project: Path, report: Path) -> list[str]:
    """pip-audit on the project's declared dependencies; ``--strict`` fails rather than skip one."""
    return [
        python, "-m", "pip_audit", "--strict", "--format", "json", "--desc", "on", "--aliases", "on",
        "--progress-spinner", "off", "--output", str(report), str(project),
    ]  # fmt: skip


def bandit_command(python: str, paths: Sequence[str], report: Path) -> list[str]:
    return [python, "-m", "bandit", "--recursive", "--format", "json", "--output", str(report), "--quiet", *paths]


def _run_tool(runner: Runner, argv: list[str], report: Path, reader: Callable[[Path], Any]) -> str:
    """Run a scanner (exit 1 means it found something); '' when its report reads, else why it failed."""
    report.unlink(missing_ok=True)
    result = runner(argv, check=False, category=Category.BUILD)
    try:
        reader(report)
    except ReleasekitError as error:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else error.message
        return f"exit {result.returncode}: {detail}"
    return ""


def _recorded(source: Path, target: Path, reader: Callable[[Path], Any]) -> None:
    reader(source)  # a recorded report must be a real one
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def scan(
    out: Path,
    *,
    project: Path,
    bandit_paths: Sequence[str] = (),
    recorded_audit: Path | None = None,
    recorded_bandit: Path | None = None,
    scanned_at: str,
    runner: Runner = run,
    python: str = sys.executable,
) -> dict[str, Any]:
    """Write the reports and ``scan.json`` (which tools ran, which failed) under ``out``; the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "scanned_at": scanned_at, "tools": {}}
    tools: dict[str, Any] = manifest["tools"]
    if recorded_audit is not None:
        _recorded(recorded_audit, out / AUDIT_REPORT, read_audit)
        tools["pip-audit"] = {"report": AUDIT_REPORT, "recorded": str(recorded_audit)}
    else:
        argv = audit_command(python, project, out / AUDIT_REPORT)
        failure = _run_tool(runner, argv, out / AUDIT_REPORT, read_audit)
        tools["pip-audit"] = {"failed": failure} if failure else {"report": AUDIT_REPORT}
    if recorded_bandit is not None:
        _recorded(recorded_bandit, out / BANDIT_REPORT, read_bandit)
        tools["bandit"] = {"report": BANDIT_REPORT, "recorded": str(recorded_bandit)}
    elif bandit_paths:
        argv = bandit_command(python, bandit_paths, out / BANDIT_REPORT)
        failure = _run_tool(runner, argv, out / BANDIT_REPORT, read_bandit)
        tools["bandit"] = {"failed": failure} if failure else {"report": BANDIT_REPORT}
    write_json(out / MANIFEST, manifest)
    return manifest


def failures(manifest: dict[str, Any]) -> list[str]:
    return [f"{tool} failed: {entry['failed']}" for tool, entry in manifest["tools"].items() if "failed" in entry]


def read_scan(folder: Path) -> tuple[ScanInputs, str]:
    """The inputs a ``scan`` folder holds, and when it was scanned."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        tools = manifest["tools"]
        scanned_at = str(manifest["scanned_at"])
    except FileNotFoundError as error:
        raise ReleasekitError(
            f"{path}: no scan here", category=Category.USAGE, hint="run `releasekit security scan --out FOLDER` first"
        ) from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = f"{path}: not a releasekit scan manifest: {error}"
        raise ReleasekitError(message, category=Category.VALIDATION) from error
    audit_entry = tools.get("pip-audit", {})
    bandit_entry = tools.get("bandit")
    audit = read_audit(folder / audit_entry["report"]) if "report" in audit_entry else None
    bandit = read_bandit(folder / bandit_entry["report"]) if bandit_entry and "report" in bandit_entry else None
    return ScanInputs(audit, bandit, tuple(failures(manifest))), scanned_at
