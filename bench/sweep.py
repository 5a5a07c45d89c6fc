#!/usr/bin/env python3
"""Run ``releasekit check`` with zero configuration on the sweep's projects at their last release tags.

Standard library only, plus the installed ``releasekit`` (``--releasekit`` names its console
script). For each line ``name github:OWNER/REPO [TAG ...]`` of ``bench/sweep_projects.txt``
(``--projects``), the fetched bare mirror ``/work/.mirror/OWNER+REPO/repo`` (``--mirrors``) is
cloned at each of its last three release tags, or at the tags the line names (a full clone,
tags included, as a developer has it), and the newest of them once more with its tags deleted
and its history cut to one commit (what ``actions/checkout`` and pre-commit.ci give). Each
checkout gets ``releasekit version --json`` and ``releasekit check --no-cache --list``.

``--compare OLD_RELEASEKIT`` instead runs ``check --no-cache --format json`` with both builds at
each project's newest tag and prints which references only one of them finds: what a change to
discovery dropped (recall lost, or a false alarm fixed) and what it added.

Reported per checkout: the exit code, the canonical version and whether it equals the tag's
version, and every finding. Verdicts on findings (genuine stale line or false alarm) are a
reader's judgement and are written in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
_TAG_VERSION = re.compile(r"^(?:.*?[-_/])?[vV]?(?P<v>\d+(?:[._]\d+)*(?:[._-]?(?:a|b|rc|alpha|beta|post)\d*)*)$")
_RELEASE = re.compile(r"^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?$")
_PRE_ORDER = {"a": 0, "b": 1, "rc": 2, None: 3}


class Run(NamedTuple):
    """One checkout's results."""

    project: str
    tag: str
    shallow: bool
    expected: str
    canonical: str
    method: str
    code: int
    findings: list[str]
    summary: str
    references: int
    seconds: float


def _normal(text: str) -> str:
    """A tag's version in PEP 440 normal form (enough of it for release tags: 1.2.3, 1.2.3rc1, 2.9.0.post0)."""
    text = text.replace("_", ".").lower().replace("alpha", "a").replace("beta", "b")
    text = re.sub(r"[.-]?(a|b|rc)(\d*)", lambda m: f"{m[1]}{m[2] or 0}", text)
    text = re.sub(r"[.-]?post(\d*)", lambda m: f".post{m[1] or 0}", text)
    match = _RELEASE.match(text)
    if match is None:
        return text
    release = ".".join(str(int(part)) for part in match[1].split("."))
    while release.endswith(".0") and release.count(".") > 2:
        release = release[:-2]
    pre = f"{match[2]}{int(match[3])}" if match[2] else ""
    post = f".post{int(match[4])}" if match[4] else ""
    return release + pre + post


def _tag_version(tag: str) -> str:
    match = _TAG_VERSION.match(tag)
    return _normal(match["v"]) if match else tag


def _sort_key(version: str) -> tuple[object, ...]:
    match = _RELEASE.match(version)
    if match is None:
        return ((-1,),)
    release = tuple(int(part) for part in match[1].split("."))
    release += (0,) * (6 - len(release))
    return (release, _PRE_ORDER[match[2]], int(match[3] or 0), int(match[4] or -1))


def release_tags(git_dir: Path, count: int) -> list[tuple[str, str]]:
    """The last ``count`` release tags, by version: ``(tag, version)``."""
    tags = subprocess.run(
        ["git", "--git-dir", str(git_dir), "tag"], capture_output=True, text=True, check=True
    ).stdout.split()
    found: dict[str, str] = {}
    for tag in tags:
        match = _TAG_VERSION.match(tag)
        if match is None:
            continue
        version = _normal(match["v"])
        if _RELEASE.match(version) and "." in version:
            found.setdefault(version, tag)
    newest = sorted(found, key=_sort_key)[-count:]
    return [(found[version], version) for version in newest]


def _git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def checkout(mirror: Path, tag: str, target: Path, *, shallow: bool) -> None:
    """A clone at ``tag``; ``shallow``: then its tags deleted and its history cut to one commit.

    Files of 4 MiB and more are absent from the fetched snapshots: they stay in the index,
    marked skip-worktree, and are not written (releasekit skips them as missing).
    """
    _git("clone", "-q", "--shared", "--no-checkout", "--branch", tag, str(mirror), str(target))
    _git("read-tree", "HEAD", cwd=target)
    listing = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=target, capture_output=True, check=True).stdout.split(
        b"\0"
    )
    blobs = {record.split(b" ")[1]: record.partition(b"\t")[2] for record in listing if b"\t" in record}
    probe = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        cwd=target,
        input=b"\n".join(blobs) + b"\n",
        capture_output=True,
        check=True,
    ).stdout.splitlines()
    absent = [blobs[line.split(b" ")[0]] for line in probe if line.endswith(b" missing")]
    if absent:
        subprocess.run(
            ["git", "update-index", "--skip-worktree", "-z", "--stdin"],
            cwd=target,
            input=b"\0".join(absent) + b"\0",
            check=True,
            capture_output=True,
        )
    _git("checkout-index", "-a", "-q", cwd=target)
    if shallow:
        tags = subprocess.run(["git", "tag"], cwd=target, capture_output=True, text=True, check=True).stdout.split()
        for start in range(0, len(tags), 200):
            _git("tag", "-d", *tags[start : start + 200], cwd=target)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True)
        (target / ".git" / "shallow").write_text(head.stdout, encoding="ascii")


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def run_checkout(releasekit: str, project: str, tag: str, expected: str, where: Path, *, shallow: bool) -> Run:
    started = time.monotonic()
    version = _run([releasekit, "version", "--json"], where)
    canonical, method = "", ""
    if version.returncode == 0:
        data = json.loads(version.stdout)
        canonical, method = str(data.get("version", "")), str(data.get("method", ""))
    else:
        said = [line for line in version.stderr.splitlines() if "error" in line]
        method = said[0].removeprefix("releasekit: error: ") if said else version.stderr.strip()
    # --list: every reference found, agreeing ("ok") or not (a finding), to count them.
    check = _run([releasekit, "check", "--no-cache", "--list"], where)
    lines = check.stdout.splitlines()
    findings = [line for line in lines if re.match(r"^[^:]+:\d+:\d+: RK\d+ ", line)]
    found = [line for line in lines if re.match(r"^[^:]+:\d+:\d+: (?:RK\d+|ok) ", line)]
    summary = next((line for line in reversed(lines) if line.startswith("releasekit: ")), check.stderr.strip())
    return Run(
        project,
        tag,
        shallow,
        expected,
        canonical,
        method,
        check.returncode,
        findings,
        summary,
        len(found),
        time.monotonic() - started,
    )


