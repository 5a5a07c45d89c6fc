"""GitHub Actions and GitHub's REST API: workflow commands, step summaries, issues."""
