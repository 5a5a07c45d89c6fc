"""Rendering check results: plain findings, JSON, and GitHub Actions annotations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

from releasekit._util.wording import plural
from releasekit.findings import Finding
from releasekit.project.canonical import CanonicalVersion
from releasekit.references.check import CheckResult
from releasekit.references.judge import stale_finding


def source_text(canonical: CanonicalVersion) -> str:
    place = f"{canonical.path}:{canonical.line}" if canonical.line else canonical.path
    return f"{place} ({canonical.method})"


def summary(result: CheckResult) -> str:
    return _verdict(result) + _gaps(result)


def _gaps(result: CheckResult) -> str:
    """What the verdict could not cover: files that contain the version but could not be read."""
    if not result.unchecked:
        return ""
    files = ", ".join(f"{path} ({reason})" for path, reason in result.unchecked)
    count = len(result.unchecked)
    return f"; {plural(count, 'file')} containing {result.canonical.version} could not be checked: {files}"


def _verdict(result: CheckResult) -> str:
    canonical = result.canonical
    stale = result.stale
    if stale:
        files = len({item.reference.path for item in stale})
        return (
            f"releasekit: {plural(len(stale), 'stale version reference')} in {plural(files, 'file')}; "
            f"expected {canonical.version} from {source_text(canonical)}"
        )
    files = len({item.reference.path for item in result.judged})
    return (
        f"releasekit: {plural(len(result.judged), 'reference')} in {plural(files, 'file')} "
        f"{'agrees' if len(result.judged) == 1 else 'agree'} on {canonical.version} from {source_text(canonical)}"
    )


def write_text(result: CheckResult, stream: TextIO, *, list_all: bool, verbose: bool) -> None:
    version = result.canonical.version
    for item in result.judged:
        reference = item.reference
        if item.stale:
            stream.write(stale_finding(reference, version).render() + "\n")
        elif list_all:
            stream.write(
                f"{reference.path}:{reference.line}:{reference.column}: ok {reference.text} ({reference.kind})\n"
            )
    stream.write(summary(result) + "\n")
    if result.untracked:
        stream.write(f"releasekit: also read {plural(result.untracked, 'untracked file')} (not yet added to git)\n")
    if verbose:
        skipped = result.discovery.skipped
        reasons = Counter(reason for _, reason in skipped)
        detail = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
        scanned = plural(result.discovery.files, "file")
        stream.write(f"releasekit: scanned {scanned}; skipped {len(skipped)}{': ' + detail if detail else ''}\n")
        for path, reason in skipped:
            stream.write(f"  skipped {path} ({reason})\n")


def as_json(result: CheckResult) -> str:
    canonical = result.canonical
    document = {
        "version": str(canonical.version),
        "source": {"path": canonical.path, "line": canonical.line, "method": canonical.method, "text": canonical.text},
        "consistent": not result.stale,
        "references": [{**item.reference._asdict(), "stale": item.stale} for item in result.judged],
        "stale": len(result.stale),
        "files": result.discovery.files,
        "skipped": [{"path": path, "reason": reason} for path, reason in result.discovery.skipped],
        "unchecked": [{"path": path, "reason": reason} for path, reason in result.unchecked],
    }
    import json  # noqa: PLC0415 - only for --format json

    return json.dumps(document, indent=2)


def _escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_annotation(finding: Finding, level: str = "error") -> str:
    """A workflow command that GitHub Actions shows on the line of the finding."""
    path = _escape(finding.path, property_value=True)
    place = f"file={path},line={finding.line},col={finding.column},title={finding.code}"
    return f"::{level} {place}::{_escape(finding.message)}"


def write_github(
    findings: list[Finding],
    environ: Mapping[str, str],
    stream: TextIO,
    title: str,
    is_warning: Callable[[Finding], bool] = lambda finding: False,
) -> None:
    """Inside GitHub Actions: annotations on stdout and a table in the step summary."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return
    for finding in findings:
        stream.write(github_annotation(finding, "warning" if is_warning(finding) else "error") + "\n")
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and findings:
        rows = "".join(
            f"| `{finding.path}:{finding.line}:{finding.column}` | {finding.code} | {finding.message} |\n"
            for finding in findings
        )
        with Path(summary_path).open("a", encoding="utf-8") as handle:
            handle.write(f"### {title}\n\n| where | code | problem |\n|---|---|---|\n{rows}\n")
