"""The `releasekit` command line: argument parsing, printing and exit codes."""

# First of all: from here on, Ctrl-C while the command or hook is still starting exits 130.
from releasekit.cli import start_up as start_up
