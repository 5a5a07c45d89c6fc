"""`[tool.releasekit]`: the keys, their validation and the settings they give."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from releasekit._util.toml_locator import key_line
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.references.kinds import KIND_IDS

TABLE = "tool.releasekit"
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
DEFAULT_COMMIT_MESSAGE = "chore(release): bump version {old} \u2192 {new}"
DEFAULT_TAG_NAME = "v{version}"
PRE_RELEASE_STARTS = ("a", "b", "rc")
# The placeholders each template may use (str.format fields).
TEMPLATE_FIELDS = {"commit-message": ("old", "new", "version"), "tag-name": ("version",)}


class VersionSource(NamedTuple):
    """A file holding the canonical version, and an optional regex with a ``version`` group."""

    file: str
    pattern: str | None = None


class ExtraReference(NamedTuple):
    """A user template such as ``mypkg-{version}.tar.gz``, limited to some files."""

    template: str
    files: tuple[str, ...] = ()


class Config(NamedTuple):
    """Validated settings; every key optional."""

    version_source: VersionSource | None = None
    exclude: tuple[str, ...] = ()
    extra_references: tuple[ExtraReference, ...] = ()
    ignore_kinds: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    verify_command: str = ""
    commit_message: str = DEFAULT_COMMIT_MESSAGE
    tag_name: str = DEFAULT_TAG_NAME
    push: bool = True
    pre_release_start: str = "a"


# key -> (expected type, description); the README's table is generated from here.
KEYS: dict[str, tuple[str, str]] = {
    "version-source": (
        "string or table {file, pattern}",
        "file holding the canonical version, for layouts detection cannot infer; "
        "`pattern` is a regex with a `version` group",
    ),
    "exclude": ("list of globs", "files never scanned (`**` matches across folders)"),
    "extra-references": (
        "list of strings or tables {template, files}",
        "extra places the version is written, as templates with `{version}`; `files` limits them to some globs",
    ),
    "ignore-kinds": ("list of kind ids", "reference kinds to leave out (see the kinds table)"),
    "names": ("list of strings", "other names the project goes by in docs, besides its distribution and import names"),
    "max-file-size": ("integer (bytes)", f"files larger than this are skipped (default {DEFAULT_MAX_FILE_SIZE})"),
    "verify-command": (
        "string",
        "quality gate `bump` runs after writing, in the project folder without a shell (e.g. `pytest -q`); "
        "if it fails every file is restored",
    ),
    "commit-message": (
        "string",
        f"template of the bump commit's subject, with `{{old}}` and `{{new}}` (default `{DEFAULT_COMMIT_MESSAGE}`)",
    ),
    "tag-name": ("string", f"template of the release tag, with `{{version}}` (default `{DEFAULT_TAG_NAME}`)"),
    "push": ("boolean", "whether `bump` pushes the commit and the tag (default true)"),
    "pre-release-start": ("`a`, `b` or `rc`", "where `bump pre` starts from a final release (default `a`: 1.2.4a1)"),
    "publish": ("table", "settings of `releasekit publish` (see *Publishing*)"),
}
# Sub-tables whose keys the command that reads them validates.
COMMAND_TABLES = frozenset({"publish"})


class ConfigurationError(ReleasekitError):
    """One or more problems in ``[tool.releasekit]``, each with its place."""

    def __init__(self, findings: list[Finding]) -> None:
        count = len(findings)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in [tool.releasekit]",
            category=Category.CONFIGURATION,
            hint="see the README's table of [tool.releasekit] keys",
            findings=findings,
        )


class _Collector:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.findings: list[Finding] = []

    def add(self, key: str, code: str, message: str, hint: str = "") -> None:
        line = key_line(self.text, TABLE, key)
        self.findings.append(Finding(self.path, line, 1, code, message, hint))

    def wrong_type(self, key: str, expected: str, value: object) -> None:
        self.add(
            key,
            "RK902",
            f"'{key}' in [{TABLE}] must be a {expected}, not {type(value).__name__}",
        )


def _string_list(collector: _Collector, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        collector.wrong_type(key, "list of strings", value)
        return ()
    return tuple(value)


def _closest(word: str, choices: frozenset[str] | list[str]) -> str:
    import difflib  # noqa: PLC0415 - only when a key is misspelt

    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"did you mean '{match[0]}'?" if match else ""


def _version_source(collector: _Collector, value: object) -> VersionSource | None:
    key = "version-source"
    if isinstance(value, str):
        return VersionSource(value)
    if not isinstance(value, dict):
        collector.wrong_type(key, KEYS[key][0], value)
        return None
    unknown = sorted(set(value) - {"file", "pattern"})
    for name in unknown:
        collector.add(key, "RK901", f"unknown key '{name}' in [{TABLE}.{key}]", _closest(name, ["file", "pattern"]))
    file, pattern = value.get("file"), value.get("pattern")
    if not isinstance(file, str):
        collector.add(key, "RK902", f"'{key}' needs 'file' as a string")
        return None
    if pattern is not None:
        if not isinstance(pattern, str):
            collector.wrong_type(key, "string pattern", pattern)
            return None
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            collector.add(key, "RK904", f"'{key}' pattern is not a valid regex: {exc}")
            return None
        if compiled.groups == 0:
            collector.add(key, "RK904", f"'{key}' pattern needs a group capturing the version")
            return None
    return VersionSource(file, pattern)


def _extra_references(collector: _Collector, value: object) -> tuple[ExtraReference, ...]:
    key = "extra-references"
    if not isinstance(value, list):
        collector.wrong_type(key, KEYS[key][0], value)
        return ()
    extras = []
    for item in value:
        files: tuple[str, ...] = ()
        if isinstance(item, str):
            template = item
        elif isinstance(item, dict) and isinstance(item.get("template"), str):
            for name in sorted(set(item) - {"template", "files"}):
                collector.add(key, "RK901", f"unknown key '{name}' in {key}", _closest(name, ["template", "files"]))
            template, files = item["template"], _string_list(collector, key, item.get("files", []))
        else:
            collector.wrong_type(key, "string or table with a 'template' string", item)
            continue
        if template.count("{version}") != 1:
            collector.add(key, "RK904", f"template {template!r} must contain '{{version}}' once")
            continue
        extras.append(ExtraReference(template, files))
    return tuple(extras)


def _template(collector: _Collector, key: str, value: object) -> str | None:
    if not isinstance(value, str):
        collector.wrong_type(key, "string", value)
        return None
    fields = TEMPLATE_FIELDS[key]
    try:
        value.format(**dict.fromkeys(fields, "1.2.3"))
    except (KeyError, IndexError, ValueError) as exc:
        allowed = ", ".join(f"{{{field}}}" for field in fields)
        collector.add(key, "RK904", f"'{key}' template {value!r} is invalid ({exc!r}); it may use {allowed}")
        return None
    if key == "tag-name" and "{version}" not in value:
        collector.add(key, "RK904", f"'{key}' template {value!r} must contain '{{version}}'")
        return None
    return value


def _bump_setting(collector: _Collector, key: str, value: object) -> object:
    """The value of one of the bump's keys, or None after recording what is wrong with it."""
    if key in TEMPLATE_FIELDS:
        return _template(collector, key, value)
    if key == "push":
        if not isinstance(value, bool):
            collector.wrong_type(key, "boolean", value)
            return None
        return value
    if key == "pre-release-start":
        if value not in PRE_RELEASE_STARTS:
            collector.add(key, "RK904", f"'{key}' must be one of 'a', 'b', 'rc', not {value!r}")
            return None
        return value
    if not isinstance(value, str) or not value.strip():
        collector.wrong_type(key, "non-empty string", value)
        return None
    import shlex  # noqa: PLC0415 - only when a gate is configured

    try:
        shlex.split(value)
    except ValueError as exc:
        collector.add(key, "RK904", f"'{key}' is not a valid command line: {exc}")
        return None
    return value


