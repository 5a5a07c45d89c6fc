"""`releasekit build`: the sdist, then the wheel from it, reproducibly, with checksums and a report."""
