"""`releasekit init`: set a project up for releasekit (hooks, tox environments, workflows, settings)."""