BUMP_KEYS = frozenset({"verify-command", "commit-message", "tag-name", "push", "pre-release-start"})


def parse_config(table: dict[str, Any], text: str, path: str) -> Config:
    """Validate ``[tool.releasekit]``; all problems are raised together."""
    collector = _Collector(text, path)
    settings: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            collector.add(key, "RK901", f"unknown key '{key}' in [{TABLE}]", _closest(key, list(KEYS)))
        elif key in COMMAND_TABLES:
            continue
        elif key == "version-source":
            settings["version_source"] = _version_source(collector, value)
        elif key == "extra-references":
            settings["extra_references"] = _extra_references(collector, value)
        elif key in BUMP_KEYS:
            setting = _bump_setting(collector, key, value)
            if setting is not None:
                settings[key.replace("-", "_")] = setting
        elif key == "max-file-size":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                collector.add(key, "RK902", f"'{key}' in [{TABLE}] must be a positive integer")
            else:
                settings["max_file_size"] = value
        else:
            items = _string_list(collector, key, value)
            if key == "ignore-kinds":
                for kind in items:
                    if kind not in KIND_IDS:
                        collector.add(key, "RK904", f"unknown reference kind '{kind}'", _closest(kind, KIND_IDS))
            settings[key.replace("-", "_")] = items
    if collector.findings:
        raise ConfigurationError(collector.findings)
    return Config(**settings)
