"""Severity levels and how an OSV record gives one: CVSS v4, then v3, then GHSA's own label."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from cvss import CVSS3, CVSS4, CVSSError


class Level(enum.Enum):
    """A finding's severity; ``unknown`` weighs as much as ``high`` wherever a decision is made."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"

    @property
    def weight(self) -> int:
        """Rank for decisions: unknown counts as high."""
        return _WEIGHTS[self]

    @property
    def at_least_high(self) -> bool:
        return self.weight >= _WEIGHTS[Level.HIGH]


_WEIGHTS = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3, Level.UNKNOWN: 3, Level.CRITICAL: 4}
# Display order, worst first.
ORDER = (Level.CRITICAL, Level.HIGH, Level.MEDIUM, Level.LOW, Level.UNKNOWN)
# CVSS qualitative ratings (the specification's "None" for a 0.0 score is the lowest we report).
_CVSS_RATINGS = {"critical": Level.CRITICAL, "high": Level.HIGH, "medium": Level.MEDIUM, "low": Level.LOW}
# GitHub advisories label their severity in `database_specific.severity`; MODERATE is CVSS's MEDIUM.
_GHSA_LABELS = {
    "CRITICAL": Level.CRITICAL,
    "HIGH": Level.HIGH,
    "MODERATE": Level.MEDIUM,
    "MEDIUM": Level.MEDIUM,
    "LOW": Level.LOW,
}


class Rated(NamedTuple):
    """A severity and where it came from (``CVSS_V3 of GHSA-…``), for the page and the notes."""

    level: Level
    source: str


UNRATED = Rated(Level.UNKNOWN, "no severity in any record")


def score_vector(kind: str, vector: str) -> Level | None:
    """The qualitative rating of a CVSS v4 or v3 vector, scored by the ``cvss`` library; None if malformed."""
    try:
        rating = CVSS4(vector).severity if kind == "CVSS_V4" else CVSS3(vector).severities()[0]
    except (CVSSError, ValueError, KeyError, IndexError):
        return None
    return _CVSS_RATINGS.get(str(rating).lower(), Level.LOW)


def _vectors(record: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    yield from _entries(record.get("severity"))
    for affected in _entries(record.get("affected")):
        yield from _entries(affected.get("severity"))


def _entries(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def rate_record(record: Mapping[str, Any]) -> Rated | None:
    """One record's own severity: a CVSS v4 vector, else v3, else GHSA's label; None when it has none."""
    name = str(record.get("id", "?"))
    vectors = list(_vectors(record))
    for kind in ("CVSS_V4", "CVSS_V3"):
        for entry in vectors:
            if entry.get("type") == kind and isinstance(entry.get("score"), str):
                level = score_vector(kind, entry["score"])
                if level is not None:
                    return Rated(level, f"{kind} of {name}")
    specific = record.get("database_specific")
    label = specific.get("severity") if isinstance(specific, Mapping) else None
    if isinstance(label, str) and label.upper() in _GHSA_LABELS:
        return Rated(_GHSA_LABELS[label.upper()], f"GitHub severity of {name}")
    return None


def rate(ids: Iterable[str], lookup: Callable[[str], Mapping[str, Any] | None]) -> Rated:
    """The first id (in order: the finding's own, then its aliases) whose record rates itself."""
    for advisory in ids:
        record = lookup(advisory)
        if record is not None:
            rated = rate_record(record)
            if rated is not None:
                return rated
    return UNRATED
