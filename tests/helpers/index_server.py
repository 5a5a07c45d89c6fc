"""pypiserver on loopback with htpasswd auth and overwrite disabled, as PyPI: started, awaited, stopped."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "releaser"
# A canary: if this value shows up in any output, report or issue body, redaction failed.
PASSWORD = "canary-pw-7f3d9c2e41b8a6d05e"  # noqa: S105 - a canary, not a credential
# What the mint-token stand-in hands out: pypiserver accepts it as the password of user __token__.
MINTED_TOKEN = "pypi-canary-minted-3b1f5e9a0c7d42"  # noqa: S105 - a canary, not a credential
STARTUP_TIMEOUT = 30.0


@dataclass(frozen=True)
class IndexServer:
    """A running pypiserver: its upload URL (the root), simple index, port and package folder."""

    port: int
    packages: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def simple_url(self) -> str:
        return f"{self.url}simple/"

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def stored(self) -> list[str]:
        return sorted(path.name for path in self.packages.iterdir())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pypiserver exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}health", timeout=1):  # noqa: S310 - loopback
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise RuntimeError("pypiserver did not become ready")


@contextmanager
def running_index(folder: Path) -> Iterator[IndexServer]:
    """pypiserver serving ``folder``/packages; uploads need USER/PASSWORD; listing and downloads do not."""
    packages = folder / "packages"
    packages.mkdir(parents=True)
    with warnings.catch_warnings():
        # passlib imports the standard library's deprecated crypt module (pypiserver uses passlib too).
        warnings.simplefilter("ignore", DeprecationWarning)
        from passlib.apache import HtpasswdFile  # type: ignore[import-untyped]
    passwords = HtpasswdFile(str(folder / "htpasswd"), new=True)
    passwords.set_password(USER, PASSWORD)
    passwords.set_password("__token__", MINTED_TOKEN)
    passwords.save()
    port = free_port()
    command = [
        sys.executable, "-m", "pypiserver", "run",
        "--host", "127.0.0.1", "--port", str(port),
        "--passwords", str(folder / "htpasswd"), "--authenticate", "update",
        "--disable-fallback", "--hash-algo", "sha256", "--backend", "simple-dir",
        "--log-file", str(folder / "pypiserver.log"), "--log-stream", "none",
        str(packages),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server = IndexServer(port, packages)
        _wait_until_ready(server.url, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
