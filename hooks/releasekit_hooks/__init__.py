"""pre-commit hook entry points for releasekit, shipped in the wheel beside the library."""
