"""The sdist's PKG-INFO and the wheel's METADATA agree on name, version, dependencies, Python and extras."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from packaging.metadata import RawMetadata
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from releasekit.findings import Finding
from releasekit.validate.findings import dist_finding


def _requirements(values: list[str]) -> Any:
    try:
        return sorted(str(Requirement(value)) for value in values)
    except InvalidRequirement:
        return sorted(values)


def _specifier(value: str) -> Any:
    try:
        return SpecifierSet(value)
    except InvalidSpecifier:
        return value


def _version(value: str) -> Any:
    try:
        return Version(value)
    except InvalidVersion:
        return value


# raw key -> (field name, how to compare two values of it)
_COMPARED: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "name": ("Name", canonicalize_name),
    "version": ("Version", _version),
    "requires_dist": ("Requires-Dist", _requirements),
    "requires_python": ("Requires-Python", _specifier),
    "provides_extra": ("Provides-Extra", lambda values: sorted(canonicalize_name(value) for value in values)),
}


def cross_artifact_rules(
    sdist: str, sdist_raw: RawMetadata, wheel: str, wheel_raw: RawMetadata, wheel_member: str
) -> Iterator[Finding]:
    """Each compared field the wheel says differently from the sdist (fields the sdist marks Dynamic excepted)."""
    dynamic = {value.lower() for value in sdist_raw.get("dynamic", [])}
    for key, (field, normal) in _COMPARED.items():
        if field.lower() in dynamic:
            continue
        ours, theirs = sdist_raw.get(key), wheel_raw.get(key)
        empty: Any = [] if key in ("requires_dist", "provides_extra") else None
        ours, theirs = ours if ours is not None else empty, theirs if theirs is not None else empty
        if (normal(ours) if ours is not None else None) != (normal(theirs) if theirs is not None else None):
            message = f"{field} is {_show(theirs)} here but {_show(ours)} in {sdist}"
            yield dist_finding(wheel, "RK235", message, member=wheel_member)


def _show(value: object) -> str:
    if value is None or value == []:
        return "absent"
    return repr(value)
