"""A fault-injecting HTTP proxy between a client and an index, on loopback.

Each connection carries one request; after its headers the plan picks one fault (or none):

* ``reset-mid-body``: half of the body read, the connection reset; nothing forwarded.
* ``reset-after-forward``: forwarded (the file lands), then the client's connection reset.
* ``503``: a 503 without forwarding.
* ``502-after-forward``: forwarded (the file lands), then a 502 instead of the index's answer.
* ``stall``: nothing forwarded, no answer until the client gives up (past its timeout).
* ``429``: a 429 with ``Retry-After: 1`` without forwarding.
* ``flip-byte``: one byte of the uploaded file flipped in flight, then forwarded (the index stores it).
"""

from __future__ import annotations

import random
import socket
import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

FAULTS = ("reset-mid-body", "reset-after-forward", "503", "502-after-forward", "stall", "429", "flip-byte")
# The faults a retrying client can survive; a flipped byte is for verification to catch.
TRANSIENT_FAULTS = FAULTS[:-1]
STALL_SECONDS = 30.0


@dataclass
class FaultPlan:
    """Which POSTs fail, and how: first the ``script``, then each with probability ``rate`` (seeded)."""

    rate: float = 0.0
    kinds: tuple[str, ...] = TRANSIENT_FAULTS
    seed: int = 0
    script: list[str | None] = field(default_factory=list)
    log: list[tuple[str, str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)  # noqa: S311 - a reproducible fault campaign, not cryptography
        self._lock = threading.Lock()

    def choose(self, method: str, path: str) -> str | None:
        with self._lock:
            fault: str | None = None
            if method == "POST":
                if self.script:
                    fault = self.script.pop(0)
                elif self._random.random() < self.rate:
                    fault = self._random.choice(self.kinds)
            self.log.append((method, path, fault))
            return fault

    def faults(self) -> list[str]:
        return [fault for _method, _path, fault in self.log if fault]


def _read_head(connection: socket.socket) -> tuple[bytes, bytes, int]:
    """The request line and headers, the body bytes read with them, and the body's length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return b"", b"", 0
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return head, body, length


def _read_body(connection: socket.socket, body: bytes, length: int) -> bytes:
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return body


def _close_header(head: bytes) -> bytes:
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"])


def _reset(connection: socket.socket) -> None:
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def _answer(status: str, headers: str = "") -> bytes:
    body = f"{status} (fault proxy)\n".encode()
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n{headers}"
        "Connection: close\r\n\r\n"
    ).encode() + body


def flip_content_byte(body: bytes) -> bytes:
    """The multipart body with one byte of the uploaded file's content inverted."""
    part = body.find(b'name="content"')
    start = body.find(b"\r\n\r\n", part) + 4
    position = start + 64
    return body[:position] + bytes([body[position] ^ 0xFF]) + body[position + 1 :]


class FaultProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, upstream: tuple[str, int], plan: FaultPlan, routes: dict[str, tuple[str, int]] | None = None
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = upstream
        self.plan = plan
        # Path prefixes served by another upstream (PyPI's /_/oidc/ endpoints beside the index).
        self.routes = routes or {}
        self.stop_stalls = threading.Event()
        self.stall_seconds = STALL_SECONDS

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def forward(self, head: bytes, body: bytes) -> bytes:
        path = head.split(b" ")[1].decode()
        target = next((address for prefix, address in self.routes.items() if path.startswith(prefix)), self.upstream)
        with socket.create_connection(target, timeout=30) as upstream:
            upstream.sendall(_close_header(head) + b"\r\n\r\n" + body)
            answer = b""
            while chunk := upstream.recv(65536):
                answer += chunk
            return answer


class _Handler(socketserver.BaseRequestHandler):
    server: FaultProxy

    def handle(self) -> None:
        connection: socket.socket = self.request
        head, body, length = _read_head(connection)
        if not head:
            return
        method, path = head.split(b" ")[:2]
        fault = self.server.plan.choose(method.decode(), path.decode())
        # A reset in the middle of the body: half of it read, then the connection is gone.
        body = _read_body(connection, body, length // 2 if fault == "reset-mid-body" else length)
        self._serve(connection, fault, head, body)

    def _serve(self, connection: socket.socket, fault: str | None, head: bytes, body: bytes) -> None:
        """Answer one request (or not, by the fault), then close: one request per connection."""
        if fault == "reset-mid-body":
            _reset(connection)
            return
        if fault == "stall":
            self.server.stop_stalls.wait(self.server.stall_seconds)
            connection.close()
            return
        if fault in ("503", "429"):
            retry_after = "Retry-After: 1\r\n" if fault == "429" else ""
            status = "429 Too Many Requests" if fault == "429" else "503 Service Unavailable"
            connection.sendall(_answer(status, retry_after))
            connection.close()
            return
        answer = self.server.forward(head, flip_content_byte(body) if fault == "flip-byte" else body)
        if fault == "reset-after-forward":
            _reset(connection)
            return
        if fault == "502-after-forward":
            answer = _answer("502 Bad Gateway")
        connection.sendall(answer)
        connection.close()


@contextmanager
def running_proxy(
    upstream: tuple[str, int], plan: FaultPlan, routes: dict[str, tuple[str, int]] | None = None
) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream, plan, routes)
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.stop_stalls.set()
        proxy.shutdown()
        proxy.server_close()
