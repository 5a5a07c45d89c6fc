"""The badges: shields.io endpoint documents and the same badges as self-contained SVG."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from releasekit.security.model import LiveStatus
from releasekit.security.severity import ORDER, Level

ENDPOINT_SCHEMA_VERSION = 1
CACHE_SECONDS = 3600
GRADE_COLORS = {"A": "brightgreen", "B": "green", "C": "yellow", "D": "orange", "F": "red", "?": "lightgrey"}
LEVEL_COLORS = {
    Level.CRITICAL: "red",
    Level.HIGH: "orange",
    Level.UNKNOWN: "orange",
    Level.MEDIUM: "yellow",
    Level.LOW: "green",
}
# shields.io's named colours, for the SVG badges drawn here.
HEX = {
    "brightgreen": "#44cc11",
    "green": "#97ca00",
    "yellow": "#dfb317",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "lightgrey": "#9f9f9f",
    "blue": "#007ec6",
}
# Average advance of Verdana 11px, the face shields badges use; wide enough for digits and capitals.
_CHARACTER_WIDTH = 7
_PADDING = 10


@dataclass(frozen=True)
class Badge:
    """One badge: its file name (without extension), label, message and shields colour name."""

    name: str
    label: str
    message: str
    color: str
    is_error: bool = False

    def endpoint(self) -> dict[str, Any]:
        """The shields.io endpoint document (only keys the endpoint schema documents)."""
        document: dict[str, Any] = {
            "schemaVersion": ENDPOINT_SCHEMA_VERSION,
            "label": self.label,
            "message": self.message,
            "color": self.color,
            "cacheSeconds": CACHE_SECONDS,
        }
        if self.is_error:
            document["isError"] = True
        return document

    @property
    def label_width(self) -> int:
        return len(self.label) * _CHARACTER_WIDTH + _PADDING

    @property
    def message_width(self) -> int:
        return len(self.message) * _CHARACTER_WIDTH + _PADDING

    @property
    def hex_color(self) -> str:
        return HEX[self.color]


def _incomplete(status: LiveStatus) -> bool:
    return status.scan_status != "complete"


def grade_badge(status: LiveStatus) -> Badge:
    if status.scan_status == "failed":
        return Badge("grade", "security", "? scan failed", "lightgrey", is_error=True)
    if _incomplete(status):
        return Badge("grade", "security", "? scan incomplete", "lightgrey", is_error=True)
    return Badge("grade", "security", f"grade {status.security_grade}", GRADE_COLORS[status.security_grade])


def vulnerabilities_badge(status: LiveStatus) -> Badge:
    counts = status.vulnerability_summary
    open_levels = [level for level in ORDER if counts.get(level.value)]
    if not open_levels:
        message, color = "none open", "brightgreen"
    else:
        worst = max(open_levels, key=lambda level: level.weight)
        parts = ", ".join(f"{counts[level.value]} {level.value}" for level in open_levels)
        message, color = f"{counts['total']} open: {parts}", LEVEL_COLORS[worst]
    if _incomplete(status):
        # Never clean-looking: the count is what the last complete scan knew, at least.
        message = f"{message} (scan {status.scan_status})"
        color = "lightgrey" if not open_levels else color
    return Badge("vulnerabilities", "vulnerabilities", message, color, is_error=_incomplete(status))


def scan_badge(status: LiveStatus) -> Badge:
    if _incomplete(status):
        return Badge("scan", "security scan", f"{status.scan_status} {status.scan_date}", "lightgrey", is_error=True)
    return Badge("scan", "security scan", f"complete {status.scan_date}", "blue")


def badges(status: LiveStatus) -> tuple[Badge, ...]:
    return (grade_badge(status), vulnerabilities_badge(status), scan_badge(status))
