"""`python -m releasekit`."""

from __future__ import annotations

from releasekit.cli.main import main

raise SystemExit(main())
