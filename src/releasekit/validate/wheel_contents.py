"""What a wheel installs, in the spirit of check-wheel-contents: bytecode, a top-level tests package, nothing, twins."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from releasekit.findings import Finding
from releasekit.validate.distribution import Distribution
from releasekit.validate.findings import dist_finding

_TEST_PACKAGES = frozenset({"tests", "test"})
_TWIN_MINIMUM = 64


def _installed(dist: Distribution) -> list[tuple[PurePosixPath, bytes | None, str]]:
    """(path as installed, data, member name) for each file outside `.dist-info`; `.data/purelib|platlib` unwrapped."""
    paths = []
    for member in dist.files:
        path = PurePosixPath(member.name)
        if not path.parts or path.parts[0].endswith(".dist-info"):
            continue
        if path.parts[0].endswith(".data"):
            if len(path.parts) < 3 or path.parts[1] not in ("purelib", "platlib"):
                paths.append((path, member.data, member.name))
                continue
            path = PurePosixPath(*path.parts[2:])
        paths.append((path, member.data, member.name))
    return paths


def contents_rules(dist: Distribution) -> Iterator[Finding]:
    file = dist.display
    installed = _installed(dist)
    if not installed:
        yield dist_finding(file, "RK252", "the wheel installs nothing but its .dist-info")
    flagged_tests: set[str] = set()
    twins: dict[tuple[str, str], list[str]] = {}
    for path, data, name in installed:
        if path.suffix in (".pyc", ".pyo") or "__pycache__" in path.parts:
            yield dist_finding(file, "RK250", "compiled bytecode in the wheel", member=name)
        top = path.parts[0]
        if top in _TEST_PACKAGES and len(path.parts) > 1 and path.suffix == ".py" and top not in flagged_tests:
            flagged_tests.add(top)
            yield dist_finding(file, "RK251", f"the wheel installs a top-level {top!r} package", member=name)
        # Tiny files (an empty `__init__.py`, a one-line docstring) are alike by nature, not copies.
        if path.suffix == ".py" and path.name != "__init__.py" and data and len(data.strip()) >= _TWIN_MINIMUM:
            twins.setdefault((path.name, hashlib.sha256(data).hexdigest()), []).append(name)
    for names in twins.values():
        if len(names) > 1:
            message = f"the same module is also at {', '.join(names[1:])}"
            yield dist_finding(file, "RK253", message, member=names[0])
