"""The long description as PyPI sees it: its content type, and whether readme_renderer renders it."""

from __future__ import annotations

import email.message
import io
import re

SUPPORTED_TYPES = ("text/plain", "text/x-rst", "text/markdown")
MARKDOWN_VARIANTS = ("GFM", "CommonMark")
_DOCUTILS_MESSAGE = re.compile(r"^<string>:(?P<line>\d+): \((?:WARNING|ERROR|SEVERE)/\d\) (?P<text>.*)$", re.MULTILINE)


def parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    """The media type (lower case) and its parameters, read as an email header is."""
    message = email.message.EmailMessage()
    message["content-type"] = value
    header = message["content-type"]
    return message.get_content_type(), {name: str(param) for name, param in header.params.items()}


def content_type_problems(value: str) -> list[str]:
    """Why PyPI would refuse ``value`` as a Description-Content-Type: unknown type, charset or variant."""
    content_type, params = parse_content_type(value)
    problems = []
    if content_type not in SUPPORTED_TYPES:
        problems.append(f"content type {value!r} is not one of {', '.join(SUPPORTED_TYPES)}")
    charset = params.get("charset")
    if charset and charset.upper() != "UTF-8":
        problems.append(f"charset {charset!r} is not UTF-8")
    variant = params.get("variant")
    if content_type == "text/markdown" and variant and variant not in MARKDOWN_VARIANTS:
        problems.append(f"Markdown variant {variant!r} is not one of {', '.join(MARKDOWN_VARIANTS)}")
    return problems


def render_problem(text: str, content_type: str | None) -> str | None:
    """Why ``text`` fails to render as PyPI renders it (reStructuredText when no type is given), or None.

    reStructuredText treats docutils warnings as errors, as PyPI does; Markdown uses the declared
    variant (GFM by default). readme_renderer is imported here only: the check path stays lean.
    """
    kind, params = parse_content_type(content_type or "text/x-rst")
    if kind == "text/markdown":
        from readme_renderer import markdown  # noqa: PLC0415 - heavy, and only this check needs it

        variant = params.get("variant", "GFM")
        if variant not in MARKDOWN_VARIANTS:
            return None  # content_type_problems reports the variant itself
        return None if markdown.render(text, variant=variant) else "the Markdown renders to nothing"
    if kind != "text/x-rst":
        return None  # text/plain always renders
    from readme_renderer import rst  # noqa: PLC0415

    warnings = io.StringIO()
    if rst.render(text, stream=warnings) is not None:
        return None
    found = _DOCUTILS_MESSAGE.search(warnings.getvalue())
    if found is None:
        return "the reStructuredText renders to nothing"
    return f"reStructuredText line {found['line']}: {found['text'].strip()}"
