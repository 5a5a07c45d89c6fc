"""The release of a project versioned from git tags whose files hold no version: an annotated tag on HEAD."""

from __future__ import annotations

from pathlib import Path

from releasekit.git.errors import git_error, git_output
from releasekit.git.preflight import GitPlan
from releasekit.git.repository import open_repository, run_git, run_git_to_the_end


def tag_head(root: Path, plan: GitPlan) -> str:
    """Tag HEAD as ``plan`` says (git's own signing settings apply); return the tagged commit's sha."""
    with open_repository(root) as repo:
        head = run_git(repo, "rev-parse", "HEAD").out.strip()
        tagged = run_git_to_the_end(repo, "tag", "-a", "-m", plan.tag_message, "--", plan.tag_name)
        if tagged.returncode != 0:
            raise git_error(
                f"git tag {plan.tag_name} failed; nothing was released:\n{git_output(tagged)}",
                "fix what git reports above (for example the `tag.gpgSign` setup), then run bump again",
            )
        return head
