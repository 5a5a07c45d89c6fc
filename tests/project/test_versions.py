"""The version model: parsing spellings, judging agreement, rendering in a spelling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.version import Version

from releasekit.project.versions import (
    DEV_COUNTER,
    agrees,
    dev_count,
    find_versions,
    is_short_form,
    parse_tuple,
    parse_version,
    render_like,
    render_tuple,
    tuple_target,
    with_dev,
    without_dev,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2.3", "1.2.3"),
        ("v1.2.3", "1.2.3"),
        ("1.2.3rc1", "1.2.3rc1"),
        ("1.2.3-rc.1", "1.2.3rc1"),
        ("1.2.3-beta.2", "1.2.3b2"),
        ("1.2.3.post1", "1.2.3.post1"),
        ("1.2.3.dev4", "1.2.3.dev4"),
        ("1.2", "1.2"),
        ("not-a-version", None),
    ],
    ids=["plain", "v-prefix", "pep440-rc", "semver-rc", "semver-beta", "post", "dev", "short", "invalid"],
)
def test_parse_version(text: str, expected: str | None) -> None:
    parsed = parse_version(text)
    assert (str(parsed) if parsed else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(1, 2, 3)", "1.2.3"),
        ("(1,2,3)", "1.2.3"),
        ("(1, 2)", "1.2"),
        ('(1, 2, 3, "final", 0)', "1.2.3"),
        ("(1, 2, 3, 'candidate', 1)", "1.2.3rc1"),
        ('(1, 2, 3, "alpha", 2)', "1.2.3a2"),
        ('(1, 2, 3, "beta", 0)', "1.2.3b0"),
        ('(1, 2, 3, "dev", 5)', "1.2.3.dev5"),
        ("(1,)", None),
        ("(1, x, 3)", None),
        ('(1, 2, "weird", 0)', None),
        ('(1, 2, "final", 0, 9)', None),
    ],
    ids=["plain", "tight", "short", "final", "candidate", "alpha", "beta", "dev", "one", "name", "level", "extra"],
)
def test_parse_tuple(text: str, expected: str | None) -> None:
    parsed = parse_tuple(text)
    assert (str(parsed) if parsed else None) == expected


def test_find_versions_respects_boundaries() -> None:
    text = "11.2.30 172.17.0.1 v1.2.3 x1.2.3 1.2.3-rc.1 a-1.2.3.tar.gz end 1.2.3."
    assert find_versions(text) == [
        (0, "11.2.30"),
        (8, "172.17.0.1"),
        (19, "v1.2.3"),
        (33, "1.2.3-rc.1"),
        (46, "1.2.3"),
        (63, "1.2.3"),
    ]


@pytest.mark.parametrize(
    ("found", "canonical", "short", "expected"),
    [
        ("1.2.3", "1.2.3", False, True),
        ("1.2.3-rc.1", "1.2.3rc1", False, True),
        ("1.2.2", "1.2.3", False, False),
        ("1.2", "1.2.3", True, True),
        ("1.2", "1.3.0", True, False),
        ("1.2", "1.2.3", False, False),
        ("1.2.0", "1.2", False, True),
    ],
    ids=["equal", "spelling", "stale", "short-ok", "short-stale", "short-not-allowed", "zero-padding"],
)
def test_agrees(found: str, canonical: str, short: bool, expected: bool) -> None:
    assert agrees(Version(found), Version(canonical), short=short) is expected


def test_is_short_form() -> None:
    assert is_short_form(Version("1.2"), Version("1.2.3"))
    assert not is_short_form(Version("1.2"), Version("1.2"))
    assert not is_short_form(Version("1.2.3"), Version("1.2.3"))


@pytest.mark.parametrize(
    ("new", "spelled", "expected"),
    [
        ("1.3.0", "1.2.3", "1.3.0"),
        ("1.3.0", "v1.2.3", "v1.3.0"),
        ("1.3.0rc1", "1.2.3-rc.2", "1.3.0-rc.1"),
        ("1.3.0b1", "1.2.3-beta.1", "1.3.0-beta.1"),
        ("1.3.0rc1", "1.2.3", "1.3.0rc1"),
        ("1.3.1", "1.3", "1.3"),
        ("2.0.0.post1.dev2", "1.0.0", "2.0.0.post1.dev2"),
    ],
    ids=["plain", "v-prefix", "semver-rc", "long-name", "pep440-default", "short-form", "post-dev"],
)
def test_render_like(new: str, spelled: str, expected: str) -> None:
    assert render_like(Version(new), spelled) == expected


@pytest.mark.parametrize(
    ("new", "spelled", "expected"),
    [
        ("1.3.0", "(1, 2, 3)", "(1, 3, 0)"),
        ("1.3.0", "(1,2,3)", "(1,3,0)"),
        ("1.3.0rc1", "(1, 2, 3, 'final', 0)", "(1, 3, 0, 'candidate', 1)"),
        ("1.3.0", '(1, 2, 3, "candidate", 1)', '(1, 3, 0, "final", 0)'),
    ],
    ids=["plain", "tight", "to-candidate", "to-final"],
)
def test_render_tuple(new: str, spelled: str, expected: str) -> None:
    assert render_tuple(Version(new), spelled) == expected
    assert parse_tuple(expected) == Version(new)


versions = st.builds(
    lambda release, pre, post, dev: Version(
        ".".join(map(str, release))
        + (f"{pre[0]}{pre[1]}" if pre else "")
        + (f".post{post}" if post is not None else "")
        + (f".dev{dev}" if dev is not None else "")
    ),
    st.lists(st.integers(0, 99), min_size=2, max_size=4),
    st.none() | st.tuples(st.sampled_from(["a", "b", "rc"]), st.integers(0, 9)),
    st.none() | st.integers(0, 9),
    st.none() | st.integers(0, 9),
)


@given(versions, st.sampled_from(["", "v"]))
def test_render_then_parse_round_trips(version: Version, prefix: str) -> None:
    spelled = render_like(version, prefix + "0.0.1")
    assert parse_version(spelled) == version
    assert render_like(version, spelled) == spelled


@given(versions)
def test_found_in_text_exactly(version: Version) -> None:
    text = f"see {version} and 1{version}0 here"
    assert find_versions(text)[0] == (4, str(version))


@pytest.mark.parametrize(
    ("text", "without", "with_dev_2"),
    [
        ("7.11.3a0.dev1", "7.11.3a0", "7.11.3a0.dev2"),
        ("1.2.3", "1.2.3", "1.2.3.dev2"),
        ("1.2.3.post1.dev4", "1.2.3.post1", "1.2.3.post1.dev2"),
    ],
)
def test_dev_parts(text: str, without: str, with_dev_2: str) -> None:
    assert str(without_dev(Version(text))) == without
    assert str(with_dev(Version(text), 2)) == with_dev_2
    assert with_dev(Version(text), 0) == Version(text)


@pytest.mark.parametrize(
    ("found", "canonical", "target"),
    [
        ("7.11.3a0", "7.11.3a0.dev1", "7.11.3a0"),
        ("7.11.3", "7.11.3.dev2", "7.11.3"),
        ("7.11.3.dev2", "7.11.3.dev2", "7.11.3.dev2"),
        ("7.11.3", "7.11.3rc1", "7.11.3rc1"),
    ],
    ids=["pre-dev", "final-dev", "tuple-with-dev", "no-dev"],
)
def test_tuple_target(found: str, canonical: str, target: str) -> None:
    assert tuple_target(Version(found), Version(canonical)) == Version(target)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("_dev = 1\n", 1),
        ("_dev: int = 12  # the .devN suffix\n", 12),
        ("_dev = 3\r\n", 3),
        ("_dev = 0", 0),
        ("    _dev = 1\n", None),
        ("_dev = True\n", None),
        ("_dev = 1 + x\n", None),
    ],
    ids=["plain", "annotated-commented", "crlf", "no-newline", "indented", "flag", "expression"],
)
def test_dev_counter(text: str, count: int | None) -> None:
    match = DEV_COUNTER.search(text)
    assert (int(match["dev"]) if match else None) == count


def test_dev_count() -> None:
    assert [dev_count(Version(text)) for text in ("1.2.3", "1.2.3.dev0", "1.2.3a1.dev4")] == [0, None, 4]
