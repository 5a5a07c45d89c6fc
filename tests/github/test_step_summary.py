from __future__ import annotations

from pathlib import Path

from releasekit.github.step_summary import STEP_SUMMARY_LIMIT, append_step_summary, fit
from releasekit.github.workflow_commands import add_mask


def test_short_markdown_is_kept_whole() -> None:
    assert fit("# a\n", 100) == "# a\n"


def test_long_markdown_is_cut_at_a_line_under_the_limit() -> None:
    markdown = "".join(f"| row {n} | é |\n" for n in range(80_000))
    cut = fit(markdown, STEP_SUMMARY_LIMIT)
    assert len(cut.encode("utf-8")) <= STEP_SUMMARY_LIMIT
    assert cut.endswith("the full report is in the artifact)_\n")
    assert cut.split("\n\n_(truncated")[0].endswith("|\n")


def test_appended_after_what_the_step_wrote(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("x" * (STEP_SUMMARY_LIMIT - 200), encoding="utf-8")
    assert append_step_summary({"GITHUB_STEP_SUMMARY": str(summary)}, "line\n" * 100)
    assert summary.stat().st_size <= STEP_SUMMARY_LIMIT
    assert not append_step_summary({}, "anything")


def test_add_mask_masks_every_line() -> None:
    assert add_mask("secret") == "::add-mask::secret\n"
    assert add_mask("a\nb\n") == "::add-mask::a\n::add-mask::b\n"
