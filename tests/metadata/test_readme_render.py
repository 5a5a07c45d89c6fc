"""The long description as PyPI renders it, and the content types PyPI accepts."""

from __future__ import annotations

import pytest

from releasekit.metadata.readme import content_type_problems, parse_content_type, render_problem


def test_parse_content_type() -> None:
    assert parse_content_type("Text/Markdown; charset=UTF-8; variant=GFM") == (
        "text/markdown",
        {"charset": "UTF-8", "variant": "GFM"},
    )


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("text/markdown", []),
        ("text/markdown; variant=CommonMark", []),
        ("text/x-rst; charset=utf-8", []),
        ("text/plain", []),
        ("text/html", ["content type 'text/html' is not one of text/plain, text/x-rst, text/markdown"]),
        ("text/plain; charset=latin-1", ["charset 'latin-1' is not UTF-8"]),
        ("text/markdown; variant=MyST", ["Markdown variant 'MyST' is not one of GFM, CommonMark"]),
    ],
)
def test_content_type_problems(value: str, problems: list[str]) -> None:
    assert content_type_problems(value) == problems


@pytest.mark.parametrize(
    ("text", "content_type", "problem"),
    [
        ("Title\n=====\n\nText.\n", None, None),
        ("Title\n=====\n\nText.\n", "text/x-rst", None),
        (
            "Hello `world\n",
            None,
            "reStructuredText line 1: Inline interpreted text or phrase reference start-string without end-string.",
        ),
        (".. raw:: html\n\n   <b>x</b>\n", "text/x-rst", 'reStructuredText line 1: "raw" directive disabled.'),
        ("\n", "text/x-rst", "the reStructuredText renders to nothing"),
        ("# Title\n\n| a |\n|---|\n| b |\n", "text/markdown", None),
        ("# Title\n", "text/markdown; variant=CommonMark", None),
        ("\n", "text/markdown", "the Markdown renders to nothing"),
        ("anything `at all\n", "text/markdown; variant=MyST", None),
        ("anything `at all\n", "text/plain", None),
    ],
    ids=[
        "rst-default",
        "rst",
        "rst-warning",
        "rst-raw",
        "rst-empty",
        "gfm",
        "commonmark",
        "md-empty",
        "md-unknown-variant",
        "plain",
    ],
)
def test_render_problem(text: str, content_type: str | None, problem: str | None) -> None:
    assert render_problem(text, content_type) == problem
