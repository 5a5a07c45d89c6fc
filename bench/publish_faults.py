"""The fault campaign: 20 consecutive releases through a proxy failing 30% of uploads, releasekit beside twine.

Each release (an sdist and a wheel of a tiny project built with the real `build`) is published to a
real pypiserver (htpasswd auth, overwrite disabled) through the fault proxy of the tests, which fails
30% of upload requests at random, in every transient way (reset mid-body, reset after forwarding,
503, 502 after forwarding, a stall past the client's timeout, 429 with Retry-After). A tool gets at
most two runs per release. Measured per tool: releases complete (every file on the index with the
built sha256) after one run and after two; runs that exit 0 while a file is missing or different
(false successes); runs that fail on "already exists" for a file that had in fact landed. Then one
release with a byte flipped in flight: does the tool notice?

twine's `--skip-existing` is not measured: twine 7 refuses it for any index but PyPI and TestPyPI
("UnsupportedConfiguration"), so it cannot run against a local index.

    python bench/publish_faults.py [--releases 20] [--rate 0.3] [--seed 1] [--json bench/results/publish_faults.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.fault_proxy import TRANSIENT_FAULTS, FaultPlan, running_proxy
from tests.helpers.index_server import PASSWORD, USER, IndexServer, running_index
from tests.helpers.publish_dists import DistBuilder

BIN = Path(sys.executable).parent
CLIENT_TIMEOUT = 2.0
STALL = 5.0  # past releasekit's timeout; twine has none, so a stall costs it the whole stall


@dataclass
class ToolResult:
    tool: str
    releases: int = 0
    complete_after_one_run: int = 0
    complete_after_two_runs: int = 0
    false_successes: int = 0
    already_exists_failures: int = 0
    runs: int = 0
    upload_requests: int = 0
    faults_injected: int = 0
    seconds: float = 0.0
    flipped_byte_exit: int | None = None
    flipped_byte_noticed: bool = False
    details: list[dict[str, object]] = field(default_factory=list)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def complete(index: IndexServer, files: list[Path]) -> bool:
    stored = index.packages
    return all((stored / path.name).is_file() and sha256(stored / path.name) == sha256(path) for path in files)


def releasekit_run(url: str, files: list[Path], workdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TWINE_USERNAME": USER, "TWINE_PASSWORD": PASSWORD}
    report = str(workdir / "report.json")
    argv = [str(BIN / "releasekit"), "publish", *map(str, files), "--repository-url", url, "--no-validate",
            "--timeout", str(CLIENT_TIMEOUT), "--verify-timeout", "10", "--report", report]  # fmt: skip
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=workdir, check=False)


def twine_run(url: str, files: list[Path], _workdir: Path) -> subprocess.CompletedProcess[str]:
    argv = [str(BIN / "twine"), "upload", "--non-interactive", "--disable-progress-bar", "--repository-url", url,
            "-u", USER, "-p", PASSWORD, *map(str, files)]  # fmt: skip
    return subprocess.run(argv, capture_output=True, text=True, check=False)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _last_error(output: str) -> str:
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or [""])[-1][:200]


Runner = Callable[[str, list[Path], Path], "subprocess.CompletedProcess[str]"]


def campaign(tool: str, runner: Runner, builder: DistBuilder, args: argparse.Namespace, workdir: Path) -> ToolResult:
    result = ToolResult(tool)
    plan = FaultPlan(rate=args.rate, kinds=TRANSIENT_FAULTS, seed=args.seed)
    started = time.monotonic()
    with running_index(workdir / f"index-{tool}") as index, running_proxy(index.address, plan) as proxy:
        proxy.stall_seconds = STALL
        for number in range(args.releases):
            files = sorted(builder.build(f"1.0.{number}").iterdir())
            result.releases += 1
            outcomes = []
            for run_number in (1, 2):
                completed = runner(proxy.url, files, workdir)
                result.runs += 1
                done = complete(index, files)
                output = completed.stdout + completed.stderr
                if completed.returncode == 0 and not done:
                    result.false_successes += 1
                if completed.returncode != 0 and (
                    "already exist" in output.lower() or "400 bad request" in output.lower()
                ):
                    result.already_exists_failures += 1
                outcome: dict[str, object] = {"run": run_number, "exit": completed.returncode, "complete": done}
                if completed.returncode:
                    outcome["error"] = _last_error(output)
                outcomes.append(outcome)
                if done and completed.returncode == 0:
                    break
            if outcomes[0]["complete"] and outcomes[0]["exit"] == 0:
                result.complete_after_one_run += 1
            if complete(index, files):
                result.complete_after_two_runs += 1
            result.details.append({"version": f"1.0.{number}", "runs": outcomes})
        # One release more, with a byte of the first upload flipped in flight: pypiserver stores it.
        files = sorted(builder.build("2.0.0").iterdir())
        plan.script = ["flip-byte"]
        plan.rate = 0.0
        completed = runner(proxy.url, files, workdir)
        result.flipped_byte_exit = completed.returncode
        result.flipped_byte_noticed = completed.returncode != 0 and files[0].name in completed.stdout + completed.stderr
    result.upload_requests = sum(1 for method, path, _fault in plan.log if method == "POST" and path == "/")
    result.faults_injected = len(plan.faults()) - 1
    result.seconds = round(time.monotonic() - started, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20)
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=Path("bench/results/publish_faults.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="publish-faults-") as temporary:
        workdir = Path(temporary)
        builder = DistBuilder(workdir / "builds", name="rkbench")
        results = [
            campaign("releasekit publish", releasekit_run, builder, args, workdir),
            campaign("twine upload", twine_run, builder, args, workdir),
        ]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([asdict(result) for result in results], indent=2) + "\n", encoding="utf-8")
    print(f"{args.releases} releases, {args.rate:.0%} of uploads failing, seed {args.seed}\n")
    print("| tool | complete after 1 run | after 2 runs | false successes | failures on a file already there | runs | "
          "upload requests | faults | flipped byte: exit, noticed | seconds |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r.tool} | {r.complete_after_one_run}/{r.releases} | {r.complete_after_two_runs}/{r.releases} | "
              f"{r.false_successes} | {r.already_exists_failures} | {r.runs} | {r.upload_requests} | "
              f"{r.faults_injected} | {r.flipped_byte_exit}, {'yes' if r.flipped_byte_noticed else 'no'} | "
              f"{r.seconds} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
