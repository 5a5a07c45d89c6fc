"""A project's scan, as recorded reports and OSV records: five findings, one of them with hostile text."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tests.security.recorded import (
    CRITICAL_V3,
    HIGH_V3,
    LOW_V3,
    audit_report,
    bandit_report,
    bandit_result,
    dependency,
    osv_record,
    vuln,
    write,
    write_records,
)

MARKER = "__advisory_script_ran"
# Advisory text is hostile input: each of these would set the marker if the page let it run.
HOSTILE = (
    f'<img src=x onerror="window.{MARKER}=1"><script>window.{MARKER}=2</script>'
    f'<svg onload="window.{MARKER}=3"></svg> sandbox escape via the attr filter'
)


class Scenario(NamedTuple):
    audit: Path
    bandit: Path
    osv: Path


def record_scenario(folder: Path) -> Scenario:
    audit = audit_report(
        dependency(
            "requests",
            "2.31.0",
            vuln("PYSEC-2026-1", fix=["2.32.0"], aliases=["CVE-2026-1"], description="Requests leaks headers."),
        ),
        dependency("jinja2", "3.1.0", vuln("PYSEC-2026-2", description=HOSTILE)),
        dependency("urllib3", "2.0.0", vuln("PYSEC-2026-3", fix=["1.26.18", "2.0.7"])),
        dependency("idna", "3.6", vuln("PYSEC-2026-4", fix=["3.7"], description="Denial of service in idna.encode().")),
        dependency("six", "1.16.0"),
    )
    bandit = bandit_report(
        [
            bandit_result(
                "src/pkg/run.py",
                12,
                test_id="B602",
                severity="LOW",
                text="subprocess call with shell=True identified, security issue.",
                code="subprocess.call(command, shell=True)",
            )
        ]
    )
    osv = write_records(
        folder / "osv",
        osv_record("PYSEC-2026-1", "requests", aliases=["CVE-2026-1", "GHSA-aaaa-bbbb-cccc"], cvss_v3=HIGH_V3),
        osv_record("PYSEC-2026-2", "jinja2", aliases=["GHSA-jjjj-jjjj-jjjj"]),
        osv_record("GHSA-jjjj-jjjj-jjjj", "jinja2", ghsa_severity="MODERATE"),
        osv_record("PYSEC-2026-3", "urllib3", cvss_v3=CRITICAL_V3),
        osv_record("PYSEC-2026-4", "idna", cvss_v3=LOW_V3),
    )
    return Scenario(write(folder / "pip-audit.json", audit), write(folder / "bandit.json", bandit), osv)
