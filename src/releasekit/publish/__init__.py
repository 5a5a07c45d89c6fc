"""`releasekit publish`: upload distributions through faults, prove what landed, never leak a token."""
