"""The version model: PEP 440 values and the spellings references use for them."""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

# A version as it appears in text. Boundaries are the caller's business (see ``bounded``).
VERSION_TEXT = (
    r"[vV]?\d+(?:\.\d+){1,3}"
    r"(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c)[-_.]?\d*)?"
    r"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?"
    r"(?:[-_.]?dev[-_.]?\d*)?"
    r"(?:\+[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*)?"
)
# Not glued to a longer number or word: 11.2.30 is not 1.2.3 and 172.17.0.1 is not 7.0.1.
BOUNDED_VERSION = rf"(?<![\w.]){VERSION_TEXT}(?![\w]|\.\d)"
_BOUNDED = re.compile(BOUNDED_VERSION)
# coverage.py keeps the .devN part beside its version tuple, which has no room for it: ``_dev = 1``.
DEV_COUNTER = re.compile(r"^_dev[ \t]*(?::[^=\n]*)?=[ \t]*(?P<dev>\d+)[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)

_PRE_LETTERS = {"a": "a", "alpha": "a", "b": "b", "beta": "b", "c": "rc", "rc": "rc", "pre": "rc"}
_PRE_LETTERS["preview"] = "rc"
_RELEASE_LEVELS = {"alpha": "a", "beta": "b", "candidate": "rc", "final": ""}
_LEVEL_NAMES = {"a": "alpha", "b": "beta", "rc": "candidate"}
_TUPLE_ITEM = re.compile(r"""\s*(?:(?P<int>\d+)|(?P<quote>['"])(?P<text>[A-Za-z]*)(?P=quote))\s*""")
_PRE_SPELLING = re.compile(
    r"^(?P<release>\d+(?:\.\d+)*)(?P<sep1>[-_.]?)(?P<letter>alpha|beta|preview|pre|rc|a|b|c)"
    r"(?P<sep2>[-_.]?)(?P<number>\d*)",
    re.IGNORECASE,
)


def parse_version(text: str) -> Version | None:
    """Parse a PEP 440 version (``v`` prefix and ``-rc.1`` style separators allowed)."""
    try:
        return Version(text)
    except InvalidVersion:
        return None


def parse_tuple(text: str) -> Version | None:
    """Parse a version tuple: ``(1, 2, 3)`` or ``(1, 2, 3, "candidate", 1)`` in sys.version_info style."""
    inner = text.strip()
    if inner.startswith("(") or inner.startswith("["):
        inner = inner[1:-1]
    items = [item for item in inner.split(",") if item.strip()]
    ints: list[int] = []
    level: str | None = None
    serial: int | None = None
    for item in items:
        match = _TUPLE_ITEM.fullmatch(item)
        if match is None:
            return None
        if match["int"] is not None:
            if level is None:
                ints.append(int(match["int"]))
            elif serial is None:
                serial = int(match["int"])
            else:
                return None
        elif level is None and ints:
            level = match["text"].lower()
        else:
            return None
    if len(ints) < 2:
        return None
    release = ".".join(str(part) for part in ints)
    if level in (None, "final", ""):
        return parse_version(release)
    letter = _RELEASE_LEVELS.get(level, level)
    if letter not in ("a", "b", "rc"):
        if level == "dev":
            return parse_version(f"{release}.dev{serial or 0}")
        return None
    return parse_version(f"{release}{letter}{serial or 0}")


def find_versions(text: str) -> list[tuple[int, str]]:
    """Every bounded version-looking token in ``text`` as (offset, token)."""
    return [(match.start(), match.group()) for match in _BOUNDED.finditer(text)]


def agrees(found: Version, canonical: Version, *, short: bool) -> bool:
    """Whether a reference value agrees with the canonical version.

    A short form (``1.2`` where the file only carries major.minor) agrees with any
    canonical version of that series.
    """
    if short:
        prefix = canonical.release[: len(found.release)]
        return found.release == prefix and found.pre is None and found.dev is None
    return found == canonical


def without_dev(version: Version) -> Version:
    """``version`` without its ``.devN`` part: what a version tuple, which has no room for it, can say."""
    return Version(re.sub(r"\.dev\d+", "", str(version)))


def with_dev(version: Version, dev: int) -> Version:
    """``version`` with a ``.devN`` part (coverage.py's ``_dev`` counter beside its version tuple)."""
    return Version(f"{without_dev(version).public}.dev{dev}") if dev else version


def dev_count(version: Version) -> int | None:
    """What a ``_dev`` counter must say for ``version``: its ``.devN`` number, 0 when it has none.

    None for a ``.dev0``, which no counter can say: ``_dev = 0`` means no ``.devN`` part at all.
    """
    if version.dev is None:
        return 0
    return version.dev or None


def tuple_target(found: Version, canonical: Version) -> Version:
    """What a version tuple that says ``found`` must agree with.

    A tuple without a ``.devN`` part agrees with ``canonical`` without its own: the tuple has no
    room for it (coverage.py keeps it in a ``_dev`` counter, judged on its own).
    """
    return without_dev(canonical) if found.dev is None and canonical.dev is not None else canonical


def describes_development(found: Version, canonical: Version) -> bool:
    """Whether ``found`` is a pre-release of the final release ``canonical``: the release being developed.

    Sphinx keeps ``version_info = (9, 1, 1, 'beta', 0)`` beside ``__version__ = '9.1.1'`` while
    ``_in_development = True``; only such a marked tuple may say this (see ``consistency.judge``).
    """
    return (
        found.pre is not None
        and found.post is None
        and found.dev is None
        and found.local is None
        and Version(found.base_version) == canonical
        and str(canonical) == canonical.base_version
    )


def in_development_like(new: Version, found: Version) -> Version:
    """``new`` at the pre-release level of ``found`` when ``new`` is a final release (its development)."""
    if found.pre is None or str(new) != new.base_version:
        return new
    letter, number = found.pre
    return Version(f"{new.base_version}{letter}{number}")


def is_short_form(found: Version, canonical: Version) -> bool:
    """A two-part plain release where the canonical version has more parts."""
    return (
        len(found.release) == 2
        and len(canonical.release) > 2
        and found.pre is None
        and found.post is None
        and found.dev is None
        and found.local is None
    )


def render_like(new: Version, spelled: str, *, short: bool | None = None) -> str:
    """Write ``new`` in the spelling of ``spelled`` (prefix, pre-release style, short form).

    ``render_like(v, s)`` returns ``s`` unchanged whenever ``Version(s) == v`` and ``s`` is
    a release in the same style, so parsing then rendering round-trips. ``short`` says whether
    ``spelled`` is a major.minor short form; left ``None``, any two-part release counts as one.
    """
    prefix = spelled[0] if spelled[:1] in ("v", "V") else ""
    body = spelled[len(prefix) :]
    old = parse_version(body)
    if old is not None and old == new and (old.release == new.release):
        return spelled
    release = ".".join(str(part) for part in new.release)
    looks_short = old is not None and len(old.release) == 2 and len(new.release) > 2 and old.pre is None
    if looks_short if short is None else short:
        release = ".".join(str(part) for part in new.release[:2])
        return prefix + release
    text = release
    if new.pre is not None:
        letter, number = new.pre
        style = _PRE_SPELLING.match(body)
        if style is not None:
            long_names = style["letter"].lower() in ("alpha", "beta")
            spelled_letter = {"a": "alpha", "b": "beta"}.get(letter, letter) if long_names else letter
            if style["letter"].isupper():
                spelled_letter = spelled_letter.upper()
            text += f"{style['sep1']}{spelled_letter}{style['sep2']}{number}"
        else:
            text += f"{letter}{number}"
    if new.post is not None:
        text += f".post{new.post}"
    if new.dev is not None:
        text += f".dev{new.dev}"
    if new.local is not None:
        text += f"+{new.local}"
    return prefix + text


def render_tuple(new: Version, spelled: str, *, short: bool = False) -> str:
    """Write ``new`` as a tuple in the style of ``spelled`` (length, quotes, spacing, release level).

    A ``short`` tuple (``(1, 2)`` standing for the 1.2 series) keeps its two parts.
    """
    opening, closing = spelled.strip()[0], spelled.strip()[-1]
    items = [item.strip() for item in spelled.strip()[1:-1].split(",") if item.strip()]
    separator = ", " if ", " in spelled else ","
    quote = "'" if "'" in spelled else '"'
    ints = [item for item in items if item.isdigit()]
    has_level = len(items) > len(ints)
    count = max(len(ints) if not has_level else len(items) - 2, len(new.release))
    if short:
        count = len(ints)
    release = [str(part) for part in (*new.release, 0, 0, 0)[:count]]
    if has_level:
        if new.pre is not None:
            level, serial = _LEVEL_NAMES[new.pre[0]], new.pre[1]
        elif new.dev is not None:
            level, serial = "dev", new.dev
        else:
            level, serial = "final", 0
        parts = [*release, f"{quote}{level}{quote}", str(serial)]
    else:
        parts = release
    trailing = "," if len(parts) == 1 else ""
    return f"{opening}{separator.join(parts)}{trailing}{closing}"
