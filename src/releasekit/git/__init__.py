"""Git for a release (GitPython): the repository, preflight checks, commit, tag and push."""
