"""`history.json`: each scan's date, status and open finding ids, so dates survive from run to run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from releasekit.errors import Category, ReleasekitError
from releasekit.security.model import SCHEMA_VERSION, LiveStatus

# A weekly job keeps ten years; older scans no longer change any date the status shows.
MAX_SCANS = 520


@dataclass(frozen=True)
class OpenFinding:
    """A finding as history remembers it: who it is and when it was first seen."""

    finding_id: str
    package: str
    aliases: tuple[str, ...]
    severity: str
    discovered_date: str


@dataclass(frozen=True)
class ScanRecord:
    """One scan: when, how complete, and what was open after it."""

    scan_date: str
    scan_status: str
    open: tuple[OpenFinding, ...]


@dataclass(frozen=True)
class History:
    """Every scan so far, oldest first, and the last day a finding was resolved."""

    scans: tuple[ScanRecord, ...] = ()
    last_resolved_date: str | None = None
    schema_version: int = SCHEMA_VERSION


def record_scan(history: History, status: LiveStatus, resolved_any: bool) -> History:
    """``history`` with ``status``'s scan appended (a rerun on the same day replaces that day's scan)."""
    record = ScanRecord(
        scan_date=status.scan_date,
        scan_status=status.scan_status,
        open=tuple(
            OpenFinding(item.finding_id, item.package, item.aliases, item.severity, item.discovered_date)
            for item in status.findings
        ),
    )
    scans = [scan for scan in history.scans if scan.scan_date != status.scan_date]
    scans.append(record)
    last_resolved = status.scan_date if resolved_any else history.last_resolved_date
    return History(tuple(scans[-MAX_SCANS:]), last_resolved)


def to_document(history: History) -> dict[str, Any]:
    return {
        "schema_version": history.schema_version,
        "last_resolved_date": history.last_resolved_date,
        "scans": [asdict(scan) for scan in history.scans],
    }


def _invalid(path: Path, what: str) -> ReleasekitError:
    return ReleasekitError(f"{path}: not a releasekit history.json: {what}", category=Category.VALIDATION)


def read_history(path: Path) -> History:
    """The history at ``path``; an empty one when the file does not exist yet (the first scan)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return History()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _invalid(path, str(error)) from error
    if not isinstance(document, dict) or document.get("schema_version") != SCHEMA_VERSION:
        raise _invalid(path, f"expected an object with schema_version {SCHEMA_VERSION}")
    try:
        scans = tuple(
            ScanRecord(
                scan_date=str(scan["scan_date"]),
                scan_status=str(scan["scan_status"]),
                open=tuple(
                    OpenFinding(
                        str(item["finding_id"]),
                        str(item["package"]),
                        tuple(str(alias) for alias in item.get("aliases", ())),
                        str(item.get("severity", "unknown")),
                        str(item["discovered_date"]),
                    )
                    for item in scan["open"]
                ),
            )
            for scan in document["scans"]
        )
    except (KeyError, TypeError) as error:
        raise _invalid(path, f"missing field {error}") from error
    resolved = document.get("last_resolved_date")
    return History(scans, str(resolved) if resolved is not None else None)
