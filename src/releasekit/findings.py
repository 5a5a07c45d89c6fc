"""Findings: one problem at one place, as every command reports it."""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """A problem at ``path:line:col`` with a code such as RK001."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""

    def render(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text
