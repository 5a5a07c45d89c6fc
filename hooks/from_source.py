"""Run one of releasekit's hooks from this checkout's source: this repository dogfoods its own hooks."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "hooks")]

from releasekit_hooks import HOOKS  # noqa: E402 - the path above must be set first

if __name__ == "__main__":
    hook, *arguments = sys.argv[1:] or [""]
    if hook not in HOOKS:
        sys.stderr.write(f"usage: from_source.py {{{','.join(sorted(HOOKS))}}} [ARGS...]\n")
        raise SystemExit(2)
    raise SystemExit(HOOKS[hook](arguments))
