"""Add releasekit's tox environments where the project configures tox: tox.ini, or native TOML (tomlkit).

A section the project already has is the project's own: it is kept as it is. New sections go at
the end of tox.ini as text; in `[tool.tox]` of pyproject.toml (or tox.toml) as `env.NAME` tables,
and in a `legacy_tox_ini` string as text again; every other byte stays.
"""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

import tomlkit
from tomlkit.items import String, StringType, Table

from releasekit.errors import Category, ReleasekitError
from releasekit.init.source import Source
from releasekit.init.templates import ENVIRONMENTS, POSARGS, ToxEnvironment, tox_ini, tox_ini_section


class ToxEdit(NamedTuple):
    """The file holding tox's configuration, its text before and after, and the environments added."""

    path: str
    before: str | None
    after: str
    added: tuple[str, ...]


def _configuration_error(path: str, message: str) -> ReleasekitError:
    return ReleasekitError(f"{path}: {message}", category=Category.CONFIGURATION, hint="fix the file, then run again")


def _read(path: Path) -> str | None:
    try:
        # Bytes, then text: line endings stay as the file has them.
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def _ini_sections(text: str, path: str) -> set[str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=path)
    except configparser.Error as error:
        raise _configuration_error(path, f"not a valid ini file: {error.message}") from error
    return set(parser.sections())


def add_to_ini(text: str | None, source: Source, path: str = "tox.ini") -> tuple[str, tuple[str, ...]]:
    """tox.ini text with every missing `[testenv:NAME]` appended; a new file when ``text`` is None."""
    if text is None:
        return tox_ini(source), tuple(environment.name for environment in ENVIRONMENTS)
    present = _ini_sections(text, path)
    missing = [environment for environment in ENVIRONMENTS if f"testenv:{environment.name}" not in present]
    if not missing:
        return text, ()
    head = text.rstrip("\n") + "\n\n" if text.strip() else ""
    sections = "\n".join(tox_ini_section(environment, source) for environment in missing)
    return head + sections, tuple(environment.name for environment in missing)


def _native_table(environment: ToxEnvironment, source: Source) -> Table:
    table = tomlkit.table()
    table.add("description", environment.description)
    table.add("skip_install", True)
    table.add("deps", [source.requirement(environment.extra)])
    table.add("pass_env", list(environment.pass_env))
    if environment.ignore_errors:
        table.add("ignore_errors", True)
    posargs = tomlkit.inline_table()
    posargs.update({"replace": "posargs", "extend": True})
    commands = tomlkit.array()
    for command in environment.commands:
        commands.append([posargs if word == POSARGS else word for word in command])
    table.add("commands", commands)
    return table


def add_to_native(text: str, source: Source, path: str, *, prefix: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Native TOML tox configuration (under ``prefix``: `tool.tox` in pyproject.toml, nothing in tox.toml)."""
    document = tomlkit.parse(text)
    container: Any = document
    for key in prefix:
        container = container[key]
    if "legacy_tox_ini" in container:
        legacy = container["legacy_tox_ini"]
        updated, added = add_to_ini(str(legacy), source, f"{path}: {'.'.join(prefix)}.legacy_tox_ini")
        if added:
            literal = isinstance(legacy, String) and legacy.type in (StringType.MLL, StringType.SLL)
            container["legacy_tox_ini"] = tomlkit.string(updated, literal=literal, multiline=True)
        return tomlkit.dumps(document), added
    if "env" not in container:
        container.add("env", tomlkit.table(is_super_table=True))
    environments = container["env"]
    new: list[str] = []
    for environment in ENVIRONMENTS:
        if environment.name not in environments:
            environments.add(environment.name, _native_table(environment, source))
            new.append(environment.name)
    updated = tomlkit.dumps(document)
    _check_native(text, updated, prefix, tuple(new))
    return updated, tuple(new)


def _check_native(before: str, after: str, prefix: tuple[str, ...], added: tuple[str, ...]) -> None:
    """The edit added the new environments and changed nothing else."""
    old, new = tomllib.loads(before), tomllib.loads(after)
    table: Any = new
    for key in prefix:
        table = table[key]
    for name in added:
        table["env"].pop(name)
    if not table["env"]:
        old_table: Any = old
        for key in prefix:
            old_table = old_table[key]
        if "env" not in old_table:
            table.pop("env")
    if old != new:  # pragma: no cover - a defect in the edit above
        raise _configuration_error("tox configuration", "adding the environments would change other settings")


def edit_tox(root: Path, source: Source) -> ToxEdit:
    """Add the environments where tox reads its configuration (tox's own order), else create tox.ini."""
    tox_ini_text = _read(root / "tox.ini")
    if tox_ini_text is not None:
        return ToxEdit("tox.ini", tox_ini_text, *add_to_ini(tox_ini_text, source))
    setup_cfg = _read(root / "setup.cfg")
    if setup_cfg is not None and "tox:tox" in _ini_sections(setup_cfg, "setup.cfg"):
        raise ReleasekitError(
            "setup.cfg: tox is configured in [tox:tox], which releasekit init does not edit",
            category=Category.CONFIGURATION,
            hint="move the tox configuration to tox.ini, then run releasekit init again",
        )
    pyproject = _read(root / "pyproject.toml")
    if pyproject is not None and isinstance(_loads(pyproject, "pyproject.toml").get("tool", {}).get("tox"), dict):
        return ToxEdit(
            "pyproject.toml", pyproject, *add_to_native(pyproject, source, "pyproject.toml", prefix=("tool", "tox"))
        )
    tox_toml = _read(root / "tox.toml")
    if tox_toml is not None:
        _loads(tox_toml, "tox.toml")
        return ToxEdit("tox.toml", tox_toml, *add_to_native(tox_toml, source, "tox.toml", prefix=()))
    return ToxEdit("tox.ini", None, *add_to_ini(None, source))


def _loads(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _configuration_error(path, f"not valid TOML: {error}") from error
