"""The `live-status.json` document: its findings, its fields, and reading and writing it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from releasekit._util.atomic_write import write_atomically
from releasekit.errors import Category, ReleasekitError

SCHEMA_VERSION = 1
SCAN_STATUSES = ("complete", "incomplete", "failed")
SUMMARY_KEYS = ("total", "critical", "high", "medium", "low", "unknown")


@dataclass(frozen=True)
class Finding:
    """One open vulnerability (a dependency's advisory or a bandit issue in the sources)."""

    finding_id: str
    aliases: tuple[str, ...]
    package: str
    installed_version: str
    fix_versions: tuple[str, ...]
    severity: str
    description: str
    discovered_date: str
    days_since_discovery: int
    remediation_plan: str
    kind: str = "dependency"  # or "code": a bandit result, whose package is the file it is in
    severity_source: str = ""

    @property
    def ids(self) -> frozenset[str]:
        """The finding's id and every alias: the advisory's identity."""
        return frozenset((self.finding_id, *self.aliases))


@dataclass(frozen=True)
class LiveStatus:
    """Everything the page, the badges and the release decision need about one scan."""

    last_updated: str
    scan_date: str
    scan_status: str
    last_successful_scan: str | None
    vulnerability_summary: dict[str, int]
    findings: tuple[Finding, ...]
    security_grade: str
    days_since_last_vulnerability: int | None
    remediation_status: str
    scan_problems: tuple[str, ...] = ()
    dependencies: dict[str, str] = field(default_factory=dict)
    withdrawn: tuple[str, ...] = ()
    schema_version: int = SCHEMA_VERSION


def to_document(status: LiveStatus) -> dict[str, Any]:
    """The JSON document, ``schema_version`` first, lists as lists."""
    document = {"schema_version": status.schema_version}
    document.update(asdict(status))
    return json.loads(json.dumps(document))  # type: ignore[no-any-return]


def dump(document: object) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_json(path: Path, document: object) -> None:
    """Write ``document`` atomically, making the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, dump(document), 0o644)


def _invalid(path: Path, what: str) -> ReleasekitError:
    return ReleasekitError(
        f"{path}: not a releasekit live-status.json: {what}",
        category=Category.VALIDATION,
        hint="pass a live-status.json written by `releasekit security status`",
    )


def _finding(path: Path, item: object) -> Finding:
    if not isinstance(item, dict):
        raise _invalid(path, "a finding is not an object")
    try:
        return Finding(
            finding_id=str(item["finding_id"]),
            aliases=tuple(str(alias) for alias in item.get("aliases", ())),
            package=str(item["package"]),
            installed_version=str(item.get("installed_version", "")),
            fix_versions=tuple(str(version) for version in item.get("fix_versions", ())),
            severity=str(item["severity"]),
            description=str(item.get("description", "")),
            discovered_date=str(item["discovered_date"]),
            days_since_discovery=int(item.get("days_since_discovery", 0)),
            remediation_plan=str(item.get("remediation_plan", "")),
            kind=str(item.get("kind", "dependency")),
            severity_source=str(item.get("severity_source", "")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise _invalid(path, f"a finding lacks {error}") from error


def read_status(path: Path) -> LiveStatus:
    """A status written by ``status`` (the committed file, or the published ``security-status.json``)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ReleasekitError(f"{path}: no such status file", category=Category.USAGE) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _invalid(path, str(error)) from error
    if not isinstance(document, dict):
        raise _invalid(path, "not a JSON object")
    if document.get("schema_version") != SCHEMA_VERSION:
        raise _invalid(path, f"schema_version {document.get('schema_version')!r}, expected {SCHEMA_VERSION}")
    if document.get("scan_status") not in SCAN_STATUSES:
        raise _invalid(path, f"scan_status {document.get('scan_status')!r}")
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise _invalid(path, "no findings list")
    parsed = tuple(_finding(path, item) for item in findings)
    try:
        return LiveStatus(
            last_updated=str(document["last_updated"]),
            scan_date=str(document["scan_date"]),
            scan_status=str(document["scan_status"]),
            last_successful_scan=document.get("last_successful_scan"),
            vulnerability_summary={key: int(document["vulnerability_summary"][key]) for key in SUMMARY_KEYS},
            findings=parsed,
            security_grade=str(document["security_grade"]),
            days_since_last_vulnerability=document.get("days_since_last_vulnerability"),
            remediation_status=str(document["remediation_status"]),
            scan_problems=tuple(str(problem) for problem in document.get("scan_problems", ())),
            dependencies={str(name): str(version) for name, version in dict(document.get("dependencies", {})).items()},
            withdrawn=tuple(str(advisory) for advisory in document.get("withdrawn", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise _invalid(path, f"missing or malformed field {error}") from error
