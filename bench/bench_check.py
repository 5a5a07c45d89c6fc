#!/usr/bin/env python3
"""Benchmark ``releasekit check`` against its floors and against tbump / bump-my-version.

The script is self-contained (standard library only) and does four things:

1. **generate** deterministic git repositories of a synthetic project
   ``benchpkg`` (version ``1.4.2``) with 100 / 5,000 / 50,000 tracked files,
   including every kind of version reference ``releasekit check`` must find and a
   set of decoys it must ignore;
2. **peers**: install ``tbump`` and ``bump-my-version`` into a bench-only venv
   and configure both (``tbump.toml`` / ``.bumpversion.toml``, committed in each
   repository) with the same hand-listed reference files;
3. **measure** wall time of every command, round-robin per repetition, checking
   each exit code and that the peers' dry runs leave the work tree clean;
4. **report** a Markdown table per size, the PASS/FAIL verdict of the targets,
   and optionally the raw numbers as JSON.

Run ``python bench/bench_check.py --help`` for the options; bench/README.md
explains how to read the output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if not __package__:  # run as a script: the repository root makes `bench` importable, as it is for the tests
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._common import resolve_releasekit

# --------------------------------------------------------------------------- #
# Constants
# --------------------------------------------------------------------------- #

PROJECT = "benchpkg"
VERSION = "1.4.2"
NEXT_VERSION = "1.4.3"
DEFAULT_SIZES = (100, 5_000, 50_000)
LARGE_SIZE = 10_000  # sizes above this use --runs-large repetitions
FILES_PER_FOLDER = 50
STAMP_NAME = "bench-stamp.json"  # kept inside .git/, so never tracked
CACHE_DIR_NAME = "releasekit"  # releasekit's scan cache: <git-dir>/releasekit/
PEER_PACKAGES = ("tbump", "bump-my-version")

GIT_IDENTITY = ("-c", "user.name=bench", "-c", "user.email=bench@example.invalid")
FIXED_DATE = "2025-03-01T12:00:00+00:00"

# The benchmark itself keeps about one core busy; more than this means other load.
BUSY_LOAD = 1.5

# Targets stated in the output.
TARGET_BMV_FACTOR = 4.0

# Command keys, in the round-robin order used for every repetition.
KEY_FLOOR = "python"
KEY_LS_FILES = "git-ls-files"
KEY_GREP = "git-grep"
KEY_RK_WARM = "releasekit-warm"
KEY_RK_COLD = "releasekit-cold"
KEY_RK_BUMP = "releasekit-bump"
KEY_TBUMP = "tbump"
KEY_BMV = "bump-my-version"
ALL_KEYS = (
    KEY_FLOOR,
    KEY_LS_FILES,
    KEY_GREP,
    KEY_RK_WARM,
    KEY_RK_COLD,
    KEY_RK_BUMP,
    KEY_TBUMP,
    KEY_BMV,
)
GROUPS: dict[str, tuple[str, ...]] = {
    "floors": (KEY_FLOOR, KEY_LS_FILES, KEY_GREP),
    "releasekit": (KEY_RK_WARM, KEY_RK_COLD, KEY_RK_BUMP),
    "peers": (KEY_TBUMP, KEY_BMV),
}


def load_average() -> float:
    """1-minute load average (0.0 where the platform has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def log(message: str) -> None:
    """Progress messages go to stderr so stdout carries only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchError(Exception):
    """A failure that makes the benchmark meaningless; reported and exit 2."""


# --------------------------------------------------------------------------- #
# Subprocess helpers
# --------------------------------------------------------------------------- #


def bench_env() -> dict[str, str]:
    """Environment for every child: the caller's, minus colour and prompts."""
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.pop("PYTHONSTARTUP", None)
    return env


def run_checked(
    argv: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a helper command (not timed); raise BenchError with its output on failure."""
    proc = subprocess.run(
        list(argv),
        cwd=cwd,
        env=env if env is not None else bench_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BenchError(
            f"command failed (exit {proc.returncode}): {' '.join(argv)}\n"
            f"cwd: {cwd}\nstdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}"
        )
    return proc


def git(repo: Path, *args: str) -> str:
    return run_checked(["git", *args], cwd=repo).stdout


def git_status_porcelain(repo: Path) -> str:
    return git(repo, "status", "--porcelain")


def tool_version(argv: Sequence[str]) -> str:
    """First line of ``argv`` (a --version call), or a note why there is none."""
    try:
        proc = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except OSError as exc:
        return f"unavailable ({exc.strerror})"
    text = (proc.stdout or proc.stderr).strip()
    first = text.splitlines()[0] if text else ""
    return first if proc.returncode == 0 else f"unknown (exit {proc.returncode}: {first})"


# --------------------------------------------------------------------------- #
# Generate: deterministic synthetic repositories
# --------------------------------------------------------------------------- #

WORDS = (
    "cache", "token", "buffer", "record", "stream", "parser", "channel", "segment",
    "index", "payload", "window", "ledger", "router", "schema", "bucket", "cursor",
    "handle", "frame", "packet", "registry", "session", "worker", "batch", "queue",
    "node", "graph", "filter", "metric", "sample", "report", "option", "policy",
    "budget", "lease", "shard", "snapshot", "digest", "profile", "tenant", "quota",
)  # fmt: skip
VERBS = (
    "load", "build", "parse", "render", "merge", "split", "flush", "resolve",
    "collect", "encode", "decode", "validate", "normalize", "compact", "refresh",
)  # fmt: skip
IMPORTS = (
    "collections", "dataclasses", "functools", "hashlib", "itertools", "json",
    "logging", "math", "os", "re", "string", "textwrap", "time",
)  # fmt: skip
FOLDER_NAMES = (
    ("core", "io", "net", "util", "model", "parse", "render", "store"),
    ("api", "cli", "db", "ext", "http", "jobs", "plug", "sync"),
    ("alpha", "beta", "gamma", "delta", "kappa", "omega", "sigma", "theta"),
    ("north", "south", "east", "west", "upper", "lower", "inner", "outer"),
)
SENTENCES = (
    "The scheduler keeps a bounded queue per tenant and drains it in batches.",
    "Every record carries a digest so that replays can be detected cheaply.",
    "Configuration is read once at start-up and then treated as immutable.",
    "A cursor is only valid for the session that created it.",
    "The cache format version is checked on start-up and stale caches are dropped.",
    "Shards are rebalanced when a worker has been idle for more than a minute.",
    "Errors are reported with the path of the offending file and a line number.",
    "The public API is documented in the reference section of this guide.",
    "Large payloads are streamed instead of being buffered in memory.",
    "Metrics are sampled every few seconds and aggregated per window.",
    "Each plugin declares the protocol version it speaks during the handshake.",
    "Snapshots are written atomically by renaming a temporary file into place.",
    "The router prefers the closest replica unless it is marked as degraded.",
    "Quota checks happen before any work is queued, never afterwards.",
    "Deprecated options keep working but log a warning once per process.",
)


def _pick_name(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"


def _py_blocks(rng: random.Random, mentions_version: bool) -> list[str]:
    """Candidate code blocks for one module; a few mention 'version' in names/comments."""
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    verb = rng.choice(VERBS)
    n1, n2, n3 = rng.randint(2, 64), rng.randint(1, 9), rng.randint(100, 9000)
    cls = a.capitalize() + b.capitalize()
    blocks = [
        f"{a.upper()}_LIMIT = {n3}\n{b.upper()}_RETRIES = {n2}\n",
        (
            f"def {verb}_{a}(items: list[str], limit: int = {n1}) -> list[str]:\n"
            f'    """{verb.capitalize()} at most ``limit`` {a} entries, keeping their order."""\n'
            f"    seen: set[str] = set()\n"
            f"    result: list[str] = []\n"
            f"    for item in items:\n"
            f"        key = item.strip().lower()\n"
            f"        if not key or key in seen:\n"
            f"            continue\n"
            f"        seen.add(key)\n"
            f"        result.append(item)\n"
            f"        if len(result) >= limit:\n"
            f"            break\n"
            f"    return result\n"
        ),
        (
            f"@dataclasses.dataclass\n"
            f"class {cls}:\n"
            f'    """A {a} bound to a {b}."""\n'
            f"\n"
            f"    name: str\n"
            f"    weight: float = {n2 / 4}\n"
            f"    tags: tuple[str, ...] = ()\n"
            f"\n"
            f"    def score(self, factor: float = 1.0) -> float:\n"
            f"        return self.weight * factor + len(self.tags)\n"
            f"\n"
            f"    def describe(self) -> str:\n"
            f'        return f"{{self.name}} ({{len(self.tags)}} tags)"\n'
        ),
        (
            f"def {c}_digest(payload: bytes) -> str:\n"
            f"    h = hashlib.sha256()\n"
            f"    h.update(payload)\n"
            f"    return h.hexdigest()[:{n1 % 32 + 8}]\n"
        ),
        (
            f"def {verb}_{b}_{c}(mapping: dict[str, int]) -> int:\n"
            f"    total = 0\n"
            f"    for key, value in sorted(mapping.items()):\n"
            f"        if key.startswith('_'):\n"
            f"            continue\n"
            f"        total += value * {n2}\n"
            f"    return total % {n3}\n"
        ),
        (f'class {b.capitalize()}Error(Exception):\n    """Raised when {verb}_{a} gives up on a {b}."""\n'),
        (
            f"class {cls}Pool:\n"
            f'    """Keeps up to ``capacity`` {b} objects around for reuse."""\n'
            f"\n"
            f"    def __init__(self, capacity: int = {n1}) -> None:\n"
            f"        self.capacity = capacity\n"
            f"        self._free: list[object] = []\n"
            f"        self._in_use = 0\n"
            f"\n"
            f"    def acquire(self) -> object:\n"
            f"        self._in_use += 1\n"
            f"        if self._free:\n"
            f"            return self._free.pop()\n"
            f"        return object()\n"
            f"\n"
            f"    def release(self, item: object) -> None:\n"
            f"        self._in_use -= 1\n"
            f"        if len(self._free) < self.capacity:\n"
            f"            self._free.append(item)\n"
            f"\n"
            f"    def __len__(self) -> int:\n"
            f"        return self._in_use\n"
        ),
        (
            f"def read_{a}_lines(path: str) -> Iterator[str]:\n"
            f'    """Yield the non-empty, non-comment lines of ``path``."""\n'
            f"    try:\n"
            f'        with open(path, encoding="utf-8") as fh:\n'
            f"            for raw in fh:\n"
            f"                line = raw.strip()\n"
            f'                if line and not line.startswith("#"):\n'
            f"                    yield line\n"
            f"    except FileNotFoundError:\n"
            f'        _log.debug("%s does not exist yet", path)\n'
            f"        return\n"
        ),
        (
            f"_{b.upper()}_DEFAULTS: dict[str, int] = {{\n"
            f'    "{a}": {n1},\n'
            f'    "{b}": {n2},\n'
            f'    "{c}": {n3},\n'
            f'    "retries": {n2 + 2},\n'
            f"}}\n"
        ),
        (
            f"def dump_{c}(state: dict[str, object], *, pretty: bool = False) -> str:\n"
            f"    started = time.monotonic()\n"
            f"    text = json.dumps(state, indent=2 if pretty else None, sort_keys=True)\n"
            f"    elapsed = time.monotonic() - started\n"
            f"    if elapsed > {n2 / 10}:\n"
            f'        _log.warning("slow {c} dump: %.3f s", elapsed)\n'
            f"    return text\n"
        ),
        (
            f"def _{a}_window(values: list[float], size: int = {n2 + 1}) -> list[float]:\n"
            f"    if size <= 0:\n"
            f'        raise ValueError("size must be positive")\n'
            f"    out: list[float] = []\n"
            f"    for i in range(len(values) - size + 1):\n"
            f"        chunk = values[i : i + size]\n"
            f"        out.append(sum(chunk) / size)\n"
            f"    return out\n"
        ),
        (
            f"@functools.lru_cache(maxsize={n3 % 512 + 16})\n"
            f"def {a}_pattern(prefix: str) -> re.Pattern[str]:\n"
            f'    return re.compile(re.escape(prefix) + r"[-_](\\w+)")\n'
        ),
        (
            f"def iter_{b}_pairs(items: list[str]) -> list[tuple[str, str]]:\n"
            f"    # Pairs are produced in input order; the last item is dropped if odd.\n"
            f"    return list(zip(items[::2], items[1::2]))\n"
        ),
    ]
    if mentions_version:
        blocks += [
            (
                f"# Bump {a.upper()}_LAYOUT_VERSION whenever the on-disk layout changes.\n"
                f"{a.upper()}_LAYOUT_VERSION = {n2}\n"
            ),
            (
                f"def negotiate_{b}_version(offered: list[int], supported: list[int]) -> int:\n"
                f'    """Return the highest protocol version both sides support."""\n'
                f"    common = set(offered) & set(supported)\n"
                f"    if not common:\n"
                f'        raise {b.capitalize()}Error("no common protocol version")\n'
                f"    return max(common)\n"
            ),
            (
                f"def {c}_schema_version(document: dict[str, object]) -> int:\n"
                f"    # Old documents have no schema_version key at all.\n"
                f'    value = document.get("schema_version", 0)\n'
                f"    return int(value) if isinstance(value, int) else 0\n"
            ),
        ]
    return blocks


def python_module(rng: random.Random, rel: str) -> str:
    mentions_version = rng.random() < 0.2
    blocks = _py_blocks(rng, mentions_version)
    rng.shuffle(blocks)
    if mentions_version:  # make sure at least one version-ish block is kept
        blocks.insert(0, blocks.pop(next(i for i, b in enumerate(blocks) if "version" in b)))
    imports = sorted(
        {"dataclasses", "functools", "hashlib", "json", "logging", "re", "time"} | set(rng.sample(IMPORTS, 2))
    )
    head = (
        f'"""{rel.rsplit("/", 1)[-1][:-3].replace("_", " ").capitalize()} helpers.\n\n'
        f"{rng.choice(SENTENCES)}\n"
        f'"""\n\nfrom __future__ import annotations\n\n'
        + "".join(f"import {m}\n" for m in imports)
        + "from collections.abc import Iterator\n\n"
        + "_log = logging.getLogger(__name__)\n"
    )
    target = rng.randint(20, 120)
    parts = [head]
    lines = head.count("\n")
    for block in blocks:
        size = block.count("\n") + 2
        if lines + size > 120:
            continue
        parts.append("\n\n" + block)
        lines += size
        if lines >= target:
            break
    while lines < 20:
        parts.append(f"{rng.choice(WORDS).upper()}_{lines} = {rng.randint(1, 999)}\n")
        lines += 2
    return "".join(parts)


def python_test(rng: random.Random) -> str:
    parts = ['"""Tests generated for the benchmark."""\n\nfrom __future__ import annotations\n']
    for _ in range(rng.randint(3, 12)):
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        n = rng.randint(1, 50)
        parts.append(
            f"\n\ndef test_{a}_{b}_{rng.randint(0, 999)}() -> None:\n"
            f"    values = [{n}, {n * 2}, {n * 3}]\n"
            f"    assert sum(values) == {n * 6}\n"
            f"    assert max(values) == {n * 3}\n"
        )
    return "".join(parts)


def markdown_doc(rng: random.Random, title: str) -> str:
    parts = [f"# {title}\n"]
    for _ in range(rng.randint(2, 6)):
        parts.append(f"\n## {rng.choice(VERBS).capitalize()} the {rng.choice(WORDS)}\n\n")
        parts.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 5))) + "\n")
        if rng.random() < 0.3:
            w = rng.choice(WORDS)
            parts.append(f"\n```python\nfrom benchpkg import {w}\n\n{w}.run(limit={rng.randint(1, 99)})\n```\n")
        if rng.random() < 0.3:
            parts.append("".join(f"\n- {rng.choice(SENTENCES)}" for _ in range(rng.randint(2, 5))) + "\n")
    return "".join(parts)


