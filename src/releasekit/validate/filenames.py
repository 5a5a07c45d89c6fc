"""File name rules: PEP 427 wheel and PEP 625 sdist names, normalized, agreeing with the metadata; PyPI's platforms."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding

# The platform tags PyPI accepts (warehouse `forklift/legacy.py` `_valid_platform_tag`).
_STATIC_PLATFORMS = frozenset(
    {"any", "win32", "win_arm64", "win_amd64", "win_ia64", "linux_armv6l", "linux_armv7l"}
    | {f"manylinux1_{arch}" for arch in ("x86_64", "i686")}
    | {f"manylinux2010_{arch}" for arch in ("x86_64", "i686")}
    | {f"manylinux2014_{arch}" for arch in ("x86_64", "i686", "aarch64", "armv7l", "ppc64", "ppc64le", "s390x")}
)
_MACOS = re.compile(r"macosx_(?P<major>\d+)_(?P<minor>\d+)_(?P<arch>.*)")
_MACOS_ARCHES = frozenset(
    {"ppc", "ppc64", "i386", "x86_64", "arm64", "intel", "fat", "fat3", "fat64", "universal", "universal2"}
)
_LINUX = re.compile(r"(?P<libc>many|musl)linux_\d+_\d+_(?P<arch>.*)")
_LINUX_ARCHES = frozenset({"x86_64", "i686", "aarch64", "armv7l", "ppc64le", "s390x", "riscv64"})
_IOS = re.compile(r"ios_\d+_\d+_(?P<arch>arm64|x86_64)_(iphoneos|iphonesimulator)")
_ANDROID = re.compile(r"android_\d+_(?P<arch>armeabi_v7a|arm64_v8a|x86|x86_64)")
_EMSCRIPTEN = re.compile(r"pyemscripten_\d+_\d+_wasm32")


def accepted_platform(tag: str) -> bool:
    """Whether PyPI takes a wheel with this platform tag."""
    if tag in _STATIC_PLATFORMS:
        return True
    macos = _MACOS.fullmatch(tag)
    if macos and macos["arch"] in _MACOS_ARCHES:
        return macos["major"] == "10" or (int(macos["major"]) >= 11 and macos["minor"] == "0")
    linux = _LINUX.fullmatch(tag)
    if linux:
        return linux["arch"] in _LINUX_ARCHES | ({"ppc64"} if linux["libc"] == "many" else set())
    return any(pattern.fullmatch(tag) for pattern in (_IOS, _ANDROID, _EMSCRIPTEN))


def filename_identity(dist: Distribution) -> tuple[str, str] | None:
    """The name and version as written in the filename (not normalized), when it parses."""
    name = dist.path.name
    try:
        if dist.kind == "wheel":
            parse_wheel_filename(name)
            written_name, version, _ = name.split("-", 2)
            return written_name, version
        if dist.kind == "sdist":
            parse_sdist_filename(name)
            written_name, _, version = name.removesuffix(".tar.gz").rpartition("-")
            return written_name, version
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return None


def filename_rules(dist: Distribution) -> Iterator[Finding]:
    file, name = dist.display, dist.path.name
    if dist.kind == "other":
        message = "the file is neither a wheel (.whl) nor a PEP 625 sdist (.tar.gz)"
        yield dist_finding(file, "RK211", message)
        return
    if dist.kind == "wheel":
        try:
            _, _, _, tags = parse_wheel_filename(name)
        except InvalidWheelFilename as error:
            yield dist_finding(file, "RK210", f"invalid wheel filename: {error}")
            return
        for platform in sorted({tag.platform for tag in tags}):
            if not accepted_platform(platform):
                yield dist_finding(file, "RK215", f"PyPI rejects the platform tag {platform!r}")
    elif dist.kind == "sdist":
        try:
            parse_sdist_filename(name)
        except InvalidSdistFilename as error:
            yield dist_finding(file, "RK211", f"invalid sdist filename: {error}")
            return
    identity = filename_identity(dist)
    if identity is None:
        return
    written_name, written_version = identity
    normalized = canonicalize_name(written_name).replace("-", "_")
    if written_name != normalized:
        yield dist_finding(file, "RK212", f"the name {written_name!r} is normalized as {normalized!r}")
    try:
        parsed = Version(written_version)
    except InvalidVersion:
        return
    if str(parsed) != written_version:
        yield dist_finding(file, "RK212", f"the version {written_version!r} is normalized as {str(parsed)!r}")


def metadata_agreement_rules(dist: Distribution, metadata_name: str, metadata_version: str) -> Iterator[Finding]:
    """The filename says the name and version the metadata says (compared normalized)."""
    identity = filename_identity(dist)
    if identity is None:
        return
    written_name, written_version = identity
    if metadata_name and canonicalize_name(written_name) != canonicalize_name(metadata_name):
        message = f"the filename's name {written_name!r} differs from the metadata's {metadata_name!r}"
        yield dist_finding(dist.display, "RK213", message)
    try:
        differs = Version(written_version) != Version(metadata_version)
    except InvalidVersion:
        differs = written_version != metadata_version
    if differs and metadata_version:
        message = f"the filename's version {written_version!r} differs from the metadata's {metadata_version!r}"
        yield dist_finding(dist.display, "RK213", message)


def release_set_rules(dists: Sequence[Distribution]) -> Iterator[Finding]:
    """One release at a time: one project, one version, at most one sdist."""
    identities = {
        dist.display: (canonicalize_name(found[0]), Version(found[1]))
        for dist in dists
        if (found := filename_identity(dist)) is not None and _is_version(found[1])
    }
    releases = sorted({f"{name} {version}" for name, version in identities.values()})
    if len(releases) > 1:
        first = next(iter(identities))
        message = f"the files are of {len(releases)} releases: {', '.join(releases)}"
        yield dist_finding(first, "RK214", message)
    sdists = [dist.display for dist in dists if dist.kind == "sdist" and dist.display in identities]
    by_release: dict[tuple[str, Version], list[str]] = {}
    for display in sdists:
        by_release.setdefault(identities[display], []).append(display)
    for (name, version), files in by_release.items():
        if len(files) > 1:
            message = f"{len(files)} sdists of {name} {version}: {', '.join(files)}; PyPI takes one per release"
            yield dist_finding(files[1], "RK214", message)


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True
