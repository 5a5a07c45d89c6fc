"""The canonical version: the one place the project's version is defined, found as the build would."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from packaging.version import Version

from releasekit._util.process import CommandError, run
from releasekit._util.toml_locator import key_line
from releasekit.errors import Category, ReleasekitError, configuration_error
from releasekit.project.identity import Project, import_names
from releasekit.project.python_statements import Statements, read_statements
from releasekit.project.versions import (
    BOUNDED_VERSION,
    DEV_COUNTER,
    VERSION_TEXT,
    parse_tuple,
    parse_version,
    with_dev,
)

_ASSIGNMENT = (
    r"^[ \t]*(?P<name>{names})[ \t]*(?::[^=\n]*)?=[ \t]*"
    r"(?:(?P<q>['\"])(?P<v>{version})(?P=q)|(?P<t>\([^()\n]*\)))"
)
# ``v1.2.3``, ``release-1.2.3``, and SQLAlchemy's ``rel_2_1_0b3`` (underscores between the numbers).
_TAG_VERSION = re.compile(r"(?P<v>\d+[._]\d.*)$")
_SCM_BACKENDS = ("setuptools_scm", "setuptools-scm", "hatch-vcs", "hatch_vcs", "versioningit", "pdm-backend", "dunamai")
LOOKED_FOR = (
    "[tool.releasekit] version-source, [project].version, the build backend's dynamic version source "
    "(hatch, setuptools, flit, pdm, poetry), setup.cfg [metadata] version, a literal version= in setup.py, "
    "a VERSION file, the package's __version__ or version tuple, and the latest git tag"
)


# The method of a version read from the latest release tag (a project versioned from git tags).
TAG_METHOD = "latest git tag"


class UntaggedCheckoutError(ReleasekitError):
    """The version lives only in git tags (setuptools-scm, hatch-vcs, ...) and this checkout has none.

    A shallow CI clone (``actions/checkout``'s default, pre-commit.ci) has no tags: there is nothing
    to check against, which ``check`` says and passes rather than blocking every commit.
    """

    def __init__(self, backend: str) -> None:
        super().__init__(
            f"the version lives only in git tags ({backend}) and no tag is reachable here (a shallow clone?)",
            category=Category.CONFIGURATION,
            hint="fetch the tags (git fetch --tags, or actions/checkout with fetch-depth: 0) to check against them",
        )
        self.backend = backend


class CanonicalVersion(NamedTuple):
    """The project's version and where it came from."""

    version: Version
    text: str
    path: str
    line: int
    method: str


def _read(root: Path, relative: str) -> str | None:
    try:
        return (root / relative).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _from_text(text: str, path: str, method: str, pattern: re.Pattern[str]) -> CanonicalVersion | None:
    statements: list[Statements | None] = []
    for match in pattern.finditer(text):
        if "name" in pattern.groupindex and not _is_statement(text, match, statements):
            continue
        if match.groupdict().get("t"):
            version = parse_tuple(match["t"])
            start = match.start("t")
            dev = DEV_COUNTER.search(text)
            if version is not None and dev is not None:
                version = with_dev(version, int(dev["dev"]))
        else:
            group = "v" if "v" in pattern.groupindex else ("version" if "version" in pattern.groupindex else 1)
            version = parse_version(match[group])
            start = match.start(group)
        if version is not None:
            spelled = match["t"] if match.groupdict().get("t") else match[group]
            return CanonicalVersion(version, spelled, path, _line(text, start), method)
    return None


def _is_statement(text: str, match: re.Match[str], parsed: list[Statements | None]) -> bool:
    """A module-level assignment (also in a ``try``/``if`` block), never text inside a string literal."""
    if not parsed:
        parsed.append(read_statements(text))
    statements = parsed[0]
    start = match.start("name")
    if statements is None:
        return start == 0 or text[start - 1] == "\n"
    return match["name"] in statements.assigned.get(text.count("\n", 0, start) + 1, ())


def _assignment(names: str) -> re.Pattern[str]:
    return re.compile(_ASSIGNMENT.format(names=names, version=VERSION_TEXT), re.MULTILINE)


_DUNDER_OR_TUPLE = _assignment(r"__version__|VERSION|version|__version_info__|version_info")


_RELATIVE_IMPORT = r"^[ \t]*from[ \t]+\.(?P<module>\w+)[ \t]+import[ \t]+\(?[^)\n]*\b{attribute}\b"


def _module_files(module: str, bases: tuple[str, ...] = ("src/", "")) -> list[str]:
    path = module.replace(".", "/")
    return [f"{base}{path}{suffix}" for base in bases for suffix in (".py", "/__init__.py")]


def package_bases(project: Project) -> tuple[str, ...]:
    """Folders the build backend looks for packages in: setuptools' ``package-dir`` and
    ``packages.find where`` (SQLAlchemy's ``lib/``), pdm's ``package-dir``, hatch's wheel
    ``packages``, then ``src/`` and the root."""
    pyproject = project.pyproject
    bases: list[str] = []
    setuptools = pyproject.table("tool.setuptools")
    package_dir = setuptools.get("package-dir")
    if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
        bases.append(package_dir[""])
    packages = setuptools.get("packages")
    find = packages.get("find") if isinstance(packages, dict) else None
    where = find.get("where") if isinstance(find, dict) else None
    bases.extend(item for item in (where if isinstance(where, list) else []) if isinstance(item, str))
    # pdm-backend's package-dir; hatch's wheel packages (``packages = ["lib/pkg"]`` puts pkg under lib/).
    pdm_dir = pyproject.table("tool.pdm.build").get("package-dir")
    if isinstance(pdm_dir, str):
        bases.append(pdm_dir)
    wheel = pyproject.table("tool.hatch.build.targets.wheel").get("packages")
    for package in wheel if isinstance(wheel, list) else []:
        if isinstance(package, str) and "/" in package.strip("/"):
            bases.append(package.strip("/").rpartition("/")[0])
    normal = [base.strip("/").removeprefix("./") for base in bases]
    ordered = [f"{base}/" for base in normal if base not in ("", ".")] + ["src/", ""]
    return tuple(dict.fromkeys(ordered))


def _from_module(
    root: Path, module: str, attribute: str, method: str, bases: tuple[str, ...] = ("src/", "")
) -> CanonicalVersion | None:
    names = re.escape(attribute)
    if attribute == "__version__":
        names += r"|__version_info__|version_info"
    for relative in _module_files(module, bases):
        text = _read(root, relative)
        if text is None:
            continue
        found = _from_text(text, relative, method, _assignment(names))
        if found is not None:
            return found
        # ``from .package_data import __version__`` (idna): the sibling module holds it.
        imported = re.search(_RELATIVE_IMPORT.format(attribute=re.escape(attribute)), text, re.MULTILINE)
        if imported is not None:
            sibling = relative.rpartition("/")[0] + "/" + imported["module"] + ".py"
            sibling_text = _read(root, sibling.lstrip("/"))
            if sibling_text is not None:
                found = _from_text(sibling_text, sibling.lstrip("/"), method, _assignment(names))
                if found is not None:
                    return found
    return None


def _from_file(root: Path, relative: str, method: str) -> CanonicalVersion | None:
    text = _read(root, relative)
    if text is None:
        return None
    if relative.endswith(".py"):
        return _from_text(text, relative, method, _DUNDER_OR_TUPLE)
    return _from_text(text, relative, method, re.compile(rf"(?P<v>{BOUNDED_VERSION})"))


def _git_tag(root: Path) -> CanonicalVersion | None:
    try:
        result = run(["git", "describe", "--tags", "--abbrev=0"], cwd=root, check=False)
    except CommandError:
        return None
    tag = result.stdout.decode("utf-8", "replace").strip()
    match = _TAG_VERSION.search(tag) if result.returncode == 0 else None
    version = parse_version(re.sub(r"(?<=\d)_(?=\d)", ".", match["v"])) if match else None
    if version is None:
        return None
    return CanonicalVersion(version, tag, f"git tag {tag}", 0, TAG_METHOD)


def _dynamic_version(project: Project) -> CanonicalVersion | None:
    root, pyproject = project.root, project.pyproject
    hatch = pyproject.table("tool.hatch.version")
    if isinstance(hatch.get("path"), str):
        pattern = hatch.get("pattern")
        text = _read(root, hatch["path"])
        if text is not None:
            if isinstance(pattern, str):
                return _from_text(text, hatch["path"], "[tool.hatch.version] path", re.compile(pattern, re.M))
            return _from_text(text, hatch["path"], "[tool.hatch.version] path", _DUNDER_OR_TUPLE)
    setuptools = pyproject.table("tool.setuptools.dynamic").get("version")
    if isinstance(setuptools, dict):
        if isinstance(setuptools.get("attr"), str):
            module, _, attribute = setuptools["attr"].rpartition(".")
            return _from_module(
                root, module, attribute, "[tool.setuptools.dynamic] version attr", package_bases(project)
            )
        files = setuptools.get("file")
        for relative in [files] if isinstance(files, str) else files if isinstance(files, list) else []:
            found = _from_file(root, relative, "[tool.setuptools.dynamic] version file")
            if found is not None:
                return found
    pdm = pyproject.table("tool.pdm.version")
    if pdm.get("source") == "file" and isinstance(pdm.get("path"), str):
        return _from_file(root, pdm["path"], "[tool.pdm.version] path")
    backend = str(pyproject.table("build-system").get("build-backend", ""))
    if backend.startswith("flit"):
        module = pyproject.table("tool.flit.module").get("name") or project.identity.name.replace("-", "_")
        return _from_module(root, str(module), "__version__", "flit module __version__", package_bases(project))
    return None


def _scm_backend(project: Project) -> str | None:
    """The tool that versions the project from git tags, when one does (its configuration first)."""
    pyproject = project.pyproject
    if pyproject.table("tool.hatch.version").get("source") == "vcs":
        return "hatch-vcs"
    if pyproject.table("tool.pdm.version").get("source") == "scm":
        return "pdm scm"
    if pyproject.table("tool.setuptools_scm"):
        return "setuptools-scm"
    requires = " ".join(str(item) for item in pyproject.table("build-system").get("requires", []))
    for backend in _SCM_BACKENDS:
        if backend in requires and backend != "pdm-backend":
            return backend.replace("_", "-")
    setup = _read(project.root, "setup.py") or ""
    if "use_scm_version" in setup:
        return "setuptools-scm"
    return "versioneer" if "versioneer" in setup else None


def _uses_scm(project: Project) -> bool:
    pyproject = project.pyproject
    requires = " ".join(str(item) for item in pyproject.table("build-system").get("requires", []))
    return (
        any(backend in requires for backend in _SCM_BACKENDS)
        or bool(pyproject.table("tool.setuptools_scm"))
        or pyproject.table("tool.hatch.version").get("source") == "vcs"
        or pyproject.table("tool.pdm.version").get("source") == "scm"
    )


def _setup_cfg(root: Path) -> CanonicalVersion | None:
    text = _read(root, "setup.cfg")
    if text is None:
        return None
    match = re.search(r"^\[metadata\][ \t\r]*$(?P<body>.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    if match is None:
        return None
    value = re.search(r"^version[ \t]*[=:][ \t]*(?P<value>.+?)[ \t\r]*$", match["body"], re.MULTILINE)
    if value is None:
        return None
    raw = value["value"]
    if raw.startswith("attr:"):
        module, _, attribute = raw[5:].strip().rpartition(".")
        return _from_module(root, module, attribute, "setup.cfg version attr")
    if raw.startswith("file:"):
        return _from_file(root, raw[5:].strip(), "setup.cfg version file")
    version = parse_version(raw)
    if version is None:
        return None
    return CanonicalVersion(
        version,
        raw,
        "setup.cfg",
        _line(text, match.start("body") + value.start("value")),
        "setup.cfg [metadata] version",
    )


def _package_fallback(project: Project, paths: tuple[str, ...]) -> CanonicalVersion | None:
    bases = package_bases(project)
    # The import name as the distribution name spells it, for packages in a configured folder too.
    own = project.identity.name.replace("-", "_").replace(".", "_").lower()
    for package in dict.fromkeys([*import_names(project.identity.name, paths), own]):
        for base in bases:
            for module in ("_version.py", "version.py", "__about__.py", "__version__.py", "__init__.py"):
                found = _from_file(project.root, f"{base}{package}/{module}", "package __version__")
                if found is not None:
                    return found
            found = _from_file(project.root, f"{base}{package}/VERSION", "package VERSION file")
            if found is not None:
                return found
    # A single-module distribution (six.py) writes its version at the module's top.
    module = project.identity.name.replace("-", "_").lower()
    for base in bases:
        found = _from_file(project.root, f"{base}{module}.py", "module __version__")
        if found is not None:
            return found
    return None


def find_canonical(project: Project, paths: tuple[str, ...]) -> CanonicalVersion:
    """Detect the canonical version in the documented order, or raise saying what was looked for."""
    root, pyproject = project.root, project.pyproject
    source = project.config.version_source
    if source is not None:
        text = _read(root, source.file)
        if text is None:
            raise configuration_error(f"version-source file {source.file!r} cannot be read")
        pattern = re.compile(source.pattern or rf"(?P<v>{BOUNDED_VERSION})", re.MULTILINE)
        found = _from_text(text, source.file, "[tool.releasekit] version-source", pattern)
        if found is None:
            raise configuration_error(f"no version found in version-source file {source.file!r}")
        return found
    table = pyproject.table("project")
    static = table.get("version")
    if isinstance(static, str) and "version" not in table.get("dynamic", []):
        version = parse_version(static)
        if version is None:
            raise configuration_error(
                f"[project].version {static!r} in pyproject.toml is not a valid PEP 440 version",
                "use a version such as 1.2.3, 1.2.3rc1 or 1.2.3.post1",
            )
        line = key_line(pyproject.text, "project", "version")
        return CanonicalVersion(version, static, "pyproject.toml", line, "[project].version")
    steps: tuple[Callable[[], CanonicalVersion | None], ...] = (
        lambda: _dynamic_version(project),
        lambda: _poetry(project),
        lambda: _setup_cfg(root),
        lambda: _from_text(
            _read(root, "setup.py") or "",
            "setup.py",
            "setup.py version=",
            re.compile(rf"\bversion[ \t]*=[ \t]*(?P<q>['\"])(?P<v>{VERSION_TEXT})(?P=q)"),
        ),
        lambda: _from_file(root, "VERSION", "VERSION file"),
        lambda: _git_tag(root) if _uses_scm(project) else None,
        lambda: _package_fallback(project, paths),
        lambda: _git_tag(root),
    )
    for step in steps:
        found = step()
        if found is not None:
            return found
    backend = _scm_backend(project)
    if backend is not None:
        raise UntaggedCheckoutError(backend)
    raise configuration_error(
        f"no canonical version found; looked for {LOOKED_FOR}",
        "set [project].version, or [tool.releasekit] version-source = {file = ..., pattern = ...}",
    )


def _poetry(project: Project) -> CanonicalVersion | None:
    value = project.pyproject.table("tool.poetry").get("version")
    version = parse_version(value) if isinstance(value, str) else None
    if version is None or not isinstance(value, str):
        return None
    line = key_line(project.pyproject.text, "tool.poetry", "version")
    return CanonicalVersion(version, value, "pyproject.toml", line, "[tool.poetry].version")


def project_version(root: Path) -> CanonicalVersion:
    """The canonical version of the project at ``root``, listing its files first."""
    from releasekit.project.files import list_files  # noqa: PLC0415
    from releasekit.project.identity import load_project  # noqa: PLC0415 - keeps this module's imports light

    listing = list_files(root)
    return find_canonical(load_project(root, listing.layout, listing.git_dir), listing.layout)
