"""Rules only a source tree answers: readme and license files, build requirements, canonical version, import name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from releasekit._util.toml_locator import TomlLocator
from releasekit.metadata.fields import README_TYPES, CoreMetadata, FieldValue, ReadmeSource
from releasekit.metadata.readme import parse_content_type
from releasekit.metadata.rules import Problem

_NOT_PACKAGES = frozenset({"tests", "test", "testing", "docs", "doc", "examples", "scripts", "bench", "benchmarks"})
_AFFIXES = ("python_", "py_", "python", "py")


def readme_rules(readme: ReadmeSource | None, root: Path) -> Iterator[Problem]:
    if readme is None or readme.file is None:
        return
    if not (root / readme.file).is_file():
        yield Problem("RK107", f"readme file {readme.file!r} does not exist", readme.position)
        return
    inferred = README_TYPES.get(PurePosixPath(readme.file).suffix.lower())
    if readme.declared_type is None and inferred is None:
        message = f"readme {readme.file!r}: no content type is declared and none follows from its extension"
        yield Problem("RK108", message, readme.position)
    elif readme.declared_type is not None and inferred is not None:
        declared, _ = parse_content_type(readme.declared_type)
        if declared != inferred:
            message = f"readme {readme.file!r} is declared {declared} but its extension says {inferred}"
            yield Problem("RK153", message, readme.position)


def license_file_rules(globs: tuple[FieldValue, ...], root: Path) -> Iterator[Problem]:
    for glob in globs:
        pattern = glob.value
        if not pattern or pattern.startswith("/") or ".." in PurePosixPath(pattern).parts or "\\" in pattern:
            yield Problem(
                "RK112", f"license-files glob {pattern!r} is not a relative path inside the project", glob.position
            )
            continue
        # PEP 639 allows ``**`` only as a whole path segment; Python 3.13's glob would
        # otherwise read ``LICENSE**`` as ``LICENSE*`` where 3.11 refuses it.
        if any("**" in part and part != "**" for part in PurePosixPath(pattern).parts):
            yield Problem("RK112", f"license-files glob {pattern!r} uses ** inside a path segment", glob.position)
            continue
        try:
            matched = any(path.is_file() for path in root.glob(pattern))
        except (ValueError, NotImplementedError):
            matched = False
        if not matched:
            yield Problem("RK112", f"license-files glob {pattern!r} matches no file", glob.position)


def build_requirement_rules(data: dict[str, Any], locator: TomlLocator) -> Iterator[Problem]:
    build_system = data.get("build-system")
    requires = build_system.get("requires", []) if isinstance(build_system, dict) else []
    for requirement in requires if isinstance(requires, list) else []:
        if not isinstance(requirement, str):
            continue  # the schema reports wrong types
        try:
            Requirement(requirement)
        except InvalidRequirement as error:
            reason = str(error).splitlines()[0]
            position = locator.best("build-system", "requires", requirement)
            yield Problem("RK125", f"build requirement {requirement!r} is not valid: {reason}", position)


def canonical_version_rules(metadata: CoreMetadata, data: dict[str, Any], root: Path) -> Iterator[Problem]:
    """A static version must agree with `[tool.releasekit] version-source`, the one source that outranks it."""
    version = metadata.first("Version")
    tool = data.get("tool", {})
    settings = tool.get("releasekit", {}) if isinstance(tool, dict) else {}
    if version is None or not isinstance(settings, dict) or "version-source" not in settings:
        return
    try:
        static = Version(version.value)
    except InvalidVersion:
        return  # the version rule reports it
    from releasekit.project.canonical import project_version  # noqa: PLC0415 - only for projects that set version-source

    canonical = project_version(root)
    if canonical.version != static:
        where = f"{canonical.path}:{canonical.line}" if canonical.line else canonical.path
        message = f"version {version.value!r} disagrees with the canonical version {canonical.text} from {where}"
        yield Problem("RK104", message, version.position)


def _unsurprising(distribution: str, package: str) -> bool:
    tokens = distribution.split("_")
    stripped = {distribution.removeprefix(affix).removesuffix("_" + affix.rstrip("_")) for affix in _AFFIXES}
    return (
        package in tokens
        or package in stripped
        or package.replace("_", "") == distribution.replace("_", "")
        or distribution.startswith(package)
    )


def top_level_packages(paths: tuple[str, ...]) -> list[str]:
    """Packages at the top of the tree or of ``src/``, other than tests and docs."""
    packages = []
    for path in paths:
        parts = path.split("/")
        if parts[-1] == "__init__.py" and (len(parts) == 2 or (len(parts) == 3 and parts[0] == "src")):
            packages.append(parts[-2])
    return [package for package in dict.fromkeys(packages) if package not in _NOT_PACKAGES]


def import_name_rules(metadata: CoreMetadata, paths: tuple[str, ...]) -> Iterator[Problem]:
    name = metadata.first("Name")
    packages = top_level_packages(paths)
    if name is None or len(packages) != 1:
        return
    (package,) = packages
    if not _unsurprising(canonicalize_name(name.value).replace("-", "_"), package.lower()):
        message = f"the import package {package!r} does not resemble the distribution name {name.value!r}"
        yield Problem("RK150", message, name.position)
