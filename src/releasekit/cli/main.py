"""The `releasekit` command line: one sub-command per module of this package, dispatched here.

Before the rest of releasekit is imported, a plain ``check`` has git start listing the project's
files (``cli.early``): the check's slowest step and releasekit's start-up then run at the same time.
Ctrl-C this early exits 130 at once (``cli.start_up``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from releasekit.cli.commands import COMMANDS, chosen_command
from releasekit.cli.early import start

__all__ = ["COMMANDS", "chosen_command", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(argv if argv is not None else sys.argv[1:])
    started = start(arguments)
    try:
        from releasekit.cli.dispatch import dispatch  # noqa: PLC0415 - after git was started
        from releasekit.cli.edge import entry  # noqa: PLC0415

        return entry(lambda: dispatch(arguments, chosen_command(arguments), started))
    finally:
        if started is not None:
            started.listing.cancel()


if __name__ == "__main__":
    raise SystemExit(main())
