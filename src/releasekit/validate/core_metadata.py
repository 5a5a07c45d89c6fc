"""Core metadata of a wheel (METADATA) or sdist (PKG-INFO): `check-metadata`'s rules, and what only builds get wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from packaging.metadata import InvalidMetadata, Metadata

from releasekit.findings import Finding
from releasekit.metadata.built_fields import BuiltMetadata, field_name, from_core_metadata
from releasekit.metadata.rules import RULES, Rule, run_rules, type_rules
from releasekit.validate.findings import dist_finding

# The Metadata-Versions PyPI accepts (warehouse `forklift/metadata.py` SUPPORTED_METADATA_VERSIONS; not 2.0).
ACCEPTED_METADATA_VERSIONS = ("1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5")
# `[project]` key types mean nothing in a METADATA file.
BUILT_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule is not type_rules)


class CoreMetadataCheck(NamedTuple):
    """The findings on one METADATA / PKG-INFO member, and the metadata when it could be read at all."""

    findings: list[Finding]
    metadata: BuiltMetadata | None


def _packaging_errors(metadata: BuiltMetadata) -> list[InvalidMetadata]:
    try:
        Metadata.from_raw(metadata.raw, validate=True)
    except ExceptionGroup as group:
        return [error for error in group.exceptions if isinstance(error, InvalidMetadata)]
    return []


def _metadata_version_findings(file: str, member: str, metadata: BuiltMetadata) -> Iterator[Finding]:
    version = metadata.raw.get("metadata_version")
    line = metadata.line_of("Metadata-Version")
    if version is None:
        yield dist_finding(file, "RK230", "no Metadata-Version", member=member, line=1)
    elif version not in ACCEPTED_METADATA_VERSIONS:
        message = f"Metadata-Version {version!r} is not one PyPI accepts ({', '.join(ACCEPTED_METADATA_VERSIONS)})"
        yield dist_finding(file, "RK230", message, member=member, line=line)


def check_core_metadata(file: str, member: str, data: bytes) -> CoreMetadataCheck:
    """Run the metadata rules over ``member`` of ``file`` and packaging's own validation of what is left."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return CoreMetadataCheck([dist_finding(file, "RK231", f"not UTF-8: {error}", member=member)], None)
    metadata = from_core_metadata(text)
    findings = list(_metadata_version_findings(file, member, metadata))
    problems = run_rules(metadata.metadata, BUILT_RULES)
    findings += [
        dist_finding(file, problem.code, problem.message, member=member, line=problem.position.line)
        for problem in problems
    ]
    judged_lines = {problem.position.line for problem in problems}
    unparsed = {key.lower().replace("-", "_") for key in metadata.unparsed}
    for key, values in sorted(metadata.unparsed.items()):
        line = metadata.line_of(key)
        message = f"field {key!r} is unknown or malformed: {values[0]!r}"
        findings.append(dist_finding(file, "RK231", message, member=member, line=line))
    for invalid in _packaging_errors(metadata):
        key = invalid.field.replace("-", "_")
        field = field_name(key)
        line = metadata.line_of(field)
        if (
            key == "metadata_version"
            or key in unparsed
            or (field.lower() in metadata.header_lines and line in judged_lines)
        ):
            continue  # RK230, or a rule above already said what is wrong with this field
        findings.append(dist_finding(file, "RK231", f"{field}: {invalid}", member=member, line=line))
    if "license" in metadata.raw and "license_expression" in metadata.raw:
        message = "License and License-Expression are both set; PyPI accepts one"
        findings.append(dist_finding(file, "RK231", message, member=member, line=metadata.line_of("License")))
    return CoreMetadataCheck(findings, metadata)
