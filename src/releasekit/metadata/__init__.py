"""Core-metadata checks: the rules PyPI applies on upload, and their pyproject.toml adapter."""