Reference = tuple[str, int, str, str]


def references(releasekit: str, where: Path) -> set[Reference] | None:
    """Every reference (path, line, kind, value) one build finds, or None when it does not run."""
    result = _run([releasekit, "check", "--no-cache", "--format", "json"], where)
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        return None
    return {(item["path"], item["line"], item["kind"], item["value"]) for item in document["references"]}


def compare(old: str, new: str, name: str, tag: str, where: Path) -> list[str]:
    """The report lines for one project: counts, and the references only one build finds."""
    before, after = references(old, where), references(new, where)
    if before is None or after is None:
        said = ["error" if found is None else str(len(found)) for found in (before, after)]
        return [f"{name} {tag}: old {said[0]}, new {said[1]}"]
    lines = [f"{name} {tag}: old {len(before)}, new {len(after)}"]
    lines += [f"   only old: {ref[0]}:{ref[1]} {ref[2]} {ref[3]}" for ref in sorted(before - after)]
    lines += [f"   only new: {ref[0]}:{ref[1]} {ref[2]} {ref[3]}" for ref in sorted(after - before)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=Path, default=HERE / "sweep_projects.txt")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--releasekit", default=shutil.which("releasekit") or "releasekit")
    parser.add_argument("--tags", type=int, default=3, help="release tags per project (default 3)")
    parser.add_argument("--only", nargs="*", default=(), help="project names to run (default: all)")
    parser.add_argument("--json", type=Path, help="also write every result here")
    parser.add_argument("--compare", metavar="OLD_RELEASEKIT", help="compare the references with another build")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    # Checkouts run in other folders: a relative path to the executable is made absolute first.
    args.releasekit = _absolute(args.releasekit)
    args.compare = _absolute(args.compare) if args.compare else None
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="releasekit-sweep-") as scratch:
        for line in args.projects.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            name, source, *chosen = line.split()
            if args.only and name not in args.only:
                continue
            owner, repo = source.removeprefix("github:").split("/")
            mirror = args.mirrors / f"{owner}+{repo}" / "repo"
            # Tags may be named after the repository (a monorepo's hatch-v1.18.0 beside hatchling-v1.32.0).
            tags = [(tag, _tag_version(tag)) for tag in chosen] or release_tags(mirror, args.tags)
            if args.compare:
                target = Path(scratch) / f"{name}-compare"
                checkout(mirror, tags[-1][0], target, shallow=False)
                print("\n".join(compare(args.compare, args.releasekit, name, tags[-1][0], target)), flush=True)
                shutil.rmtree(target)
                continue
            for index, (tag, version) in enumerate(tags):
                for shallow in (False, True) if index == len(tags) - 1 else (False,):
                    target = Path(scratch) / f"{name}-{tag.replace('/', '_')}{'-shallow' if shallow else ''}"
                    checkout(mirror, tag, target, shallow=shallow)
                    result = run_checkout(args.releasekit, name, tag, version, target, shallow=shallow)
                    runs.append(result)
                    shutil.rmtree(target)
                    _print(result)
    if args.compare:
        return 0
    if args.json:
        args.json.write_text(json.dumps([run._asdict() for run in runs], indent=1) + "\n", encoding="utf-8")
    alarms = sum(len(run.findings) for run in runs)
    exit_2 = sum(run.code == 2 for run in runs)
    wrong = sum(not _matches(run) for run in runs)
    print(
        f"sweep: {len(runs)} checkouts of {len({run.project for run in runs})} projects; "
        f"{alarms} findings, {exit_2} exit 2, {wrong} canonical versions other than the tag"
    )
    return 0


def _absolute(program: str) -> str:
    return str(Path(program).resolve()) if "/" in program else shutil.which(program) or program


def _matches(run: Run) -> bool:
    if run.shallow and not run.canonical:
        return run.code == 0
    return _normal(run.canonical) == run.expected if run.canonical else False


def _print(run: Run) -> None:
    where = f"{run.project} {run.tag}{' (depth 1, no tags)' if run.shallow else ''}"
    mark = "ok" if _matches(run) else "CANONICAL?"
    print(
        f"== {where}: exit {run.code}, canonical {run.canonical or '-'} [{run.method}] {mark}, "
        f"{run.references} references ({run.seconds:.1f}s)"
    )
    for finding in run.findings:
        print(f"   {finding}")
    if run.code not in (0, 1):
        print(f"   {run.summary}")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
