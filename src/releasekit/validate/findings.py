"""A finding about a distribution file or one of its members: `FILE[:MEMBER][:LINE]: CODE message (hint)`."""

from __future__ import annotations

from releasekit.findings import Finding
from releasekit.validate.codes import CODES


class DistFinding(Finding):
    """A `Finding` whose path is ``FILE`` or ``FILE:MEMBER``, with a line only where a member has lines."""

    __slots__ = ()

    def render(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{place}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def dist_finding(file: str, code: str, message: str, *, member: str = "", line: int = 0, hint: str = "") -> Finding:
    """A finding about ``file`` (and ``member`` in it) with the catalog's hint for ``code`` unless one is given."""
    if not hint:
        hint = _hint(code)
    path = f"{file}:{member}" if member else file
    return DistFinding(path, line, 0, code, message, hint)


def _hint(code: str) -> str:
    if code in CODES:
        return CODES[code].hint
    from releasekit.metadata.codes import CODES as METADATA_CODES  # noqa: PLC0415

    return METADATA_CODES[code].hint if code in METADATA_CODES else ""
