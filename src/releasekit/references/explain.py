"""`check --explain`: for each candidate line (a keyword near a number), why it is or is not a reference."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from releasekit._util.globs import matches_any
from releasekit.project.files import list_files, read_text
from releasekit.project.python_statements import read_statements
from releasekit.references import roles as file_roles
from releasekit.references.check import CheckResult, untracked_files
from releasekit.references.discovery import VersionReference, names_a_file
from releasekit.references.scanners.dispatch import IGNORE_MARKER, Patterns, is_environment_lock, scan_text
from releasekit.references.scanners.history import (
    directive_spans,
    history_sections,
    in_last_supporting_sentence,
    is_history_prose,
)


def _file_reason(path: str, nested: tuple[str, ...], exclude: tuple[str, ...]) -> str:
    """Why a whole file is not read, or "" when it is."""
    lowered = path.lower()
    reasons = (
        (lowered.endswith(file_roles.SKIPPED_SUFFIXES), "a binary or generated file"),
        (file_roles.is_history(path), "history: a changelog, release notes, news, a blog post or a record"),
        (file_roles.is_vendored(path), "vendored or third-party code, or type stubs of other packages"),
        (file_roles.is_fixture(path), "test data: a fixture, data or sample tree inside the tests"),
        (file_roles.is_stub_package(path), "a type-stub package"),
        (bool(nested) and path.startswith(nested), "another project: a folder with a project file of its own"),
        (bool(exclude) and matches_any(path, exclude), "excluded by [tool.releasekit] exclude"),
    )
    return next((reason for applies, reason in reasons if applies), "")


def _line_reason(path: str, text: str, span: tuple[int, int], patterns: Patterns, spans: list[tuple[int, int]]) -> str:
    """Why a candidate line holds no reference."""
    start, end = span
    line = text[start:end]
    if IGNORE_MARKER in line:
        return "a `releasekit: ignore` marker"
    if any(low <= start < high for low, high in spans):
        return "inside a history section or a version directive"
    if is_environment_lock(path, text):
        return "an environment's lock or requirements file: its pins are dependencies"
    if path.lower().endswith((".py", ".pyi")):
        statements = read_statements(text)
        number = text.count("\n", 0, start) + 1
        if statements is not None and number in statements.in_strings:
            return "text inside a string literal"
        if file_roles.is_example(path):
            return "an example program: its assignments are the example's"
    for match in patterns.mention.finditer(text, start, end):
        if is_history_prose(text, match.start(), match.end()):
            return "history prose: a past release, a constraint, a dated record or a later release"
        if in_last_supporting_sentence(text, match.start(), match.end()):
            return "names the last release that supported something"
    if path.lower().endswith(file_roles.DATA_SUFFIXES):
        return "a data file, read only for its own kinds"
    return "no reference form: another package, a longer number, or not a version of this project"


def explain(
    root: Path, result: CheckResult, not_counted: list[tuple[VersionReference, str]], *, include_untracked: bool
) -> Iterator[str]:
    """One line per candidate line (or per file never read): what it is and why."""
    project = result.project
    patterns = Patterns(project)
    listing = list_files(root)
    paths = [path for path, _ in listing.records()]
    if include_untracked and listing.git_dir is not None:
        paths += list(untracked_files(root))
    nested = file_roles.nested_project_prefixes(listing.layout)
    judged = {(item.reference.path, item.reference.line, item.reference.column): item for item in result.judged}
    skipped = {(reference.path, reference.line, reference.column): why for reference, why in not_counted}
    expected = result.canonical.version
    for path in sorted(set(paths)):
        read = read_text(root, path, project.config.max_file_size)
        if read.text is None:
            continue
        text = read.text
        lines = [(found.start(), found.end()) for found in patterns.keyword.finditer(text)]
        if not lines and not patterns.always_read(path):
            continue
        reason = _file_reason(path, nested, project.config.exclude)
        if reason:
            yield f"{path}: not read: {reason}"
            continue
        raw = scan_text(path, text, patterns)
        starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
        by_line: dict[int, list[str]] = {}
        for reference in raw:
            number = _line_of(starts, reference.start)
            column = reference.start - starts[number - 1] + 1
            key = (path, number, column)
            if key in judged:
                item = judged[key]
                verdict = f"stale, expected {expected}" if item.stale else "agrees"
            elif key in skipped:
                verdict = f"not counted: {skipped[key]}"
            elif reference.kind in project.config.ignore_kinds:
                verdict = "not counted: its kind is in ignore-kinds"
            elif reference.file_name and names_a_file(root, path, reference.file_name, listing):
                verdict = f"not counted: names a file of the repository ({reference.file_name})"
            else:
                verdict = "not counted: not a version"
            by_line.setdefault(number, []).append(
                f"{path}:{number}:{column}: {reference.kind} {reference.text}: {verdict}"
            )
        spans = [*history_sections(path, text), *directive_spans(text)]
        seen: set[int] = set()
        for start, _ in lines:
            number = _line_of(starts, start)
            if number in seen:
                continue
            seen.add(number)
            if number in by_line:
                yield from by_line.pop(number)
                continue
            line_start = starts[number - 1]
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end == -1 else line_end
            yield f"{path}:{number}: no reference: {_line_reason(path, text, (line_start, line_end), patterns, spans)}"
        for number in sorted(by_line):
            yield from by_line[number]


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right  # noqa: PLC0415

    return bisect_right(starts, offset)
