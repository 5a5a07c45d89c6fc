"""`releasekit security scan|status|site|decide` in-process: exit codes, exact output, files written."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from releasekit._util.process import CommandResult
from releasekit.cli.main import main
from releasekit.security.osv import ApiRecords
from releasekit.security.scan import scan
from tests.security.recorded import audit_report, bandit_report, dependency, osv_record, write, write_records
from tests.security.scenario import record_scenario


def run_job(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    recorded = record_scenario(tmp_path / "recorded")
    scan_args = ["security", "scan", "--out", "scan", "--audit", str(recorded.audit), "--bandit", str(recorded.bandit)]
    assert main([*scan_args, "--now", "2026-12-01T06:00:00Z"]) == 0
    assert main(["security", "status", "--scan", "scan", "--osv", str(recorded.osv), "--out", "status"]) == 0
    assert main(["security", "site", "--status", "status/live-status.json", "--out", "site"]) == 0
    return capsys.readouterr().out.replace(str(tmp_path), "TMP")


def test_scan_status_site(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_job(in_tmp, capsys) == (
        "releasekit: pip-audit: recorded TMP/recorded/pip-audit.json, report in scan/pip-audit.json\n"
        "releasekit: bandit: recorded TMP/recorded/bandit.json, report in scan/bandit.json\n"
        "releasekit: security grade F: 5 open (1 critical, 1 high, 1 medium, 2 low), scan complete; "
        "wrote status/live-status.json\n"
        "releasekit: site written to site: 9 files, grade F\n"
    )
    status = json.loads((in_tmp / "status/live-status.json").read_text(encoding="utf-8"))
    assert list(status)[:12] == [
        "schema_version",
        "last_updated",
        "scan_date",
        "scan_status",
        "last_successful_scan",
        "vulnerability_summary",
        "findings",
        "security_grade",
        "days_since_last_vulnerability",
        "remediation_status",
        "scan_problems",
        "dependencies",
    ]
    assert (status["last_updated"], status["scan_date"]) == ("2026-12-01T06:00:00Z", "2026-12-01")
    assert set(status["findings"][0]) >= {
        "finding_id",
        "aliases",
        "package",
        "installed_version",
        "fix_versions",
        "severity",
        "description",
        "discovered_date",
        "days_since_discovery",
        "remediation_plan",
    }
    assert json.loads((in_tmp / "site/security-status.json").read_text(encoding="utf-8")) == status
    assert "<h1>Security status</h1>" in (in_tmp / "site/index.html").read_text(encoding="utf-8")
    (in_tmp / "pyproject.toml").write_text('[project]\nname = "demo<pkg>"\n', encoding="utf-8")
    assert main(["security", "site", "--status", "status/live-status.json", "--out", "site"]) == 0
    assert "<h1>demo&lt;pkg&gt; security status</h1>" in (in_tmp / "site/index.html").read_text(encoding="utf-8")
    assert sorted(str(path.relative_to(in_tmp / "site")) for path in (in_tmp / "site").rglob("*.*")) == [
        "badges/grade.json",
        "badges/grade.svg",
        "badges/scan.json",
        "badges/scan.svg",
        "badges/vulnerabilities.json",
        "badges/vulnerabilities.svg",
        "history.json",
        "index.html",
        "security-status.json",
    ]


def test_the_next_run_reads_the_previous_status_beside_its_output(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_job(in_tmp, capsys)
    write(in_tmp / "fixed.json", audit_report(dependency("requests", "2.32.0"), dependency("six", "1.16.0")))
    write(in_tmp / "bandit-clean.json", bandit_report())
    args = ["security", "status", "--audit", "fixed.json", "--bandit", "bandit-clean.json", "--osv", "recorded/osv"]
    args += ["--out", "status"]
    assert main([*args, "--now", "2026-12-08"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: security grade A: 0 open, scan complete; wrote status/live-status.json\n"
    )
    history = json.loads((in_tmp / "status/history.json").read_text(encoding="utf-8"))
    assert [scan["scan_date"] for scan in history["scans"]] == ["2026-12-01", "2026-12-08"]
    assert history["last_resolved_date"] == "2026-12-08"


def decide_pair(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_job(in_tmp, capsys)
    (in_tmp / "status/live-status.json").rename(in_tmp / "previous.json")
    upgraded = audit_report(
        dependency("requests", "2.32.0"),
        dependency("urllib3", "2.0.7"),
        dependency("jinja2", "3.1.0"),
        dependency("idna", "3.6"),
    )
    write(in_tmp / "upgraded.json", upgraded)
    write_records(in_tmp / "recorded/osv", osv_record("PYSEC-2026-2", "jinja2", withdrawn="2026-12-05T00:00:00Z"))
    args = ["security", "status", "--audit", "upgraded.json", "--bandit", "scan/bandit.json", "--osv", "recorded/osv"]
    args += ["--previous", "previous.json"]
    assert main([*args, "--out", "current", "--now", "2026-12-08"]) == 0
    capsys.readouterr()


def test_decide_text(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decide_pair(in_tmp, capsys)
    assert main(["security", "decide", "--previous", "previous.json", "--current", "current/live-status.json"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: release (security_auto): Resolved by a change in what the project ships: "
        "PYSEC-2026-3 in urllib3 (critical), PYSEC-2026-1 in requests (high). "
        "Withdrawn or no longer reported for the same version, no release: "
        "PYSEC-2026-2 in jinja2 (medium), PYSEC-2026-4 in idna (low).\n"
        "  resolved: PYSEC-2026-3 in urllib3 (critical)\n"
        "  resolved: PYSEC-2026-1 in requests (high)\n"
        "  withdrawn: PYSEC-2026-2 in jinja2 (medium)\n"
        "  withdrawn: PYSEC-2026-4 in idna (low)\n"
        "\n"
        "## Security\n"
        "\n"
        "### Resolved\n"
        "\n"
        "- **urllib3 2.0.0**: PYSEC-2026-3; severity critical; now 2.0.7\n"
        "- **requests 2.31.0**: PYSEC-2026-1, CVE-2026-1, GHSA-aaaa-bbbb-cccc; severity high; now 2.32.0\n"
        "\n"
        "### Withdrawn advisories\n"
        "\n"
        "- **jinja2 3.1.0**: PYSEC-2026-2, GHSA-jjjj-jjjj-jjjj; severity medium; no fixed version yet\n"
        "- **idna 3.6**: PYSEC-2026-4; severity low; fixed in 3.7\n"
    )


def test_decide_json_and_github_output(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    decide_pair(in_tmp, capsys)
    output = in_tmp / "github-output"
    output.write_text("earlier=1\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(in_tmp / "summary.md"))
    args = ["security", "decide", "--previous", "previous.json", "--current", "current/live-status.json"]
    assert main([*args, "--format", "json"]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert (decision["should_release"], decision["trigger_type"]) == (True, "security_auto")
    assert [change["change_type"] for change in decision["security_changes"]] == ["resolved", "resolved"] + [
        "withdrawn"
    ] * 2
    assert output.read_text(encoding="utf-8") == "earlier=1\nshould_release=true\ntrigger_type=security_auto\n"
    summary = (in_tmp / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith(
        "### Release decision: release (security_auto)\n\nResolved by a change in what the project ships: PYSEC-2026-3"
    )
    assert summary.endswith(decision["release_notes"] + "\n")
    # The same pair the other way round: the findings come back, the critical one calls for a release too.
    back = ["security", "decide", "--previous", "current/live-status.json", "--current", "previous.json"]
    assert main([*back, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["should_release"] is True
    # No change: no release, and the output says so.
    same = ["security", "decide", "--previous", "previous.json", "--current", "previous.json"]
    assert main(same) == 0
    assert capsys.readouterr().out.startswith(
        "releasekit: no release (none): No release: No security changes since the previous scan.\n"
    )
    assert output.read_text(encoding="utf-8").endswith("should_release=false\ntrigger_type=none\n")


def test_outside_actions_github_output_is_left_alone(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    decide_pair(in_tmp, capsys)
    monkeypatch.setenv("GITHUB_OUTPUT", str(in_tmp / "github-output"))
    assert main(["security", "decide", "--previous", "previous.json", "--current", "previous.json", "--manual"]) == 0
    assert capsys.readouterr().out.startswith("releasekit: release (manual): Manual release. No security changes")
    assert not (in_tmp / "github-output").exists()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["security", "status", "--audit", "missing.json"],
            2,
            "releasekit: error: missing.json: no such pip-audit report\n",
        ),
        (
            ["security", "status"],
            2,
            "releasekit: error: nothing to read\nreleasekit: hint: pass --scan FOLDER or --audit FILE\n",
        ),
        (
            ["security", "decide", "--previous", "bad.json", "--current", "bad.json"],
            1,
            "releasekit: error: bad.json: not a releasekit live-status.json: not a JSON object\n"
            "releasekit: hint: pass a live-status.json written by `releasekit security status`\n",
        ),
        (
            ["security", "scan", "--audit", "bad.json"],
            1,
            "releasekit: error: bad.json: not a pip-audit JSON report: no `dependencies` list\n"
            "releasekit: hint: record it with `pip-audit -f json`\n",
        ),
        (
            ["security", "status", "--scan", "nowhere"],
            2,
            "releasekit: error: nowhere/scan.json: no scan here\n"
            "releasekit: hint: run `releasekit security scan --out FOLDER` first\n",
        ),
        (
            ["security", "scan", "--now", "Tuesday"],
            2,
            "releasekit: error: --now 'Tuesday' is not an ISO date or date-time\n",
        ),
    ],
    ids=["missing report", "no input", "malformed status", "malformed recorded report", "no scan folder", "bad date"],
)
def test_bad_input(in_tmp: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str) -> None:
    (in_tmp / "bad.json").write_text("[]", encoding="utf-8")
    assert main(argv) == code
    assert capsys.readouterr().err == message


def test_scan_runs_bandit_and_a_failing_pip_audit_for_real(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(in_tmp / "cache"))  # pip-audit's and bandit's caches
    source = in_tmp / "src"
    source.mkdir()
    (source / "run.py").write_text("import subprocess\n\nsubprocess.call('ls', shell=True)\n", encoding="utf-8")
    # pip-audit on a folder that is no project fails at once (no network needed): the scan says so.
    args = ["security", "scan", "--out", "scan", "--project", "no-project", "--bandit-path", "src"]
    assert main([*args, "--now", "2026-12-01"]) == 4
    captured = capsys.readouterr()
    assert captured.out == "releasekit: bandit: ran, report in scan/bandit.json\n"
    assert captured.err.startswith("releasekit: pip-audit failed: exit ")
    assert captured.err.endswith("releasekit: the status will say the scan failed; it keeps the last known findings\n")
    assert main(["security", "status", "--scan", "scan", "--osv", "scan", "--out", "status"]) == 0
    status = json.loads((in_tmp / "status/live-status.json").read_text(encoding="utf-8"))
    assert (status["scan_status"], status["security_grade"]) == ("failed", "?")
    assert [(f["package"], f["description"][:5], f["kind"]) for f in status["findings"]] == [
        ("src/run.py", test_id, "code") for test_id in ("B404:", "B602:", "B607:")
    ]


def test_scan_commands_are_the_documented_ones(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def recording_runner(argv: list[str], **_: object) -> CommandResult:
        calls.append(list(argv))
        return CommandResult(tuple(argv), 1, b"", b"boom\n")

    manifest = scan(
        tmp_path / "scan", project=tmp_path, bandit_paths=["src"], scanned_at="x", runner=recording_runner, python="py"
    )
    assert calls == [
        ["py", "-m", "pip_audit", "--strict", "--format", "json", "--desc", "on", "--aliases", "on",
         "--progress-spinner", "off", "--output", str(tmp_path / "scan/pip-audit.json"), str(tmp_path)],
        ["py", "-m", "bandit", "--recursive", "--format", "json", "--output", str(tmp_path / "scan/bandit.json"),
         "--quiet", "src"],
    ]  # fmt: skip
    assert manifest["tools"] == {"pip-audit": {"failed": "exit 1: boom"}, "bandit": {"failed": "exit 1: boom"}}


@pytest.fixture
def osv_api(tmp_path: Path) -> Iterator[str]:
    """A loopback server laid out like the OSV API: GET /v1/vulns/{id}."""
    root = tmp_path / "api"
    write_records(root / "v1/vulns", osv_record("PYSEC-9", "a", aliases=["GHSA-9"], ghsa_severity="CRITICAL"))
    for path in (root / "v1/vulns").glob("*.json"):
        path.rename(path.with_suffix(""))

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_osv_api_through_a_session(osv_api: str) -> None:
    with requests.Session() as session:
        records = ApiRecords(session, osv_api)
        assert records.record("PYSEC-9") is not None
        assert records.record("PYSEC-404") is None
        assert records.problems == []
        broken = ApiRecords(session, "http://127.0.0.1:9")  # discard port: nothing listens
        assert broken.record("PYSEC-9") is None
        assert broken.problems == ["OSV lookup of PYSEC-9 failed: ConnectionError"]


def test_status_through_the_osv_api(in_tmp: Path, capsys: pytest.CaptureFixture[str], osv_api: str) -> None:
    write(in_tmp / "audit.json", audit_report(dependency("a", "1.0", {"id": "PYSEC-9", "fix_versions": []})))
    assert main(["security", "status", "--audit", "audit.json", "--osv-url", osv_api, "--now", "2026-12-01"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: security grade F: 1 open (1 critical), scan complete; wrote security/status/live-status.json\n"
    )
    assert sys.modules["requests"] is requests
