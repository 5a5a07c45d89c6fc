"""`releasekit validate`: distributions PyPI will accept, proven before upload."""