def rst_doc(rng: random.Random, title: str) -> str:
    parts = [f"{title}\n{'=' * len(title)}\n"]
    for _ in range(rng.randint(2, 6)):
        heading = f"{rng.choice(VERBS).capitalize()} the {rng.choice(WORDS)}"
        parts.append(f"\n{heading}\n{'-' * len(heading)}\n\n")
        parts.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 5))) + "\n")
        if rng.random() < 0.3:
            parts.append(f"\n.. code-block:: python\n\n   result = {rng.choice(VERBS)}({rng.randint(1, 99)})\n")
    return "".join(parts)


def data_file(rng: random.Random, ext: str) -> str:
    name = _pick_name(rng)
    enabled = rng.random() < 0.5
    limits = {w: rng.randint(1, 5000) for w in rng.sample(WORDS, 4)}
    tags = rng.sample(WORDS, 3)
    schema = rng.randint(1, 5)
    if ext == "json":
        doc = {
            "name": name,
            "enabled": enabled,
            "schema_version": schema,
            "limits": limits,
            "tags": tags,
        }
        return json.dumps(doc, indent=2, sort_keys=True) + "\n"
    if ext == "yaml":
        body = "".join(f"  {k}: {v}\n" for k, v in limits.items())
        tag_lines = "".join(f"  - {t}\n" for t in tags)
        return (
            f"name: {name}\nenabled: {str(enabled).lower()}\nschema_version: {schema}\n"
            f"limits:\n{body}tags:\n{tag_lines}"
        )
    body = "".join(f"{k} = {v}\n" for k, v in limits.items())
    return (
        f'name = "{name}"\nenabled = {str(enabled).lower()}\nschema_version = {schema}\n'
        f"tags = {json.dumps(tags)}\n\n[limits]\n{body}"
    )


