"""Severity from OSV records: CVSS v4, then v3, then GitHub's label, then an alias's record, else unknown."""

from __future__ import annotations

from typing import Any

import pytest

from releasekit.security.severity import Level, rate, rate_record, score_vector
from tests.security.recorded import (
    CRITICAL_V3,
    CRITICAL_V4,
    HIGH_V3,
    LOW_V3,
    LOW_V4,
    MEDIUM_V3,
    osv_record,
)

RECORDS: list[tuple[str, dict[str, Any], Level | None]] = [
    ("v3 critical", osv_record("PYSEC-1", "a", cvss_v3=CRITICAL_V3), Level.CRITICAL),
    ("v3 high", osv_record("PYSEC-1", "a", cvss_v3=HIGH_V3), Level.HIGH),
    ("v3 medium", osv_record("PYSEC-1", "a", cvss_v3=MEDIUM_V3), Level.MEDIUM),
    ("v3 low", osv_record("PYSEC-1", "a", cvss_v3=LOW_V3), Level.LOW),
    ("v4 before v3", osv_record("PYSEC-1", "a", cvss_v3=HIGH_V3, cvss_v4=LOW_V4), Level.LOW),
    ("v4 critical", osv_record("PYSEC-1", "a", cvss_v4=CRITICAL_V4), Level.CRITICAL),
    ("cvss before ghsa", osv_record("GHSA-1", "a", cvss_v3=LOW_V3, ghsa_severity="HIGH"), Level.LOW),
    ("ghsa moderate is medium", osv_record("GHSA-1", "a", ghsa_severity="MODERATE"), Level.MEDIUM),
    ("ghsa critical", osv_record("GHSA-1", "a", ghsa_severity="CRITICAL"), Level.CRITICAL),
    ("ghsa low", osv_record("GHSA-1", "a", ghsa_severity="LOW"), Level.LOW),
    (
        "malformed vector falls back",
        osv_record("GHSA-1", "a", cvss_v3="CVSS:3.1/AV:X", ghsa_severity="HIGH"),
        Level.HIGH,
    ),
    ("nothing", osv_record("PYSEC-1", "a"), None),
    ("unknown ghsa label", osv_record("GHSA-1", "a", ghsa_severity="SEVERE"), None),
]


@pytest.mark.parametrize(("record", "expected"), [(r, e) for _, r, e in RECORDS], ids=[name for name, _, _ in RECORDS])
def test_a_record_rates_itself(record: dict[str, Any], expected: Level | None) -> None:
    rated = rate_record(record)
    assert (rated.level if rated else None) == expected


def test_a_vector_in_affected_counts_too() -> None:
    record = osv_record("PYSEC-1", "a")
    record["affected"][0]["severity"] = [{"type": "CVSS_V3", "score": HIGH_V3}]
    assert rate_record(record) is not None
    assert rate_record(record) == (Level.HIGH, "CVSS_V3 of PYSEC-1")


def test_score_vector_rejects_garbage() -> None:
    assert score_vector("CVSS_V3", "not a vector") is None
    assert score_vector("CVSS_V4", "CVSS:4.0/AV:N") is None


def test_an_alias_record_rates_an_unrated_advisory() -> None:
    records = {
        "PYSEC-1": osv_record("PYSEC-1", "a", aliases=["GHSA-1"]),
        "GHSA-1": osv_record("GHSA-1", "a", ghsa_severity="MODERATE"),
    }
    assert rate(["PYSEC-1", "GHSA-1"], records.get) == (Level.MEDIUM, "GitHub severity of GHSA-1")


def test_the_advisory_own_record_comes_before_its_aliases() -> None:
    records = {
        "PYSEC-1": osv_record("PYSEC-1", "a", cvss_v3=LOW_V3),
        "GHSA-1": osv_record("GHSA-1", "a", ghsa_severity="CRITICAL"),
    }
    assert rate(["PYSEC-1", "GHSA-1"], records.get).level is Level.LOW


def test_no_record_anywhere_is_unknown_which_weighs_as_high() -> None:
    nothing: dict[str, dict[str, Any]] = {}
    rated = rate(["PYSEC-1", "CVE-1"], nothing.get)
    assert rated.level is Level.UNKNOWN
    assert rated.level.weight == Level.HIGH.weight
    assert rated.level.at_least_high
    assert not Level.MEDIUM.at_least_high
