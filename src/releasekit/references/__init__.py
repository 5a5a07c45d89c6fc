"""The check engine: where a project writes its own version, and whether each place agrees."""