def shell_script(rng: random.Random) -> str:
    verb, w = rng.choice(VERBS), rng.choice(WORDS)
    depth, ext = rng.randint(1, 4), rng.choice(("py", "md", "json"))
    return (
        "#!/usr/bin/env bash\n"
        f"# {rng.choice(SENTENCES)}\n"
        "set -euo pipefail\n\n"
        f'ROOT="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"\n'
        f"LIMIT=${{LIMIT:-{rng.randint(1, 500)}}}\n\n"
        f"{verb}_{w}() {{\n"
        f'    local target="$1"\n'
        f'    echo "{verb} {w}: $target (limit $LIMIT)"\n'
        f'    find "$target" -maxdepth {depth} -name "*.{ext}" | head -n "$LIMIT"\n'
        "}\n\n"
        f'{verb}_{w} "$ROOT"\n'
    )


def _binary_blob(rng: random.Random) -> bytes:
    noise = bytes(rng.randrange(256) for _ in range(2048)).replace(VERSION.encode(), b"x.x.x")
    return b"\x89BENCH\x00\x01" + VERSION.encode() + b"\x00" + noise


def fixed_files() -> dict[str, str]:
    """The project skeleton: every real reference to the version, plus the decoys."""
    v = VERSION
    major, minor, patch = v.split(".")
    return {
        ".gitignore": "__pycache__/\n*.egg-info/\n.venv/\ndist/\n",
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
            f'[project]\nname = "{PROJECT}"\nversion = "{v}"\n'
            'description = "Synthetic project used by the releasekit benchmark."\n'
            'readme = "README.md"\nrequires-python = ">=3.9"\n'
            f'dependencies = [\n    "otherlib=={v}",\n    "requests>=2.31",\n]\n\n'
            '[tool.hatch.build.targets.wheel]\npackages = ["src/benchpkg"]\n'
        ),
        "src/benchpkg/__init__.py": (
            '"""benchpkg: synthetic package for the releasekit benchmark."""\n\n'
            "from __future__ import annotations\n\n"
            '__all__ = ["__version__", "__version_info__", "get_version"]\n\n'
            f'__version__ = "{v}"\n__version_info__ = ({major}, {minor}, {patch})\n\n\n'
            "def get_version() -> str:\n"
            '    """Return the version string of this package."""\n'
            "    return __version__\n"
        ),
        # Decoys: longer numbers that merely contain the version.
        "src/benchpkg/_compat.py": (
            '"""Compatibility shims for older otherlib releases."""\n\n'
            "from __future__ import annotations\n\n"
            "# First otherlib build with the streaming API (a four-part number).\n"
            f'MIN_OTHERLIB_BUILD = "{v}.1"\n'
            f'KNOWN_BAD_BUILDS = ("{v}.1", "{v}.7")\n'
            f'LEGACY_PROTOCOL = "1{v}0"\n'
        ),
        "README.md": (
            f"# {PROJECT} v{v}\n\n"
            "A synthetic package used to benchmark `releasekit check`.\n\n"
            "## Installation\n\n"
            f"```console\npip install {PROJECT}=={v}\n```\n\n"
            "## Usage\n\n```python\nimport benchpkg\n\nprint(benchpkg.get_version())\n```\n"
        ),
        "docs/conf.py": (
            '"""Sphinx configuration."""\n\n'
            f'project = "{PROJECT}"\ncopyright = "2025, benchpkg authors"\nauthor = "benchpkg authors"\n'
            f'release = "{v}"\nversion = "{major}.{minor}"\n\n'
            'extensions = ["sphinx.ext.autodoc", "myst_parser"]\nhtml_theme = "alabaster"\n'
        ),
        "docs/index.md": (
            f"# Welcome\n\nThis documentation covers {PROJECT} {v}.\n\n```{{toctree}}\ninstallation\nquickstart\n```\n"
        ),
        "docs/installation.md": (
            f"# Installation\n\nInstall {PROJECT} {v} from PyPI with pip.\nIt needs Python 3.9 or newer.\n"
        ),
        "docs/quickstart.rst": (f"Quickstart\n==========\n\nThis page walks through {PROJECT} {v} in five minutes.\n"),
        "tests/test_version.py": (
            "from __future__ import annotations\n\n"
            "import benchpkg\nfrom benchpkg import __version__\n\n\n"
            f'def test_version() -> None:\n    assert __version__ == "{v}"\n\n\n'
            f'def test_module_version() -> None:\n    assert benchpkg.__version__ == "{v}"\n'
        ),
        "CITATION.cff": (
            "cff-version: 1.2.0\n"
            'message: "If you use this software, please cite it as below."\n'
            f"title: {PROJECT}\nversion: {v}\ndate-released: 2025-03-01\n"
            "authors:\n  - family-names: Bench\n    given-names: Release\n"
        ),
        # Decoy: history headings of older releases.
        "CHANGELOG.md": (
            "# Changelog\n\n"
            f"## {v} (2025-03-01)\n\n- Faster start-up.\n\n"
            f"## {major}.{minor}.{int(patch) - 1} (2025-01-02)\n\n- Fixed a crash on empty input.\n\n"
            f"## {major}.{minor}.0 (2024-11-20)\n\n- Added the streaming API.\n\n"
            f"## {major}.{int(minor) - 1}.3 (2024-09-14)\n\n- Dropped Python 3.8.\n\n"
            "## 1.0.0 (2023-05-05)\n\n- First stable release.\n"
        ),
        # Decoy: a dependency pinned at the same number.
        "requirements.txt": f"otherlib=={v}\nrequests>=2.31\n",
        "tbump.toml": tbump_config(),
        ".bumpversion.toml": bumpversion_config(),
    }


