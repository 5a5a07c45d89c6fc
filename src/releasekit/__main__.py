"""`python -m releasekit`."""

from __future__ import annotations

from releasekit.cli import main

raise SystemExit(main())
