"""Add releasekit's hooks to a `.pre-commit-config.yaml` as text: every other byte, comments included, kept.

PyYAML composes the file into nodes that carry their line and column; the new `repos:` item is
inserted after the last line of the last item, in the file's own indentation, and the result is
parsed again and compared with the original before anything is written.
"""

from __future__ import annotations

from typing import Any

import yaml

from releasekit.errors import Category, ReleasekitError
from releasekit.init.source import REPOSITORY, Source
from releasekit.init.templates import pre_commit_config, pre_commit_entry

FILE = ".pre-commit-config.yaml"


def _error(message: str, *, line: int | None = None, column: int | None = None) -> ReleasekitError:
    place = f"{FILE}:{line}:{column}: " if line is not None else f"{FILE}: "
    return ReleasekitError(
        place + message,
        category=Category.CONFIGURATION,
        hint="add the releasekit entry by hand (see `releasekit init --dry-run` on an empty folder for it)",
    )


def _normal(url: str) -> str:
    return url.strip().removesuffix("/").removesuffix(".git").lower()


def _is_releasekit(repo: object, source: Source) -> bool:
    if not isinstance(repo, str):
        return False
    url = _normal(repo)
    return url == _normal(source.repository_url) or url.endswith((f"/{REPOSITORY}", f":{REPOSITORY}"))


def has_releasekit(data: Any, source: Source) -> bool:
    """Whether the parsed config already has releasekit's repository (any revision, any hooks)."""
    repos = data.get("repos") if isinstance(data, dict) else None
    return isinstance(repos, list) and any(
        isinstance(item, dict) and _is_releasekit(item.get("repo"), source) for item in repos
    )


def _end_line(node: yaml.Node) -> int:
    """The 0-based line after which the node's text ends (its last scalar or closing bracket)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end_line(node.value[-1])
    end = node.end_mark
    # A block scalar (`|`, `>`) ends at the start of the line after its text.
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _insert_after(text: str, line: int, block: str) -> str:
    lines = _lines(text)
    head = "".join(lines[: line + 1])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + block + "".join(lines[line + 1 :])


def add_hooks(text: str | None, source: Source) -> str:
    """``text`` with releasekit's repository added to `repos:` (unchanged when it is there already)."""
    if text is None or not text.strip():
        return (text or "") + pre_commit_config(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise _error(f"not valid YAML: {error.problem}", line=line, column=column) from error
    if has_releasekit(data, source):
        return text
    if root is None:  # comments only
        updated = _with_repos(text, source)
    elif isinstance(root, yaml.MappingNode):
        updated = _with_entry(text, root, source)
    else:
        raise _error("the top level is not a mapping")
    _check(data, updated, source)
    return updated


def _with_entry(text: str, root: yaml.MappingNode, source: Source) -> str:
    for key, value in root.value:
        if key.value != "repos":
            continue
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
            return _insert_after(text, key.end_mark.line, pre_commit_entry(source, key=key.start_mark.column))
        if not isinstance(value, yaml.SequenceNode):
            raise _error("`repos` is not a list", line=value.start_mark.line + 1, column=value.start_mark.column + 1)
        if value.flow_style:
            if value.value:
                raise _error(
                    "`repos` is a flow-style list ([...])",
                    line=value.start_mark.line + 1,
                    column=value.start_mark.column + 1,
                )
            # `repos: []` becomes `repos:` with the entry below it; a comment on that line stays.
            emptied = text[: value.start_mark.index].rstrip(" \t") + text[value.end_mark.index :]
            return _insert_after(emptied, key.end_mark.line, pre_commit_entry(source, key=key.start_mark.column))
        first = value.value[0]
        entry = pre_commit_entry(
            source, key=key.start_mark.column, dash=value.start_mark.column, item=first.start_mark.column
        )
        return _insert_after(text, _end_line(value), entry)
    return _with_repos(text, source)


def _with_repos(text: str, source: Source) -> str:
    """No `repos:` key: a new one at the end, at the top level."""
    separator = "" if text.endswith("\n") else "\n"
    return text + separator + "repos:\n" + pre_commit_entry(source)


def _check(before: Any, text: str, source: Source) -> None:
    """The edited text parses to the original plus releasekit's entry, or nothing is written."""
    after = yaml.safe_load(text)
    before = before or {}
    repos_before = before.get("repos") or []
    expected = {**before, "repos": [*repos_before, after["repos"][-1]]}
    if after != expected or not has_releasekit(after, source):  # pragma: no cover - a defect in the insertion above
        raise _error("adding the entry would change the rest of the file")