def _folder(prefix: str, k: int) -> str:
    """Folder ``k`` of a category: base-8 digits of k become nested folder names."""
    parts: list[str] = []
    n, level = k, 0
    while True:
        names = FOLDER_NAMES[level % len(FOLDER_NAMES)]
        parts.append(names[n % 8])
        n //= 8
        level += 1
        if n == 0:
            break
    return "/".join([prefix, *parts])


# (category prefix, share of filler files)
CATEGORIES: tuple[tuple[str, float], ...] = (
    ("src/benchpkg", 0.66),
    ("tests/unit", 0.10),
    ("docs/guide", 0.14),
    ("data", 0.07),
    ("scripts", 0.03),
)


def filler_files(rng: random.Random, count: int) -> dict[str, str]:
    counts = [int(count * share) for _, share in CATEGORIES]
    counts[0] += count - sum(counts)
    files: dict[str, str] = {}
    for (prefix, _), n in zip(CATEGORIES, counts, strict=True):
        for start in range(0, n, FILES_PER_FOLDER):
            folder = _folder(prefix, start // FILES_PER_FOLDER)
            used: set[str] = set()
            for j in range(min(FILES_PER_FOLDER, n - start)):
                rel, text = _filler_file(rng, prefix, folder, j, used)
                if VERSION in text:
                    raise BenchError(f"generator bug: filler {rel} mentions {VERSION}")
                files[rel] = text
    return files


def _unique(rng: random.Random, used: set[str], j: int) -> str:
    name = _pick_name(rng)
    if name in used:
        name = f"{name}_{j}"
    used.add(name)
    return name


def _filler_file(rng: random.Random, prefix: str, folder: str, j: int, used: set[str]) -> tuple[str, str]:
    if prefix == "src/benchpkg":
        if j == 0:
            return (
                f"{folder}/__init__.py",
                f'"""{folder.rsplit("/", 1)[-1]} subpackage."""\n',
            )
        rel = f"{folder}/{_unique(rng, used, j)}.py"
        return rel, python_module(rng, rel)
    if prefix == "tests/unit":
        return f"{folder}/test_{_unique(rng, used, j)}.py", python_test(rng)
    if prefix == "docs/guide":
        name = _unique(rng, used, j)
        title = name.replace("_", " ").capitalize()
        if rng.random() < 0.3:
            return f"{folder}/{name}.rst", rst_doc(rng, title)
        return f"{folder}/{name}.md", markdown_doc(rng, title)
    if prefix == "data":
        ext = rng.choice(("json", "json", "yaml", "toml"))
        return f"{folder}/{_unique(rng, used, j)}.{ext}", data_file(rng, ext)
    return f"{folder}/{_unique(rng, used, j)}.sh", shell_script(rng)


def generate_repo(repo: Path, size: int, seed: int) -> None:
    """Write ``size`` files into a fresh git repository and commit them once."""
    rng = random.Random(f"{seed}:{size}")  # noqa: S311 - reproducible filler, not crypto
    text_files = fixed_files()
    n_fixed = len(text_files) + 1  # + the binary file
    if size < n_fixed + 10:
        raise BenchError(f"size {size} is too small (need at least {n_fixed + 10} files)")
    t0 = time.perf_counter()
    text_files.update(filler_files(rng, size - n_fixed))
    phases = [f"content {time.perf_counter() - t0:.1f} s"]

    t0 = time.perf_counter()
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    run_checked(["git", "init", "-q", "--initial-branch=main", str(repo)])
    for key, value in (
        ("gc.auto", "0"),
        ("maintenance.auto", "false"),
        ("core.autocrlf", "false"),
    ):
        git(repo, "config", key, value)

    made: set[Path] = set()
    for rel, text in text_files.items():
        path = repo / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        if rel.endswith(".sh"):
            path.chmod(0o755)
    (repo / "assets").mkdir(exist_ok=True)
    (repo / "assets/logo.bin").write_bytes(_binary_blob(rng))
    phases.append(f"write {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    env = bench_env()
    env.update(GIT_AUTHOR_DATE=FIXED_DATE, GIT_COMMITTER_DATE=FIXED_DATE)
    run_checked(["git", "add", "-A"], cwd=repo, env=env)
    run_checked(
        [
            "git",
            *GIT_IDENTITY,
            "commit",
            "--no-gpg-sign",
            "--no-verify",
            "-q",
            "-m",
            f"{PROJECT} {VERSION}",
        ],
        cwd=repo,
        env=env,
    )
    tracked = len(git(repo, "ls-files", "-z").split("\0")) - 1
    if tracked != size:
        raise BenchError(f"{repo}: expected {size} tracked files, git tracks {tracked}")
    if git_status_porcelain(repo):  # also refreshes the index once, outside any timing
        raise BenchError(f"{repo}: work tree not clean right after generation")
    phases.append(f"git add+commit {time.perf_counter() - t0:.1f} s")
    log("  " + ", ".join(phases))


def generator_digest() -> str:
    """Hash of this script: any edit to the generator invalidates reusable repos."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def ensure_repo(workdir: Path, size: int, seed: int, regenerate: bool) -> Path:
    """Reuse a previously generated repository when its stamp matches, else generate."""
    repo = workdir / f"repo-{size}"
    stamp = {"generator": generator_digest(), "seed": seed, "size": size}
    stamp_path = repo / ".git" / STAMP_NAME
    if not regenerate and stamp_path.is_file():
        try:
            same = json.loads(stamp_path.read_text(encoding="utf-8")) == stamp
        except ValueError:
            same = False
        if same and not git_status_porcelain(repo):
            log(f"reusing {repo}")
            return repo
    log(f"generating {size:,} files in {repo} ...")
    t0 = time.perf_counter()
    generate_repo(repo, size, seed)
    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    log(f"generated {size:,} files in {time.perf_counter() - t0:.1f} s")
    return repo


# --------------------------------------------------------------------------- #
# Peers: tbump and bump-my-version, configured with the same hand-listed files
# --------------------------------------------------------------------------- #

# (path, search template, per-file version format or None for the full version)
# ``{v}`` stands for the version in the given format.  The same list drives both
# tools' configuration, so they scan exactly the same references.
PEER_REFERENCES: tuple[tuple[str, str, str | None], ...] = (
    ("pyproject.toml", 'version = "{v}"', None),
    ("src/benchpkg/__init__.py", '__version__ = "{v}"', None),
    (
        "src/benchpkg/__init__.py",
        "__version_info__ = {v}",
        "({major}, {minor}, {patch})",
    ),
    ("README.md", "{v}", None),
    ("docs/conf.py", 'release = "{v}"', None),
    ("docs/conf.py", 'version = "{v}"', "{major}.{minor}"),
    ("docs/index.md", "benchpkg {v}", None),
    ("docs/installation.md", "benchpkg {v}", None),
    ("docs/quickstart.rst", "benchpkg {v}", None),
    ("tests/test_version.py", '== "{v}"', None),
    ("CITATION.cff", "version: {v}", None),
)


def _toml_str(value: str) -> str:
    """A TOML literal string (no escapes); all our templates are single-line."""
    if "'" in value:
        return json.dumps(value)
    return f"'{value}'"


def tbump_config() -> str:
    lines = [
        "[version]",
        f'current = "{VERSION}"',
        "regex = '''",
        r"  (?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)",
        "'''",
        "",
        "[git]",
        'message_template = "Bump to {new_version}"',
        'tag_template = "v{new_version}"',
    ]
    for path, search, fmt in PEER_REFERENCES:
        # tbump's search is a regex; {current_version} is substituted re.escape()d.
        lines += ["", "[[file]]", f'src = "{path}"']
        if search != "{v}":
            regex = search.replace("(", r"\(").replace(")", r"\)")
            lines.append(f"search = {_toml_str(regex.replace('{v}', '{current_version}'))}")
        if fmt is not None:
            lines.append(f'version_template = "{fmt}"')
    return "\n".join(lines) + "\n"


def bumpversion_config() -> str:
    lines = [
        "[tool.bumpversion]",
        f'current_version = "{VERSION}"',
        r'parse = "(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)"',
        'serialize = ["{major}.{minor}.{patch}"]',
        "commit = false",
        "tag = false",
        "allow_dirty = false",
    ]
    for path, search, fmt in PEER_REFERENCES:
        lines += ["", "[[tool.bumpversion.files]]", f'filename = "{path}"']
        lines.append(f"search = {_toml_str(search.replace('{v}', '{current_version}'))}")
        lines.append(f"replace = {_toml_str(search.replace('{v}', '{new_version}'))}")
        if fmt is not None:
            lines.append(f"serialize = [{_toml_str(fmt)}]")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Peers:
    tbump: Path
    bump_my_version: Path


def _venv_bin(venv: Path, name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv / sub / f"{name}{suffix}"


def ensure_peers(venv: Path) -> Peers:
    """Create (or reuse) a venv holding the latest tbump and bump-my-version."""
    peers = Peers(_venv_bin(venv, "tbump"), _venv_bin(venv, "bump-my-version"))
    if peers.tbump.is_file() and peers.bump_my_version.is_file():
        log(f"reusing peers venv {venv}")
        return peers
    log(f"installing {', '.join(PEER_PACKAGES)} into {venv} ...")
    run_checked([sys.executable, "-m", "venv", str(venv)])
    run_checked(
        [str(_venv_bin(venv, "python")), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "--upgrade", *PEER_PACKAGES]
    )  # fmt: skip
    for exe in (peers.tbump, peers.bump_my_version):
        if not exe.is_file():
            raise BenchError(f"{exe} missing after pip install")
    return peers


# --------------------------------------------------------------------------- #
# Measure
# --------------------------------------------------------------------------- #


@dataclass
class Command:
    key: str
    label: str
    argv: list[str]
    before: Callable[[], None] | None = None  # untimed, e.g. drop the cache
    after: Callable[[], None] | None = None  # untimed, e.g. check the tree is clean
    expected_rc: int = 0
    samples: list[float] = field(default_factory=list)  # seconds


def floor_python(releasekit: Path | None) -> str:
    """The interpreter that runs releasekit (from its shebang), else this one."""
    if releasekit is not None:
        try:
            with open(releasekit, "rb") as fh:
                first = fh.readline(512).decode("utf-8", "replace").strip()
        except OSError:
            first = ""
        if first.startswith("#!"):
            candidate = first[2:].strip().split()[0] if first[2:].strip() else ""
            if candidate and Path(candidate).is_file() and "python" in Path(candidate).name:
                return candidate
    return sys.executable


def git_dir(repo: Path) -> Path:
    return (repo / git(repo, "rev-parse", "--git-dir").strip()).resolve()


# Files releasekit must report (everything the peers were told about, plus their own
# configuration files) and decoys it must not.  pyproject.toml holds both: its
# "otherlib==" line is a decoy.
EXPECTED_FILES = frozenset({path for path, _, _ in PEER_REFERENCES} | {"tbump.toml", ".bumpversion.toml"})
DECOY_FILES = frozenset({"CHANGELOG.md", "requirements.txt", "src/benchpkg/_compat.py", "assets/logo.bin"})


def verify_findings(repo: Path, releasekit: Path) -> str:
    """Check with ``releasekit check --list`` that it found the references, not the decoys.

    A fast scan that misses references would make the benchmark meaningless, so a
    miss is an error.  If ``--list`` is not supported the check is skipped (warned).
    """
    proc = subprocess.run(
        [str(releasekit), "check", "--list"],
        cwd=repo,
        env=bench_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        log(f"WARNING: `releasekit check --list` exited {proc.returncode}; references not verified")
        return "not verified (`releasekit check --list` failed)"
    pyproject_lines = fixed_files()["pyproject.toml"].splitlines()
    decoy_line = 1 + next(i for i, line in enumerate(pyproject_lines) if "otherlib==" in line)
    found: set[str] = set()
    wrong: list[str] = []
    for line in proc.stdout.splitlines():
        path, sep, rest = line.partition(":")
        lineno = rest.split(":", 1)[0]
        if not sep or not lineno.isdigit():
            continue
        found.add(path)
        if path in DECOY_FILES or (path == "pyproject.toml" and int(lineno) == decoy_line):
            wrong.append(line)
    missing = sorted(EXPECTED_FILES - found)
    if missing or wrong:
        raise BenchError(
            f"{repo}: releasekit check --list missed {missing} and/or reported decoys {wrong}; "
            f"timing a scan that gets the answer wrong is worthless\nstdout:\n{proc.stdout[-3000:]}"
        )
    count = sum(1 for line in proc.stdout.splitlines() if line.partition(":")[0] in EXPECTED_FILES)
    return f"{count} references in all {len(EXPECTED_FILES)} expected files, no decoys"


def build_commands(
    repo: Path,
    keys: Sequence[str],
    python: str,
    releasekit: Path | None,
    peers: Peers | None,
) -> list[Command]:
    cache = git_dir(repo) / CACHE_DIR_NAME

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def assert_clean() -> None:
        status = git_status_porcelain(repo)
        if status:
            raise BenchError(f"{repo}: a dry run modified the work tree:\n{status}")

    table: dict[str, Callable[[], Command]] = {
        KEY_FLOOR: lambda: Command(KEY_FLOOR, "python -c pass", [python, "-c", "pass"]),
        KEY_LS_FILES: lambda: Command(KEY_LS_FILES, "git ls-files", ["git", "ls-files"]),
        KEY_GREP: lambda: Command(KEY_GREP, f"git grep -F {VERSION}", ["git", "grep", "-F", VERSION]),
    }
    if releasekit is not None:
        rk = str(releasekit)
        table[KEY_RK_WARM] = lambda: Command(KEY_RK_WARM, "releasekit check (warm)", [rk, "check"])
        table[KEY_RK_COLD] = lambda: Command(KEY_RK_COLD, "releasekit check (cold)", [rk, "check"], before=drop_cache)
        # The same question the peers answer: which files change, and the git checks for a
        # commit and tag (tbump runs with --no-push; bump-my-version does not commit at all).
        table[KEY_RK_BUMP] = lambda: Command(
            KEY_RK_BUMP,
            "releasekit bump --dry-run",
            [rk, "bump", "patch", "--dry-run", "--no-push"],
            after=assert_clean,
        )
    if peers is not None:
        table[KEY_TBUMP] = lambda: Command(
            KEY_TBUMP,
            "tbump dry run",
            [
                str(peers.tbump),
                "--dry-run",
                "--non-interactive",
                "--no-push",
                NEXT_VERSION,
            ],
            after=assert_clean,
        )
        table[KEY_BMV] = lambda: Command(
            KEY_BMV,
            "bump-my-version dry run",
            [str(peers.bump_my_version), "bump", "--dry-run", "patch"],
            after=assert_clean,
        )
    return [table[k]() for k in ALL_KEYS if k in keys]


def run_timed(cmd: Command, repo: Path, env: dict[str, str]) -> float:
    if cmd.before is not None:
        cmd.before()
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd.argv,
        cwd=repo,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != cmd.expected_rc:
        out = proc.stdout.decode("utf-8", "replace")[-3000:]
        err = proc.stderr.decode("utf-8", "replace")[-3000:]
        raise BenchError(
            f"{cmd.label} exited {proc.returncode}, expected {cmd.expected_rc} "
            f"(a benchmark that times an error is worthless)\n"
            f"argv: {cmd.argv}\ncwd: {repo}\nstdout:\n{out}\nstderr:\n{err}"
        )
    if cmd.after is not None:
        cmd.after()
    return elapsed


def measure(commands: list[Command], repo: Path, runs: int, warmup: int) -> None:
    """Round-robin: every repetition runs each command once, in a fixed order."""
    env = bench_env()
    for i in range(warmup):
        for cmd in commands:
            run_timed(cmd, repo, env)
        rk_ran = any(c.key in GROUPS["releasekit"] for c in commands)
        if i == 0 and rk_ran and not (git_dir(repo) / CACHE_DIR_NAME).is_dir():
            log(f"WARNING: releasekit left no cache in .git/{CACHE_DIR_NAME}/; warm == cold")
    for rep in range(runs):
        for cmd in commands:
            cmd.samples.append(run_timed(cmd, repo, env))
        log(f"  run {rep + 1}/{runs}: " + ", ".join(f"{c.key} {c.samples[-1] * 1e3:.0f}" for c in commands))
    if git_status_porcelain(repo):
        raise BenchError(f"{repo}: work tree is dirty after measuring")


# --------------------------------------------------------------------------- #
# Report
# --------------------------------------------------------------------------- #


@dataclass
class Stat:
    key: str
    label: str
    argv: list[str]
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def minimum(self) -> float:
        return min(self.samples_ms)


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or SKIP
    detail: str


@dataclass
class SizeResult:
    size: int
    repo: str
    runs: int
    stats: dict[str, Stat]
    targets: list[Target]
    load: tuple[float, float]  # 1-minute load average before / after measuring
    verified: str  # what verify_findings() established


def evaluate_targets(stats: dict[str, Stat]) -> list[Target]:
    warm, tb, bmv = stats.get(KEY_RK_WARM), stats.get(KEY_TBUMP), stats.get(KEY_BMV)
    out: list[Target] = []
    name1 = "releasekit check (warm) <= tbump dry run"
    if warm is None or tb is None:
        out.append(Target(name1, "SKIP", "not measured"))
    else:
        ok = warm.median <= tb.median
        out.append(
            Target(
                name1,
                "PASS" if ok else "FAIL",
                f"{warm.median:.1f} ms vs {tb.median:.1f} ms",
            )
        )
    name2 = f"releasekit check (warm) >= {TARGET_BMV_FACTOR:g}x faster than bump-my-version"
    if warm is None or bmv is None:
        out.append(Target(name2, "SKIP", "not measured"))
    else:
        factor = bmv.median / warm.median
        ok = factor >= TARGET_BMV_FACTOR
        out.append(Target(name2, "PASS" if ok else "FAIL", f"{factor:.2f}x"))
    return out


def _fmt_ratio(num: Stat | None, den: Stat | None) -> str:
    if num is None or den is None or den.median <= 0:
        return "-"
    return f"{num.median / den.median:.2f}x"


def render_table(result: SizeResult) -> str:
    floor = result.stats.get(KEY_FLOOR)
    tb, bmv = result.stats.get(KEY_TBUMP), result.stats.get(KEY_BMV)
    lines = [
        f"### {result.size:,} tracked files ({result.runs} runs)",
        "",
        f"1-minute load average: {result.load[0]:.2f} before, {result.load[1]:.2f} after"
        + (f" — **busy machine** (> {BUSY_LOAD:g}): numbers are noisy" if max(result.load) > BUSY_LOAD else ""),
        "",
        f"releasekit findings (`releasekit check --list`): {result.verified}",
        "",
        "| command | median ms | min ms | runs | x floor | tbump / this | bump-my-version / this |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key in ALL_KEYS:
        s = result.stats.get(key)
        if s is None:
            continue
        is_rk = key in GROUPS["releasekit"]
        lines.append(
            f"| `{s.label}` | {s.median:.1f} | {s.minimum:.1f} | {len(s.samples_ms)} "
            f"| {_fmt_ratio(s, floor)} | {_fmt_ratio(tb, s) if is_rk else ''} "
            f"| {_fmt_ratio(bmv, s) if is_rk else ''} |"
        )
    lines.append("")
    for t in result.targets:
        lines.append(f"- **{t.status}** — {t.name}: {t.detail}")
    return "\n".join(lines)


def render_report(results: list[SizeResult], meta: dict[str, object], tools: dict[str, str]) -> str:
    head = [
        "## releasekit check benchmark",
        "",
        f"- date: {meta['date']}; machine: {meta['machine']}",
        f"- python floor: `{meta['floor_python']}`",
        "- tools: " + "; ".join(f"{k}: {v}" for k, v in tools.items()),
        (
            "- targets: `releasekit check` (warm) median ≤ `tbump` dry-run median at every size, "
            f"and ≥ {TARGET_BMV_FACTOR:g}x faster than the `bump-my-version` dry run"
        ),
        "",
    ]
    body = [render_table(r) + "\n" for r in results]
    statuses = [t.status for r in results for t in r.targets]
    if "FAIL" in statuses:
        verdict = "FAIL"
    elif "PASS" in statuses:
        verdict = "PASS" if "SKIP" not in statuses else "PASS (some targets skipped)"
    else:
        verdict = "SKIP (releasekit or peers not measured)"
    return "\n".join(head + body + [f"**Overall: {verdict}**"]) + "\n"


def to_json(results: list[SizeResult], meta: dict[str, object]) -> dict[str, object]:
    return {
        "meta": meta,
        "sizes": [
            {
                "size": r.size,
                "repo": r.repo,
                "runs": r.runs,
                "load_average_1min": list(r.load),
                "releasekit_findings": r.verified,
                "commands": [
                    {
                        "key": s.key,
                        "label": s.label,
                        "argv": s.argv,
                        "median_ms": s.median,
                        "min_ms": s.minimum,
                        "runs": len(s.samples_ms),
                        "samples_ms": s.samples_ms,
                    }
                    for k in ALL_KEYS
                    if (s := r.stats.get(k)) is not None
                ],
                "targets": [{"name": t.name, "status": t.status, "detail": t.detail} for t in r.targets],
            }
            for r in results
        ],
    }


# --------------------------------------------------------------------------- #
# CLI
# --------------------------------------------------------------------------- #


def parse_sizes(text: str) -> list[int]:
    sizes: list[int] = []
    for raw in text.split(","):
        part = raw.strip().lower().replace("_", "")
        if not part:
            continue
        mult = 1000 if part.endswith("k") else 1
        try:
            sizes.append(int(part.removesuffix("k")) * mult)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad size {raw!r}") from None
    if not sizes:
        raise argparse.ArgumentTypeError("no sizes given")
    return sizes


def parse_only(text: str) -> list[str]:
    keys: list[str] = [KEY_FLOOR]  # the floor is always measured: every ratio needs it
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part in GROUPS:
            keys += GROUPS[part]
        elif part in ALL_KEYS:
            keys.append(part)
        else:
            choices = ", ".join([*GROUPS, *ALL_KEYS])
            raise argparse.ArgumentTypeError(f"unknown --only item {part!r} (choose from {choices})")
    return [k for k in ALL_KEYS if k in keys]


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Benchmark `releasekit check` against floors and tbump / bump-my-version dry runs.",
    )
    p.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated tracked-file counts (default: 100,5000,50000; 5k works too)",
    )
    p.add_argument(
        "--runs",
        type=positive_int,
        default=15,
        help="timed repetitions per size (default 15)",
    )
    p.add_argument(
        "--runs-large",
        type=positive_int,
        default=7,
        help=f"timed repetitions for sizes above {LARGE_SIZE:,} (default 7)",
    )
    p.add_argument(
        "--warmup",
        type=positive_int,
        default=2,
        help="untimed round-robin warm-up runs, at least 1 (default 2)",
    )
    p.add_argument("--seed", type=int, default=20250301, help="generator seed (default 20250301)")
    p.add_argument(
        "--workdir",
        type=Path,
        help="keep repositories (and the peers venv) here and reuse them",
    )
    p.add_argument(
        "--regenerate",
        action="store_true",
        help="regenerate repositories even if reusable",
    )
    p.add_argument(
        "--peers-venv",
        type=Path,
        help="venv holding tbump and bump-my-version (created if missing)",
    )
    p.add_argument(
        "--releasekit",
        help="releasekit executable (default: next to this python, else on PATH)",
    )
    p.add_argument("--only", type=parse_only, default=list(ALL_KEYS),
                   help="comma-separated groups (floors, releasekit, peers) or command keys "
                        f"({', '.join(ALL_KEYS)}); the python floor is always included")  # fmt: skip
    p.add_argument("--json", type=Path, help="write the raw numbers to this JSON file")
    p.add_argument(
        "--enforce",
        action="store_true",
        help="exit 1 if a target FAILs (default: report only)",
    )
    return p


def collect_tools(releasekit: Path | None, peers: Peers | None) -> dict[str, str]:
    tools: dict[str, str] = {"git": tool_version(["git", "--version"])}
    if releasekit is not None:
        tools["releasekit"] = tool_version([str(releasekit), "--version"])
    if peers is not None:
        tools["tbump"] = tool_version([str(peers.tbump), "--version"])
        tools["bump-my-version"] = tool_version([str(peers.bump_my_version), "--version"])
    return tools


def collect_meta(
    args: argparse.Namespace,
    python: str,
    releasekit: Path | None,
    tools: dict[str, str],
) -> dict[str, object]:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": (
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        ),
        "floor_python": python,
        "releasekit": str(releasekit) if releasekit else None,
        "tools": dict(tools),
        "seed": args.seed,
        "warmup": args.warmup,
        "generator": generator_digest(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keys: list[str] = args.only
    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        if args.workdir is not None:
            workdir = Path(args.workdir).absolute()
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            tmp = tempfile.TemporaryDirectory(prefix="releasekit-bench-")
            workdir = Path(tmp.name)
        log(f"workdir {workdir}")

        releasekit: Path | None = None
        if any(k in GROUPS["releasekit"] for k in keys):
            releasekit = resolve_releasekit(args.releasekit, BenchError)
            if releasekit is None:
                raise BenchError(
                    "releasekit executable not found: `pip install /work/main` into this python, "
                    "pass --releasekit PATH, or measure without it: --only floors,peers"
                )
        peers: Peers | None = None
        if any(k in GROUPS["peers"] for k in keys):
            peers = ensure_peers(Path(args.peers_venv or workdir / "peers-venv").absolute())
        python = floor_python(releasekit)
        tools = collect_tools(releasekit, peers)
        meta = collect_meta(args, python, releasekit, tools)

        results: list[SizeResult] = []
        for size in args.sizes:
            repo = ensure_repo(workdir, size, args.seed, args.regenerate)
            runs = args.runs_large if size > LARGE_SIZE else args.runs
            commands = build_commands(repo, keys, python, releasekit, peers)
            log(f"measuring {size:,} files: {runs} runs x {len(commands)} commands (+{args.warmup} warm-up)")
            verified = (
                verify_findings(repo, releasekit)
                if KEY_RK_WARM in keys and releasekit
                else "not checked (releasekit not measured)"
            )
            load_before = load_average()
            measure(commands, repo, runs, args.warmup)
            load = (load_before, load_average())
            stats = {c.key: Stat(c.key, c.label, c.argv, [s * 1e3 for s in c.samples]) for c in commands}
            results.append(SizeResult(size, str(repo), runs, stats, evaluate_targets(stats), load, verified))

        report = render_report(results, meta, tools)
        print(report)
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(to_json(results, meta), indent=2) + "\n", encoding="utf-8")
            log(f"wrote {args.json}")
        failed = any(t.status == "FAIL" for r in results for t in r.targets)
        return 1 if failed and args.enforce else 0
    except BenchError as exc:
        print(f"bench_check: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
