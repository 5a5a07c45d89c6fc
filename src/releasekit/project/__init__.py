"""A project as releasekit sees it: its files, names, settings and canonical version."""
