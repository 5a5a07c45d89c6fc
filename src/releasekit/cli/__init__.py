"""The `releasekit` command line: argument parsing, printing and exit codes."""
