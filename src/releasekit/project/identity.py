"""A project's identity: its names, its repository and its `[tool.releasekit]` settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from releasekit._util.names import canonical_name
from releasekit._util.reading import read_text_or_empty
from releasekit._util.toml_text import load_toml
from releasekit.git.plumbing import remote_urls
from releasekit.project.config import TABLE, Config, parse_config

_FORGE_URL = re.compile(
    r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?(?:[#?]|$)",
    re.IGNORECASE,
)
_SETUP_NAME = re.compile(r"""\bname\s*=\s*(?:['"](?P<literal>[\w.-]+)['"]|(?P<constant>[A-Za-z_]\w*)\b)""")
_NOT_PACKAGES = frozenset({"tests", "test", "testing", "docs", "doc", "examples", "scripts", "bench", "benchmarks"})


class Pyproject(NamedTuple):
    """pyproject.toml as text and as data (both empty when the file is absent)."""

    text: str
    data: dict[str, Any]

    def table(self, dotted: str) -> dict[str, Any]:
        node: Any = self.data
        for part in dotted.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}


class Identity(NamedTuple):
    """Who the project is: distribution name, every name it goes by, its repositories."""

    name: str
    names: tuple[str, ...]
    slugs: tuple[str, ...]


class Project(NamedTuple):
    """Everything discovery needs to know about the project before reading its files."""

    root: Path
    pyproject: Pyproject
    config: Config
    identity: Identity


def load_pyproject(root: Path) -> Pyproject:
    path = root / "pyproject.toml"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Pyproject("", {})
    return Pyproject(text, load_toml(text, "pyproject.toml"))


def load_config(pyproject: Pyproject) -> Config:
    table = pyproject.table(TABLE)
    return parse_config(table, pyproject.text, "pyproject.toml") if table else Config()


def distribution_name(root: Path, pyproject: Pyproject) -> str:
    """[project].name, [tool.poetry].name, setup.cfg or setup.py's literal, else the folder's name."""
    for table in ("project", "tool.poetry"):
        name = pyproject.table(table).get("name")
        if isinstance(name, str) and name:
            return name
    setup_cfg = re.search(
        r"^\[metadata\][^\[]*?^name\s*=\s*([\w.-]+)", read_text_or_empty(root / "setup.cfg"), re.M | re.S
    )
    if setup_cfg:
        return setup_cfg[1]
    name = setup_py_name(read_text_or_empty(root / "setup.py"))
    return name or root.resolve().name


def setup_py_name(text: str) -> str | None:
    """setup.py's ``name=``: a literal, or a module-level constant (celery's ``name=NAME``)."""
    for match in _SETUP_NAME.finditer(text):
        if match["literal"]:
            return match["literal"]
        constant = re.search(rf"""^{match["constant"]}[ \t]*=[ \t]*['"]([\w.-]+)['"]""", text, re.MULTILINE)
        if constant:
            return constant[1]
    return None


def import_names(name: str, paths: list[str] | tuple[str, ...]) -> list[str]:
    """Top-level packages that belong to the distribution (src/ or flat layout)."""
    packages = []
    for path in paths:
        parts = path.split("/")
        if parts[-1] != "__init__.py":
            continue
        if len(parts) == 2:
            packages.append(parts[0])
        elif len(parts) == 3 and parts[0] == "src":
            packages.append(parts[1])
    packages = [package for package in dict.fromkeys(packages) if package not in _NOT_PACKAGES]
    matching = [package for package in packages if canonical_name(package) == canonical_name(name)]
    if matching:
        return matching
    in_src = {
        path.split("/")[1]
        for path in paths
        if path.startswith("src/") and path.count("/") == 2 and path.endswith("/__init__.py")
    }
    return sorted(in_src) if len(in_src) == 1 else []


def repository_slugs(root: Path, pyproject: Pyproject, git_dir: Path | None) -> tuple[str, ...]:
    """``owner/repo`` of the project's forge repositories, from its URLs and its git remote."""
    urls = [value for value in pyproject.table("project").get("urls", {}).values() if isinstance(value, str)]
    for key in ("repository", "homepage", "documentation"):
        value = pyproject.table("tool.poetry").get(key)
        if isinstance(value, str):
            urls.append(value)
    if git_dir is not None:
        urls.extend(remote_urls(git_dir))
    slugs = []
    for url in urls:
        match = _FORGE_URL.search(url)
        if match:
            slugs.append(f"{match[1]}/{match[2]}".lower())
    return tuple(dict.fromkeys(slugs))


def load_project(root: Path, paths: tuple[str, ...], git_dir: Path | None) -> Project:
    """Read pyproject.toml and the layout: names, repository and settings."""
    pyproject = load_pyproject(root)
    config = load_config(pyproject)
    name = distribution_name(root, pyproject)
    names = [name, *import_names(name, paths), *config.names]
    return Project(
        root,
        pyproject,
        config,
        Identity(name, tuple(dict.fromkeys(names)), repository_slugs(root, pyproject, git_dir)),
    )
