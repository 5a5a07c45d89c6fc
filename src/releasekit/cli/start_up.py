"""Ctrl-C while a command or hook is still starting (importing): exit 130 at once, with no traceback.

Imported first by ``releasekit.cli`` (and so by every command and hook), with nothing but ``os``
and ``signal``: before ``edge.entry`` runs nothing has been done, so there is nothing to undo.
``edge.entry`` then hands Ctrl-C back to Python (``KeyboardInterrupt``), which the edge turns
into exit 130 once the command runs.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
    from types import FrameType
else:
    try:  # the C module: `signal` itself first imports `enum`, a few milliseconds of unprotected start-up
        import _signal as signal
    except ImportError:  # pragma: no cover - an interpreter without it
        import signal

_INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED, without importing anything more here


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"releasekit: interrupted\n")
    os._exit(_INTERRUPTED)


def raise_on_interrupt() -> None:
    """From here on, Ctrl-C raises ``KeyboardInterrupt`` again (only in the main thread, where handlers live)."""
    if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        except ValueError:  # not the main thread: handlers are the main thread's to set
            return


# Only over Python's own handler: a program that embeds releasekit, or a shell that ignores SIGINT, keeps its choice.
if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_while_starting)
