"""The console summary: each file's outcome, then the errors by severity, then the hint for each."""

from __future__ import annotations

from releasekit.publish.report import PublishReport
from releasekit.publish.secrets import Secrets

_OUTCOME_WORDS = {
    "uploaded": "uploaded",
    "landed-despite-error": "landed despite the error (same sha256 on the index)",
    "already-present": "already on the index with the same sha256, skipped",
    "planned": "would be uploaded",
    "failed": "FAILED",
    "not-attempted": "not attempted",
}


def render_summary(report: PublishReport, secrets: Secrets, report_path: str = "") -> str:
    """Plain text, one line per file, then the errors (critical first) and their hints; redacted."""
    lines = []
    for record in report.files:
        attempts = len(record.attempts)
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        verified = ", verified" if record.verified_sha256 == record.sha256 else ""
        lines.append(
            f"releasekit: {record.file}: {_OUTCOME_WORDS.get(record.outcome, record.outcome)}{tries}{verified}"
        )
    if report.errors:
        lines.append(f"releasekit: {len(report.errors)} error{'s' if len(report.errors) != 1 else ''}:")
        for number, error in enumerate(report.errors, 1):
            lines.append(f"  {number}. [{error.severity}] {error.category} error: {error.message}")
        lines.append("releasekit: what to do:")
        for number, error in enumerate(report.errors, 1):
            if error.hint:
                hint = error.hint.replace("\n", "\n     ")
                lines.append(f"  {number}. {hint}")
    releases = ", ".join(f"{project} {version}" for project, version in report.releases()) or "nothing"
    verdict = {
        "published": f"published {releases}: every file verified on {report.index_url}",
        "dry-run": f"dry run: {releases} not uploaded ({report.credentials or 'no credentials'} would be used)",
        "interrupted": f"interrupted while publishing {releases}",
    }.get(report.outcome, f"publishing {releases} failed")
    lines.append(f"releasekit: {verdict}" + (f"; report in {report_path}" if report_path else ""))
    return secrets.redact("\n".join(lines) + "\n")
