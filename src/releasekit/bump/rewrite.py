"""New file contents for a bump: each reference respelled in place, every other byte kept as it was."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from packaging.version import Version

from releasekit.errors import Category, ReleasekitError
from releasekit.project.files import decode_with_encoding
from releasekit.project.versions import (
    agrees,
    describes_development,
    dev_count,
    in_development_like,
    is_short_form,
    parse_tuple,
    parse_version,
    render_like,
    render_tuple,
    tuple_target,
    without_dev,
)
from releasekit.references.discovery import VersionReference
from releasekit.references.kinds import DEV_COUNTER_KIND


class Edit(NamedTuple):
    """Replace ``old`` by ``new`` at ``line:column`` (1-based, counted in the decoded text)."""

    line: int
    column: int
    old: str
    new: str


class RewriteError(ReleasekitError):
    """A reference cannot be rewritten safely: the file moved on, or the spelling cannot hold the version."""

    def __init__(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(f"{path}:{line}:{column}: {message}", category=Category.VALIDATION, hint=hint)


def _cannot_hold(reference: VersionReference, new: Version) -> RewriteError:
    return RewriteError(
        reference.path,
        reference.line,
        reference.column,
        f"{reference.text} ({reference.kind}) cannot be written as {new} in the same spelling",
        "write it in a spelling that can hold the new version (a tuple with a release level, "
        "such as (1, 3, 0, 'candidate', 1)), or mark the line with `releasekit: ignore`",
    )


# Kinds written by tools that normalize (uv, npm): the user's own spelling never goes there.
NORMALIZED_KINDS = frozenset({"uv-lock", "package-json", "codemeta", DEV_COUNTER_KIND})


def user_spelling(typed: str | None, new: Version) -> str | None:
    """The user's ``--new-version`` as typed (``8.4.2.dev``, ``1.0.2-dev``) when it is not the normalized form.

    A leading ``v`` is each file's business (``v1.2.3`` stays prefixed, ``1.2.3`` does not), and so is
    a pre-release's case and separators when the user wrote it normalized.
    """
    if typed is None:
        return None
    text = typed.strip()
    text = text[1:] if text[:1] in ("v", "V") else text
    return text if text != str(new) and parse_version(text) == new else None


def respell(
    reference: VersionReference,
    current: Version,
    new: Version,
    *,
    beside_dev_counter: bool = False,
    spelled: str | None = None,
) -> str:
    """``new`` written the way ``reference`` writes ``current`` (prefix, separators, tuple, short form).

    A ``_dev`` counter gets the new ``.devN`` number (0 for none), and a tuple beside one leaves
    that part to it, as the canonical version reads them. A tuple marked ``in_development`` that
    says a pre-release of ``current`` (Sphinx's ``(9, 1, 1, 'beta', 0)`` at 9.1.1) keeps that
    level for a final ``new``, as ``consistency.judge`` accepts it. Raises when the spelling cannot say
    ``new`` (a plain tuple cannot hold ``rc1``, a counter cannot hold ``.dev0``): never a guess.
    ``spelled`` is the user's own spelling of ``new`` (``8.4.2.dev``): written as is, with the
    reference's ``v`` prefix, wherever the kind does not demand the normalized form.
    """
    if reference.kind == DEV_COUNTER_KIND:
        count = dev_count(new)
        if count is None:
            raise _cannot_hold(reference, new)
        return str(count)
    found = Version(reference.value)
    short = reference.short_ok and is_short_form(found, current)
    developing = reference.is_tuple and reference.in_development
    if reference.is_tuple:
        wanted = without_dev(new) if beside_dev_counter else new
        if developing and describes_development(found, tuple_target(found, current)):
            wanted = in_development_like(wanted, found)
        text = render_tuple(wanted, reference.text, short=short)
        written = parse_tuple(text)
        target = new if written is None else tuple_target(written, new)
    elif spelled is not None and not short and reference.kind not in NORMALIZED_KINDS:
        text = (reference.text[0] if reference.text[:1] in ("v", "V") else "") + spelled
        written = parse_version(text)
        target = new
    else:
        text = render_like(new, reference.text, short=short)
        written = parse_version(text)
        target = new
    if written is None or not (
        agrees(written, target, short=short) or (developing and describes_development(written, target))
    ):
        raise _cannot_hold(reference, new)
    return text


def edits_for(
    references: Iterable[VersionReference], current: Version, new: Version, *, spelled: str | None = None
) -> dict[str, list[Edit]]:
    """Per file, the edits that move ``references`` from ``current`` to ``new`` (``spelled``: the user's spelling)."""
    references = list(references)
    with_counter = {reference.path for reference in references if reference.kind == DEV_COUNTER_KIND}
    by_path: dict[str, list[Edit]] = {}
    for reference in references:
        text = respell(reference, current, new, beside_dev_counter=reference.path in with_counter, spelled=spelled)
        if text != reference.text:
            by_path.setdefault(reference.path, []).append(Edit(reference.line, reference.column, reference.text, text))
    return by_path


def _line_starts(text: str) -> list[int]:
    return [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]


def apply_edits(path: str, data: bytes, edits: Iterable[Edit]) -> bytes:
    """``data`` with each edit made; the bytes between edits are copied, never re-encoded.

    Line endings, a BOM, a PEP 263 encoding and a missing final newline all survive because
    only the edited spans are encoded. Each edit's old text must be exactly where discovery
    saw it, or nothing is written.
    """
    decoded = decode_with_encoding(data, path)
    if decoded is None:
        raise RewriteError(path, 1, 1, "the file is no longer readable text", "run the bump again")
    text, codec = decoded.text, decoded.codec
    starts = _line_starts(text)
    pieces: list[bytes] = []
    text_cursor, byte_cursor = 0, decoded.bom_length
    for edit in sorted(edits):
        if edit.line > len(starts):
            raise RewriteError(path, edit.line, edit.column, f"expected {edit.old!r}, the file is shorter")
        offset = starts[edit.line - 1] + edit.column - 1
        if offset < text_cursor:
            raise RewriteError(path, edit.line, edit.column, "two references overlap")
        if text[offset : offset + len(edit.old)] != edit.old:
            found = text[offset : offset + len(edit.old)]
            raise RewriteError(
                path,
                edit.line,
                edit.column,
                f"expected {edit.old!r} there, found {found!r}",
                "the file changed since it was scanned: run the bump again",
            )
        between = text[text_cursor:offset].encode(codec)
        old = edit.old.encode(codec)
        original = data[byte_cursor : byte_cursor + len(between) + len(old)]
        if original != between + old:  # pragma: no cover - defensive: no codec decode() accepts gets here
            # A codec whose bytes would depend on what came before: no safe splice.
            raise RewriteError(path, edit.line, edit.column, f"cannot edit {codec} text in place")
        pieces += [data[byte_cursor : byte_cursor + len(between)], edit.new.encode(codec)]
        text_cursor, byte_cursor = offset + len(edit.old), byte_cursor + len(original)
    return data[: decoded.bom_length] + b"".join(pieces) + data[byte_cursor:]


def rewrite_files(
    contents: Mapping[str, bytes],
    references: Iterable[VersionReference],
    current: Version,
    new: Version,
    *,
    spelled: str | None = None,
) -> dict[str, bytes]:
    """The new bytes of every file whose references change (``contents`` holds their current bytes)."""
    return {
        path: apply_edits(path, contents[path], edits)
        for path, edits in sorted(edits_for(references, current, new, spelled=spelled).items())
    }
