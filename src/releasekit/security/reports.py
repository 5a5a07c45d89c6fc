"""pip-audit and bandit JSON reports, read into what a scan found and what it could not look at."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from releasekit.errors import Category, ReleasekitError


@dataclass(frozen=True)
class Advisory:
    """One vulnerability pip-audit reported for an installed distribution."""

    package: str
    installed_version: str
    advisory_id: str
    aliases: tuple[str, ...]
    fix_versions: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class CodeIssue:
    """One bandit result, with an id that survives moving the code up or down a file."""

    issue_id: str
    path: str
    line: int
    test_id: str
    severity: str
    text: str


@dataclass(frozen=True)
class AuditReport:
    """pip-audit's findings, every distribution it audited (name to version) and those it skipped."""

    advisories: tuple[Advisory, ...]
    dependencies: dict[str, str]
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class BanditReport:
    """bandit's results and the files it could not scan (its ``errors``)."""

    issues: tuple[CodeIssue, ...]
    errors: tuple[str, ...]


def _load(path: Path, tool: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ReleasekitError(f"{path}: no such {tool} report", category=Category.USAGE) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleasekitError(f"{path}: not a {tool} JSON report: {error}", category=Category.VALIDATION) from error


def _invalid(path: Path, tool: str, what: str) -> ReleasekitError:
    return ReleasekitError(
        f"{path}: not a {tool} JSON report: {what}",
        category=Category.VALIDATION,
        hint=f"record it with `{tool} -f json`" if tool == "pip-audit" else "record it with `bandit -f json`",
    )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def read_audit(path: Path) -> AuditReport:
    """A ``pip-audit -f json`` report (``--desc`` and ``--aliases`` add what the status shows)."""
    document = _load(path, "pip-audit")
    dependencies = document.get("dependencies") if isinstance(document, dict) else None
    if not isinstance(dependencies, list):
        raise _invalid(path, "pip-audit", "no `dependencies` list")
    advisories: list[Advisory] = []
    versions: dict[str, str] = {}
    skipped: list[str] = []
    for dependency in dependencies:
        if not isinstance(dependency, dict) or not isinstance(dependency.get("name"), str):
            raise _invalid(path, "pip-audit", "a dependency without a name")
        name = canonicalize_name(dependency["name"])
        if "skip_reason" in dependency:
            skipped.append(f"pip-audit skipped {name}: {dependency['skip_reason']}")
            continue
        version = str(dependency.get("version", ""))
        versions[name] = version
        for vulnerability in dependency.get("vulns") or []:
            if not isinstance(vulnerability, dict) or not isinstance(vulnerability.get("id"), str):
                raise _invalid(path, "pip-audit", f"a vulnerability of {name} without an id")
            advisories.append(
                Advisory(
                    package=name,
                    installed_version=version,
                    advisory_id=vulnerability["id"],
                    aliases=_strings(vulnerability.get("aliases")),
                    fix_versions=_strings(vulnerability.get("fix_versions")),
                    description=str(vulnerability.get("description") or ""),
                )
            )
    return AuditReport(tuple(advisories), versions, tuple(skipped))


def _issue_id(result: dict[str, Any]) -> str:
    # bandit's line numbers move with every edit above them: identify the issue by its test, file and
    # the text of the flagged line instead.
    line = int(result.get("line_number") or 0)
    code_line = ""
    for text in str(result.get("code") or "").splitlines():
        number, _, rest = text.partition(" ")
        if number == str(line):
            code_line = rest.strip()
    digest = hashlib.sha256(f"{result.get('filename')}\0{code_line}".encode()).hexdigest()[:10]
    return f"BANDIT-{result.get('test_id', 'B000')}-{digest}"


def read_bandit(path: Path) -> BanditReport:
    """A ``bandit -f json`` report: ``results`` and ``errors``."""
    document = _load(path, "bandit")
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise _invalid(path, "bandit", "no `results` list")
    issues: list[CodeIssue] = []
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("filename"), str):
            raise _invalid(path, "bandit", "a result without a filename")
        issues.append(
            CodeIssue(
                issue_id=_issue_id(result),
                path=result["filename"],
                line=int(result.get("line_number") or 0),
                test_id=str(result.get("test_id", "")),
                severity=str(result.get("issue_severity", "")).lower(),
                text=str(result.get("issue_text", "")),
            )
        )
    errors = tuple(
        f"bandit could not scan {error.get('filename', '?')}: {error.get('reason', 'unknown reason')}"
        for error in document.get("errors") or []
        if isinstance(error, dict)
    )
    return BanditReport(tuple(issues), errors)
