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
# Advance widths of Verdana at 11px, the face shields badges use (narrow punctuation, wide capitals).
_NARROW = dict.fromkeys(" ,.:;!|ijlrtf()[]", 4.0)
_WIDE = dict.fromkeys("ABCDEFGHKMNOPQRSUVWXYZmw?", 8.5)
_DEFAULT_WIDTH = 6.8
_PADDING = 12


def text_width(text: str) -> int:
    """An estimate of ``text``'s width in the badge font, rounded up."""
    return int(sum(_NARROW.get(char, _WIDE.get(char, _DEFAULT_WIDTH)) for char in text) + 0.999)


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
        return text_width(self.label) + _PADDING

    @property
    def message_width(self) -> int:
        return text_width(self.message) + _PADDING

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
