"""Which lines of a Python file start a module-level statement, read with ``ast`` (never text inside strings)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import ast


class Statements(NamedTuple):
    """Lines where a module-level assignment or an assertion starts, and lines inside string literals.

    ``assigned`` maps a line to the names assigned there (``__version__ = ...``, also indented in a
    ``try``/``if`` block at module level, never in a function or class). ``in_strings`` holds the
    lines a multi-line string literal covers after its first: a template's ``__version__ = "0.0.1"``.
    """

    assigned: dict[int, frozenset[str]]
    asserted: frozenset[int]
    in_strings: frozenset[int]


def _targets(node: ast.stmt) -> frozenset[str]:
    import ast  # noqa: PLC0415

    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets = [node.target]
    else:
        return frozenset()
    return frozenset(target.id for target in targets if isinstance(target, ast.Name))


def _module_level(body: list[ast.stmt], assigned: dict[int, frozenset[str]]) -> None:
    import ast  # noqa: PLC0415 - only when a file has a candidate line; a warm check never parses

    # Statements whose bodies still run at import time: a ``try/except`` fallback, an ``if`` on the platform.
    blocks = (ast.If, ast.Try, ast.With)
    for node in body:
        names = _targets(node)
        if names:
            assigned[node.lineno] = assigned.get(node.lineno, frozenset()) | names
        if isinstance(node, blocks):
            _module_level(node.body, assigned)
            _module_level(getattr(node, "orelse", []), assigned)
            _module_level(getattr(node, "finalbody", []), assigned)
            for handler in getattr(node, "handlers", []):
                _module_level(handler.body, assigned)


def read_statements(text: str) -> Statements | None:
    """The file's statements, or None when it is not valid Python 3 (a Python 2 file, a template)."""
    import ast  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in old files are not our concern
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    assigned: dict[int, frozenset[str]] = {}
    _module_level(tree.body, assigned)
    asserted = set()
    in_strings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            asserted.add(node.lineno)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)) or isinstance(
            node, ast.JoinedStr
        ):
            end = node.end_lineno or node.lineno
            if end > node.lineno:
                in_strings.update(range(node.lineno + 1, end + 1))
    return Statements(assigned, frozenset(asserted), frozenset(in_strings))
