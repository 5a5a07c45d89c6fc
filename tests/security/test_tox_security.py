"""`tox -e security` for real, offline with recorded reports: in a consumer project (the README's snippet)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.pre_commit_harness import make_sandbox, run_ok, source_root
from tests.helpers.sample_project import build_mypylogger
from tests.security.recorded import audit_report, bandit_report, dependency, write
from tests.security.scenario import record_scenario


def readme_tox_snippet() -> str:
    readme = (source_root() / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```ini\n# tox.ini\n(?P<ini>\[testenv:security\].*?)```", readme, re.DOTALL)
    assert match is not None, "the README has no tox.ini snippet for the security job"
    return match["ini"]


def test_this_repository_runs_the_same_three_commands() -> None:
    tox_ini = (source_root() / "tox.ini").read_text(encoding="utf-8")
    section = tox_ini.split("[testenv:security]\n", 1)[1].split("\n[", 1)[0]
    commands = [
        line.strip() for line in section.splitlines() if line.startswith("    releasekit") or line.startswith("    - ")
    ]
    snippet = [line.strip() for line in readme_tox_snippet().splitlines() if "releasekit security" in line]
    assert [command.replace("--project {tox_root} ", "") for command in snippet] == commands


@pytest.mark.e2e
def test_tox_security_in_a_consumer_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = make_sandbox(tmp_path / "sandbox", os.environ)
    root = build_mypylogger(tmp_path / "mypylogger")
    snippet = readme_tox_snippet()
    deps = "deps = releasekit[security] @ git+https://github.com/releasekit/releasekit@REV\n"
    assert deps in snippet
    ini = snippet.replace(deps, f"deps = {source_root()}\n")
    (root / "tox.ini").write_text(f"[tox]\nrequires = tox>=4.22\n\n{ini}", encoding="utf-8")
    recorded = record_scenario(tmp_path / "recorded")
    env = {**sandbox.env, "RELEASEKIT_OSV_DIR": str(recorded.osv)}
    tox = [sys.executable, "-m", "tox", "-e", "security", "--"]
    recorded_inputs = ["--audit", str(recorded.audit), "--bandit", str(recorded.bandit), "--now", "2026-12-01"]
    output = run_ok([*tox, *recorded_inputs], root, env)
    assert "releasekit: security grade F: 5 open (1 critical, 1 high, 1 medium, 2 low), scan complete" in output
    first = json.loads((root / "security/status/live-status.json").read_text(encoding="utf-8"))
    assert json.loads((root / "site/security-status.json").read_text(encoding="utf-8")) == first
    assert (root / "site/index.html").is_file()
    (root / "first.json").write_text(json.dumps(first), encoding="utf-8")

    # The next run: urllib3 and requests upgraded, the code fixed; the status folder holds the previous status.
    upgraded = audit_report(
        dependency("requests", "2.32.0"),
        dependency("jinja2", "3.1.0"),
        dependency("urllib3", "2.0.7"),
        dependency("idna", "3.6"),
    )
    audit = write(tmp_path / "recorded/upgraded.json", upgraded)
    bandit = write(tmp_path / "recorded/bandit-clean.json", bandit_report())
    output = run_ok([*tox, "--audit", str(audit), "--bandit", str(bandit), "--now", "2026-12-08"], root, env)
    assert "releasekit: security grade A: 0 open, scan complete" in output
    history = json.loads((root / "security/status/history.json").read_text(encoding="utf-8"))
    assert [scan["scan_date"] for scan in history["scans"]] == ["2026-12-01", "2026-12-08"]
    monkeypatch.chdir(root)
    assert (
        main(["security", "decide", "--previous", "first.json", "--current", "security/status/live-status.json"]) == 0
    )
    decision = capsys.readouterr().out
    assert decision.startswith("releasekit: release (security_auto): Resolved by a change in what the project ships: ")
    assert "- **urllib3 2.0.0**: PYSEC-2026-3; severity critical; now 2.0.7\n" in decision


def clean_audit_of_installed(distribution: str) -> dict[str, object]:
    """What ``pip-audit`` writes for ``distribution``'s installed dependencies when none is vulnerable."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    versions: dict[str, str] = {}
    pending = [distribution]
    while pending:
        try:
            installed = metadata.distribution(pending.pop())
        except metadata.PackageNotFoundError:
            continue
        name = canonicalize_name(installed.metadata["Name"])
        if name in versions:
            continue
        versions[name] = installed.version
        for text in installed.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    versions.pop(canonicalize_name(distribution))
    return audit_report(*(dependency(name, version) for name, version in sorted(versions.items())))


@pytest.mark.e2e
def test_tox_security_on_releasekit_itself(tmp_path: Path) -> None:
    from tests.helpers.pre_commit_harness import copy_working_tree

    sandbox = make_sandbox(tmp_path / "sandbox", os.environ)
    root, _ = copy_working_tree(source_root(), tmp_path / "releasekit", sandbox.env)
    audit = write(tmp_path / "recorded/pip-audit.json", clean_audit_of_installed("releasekit"))
    (tmp_path / "osv").mkdir()
    env = {**sandbox.env, "RELEASEKIT_OSV_DIR": str(tmp_path / "osv")}
    # pip-audit recorded (it needs PyPI), bandit run for real on releasekit's sources.
    output = run_ok(
        [sys.executable, "-m", "tox", "-e", "security", "--", "--audit", str(audit), "--bandit-path", "src"], root, env
    )
    assert "releasekit: bandit: ran, report in " in output
    status = json.loads((root / "security/status/live-status.json").read_text(encoding="utf-8"))
    assert status["scan_status"] == "complete"
    assert {finding["kind"] for finding in status["findings"]} <= {"code"}
    assert f"releasekit: site written to {root / 'site'}: 9 files, grade {status['security_grade']}\n" in output
