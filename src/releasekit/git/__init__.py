"""Git: plumbing for the check path (subprocess), GitPython for a release (repository, preflight, commit, tag, push)."""
