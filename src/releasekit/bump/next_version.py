"""PEP 440 arithmetic for a bump: the next version of each kind, and a user's own version checked."""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

from packaging.version import InvalidVersion, Version

from releasekit.errors import Category, ReleasekitError

BumpKind = Literal["major", "minor", "patch", "pre", "post", "dev", "release"]
BUMP_KINDS: tuple[BumpKind, ...] = get_args(BumpKind)
PreStart = Literal["a", "b", "rc"]
PRE_STARTS: tuple[PreStart, ...] = get_args(PreStart)
_PRE_WALK = {"a": "b", "b": "rc"}
_LEVELS = {"major": 0, "minor": 1, "patch": 2}


class Candidate(NamedTuple):
    """What one kind of bump would give, or why it cannot apply to the current version."""

    kind: BumpKind
    version: Version | None
    reason: str = ""


def _compose(
    epoch: int,
    release: tuple[int, ...],
    *,
    pre: tuple[str, int] | None = None,
    post: int | None = None,
    dev: int | None = None,
) -> Version:
    text = (f"{epoch}!" if epoch else "") + ".".join(str(part) for part in release)
    if pre is not None:
        text += f"{pre[0]}{pre[1]}"
    if post is not None:
        text += f".post{post}"
    if dev is not None:
        text += f".dev{dev}"
    return Version(text)


def _bump_release(current: Version, level: int) -> tuple[int, ...]:
    """``current``'s release with part ``level`` raised and the later parts zeroed.

    A pre- or dev-release of a version that is already such a bump becomes that version:
    ``2.0.0rc1`` + major is ``2.0.0``, as npm's and Poetry's semver arithmetic do.
    """
    length = max(len(current.release), level + 1, 3 if level == 2 else 2)
    release = (*current.release, *(0,) * length)[:length]
    unreleased = current.is_prerelease and current.post is None
    if unreleased and not any(release[level + 1 :]) and (level == 0 or any(release[1:]) or release[0]):
        return release
    return (*release[:level], release[level] + 1, *(0,) * (length - level - 1))


def next_version(current: Version, kind: str, *, pre_start: str = "a") -> Version:
    """The version after ``current`` for a bump ``kind``; always normalized, never local.

    ``pre`` starts the next patch release at ``{pre_start}1``, then walks a → b → rc and counts
    release candidates; ``dev`` and ``post`` count up; ``release`` drops the pre- and dev-parts.
    """
    epoch = current.epoch
    if kind in _LEVELS:
        return _compose(epoch, _bump_release(current, _LEVELS[kind]))
    if kind == "pre":
        if pre_start not in PRE_STARTS:
            raise ReleasekitError(
                f"unknown pre-release start {pre_start!r}",
                category=Category.CONFIGURATION,
                hint=f"use one of {', '.join(PRE_STARTS)}",
            )
        if current.pre is None or current.post is not None:
            return _compose(epoch, _bump_release(current, 2), pre=(pre_start, 1))
        letter, number = current.pre
        if current.dev is not None:
            # 1.2.3rc1.dev2 comes before 1.2.3rc1: the next pre-release is rc1 itself.
            return _compose(epoch, current.release, pre=current.pre)
        if letter in _PRE_WALK:
            return _compose(epoch, current.release, pre=(_PRE_WALK[letter], 1))
        return _compose(epoch, current.release, pre=(letter, number + 1))
    if kind == "post":
        if current.dev is not None and current.post is not None:
            return _compose(epoch, current.release, pre=current.pre, post=current.post)
        return _compose(epoch, current.release, pre=current.pre, post=(current.post or 0) + 1)
    if kind == "dev":
        if current.dev is not None:
            return _compose(epoch, current.release, pre=current.pre, post=current.post, dev=current.dev + 1)
        if current.post is not None:
            return _compose(epoch, current.release, pre=current.pre, post=current.post + 1, dev=1)
        if current.pre is not None:
            return _compose(epoch, current.release, pre=(current.pre[0], current.pre[1] + 1), dev=1)
        return _compose(epoch, _bump_release(current, 2), dev=1)
    if kind == "release":
        if current.pre is None and current.dev is None:
            raise ReleasekitError(
                f"{current} is already a final release: there is no pre- or dev-part to drop",
                category=Category.USAGE,
                hint="use major, minor or patch for the next release",
            )
        return _compose(epoch, current.release, post=current.post)
    raise ReleasekitError(
        f"unknown bump kind {kind!r}", category=Category.USAGE, hint=f"use one of {', '.join(BUMP_KINDS)}"
    )


def candidates(current: Version, *, pre_start: str = "a") -> tuple[Candidate, ...]:
    """The result of every kind of bump from ``current``, in the order the prompt shows them."""
    found = []
    for kind in BUMP_KINDS:
        try:
            found.append(Candidate(kind, next_version(current, kind, pre_start=pre_start)))
        except ReleasekitError as error:
            found.append(Candidate(kind, None, error.message))
    return tuple(found)


def new_version_from_text(text: str, current: Version, *, allow_downgrade: bool = False) -> Version:
    """A version the user typed: valid PEP 440, and later than ``current`` unless a downgrade is allowed."""
    try:
        version = Version(text.strip())
    except InvalidVersion:
        raise ReleasekitError(
            f"{text!r} is not a valid PEP 440 version",
            category=Category.USAGE,
            hint="use a version such as 1.2.3, 1.2.3rc1, 1.2.3.post1 or 1.2.3.dev1",
        ) from None
    if version == current:
        raise ReleasekitError(
            f"the project is already at {current}",
            category=Category.USAGE,
            hint="give a version other than the current one",
        )
    if version < current and not allow_downgrade:
        raise ReleasekitError(
            f"{version} is lower than the current version {current}",
            category=Category.USAGE,
            hint="pass --allow-downgrade if going back is really what you want",
        )
    return Version(str(version))
