"""The edge of every command and hook: errors become messages and exit codes, here only."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from releasekit.cli.output import protect
from releasekit.cli.start_up import raise_on_interrupt
from releasekit.errors import ExitCode, ReleasekitError


def _write_crash_log() -> Path:
    import tempfile  # noqa: PLC0415 - only after a crash
    import traceback  # noqa: PLC0415

    handle, name = tempfile.mkstemp(prefix="releasekit-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(traceback.format_exc())
    return Path(name)


def entry(body: Callable[[], int]) -> int:
    """Run a command's or hook's ``main`` body: output that always encodes, Ctrl-C as exit 130 from the start.

    ``body`` parses the arguments and calls ``run_handler``; an interruption while it is still
    importing or parsing ends here with the same message, never with a traceback.
    """
    try:
        raise_on_interrupt()
        protect()
        return body()
    except KeyboardInterrupt:
        return _interrupted()


def _interrupted() -> int:
    try:
        sys.stderr.write("releasekit: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError, KeyboardInterrupt):  # a closed stream, or a second Ctrl-C: the code says it
        pass
    return ExitCode.INTERRUPTED


def run_handler(handler: Callable[[], int]) -> int:
    """The one place errors turn into messages and exit codes."""
    protect()
    try:
        return handler()
    except KeyboardInterrupt:
        return _interrupted()
    except ReleasekitError as error:
        findings = error.findings
        for finding in findings:
            sys.stdout.write(finding.render() + "\n")
        message = f"{error.category.value} error: {error.message}" if findings else f"error: {error.message}"
        sys.stdout.flush()  # findings before the message where both streams go to one place
        sys.stderr.write(f"releasekit: {message}\n")
        if error.hint:
            sys.stderr.write(f"releasekit: hint: {error.hint}\n")
        return int(error.exit_code)
    except Exception as error:  # noqa: BLE001 - the CLI edge reports every unexpected failure
        log = _write_crash_log()
        sys.stderr.write(f"releasekit: unexpected error: {error!r}\nreleasekit: details in {log}\n")
        return ExitCode.UNEXPECTED
