"""The one subprocess wrapper: argument lists only, errors that show everything."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from releasekit.errors import Category, ReleasekitError


def _text(data: bytes) -> str:
    # As git prints it: UTF-8 (undecodable bytes replaced), its one trailing newline dropped.
    text = data.decode("utf-8", "replace")
    return text[:-1] if text.endswith("\n") else text


class CommandResult(NamedTuple):
    """What a finished command returned: raw bytes, and as text (``out``, ``err``)."""

    argv: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        """stdout as text, its trailing newline dropped."""
        return _text(self.stdout)

    @property
    def err(self) -> str:
        """stderr as text, its trailing newline dropped."""
        return _text(self.stderr)


class CommandError(ReleasekitError):
    """A command exited non-zero or could not be started."""

    def __init__(self, result: CommandResult, *, category: Category = Category.GIT) -> None:
        stderr = result.stderr.decode("utf-8", "replace").strip()
        stdout = result.stdout.decode("utf-8", "replace").strip()
        detail = "\n".join(part for part in (stdout, stderr) if part)
        message = f"command failed (exit {result.returncode}): {' '.join(result.argv)}"
        if detail:
            message += "\n" + detail
        super().__init__(message, category=category)
        self.result = result


def run(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    category: Category = Category.GIT,
) -> CommandResult:
    """Run ``argv`` (never through a shell) and capture its output.

    A missing executable or, with ``check``, a non-zero exit raises ``CommandError``.
    """
    args = tuple(argv)
    try:
        completed = subprocess.run(  # noqa: S603 - argument list, no shell
            args, cwd=cwd, capture_output=True, check=False, env=env, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        result = CommandResult(args, 127, b"", str(exc).encode())
        raise CommandError(result, category=category) from exc
    result = CommandResult(args, completed.returncode, completed.stdout, completed.stderr)
    if check and completed.returncode != 0:
        raise CommandError(result, category=category)
    return result


class Running:
    """A command started and not yet waited for: ``finish`` collects it like ``run`` (checked)."""

    def __init__(self, argv: Sequence[str], *, cwd: Path | None = None, category: Category = Category.GIT) -> None:
        self.argv = tuple(argv)
        self.category = category
        try:
            self.process: subprocess.Popen[bytes] = subprocess.Popen(  # noqa: S603 - argument list, no shell
                self.argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except OSError as exc:
            raise CommandError(CommandResult(self.argv, 127, b"", str(exc).encode()), category=category) from exc

    def finish(self) -> CommandResult:
        """Wait for the command; its output, or ``CommandError`` when it exited non-zero."""
        try:
            stdout, stderr = self.process.communicate()
        finally:
            self.stop()
        result = CommandResult(self.argv, self.process.returncode, stdout, stderr)
        if result.returncode != 0:
            raise CommandError(result, category=self.category)
        return result

    def stop(self) -> None:
        """Kill the command if it still runs, close its pipes, reap it (nothing is left behind)."""
        process = self.process
        if process.poll() is None:
            process.kill()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        process.wait()
