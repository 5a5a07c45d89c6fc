"""Reading TOML with errors that name the file, line and column (where a key sits: ``toml_locator``)."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding

_DECODE_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class MalformedTomlError(ReleasekitError):
    """A TOML file that does not parse."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(
            f"{finding.path} is not valid TOML",
            category=Category.CONFIGURATION,
            hint="fix the TOML syntax at that line",
            findings=(finding,),
        )


def _malformed_finding(exc: tomllib.TOMLDecodeError, path: str) -> Finding:
    message = str(exc)
    position = _DECODE_POSITION.search(message)
    line, column = (int(position[1]), int(position[2])) if position else (1, 1)
    reason = _DECODE_POSITION.sub("", message).strip()
    return Finding(path, line, column, "RK903", f"malformed TOML: {reason}")


def load_toml(text: str, path: str) -> dict[str, Any]:
    """Parse TOML ``text``; a syntax error raises with the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MalformedTomlError(_malformed_finding(exc, path)) from exc


def parse_toml(text: str, path: str) -> tuple[dict[str, Any], Finding | None]:
    """Parse TOML ``text``: its data, or empty data and the RK903 finding, for checks that go on to other files."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return {}, _malformed_finding(exc, path)
