"""Every rule over a set of distribution files, in one pass per file, then the rules across files."""

from __future__ import annotations

import os
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from packaging.version import InvalidVersion, Version

from releasekit.findings import Finding
from releasekit.metadata.built_fields import BuiltMetadata
from releasekit.validate.archives import archive_rules, sdist_root, sdist_shape_rules
from releasekit.validate.checksums import checksum_rules
from releasekit.validate.codes import is_warning
from releasekit.validate.core_metadata import check_core_metadata
from releasekit.validate.cross_artifact import cross_artifact_rules
from releasekit.validate.distribution import Distribution, read_distribution
from releasekit.validate.filenames import filename_identity, filename_rules, metadata_agreement_rules, release_set_rules
from releasekit.validate.findings import dist_finding
from releasekit.validate.secrets import secret_rules
from releasekit.validate.versions import dunder_version_rules, project_rules
from releasekit.validate.wheel_contents import contents_rules
from releasekit.validate.wheel_record import (
    dist_info,
    dist_info_rules,
    entry_point_file_rules,
    license_file_rules,
    record_rules,
    wheel_file_rules,
)


def _quiet(_: str) -> None:
    """The default progress: say nothing."""


@dataclass(frozen=True)
class ValidationResult:
    """Every finding on the files checked, in file order; ``passed`` when no error (and, if strict, no warning)."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    strict: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not is_warning(finding.code))

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if is_warning(finding.code))

    @property
    def passed(self) -> bool:
        return not self.errors and not (self.strict and self.warnings)


class Options(NamedTuple):
    """What `validate` does beyond reading the files: rebuild and compare, install and run."""

    reproducible: bool = False
    smoke: bool = False
    environ: Mapping[str, str] | None = None
    progress: Callable[[str], None] = _quiet


class Checked(NamedTuple):
    """One file's findings, and what the rules across files need from it."""

    dist: Distribution | None
    findings: list[Finding]
    metadata: BuiltMetadata | None
    metadata_member: str


def _version(metadata: BuiltMetadata | None) -> Version | None:
    text = metadata.raw.get("version") if metadata is not None else None
    try:
        return Version(text) if text else None
    except InvalidVersion:
        return None


def _structure(dist: Distribution) -> tuple[list[Finding], str, str]:
    """The wheel's or sdist's structural findings, the core metadata member and the prefix License-Files are under."""
    findings = list(filename_rules(dist)) + list(archive_rules(dist)) + list(checksum_rules(dist))
    if dist.kind == "wheel":
        findings += dist_info_rules(dist)
        folder = dist_info(dist)
        if folder is None:
            return findings + list(contents_rules(dist)) + list(secret_rules(dist)), "", ""
        findings += record_rules(dist, folder)
        findings += wheel_file_rules(dist, folder)
        findings += entry_point_file_rules(dist, folder)
        findings += contents_rules(dist)
        return findings + list(secret_rules(dist)), f"{folder}/METADATA", f"{folder}/licenses"
    if dist.kind == "sdist":
        identity = filename_identity(dist)
        findings += sdist_shape_rules(dist, f"{identity[0]}-{identity[1]}" if identity else None)
        root = sdist_root(dist)
        return findings + list(secret_rules(dist)), f"{root}/PKG-INFO" if root else "", root or ""
    return findings, "", ""


def check_file(path: Path, display: str, root: Path | None) -> Checked:
    """Every single-file rule on ``path``; a file that is not a readable archive is one RK200 finding."""
    try:
        dist = read_distribution(path, display)
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error) as error:
        return Checked(None, [dist_finding(display, "RK200", f"cannot read the archive: {error}")], None, "")
    findings, member, license_prefix = _structure(dist)
    data = dist.read(member) if member else None
    if data is None:
        return Checked(dist, findings, None, member)
    checked = check_core_metadata(display, member, data)
    findings += checked.findings
    metadata = checked.metadata
    if metadata is not None:
        findings += metadata_agreement_rules(dist, metadata.raw.get("name", ""), metadata.raw.get("version", ""))
        findings += license_file_rules(dist, metadata, license_prefix)
        version = _version(metadata)
        if version is not None and dist.kind == "wheel":
            findings += dunder_version_rules(dist, version)
        if version is not None and root is not None:
            findings += project_rules(display, member, version, root)
    return Checked(dist, findings, metadata, member)


def _cross_artifact(checked: Sequence[Checked]) -> Iterator[Finding]:
    sdists = [item for item in checked if item.dist is not None and item.dist.kind == "sdist" and item.metadata]
    for wheel in checked:
        if wheel.dist is None or wheel.dist.kind != "wheel" or wheel.metadata is None:
            continue
        for sdist in sdists:
            assert sdist.metadata is not None and sdist.dist is not None  # noqa: S101 - filtered above
            if filename_identity(sdist.dist) is None or _release(sdist) != _release(wheel):
                continue
            yield from cross_artifact_rules(
                sdist.dist.display, sdist.metadata.raw, wheel.dist.display, wheel.metadata.raw, wheel.metadata_member
            )


def _release(item: Checked) -> tuple[str, Version | None]:
    from packaging.utils import canonicalize_name  # noqa: PLC0415

    name = item.metadata.raw.get("name", "") if item.metadata else ""
    return canonicalize_name(name), _version(item.metadata)


def display_name(path: Path) -> str:
    """How findings name a file: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def run_validation(
    paths: Sequence[Path], *, root: Path | None = None, strict: bool = False, options: Options | None = None
) -> ValidationResult:
    """Validate ``paths`` together (one release); ``root`` adds the checks against the project and git."""
    from releasekit.validate.reproducible import reproducible_rules  # noqa: PLC0415 - loads `build`
    from releasekit.validate.smoke import smoke_rules  # noqa: PLC0415

    options = options or Options()
    environ = dict(os.environ if options.environ is None else options.environ)
    displays = [display_name(path) for path in paths]
    checked = []
    for path, display in zip(paths, displays, strict=True):
        options.progress(f"checking {display}")
        checked.append(check_file(path, display, root))
    findings = [finding for item in checked for finding in item.findings]
    findings += _cross_artifact(checked)
    readable = [item.dist for item in checked if item.dist is not None]
    findings += release_set_rules(readable)
    if options.reproducible and root is not None:
        findings += reproducible_rules(readable, root, environ=environ, progress=options.progress)
    if options.smoke:
        for item in checked:
            if item.dist is not None and item.dist.kind == "wheel":
                options.progress(f"installing {item.dist.display} in a fresh virtual environment")
                findings += smoke_rules(item.dist, _version(item.metadata), environ)
    order = {display: index for index, display in enumerate(displays)}
    findings.sort(key=lambda finding: order.get(_file_of(finding.path, displays), len(order)))
    return ValidationResult(tuple(findings), tuple(displays), strict)


def _file_of(path: str, displays: Sequence[str]) -> str:
    return next((display for display in displays if path == display or path.startswith(display + ":")), path)


def file_and_member(finding: Finding, files: Sequence[str]) -> tuple[str, str]:
    """The file a finding is about and the member in it ('' for the file itself)."""
    file = _file_of(finding.path, files)
    return file, finding.path[len(file) + 1 :] if finding.path != file else ""
