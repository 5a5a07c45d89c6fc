"""GitHub Actions simulated at its boundary: a job's `run:` steps, for real, in a local workspace.

What a runner gives a step is simulated: the default variables (GITHUB_ACTIONS, GITHUB_REF, …), the
event payload at GITHUB_EVENT_PATH, a GITHUB_OUTPUT file per step and one GITHUB_STEP_SUMMARY per
job, and the OIDC request variables only when the job may write `id-token`. `${{ }}` expressions in
a step's `env:` and `if:` come from a table the test gives (an expression the test did not foresee
fails it). The actions a step `uses:` are stood in for: checkout and setup-python are the workspace
and the test's Python as they are, the artifact actions copy folders, configure-pages answers the
site's address and deploy-pages copies the site where a loopback server serves it; every other
action fails the test. `gh`, GitHub's command line, is a stand-in that records its arguments
(``Runner.gh_calls``) and prints the answer the test set for a command (``Runner.gh_answers``,
by its first two words): what a step asks of GitHub's API is asserted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*(?P<expression>.*?)\s*\}\}")
_TIMEOUT = 600


@dataclass
class StepResult:
    name: str
    outcome: str  # success, failure or skipped
    output: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class JobResult:
    name: str
    steps: list[StepResult]
    summary: str

    @property
    def succeeded(self) -> bool:
        return all(step.outcome != "failure" for step in self.steps)

    def step(self, name: str) -> StepResult:
        (found,) = (step for step in self.steps if step.name == name)
        return found

    @property
    def output(self) -> str:
        return "\n".join(f"## {step.name}: {step.outcome}\n{step.output}" for step in self.steps)


@dataclass
class Runner:
    """One simulated runner: a workspace, its environment, the artifacts store and the expression table."""

    workspace: Path
    home: Path
    env: dict[str, str]
    expressions: dict[str, str]
    event: dict[str, Any]
    oidc: Mapping[str, str] = field(default_factory=dict)  # ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN
    pages_url: str = ""  # what configure-pages answers
    pages_folder: Path | None = None  # where deploy-pages puts the site (a loopback server serves it)

    def __post_init__(self) -> None:
        self.artifacts = self.home / "artifacts"
        self.artifacts.mkdir(parents=True, exist_ok=True)
        self.event_path = self.home / "event.json"
        self.event_path.write_text(json.dumps(self.event), encoding="utf-8")
        self.bin = self.home / "bin"
        self.bin.mkdir(exist_ok=True)
        self.gh_answers: dict[str, str] = {}
        gh = self.bin / "gh"
        gh.write_text(
            f"#!{sys.executable}\n"
            "import json, pathlib, sys\n"
            f"home = pathlib.Path({str(self.home)!r})\n"
            "with (home / 'gh-calls').open('a') as calls:\n"
            "    calls.write(json.dumps(sys.argv[1:]) + '\\n')\n"
            "answers = json.loads((home / 'gh-answers.json').read_text())\n"
            "sys.stdout.write(answers.get(' '.join(sys.argv[1:3]), ''))\n",
            encoding="utf-8",
        )
        gh.chmod(0o755)

    @property
    def gh_calls(self) -> list[list[str]]:
        calls = self.home / "gh-calls"
        lines = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
        return [json.loads(line) for line in lines]

    def expand(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            expression = match["expression"]
            assert expression in self.expressions, f"the test gives no value for ${{{{ {expression} }}}}"
            return self.expressions[expression]

        return _EXPRESSION.sub(value, text)

    def _condition(self, step: dict[str, Any], failed: bool) -> bool:
        condition = str(step.get("if", "success()"))
        if condition == "always()":
            return True
        if condition == "success()":
            return not failed
        if failed:
            return False
        expanded = self.expand(condition if "${{" in condition else f"${{{{ {condition} }}}}")
        assert expanded in ("true", "false"), f"if: {condition} gave {expanded!r}"
        return expanded == "true"

    def run_job(self, workflow: Path, job_name: str, *, skip: tuple[str, ...] = ()) -> JobResult:
        """Run ``job_name`` of ``workflow``: each `run:` for real, each `uses:` stood in for.

        ``skip`` names steps the test answers itself (a step that would reach GitHub's servers).
        """
        job = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"][job_name]
        (self.home / "gh-answers.json").write_text(json.dumps(self.gh_answers), encoding="utf-8")
        summary = self.home / f"summary-{job_name}.md"
        summary.write_text("", encoding="utf-8")
        job_env = {
            **self.env,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_EVENT_PATH": str(self.event_path),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_JOB": job_name,
            "RUNNER_TEMP": str(self.home),
            "PATH": os.pathsep.join((str(self.bin), str(Path(sys.executable).parent), self.env["PATH"])),
        }
        if job.get("permissions", {}).get("id-token") == "write":
            job_env.update(self.oidc)  # GitHub sets these only for a job that may ask for a token
        results: list[StepResult] = []
        failed = False
        for index, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
            if name in skip or not self._condition(step, failed):
                results.append(StepResult(name, "skipped"))
                continue
            result = self._uses(step, name) if "uses" in step else self._run(step, name, index, job_env)
            results.append(result)
            if step.get("id"):
                self.expressions.update(
                    {f"steps.{step['id']}.outputs.{key}": value for key, value in result.outputs.items()}
                )
            failed = failed or result.outcome == "failure"
        return JobResult(job_name, results, summary.read_text(encoding="utf-8"))

    def _run(self, step: dict[str, Any], name: str, index: int, job_env: dict[str, str]) -> StepResult:
        script = self.home / f"step-{index}.sh"
        script.write_text(step["run"], encoding="utf-8")
        outputs = self.home / f"output-{index}"
        outputs.write_text("", encoding="utf-8")
        env = {**job_env, "GITHUB_OUTPUT": str(outputs)}
        env.update({key: self.expand(str(value)) for key, value in step.get("env", {}).items()})
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            timeout=_TIMEOUT,
        )
        values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
        return StepResult(name, "success" if completed.returncode == 0 else "failure", completed.stdout, values)

    def _uses(self, step: dict[str, Any], name: str) -> StepResult:
        action = str(step["uses"]).split("@", 1)[0]
        given = {key: self.expand(str(value)) for key, value in step.get("with", {}).items()}
        if action in ("actions/checkout", "actions/setup-python"):
            return StepResult(name, "success")  # the workspace and the test's Python, as they are
        if action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            source = self.workspace / given["path"]
            target = self.artifacts / given.get("name", "github-pages")
            shutil.rmtree(target, ignore_errors=True)
            if source.is_dir():
                shutil.copytree(source, target)
            elif source.is_file():
                target.mkdir()
                shutil.copy2(source, target)
            return StepResult(name, "success")
        if action == "actions/download-artifact":
            source = self.artifacts / given["name"]
            shutil.copytree(source, self.workspace / given["path"], dirs_exist_ok=True)
            return StepResult(name, "success")
        if action == "actions/configure-pages":
            return StepResult(name, "success", outputs={"base_url": self.pages_url})
        if action == "actions/deploy-pages" and self.pages_folder is not None:
            shutil.rmtree(self.pages_folder, ignore_errors=True)
            shutil.copytree(self.artifacts / given.get("artifact_name", "github-pages"), self.pages_folder)
            return StepResult(name, "success", outputs={"page_url": self.pages_url + "/"})
        raise AssertionError(f"no stand-in for the action {action}")
