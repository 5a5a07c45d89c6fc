"""Wheel internals: the .dist-info folder, RECORD's hashes and sizes, WHEEL, entry_points.txt, License-File."""

from __future__ import annotations

import base64
import csv
import hashlib
import re
from collections.abc import Iterator
from email.parser import HeaderParser
from pathlib import PurePosixPath

from releasekit.findings import Finding
from releasekit.metadata.built_fields import BuiltMetadata, EntryPointsError, from_entry_points
from releasekit.metadata.fields import CoreMetadata
from releasekit.metadata.rules import entry_point_rules
from releasekit.validate.distribution import Distribution
from releasekit.validate.filenames import filename_identity
from releasekit.validate.findings import dist_finding

# Signatures of RECORD are not listed in it (PEP 427).
_UNRECORDED = ("RECORD", "RECORD.jws", "RECORD.p7s")
_SCRIPT_NAME = re.compile(r"[\w.-]+")
_SCRIPT_GROUPS = ("console_scripts", "gui_scripts")


def dist_info(dist: Distribution) -> str | None:
    """The wheel's one `.dist-info` folder, or None when it has none or several."""
    folders = {
        PurePosixPath(member.name).parts[0]
        for member in dist.members
        if PurePosixPath(member.name).parts and PurePosixPath(member.name).parts[0].endswith(".dist-info")
    }
    return folders.pop() if len(folders) == 1 else None


def dist_info_rules(dist: Distribution) -> Iterator[Finding]:
    folders = sorted({part for member in dist.members if (part := member.name.split("/", 1)[0]).endswith(".dist-info")})
    identity = filename_identity(dist)
    expected = f"{identity[0]}-{identity[1]}.dist-info" if identity else None
    if len(folders) != 1:
        yield dist_finding(
            dist.display,
            "RK220",
            f"the wheel has {len(folders)} .dist-info folders{': ' if folders else ''}" + ", ".join(folders),
        )
    elif expected is not None and folders[0] != expected:
        yield dist_finding(dist.display, "RK220", f"the .dist-info folder is {folders[0]!r}, not {expected!r}")
    if len(folders) == 1:
        for required in ("METADATA", "WHEEL", "RECORD"):
            if dist.member(f"{folders[0]}/{required}") is None:
                message = f"the wheel has no {required}"
                yield dist_finding(dist.display, "RK221", message, member=f"{folders[0]}/{required}")


def _digest(algorithm: str, data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.new(algorithm, data).digest()).rstrip(b"=").decode("ascii")


def _record_row_findings(dist: Distribution, record: str, row: list[str]) -> Iterator[Finding]:
    file = dist.display
    if len(row) != 3:
        yield dist_finding(file, "RK222", f"RECORD row {row!r} does not have 3 fields", member=record)
        return
    path, hash_field, size = row
    member = dist.member(path)
    if member is None:
        yield dist_finding(file, "RK223", f"RECORD lists {path!r}, which the wheel does not hold", member=record)
        return
    if PurePosixPath(path).name in _UNRECORDED and path.startswith(record.rsplit("/", 1)[0] + "/"):
        return
    algorithm, _, expected = hash_field.partition("=")
    if algorithm not in hashlib.algorithms_guaranteed or algorithm in ("md5", "sha1") or not expected:
        yield dist_finding(file, "RK222", f"RECORD gives no sha256 (or stronger) hash: {hash_field!r}", member=path)
    elif member.data is not None and _digest(algorithm, member.data) != expected:
        yield dist_finding(file, "RK222", f"the {algorithm} hash differs from RECORD's", member=path)
    if member.data is not None and size != str(len(member.data)):
        yield dist_finding(file, "RK222", f"the size is {len(member.data)}, RECORD says {size!r}", member=path)


def record_rules(dist: Distribution, folder: str) -> Iterator[Finding]:
    record = f"{folder}/RECORD"
    text = dist.text(record)
    if text is None:
        return
    try:
        rows = [row for row in csv.reader(text.splitlines()) if row]
    except csv.Error as error:
        yield dist_finding(dist.display, "RK222", f"RECORD is not valid CSV: {error}", member=record)
        return
    listed = set()
    for row in rows:
        listed.add(row[0] if row else "")
        yield from _record_row_findings(dist, record, row)
    for member in dist.files:
        unrecorded = member.name in {f"{folder}/{name}" for name in _UNRECORDED}
        if member.name not in listed and not unrecorded:
            yield dist_finding(dist.display, "RK223", "the member is not listed in RECORD", member=member.name)


def wheel_file_rules(dist: Distribution, folder: str) -> Iterator[Finding]:
    member = f"{folder}/WHEEL"
    text = dist.text(member)
    if text is None:
        return
    headers = HeaderParser().parsestr(text)
    version = headers.get("Wheel-Version", "")
    if not re.fullmatch(r"1\.\d+", version.strip()):
        yield dist_finding(dist.display, "RK224", f"Wheel-Version is {version!r}, not 1.x", member=member)
    purelib = headers.get("Root-Is-Purelib", "")
    if purelib.strip().lower() not in ("true", "false"):
        yield dist_finding(dist.display, "RK224", f"Root-Is-Purelib is {purelib!r}, not true or false", member=member)


def entry_point_file_rules(dist: Distribution, folder: str) -> Iterator[Finding]:
    member = f"{folder}/entry_points.txt"
    text = dist.text(member)
    if text is None:
        return
    try:
        entries = from_entry_points(text)
    except EntryPointsError as error:
        yield dist_finding(dist.display, "RK225", f"entry_points.txt is not valid: {error}", member=member)
        return
    for problem in entry_point_rules(CoreMetadata(tuple(entry for _, entry in entries))):
        yield dist_finding(dist.display, problem.code, problem.message, member=member, line=problem.position.line)
    for group, entry in entries:
        # warehouse refuses script names that are not [\w.-]+ (they would become paths).
        if group in _SCRIPT_GROUPS and not _SCRIPT_NAME.fullmatch(entry.label):
            message = f"entry point name {entry.label!r} is not letters, digits, _ . -"
            yield dist_finding(dist.display, "RK225", message, member=member, line=entry.position.line)


def license_file_rules(dist: Distribution, metadata: BuiltMetadata, prefix: str) -> Iterator[Finding]:
    """Each License-File is in the archive: under ``.dist-info/licenses/`` in a wheel, the sdist's folder otherwise."""
    for license_file in metadata.raw.get("license_files", []):
        expected = f"{prefix}/{license_file}"
        if dist.member(expected) is None:
            message = f"License-File {license_file!r} is not in the distribution (expected at {expected})"
            yield dist_finding(dist.display, "RK226", message, member=expected)
