"""Small tools every layer shares: subprocesses, atomic writes, TOML positions, globs, redaction."""
