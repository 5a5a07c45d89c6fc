"""`check-metadata` as a library call: each pyproject.toml against the schema and the metadata rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from releasekit._util.toml_locator import TomlLocator
from releasekit._util.toml_text import parse_toml
from releasekit._util.wording import plural
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.metadata.codes import CODES, is_warning
from releasekit.metadata.fields import from_pyproject
from releasekit.metadata.pyproject_rules import (
    build_requirement_rules,
    canonical_version_rules,
    import_name_rules,
    license_file_rules,
    readme_rules,
)
from releasekit.metadata.rules import Problem, run_rules
from releasekit.metadata.schema import schema_finding
from releasekit.project.files import list_files


class FileReport(NamedTuple):
    """One file's findings; ``malformed`` when its TOML does not parse, ``has_project`` when it has `[project]`."""

    path: str
    findings: tuple[Finding, ...]
    malformed: bool = False
    has_project: bool = True


class MetadataReport(NamedTuple):
    """Every checked file's findings, in the order the files were given."""

    files: tuple[FileReport, ...]

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if not is_warning(finding.code)]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.code != "RK903" and is_warning(finding.code)]

    @property
    def malformed(self) -> bool:
        return any(report.malformed for report in self.files)


def _finding(path: str, problem: Problem) -> Finding:
    line, column = problem.position
    return Finding(path, line, column, problem.code, problem.message, CODES[problem.code].hint)


def check_pyproject(path: Path, display: str) -> FileReport:
    """The findings for one pyproject.toml; ``display`` is how its path is printed."""
    text = path.read_text(encoding="utf-8-sig")
    data, malformed = parse_toml(text, display)
    if malformed is not None:
        return FileReport(display, (malformed,), malformed=True)
    root = path.parent
    schema = schema_finding(data, text, display)
    if not isinstance(data.get("project"), dict):
        return FileReport(display, (schema,) if schema else (), has_project=False)
    source = from_pyproject(text, data, root)
    metadata = source.metadata
    paths = list_files(root).layout
    problems = [
        *run_rules(metadata),
        *readme_rules(source.readme, root),
        *license_file_rules(source.license_globs, root),
        *build_requirement_rules(data, TomlLocator(text)),
        *canonical_version_rules(metadata, data, root),
        *import_name_rules(metadata, paths),
    ]
    if str(data.get("build-system", {}).get("build-backend", "")).startswith("setuptools"):
        # setuptools' dist.py refuses License classifiers beside an expression: an error there.
        problems = [problem._replace(code="RK126") if problem.code == "RK111" else problem for problem in problems]
    findings = [_finding(display, problem) for problem in problems]
    # A wrong type is reported by its own rule, with the others; the schema would only repeat it.
    typed_lines = {item.position.line for item in metadata.malformed}
    if schema is not None and schema.line not in typed_lines:
        findings.append(schema)
    return FileReport(display, tuple(sorted(findings, key=lambda item: (item.line, item.column, item.code))))


def check_metadata(paths: Sequence[str]) -> MetadataReport:
    """Check every file in ``paths``; a missing one is a usage error, raised before any is checked."""
    missing = [path for path in paths if not Path(path).is_file()]
    if missing:
        raise ReleasekitError(
            f"no such file: {', '.join(missing)}",
            category=Category.USAGE,
            hint="pass the path of a pyproject.toml (default: ./pyproject.toml)",
        )
    return MetadataReport(tuple(check_pyproject(Path(path), path) for path in paths))


def summary_line(report: MetadataReport) -> str:
    """``releasekit: 2 errors, 1 warning in pyproject.toml``, or ``releasekit: metadata OK in ...``."""
    where = report.files[0].path if len(report.files) == 1 else plural(len(report.files), "file")
    counts = [
        plural(len(items), word) for items, word in ((report.errors, "error"), (report.warnings, "warning")) if items
    ]
    return f"releasekit: {', '.join(counts) or 'metadata OK'} in {where}"
