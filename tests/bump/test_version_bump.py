"""PEP 440 bump arithmetic: every kind from every shape of version, and the checks on a typed version."""

from __future__ import annotations

import pytest
from packaging.version import Version

from releasekit.bump.next_version import BUMP_KINDS, Candidate, candidates, new_version_from_text, next_version
from releasekit.errors import Category, ReleasekitError

# current -> the result of each kind, in BUMP_KINDS order (None: the kind does not apply).
TABLE: dict[str, tuple[str | None, ...]] = {
    #            major      minor      patch      pre           post             dev               release
    "1.2.3": ("2.0.0", "1.3.0", "1.2.4", "1.2.4a1", "1.2.3.post1", "1.2.4.dev1", None),
    "1.2": ("2.0", "1.3", "1.2.1", "1.2.1a1", "1.2.post1", "1.2.1.dev1", None),
    "2.0.0rc1": ("2.0.0", "2.0.0", "2.0.0", "2.0.0rc2", "2.0.0rc1.post1", "2.0.0rc2.dev1", "2.0.0"),
    "1.3.0rc1": ("2.0.0", "1.3.0", "1.3.0", "1.3.0rc2", "1.3.0rc1.post1", "1.3.0rc2.dev1", "1.3.0"),
    "1.2.3a1": ("2.0.0", "1.3.0", "1.2.3", "1.2.3b1", "1.2.3a1.post1", "1.2.3a2.dev1", "1.2.3"),
    "1.2.3b2": ("2.0.0", "1.3.0", "1.2.3", "1.2.3rc1", "1.2.3b2.post1", "1.2.3b3.dev1", "1.2.3"),
    "1.2.3.dev1": ("2.0.0", "1.3.0", "1.2.3", "1.2.3a1", "1.2.3.post1", "1.2.3.dev2", "1.2.3"),
    "1.2.3.post1": ("2.0.0", "1.3.0", "1.2.4", "1.2.4a1", "1.2.3.post2", "1.2.3.post2.dev1", None),
    "1.2.3.post1.dev2": ("2.0.0", "1.3.0", "1.2.4", "1.2.4a1", "1.2.3.post1", "1.2.3.post1.dev3", "1.2.3.post1"),
    "1.2.3rc1.dev2": ("2.0.0", "1.3.0", "1.2.3", "1.2.3rc1", "1.2.3rc1.post1", "1.2.3rc1.dev3", "1.2.3"),
    "1!1.2.3": ("1!2.0.0", "1!1.3.0", "1!1.2.4", "1!1.2.4a1", "1!1.2.3.post1", "1!1.2.4.dev1", None),
    "1.2.3+local.7": ("2.0.0", "1.3.0", "1.2.4", "1.2.4a1", "1.2.3.post1", "1.2.4.dev1", None),
    "0.9.9": ("1.0.0", "0.10.0", "0.9.10", "0.9.10a1", "0.9.9.post1", "0.9.10.dev1", None),
}
CASES = [
    (current, kind, expected) for current, row in TABLE.items() for kind, expected in zip(BUMP_KINDS, row, strict=True)
]


@pytest.mark.parametrize(
    ("current", "kind", "expected"), CASES, ids=[f"{current}-{kind}" for current, kind, _ in CASES]
)
def test_next_version(current: str, kind: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(ReleasekitError, match="already a final release") as caught:
            next_version(Version(current), kind)
        assert caught.value.category is Category.USAGE
        return
    result = next_version(Version(current), kind)
    assert str(result) == expected
    assert result > Version(current)


@pytest.mark.parametrize(
    ("current", "start", "expected"),
    [("1.2.3", "a", "1.2.4a1"), ("1.2.3", "b", "1.2.4b1"), ("1.2.3", "rc", "1.2.4rc1"), ("1.2.4a3", "rc", "1.2.4b1")],
    ids=["alpha", "beta", "candidate", "walks-whatever-the-start"],
)
def test_pre_release_start(current: str, start: str, expected: str) -> None:
    assert str(next_version(Version(current), "pre", pre_start=start)) == expected


def test_unknown_kind_and_start() -> None:
    with pytest.raises(ReleasekitError, match="unknown bump kind 'huge'"):
        next_version(Version("1.0"), "huge")
    with pytest.raises(ReleasekitError, match="unknown pre-release start 'c'") as caught:
        next_version(Version("1.0"), "pre", pre_start="c")
    assert caught.value.category is Category.CONFIGURATION


def test_candidates_for_the_prompt() -> None:
    assert candidates(Version("1.2.3"), pre_start="rc") == (
        Candidate("major", Version("2.0.0")),
        Candidate("minor", Version("1.3.0")),
        Candidate("patch", Version("1.2.4")),
        Candidate("pre", Version("1.2.4rc1")),
        Candidate("post", Version("1.2.3.post1")),
        Candidate("dev", Version("1.2.4.dev1")),
        Candidate("release", None, "1.2.3 is already a final release: there is no pre- or dev-part to drop"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.3.0", "1.3.0"), ("v1.3", "1.3"), (" 1.3.0-RC.1 ", "1.3.0rc1"), ("1.2.3.post1", "1.2.3.post1")],
    ids=["plain", "v-prefix-normalized", "semver-normalized", "post"],
)
def test_new_version_is_normalized(text: str, expected: str) -> None:
    assert str(new_version_from_text(text, Version("1.2.3"))) == expected


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("1.2.x", "'1.2.x' is not a valid PEP 440 version", "use a version such as 1.2.3"),
        ("1.2.3", "the project is already at 1.2.3", "give a version other than the current one"),
        ("1.2.2", "1.2.2 is lower than the current version 1.2.3", "pass --allow-downgrade"),
        ("1.2.3rc1", "1.2.3rc1 is lower than the current version 1.2.3", "pass --allow-downgrade"),
    ],
    ids=["invalid", "same", "downgrade", "pre-release-of-current"],
)
def test_new_version_errors(text: str, message: str, hint: str) -> None:
    with pytest.raises(ReleasekitError) as caught:
        new_version_from_text(text, Version("1.2.3"))
    assert caught.value.message == message
    assert caught.value.hint.startswith(hint)
    assert caught.value.category is Category.USAGE


def test_downgrade_when_allowed() -> None:
    assert new_version_from_text("1.2.2", Version("1.2.3"), allow_downgrade=True) == Version("1.2.2")
    with pytest.raises(ReleasekitError, match="already at"):
        new_version_from_text("1.2.3", Version("1.2.3"), allow_downgrade=True)
