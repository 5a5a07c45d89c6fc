"""Judging references: exact agreement, short forms, and the recency gate for loose kinds."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from packaging.version import Version

from releasekit.project.versions import parse_tuple
from releasekit.references.discovery import VersionReference
from releasekit.references.judge import judge, stale_finding
from releasekit.references.kinds import KINDS, LOOSE_KIND_IDS

CANONICAL = Version("1.34.10")
PREVIOUS = Version("1.34.9")


def reference(kind: str, text: str, *, path: str = "docs/x.md", is_tuple: bool = False) -> VersionReference:
    value = str(Version(text)) if not is_tuple else text
    short_ok = kind in ("supported-series", "sphinx-conf") or is_tuple
    return VersionReference(path, 1, 1, kind, text, value, is_tuple, short_ok)


class Verdict(NamedTuple):
    id: str
    reference: VersionReference
    previous: Version | None
    expected: bool | None  # stale or not; None: does not count at all


VERDICTS = [
    # A loose reference older than the previous release is an example, not a copy left behind.
    Verdict("old-pin-example", reference("pip-pin", "1.0.0"), PREVIOUS, None),
    Verdict("old-mention-example", reference("docs-mention", "1.2.1"), PREVIOUS, None),
    Verdict("old-self-rev-in-docs", reference("pre-commit-rev", "1.8.3"), PREVIOUS, None),
    Verdict("old-test-data", reference("test-assertion", "0.1.0", path="tests/test_x.py"), PREVIOUS, None),
    # A forgotten bump leaves the previous release, or a later pre-release: still stale.
    Verdict("left-at-previous", reference("docs-mention", "1.34.9"), PREVIOUS, True),
    Verdict("left-at-pre-release", reference("pip-pin", "1.34.10rc1"), PREVIOUS, True),
    # A later release in free text announces it (a deprecation notice), it is not a copy left behind.
    Verdict("ahead-of-canonical", reference("docs-mention", "1.35.0"), PREVIOUS, None),
    Verdict("next-major", reference("docs-mention", "2.0.0"), PREVIOUS, None),
    Verdict("ahead-in-a-test", reference("test-assertion", "1.34.11", path="tests/test_x.py"), PREVIOUS, None),
    # An exact kind ahead of the canonical version is a bump half done: stale.
    Verdict("exact-ahead", reference("dunder-version", "1.34.11", path="pkg/__init__.py"), PREVIOUS, True),
    # Far beyond the next major: another thing's number (Sphinx's test project at 2013.120).
    Verdict("far-future", reference("test-assertion", "2013.120", path="tests/test_intl.py"), PREVIOUS, None),
    # Without a known previous release, nothing is gated.
    Verdict("unknown-previous", reference("pip-pin", "1.0.0"), None, True),
    # Structured kinds are never examples: an old value there is always stale.
    Verdict("structured-old", reference("dunder-version", "1.0.0", path="boto3/__init__.py"), PREVIOUS, True),
    Verdict("structured-far-future", reference("pyproject", "2013.1.0", path="pyproject.toml"), PREVIOUS, True),
    Verdict("agrees", reference("pip-pin", "1.34.10"), PREVIOUS, False),
    # A series covers its releases: 1.34.x is the previous release's series.
    Verdict("series-of-previous", reference("supported-series", "1.34", path="SECURITY.md"), Version("1.33.9"), False),
    Verdict("series-left-behind", reference("supported-series", "1.33", path="SECURITY.md"), Version("1.33.9"), True),
    Verdict("series-older", reference("supported-series", "1.32", path="SECURITY.md"), Version("1.33.9"), None),
    # A bundled copy of an older major series (pydantic/v1) is not ours; a v1 folder of a 1.x project is.
    Verdict("older-copy", reference("version-module", "0.9.0", path="boto3/v0/version.py"), PREVIOUS, None),
    Verdict("same-major-folder", reference("dunder-version", "1.0.0", path="api/v1/__init__.py"), PREVIOUS, True),
]


@pytest.mark.parametrize("verdict", VERDICTS, ids=[verdict.id for verdict in VERDICTS])
def test_verdict(verdict: Verdict) -> None:
    judged = judge([verdict.reference], CANONICAL, lambda: verdict.previous)
    assert [item.stale for item in judged] == ([] if verdict.expected is None else [verdict.expected])


def test_previous_release_is_asked_once_and_only_when_a_loose_reference_is_older() -> None:
    asked: list[int] = []

    def previous() -> Version | None:
        asked.append(1)
        return PREVIOUS

    agreeing = [reference("docs-mention", "1.34.10"), reference("dunder-version", "1.0.0", path="a.py")]
    assert [item.stale for item in judge(agreeing, CANONICAL, previous)] == [False, True]
    assert judge([reference("docs-mention", "1.35.0")], CANONICAL, previous) == []
    assert asked == []
    older = [reference("docs-mention", "1.0.0"), reference("pip-pin", "1.34.9"), reference("docs-mention", "1.1.0")]
    assert [item.reference.text for item in judge(older, CANONICAL, previous)] == ["1.34.9"]
    assert asked == [1]


def test_without_a_previous_release_every_disagreement_counts() -> None:
    assert [item.stale for item in judge([reference("pip-pin", "1.0.0")], CANONICAL)] == [True]


@pytest.mark.parametrize(
    ("text", "canonical", "stale"),
    [
        ('(7, 11, 3, "alpha", 0)', "7.11.3a0.dev1", False),
        ("(7, 11, 3)", "7.11.3.dev2", False),
        ("(7, 11, 2)", "7.11.3.dev2", True),
        ('(7, 11, 3, "alpha", 0)', "7.11.3a0", False),
    ],
    ids=["alpha-dev", "final-dev", "older-tuple", "no-dev"],
)
def test_a_tuple_agrees_with_a_dev_version_of_its_release(text: str, canonical: str, stale: bool) -> None:
    found = parse_tuple(text)
    assert found is not None
    tuple_reference = VersionReference("pkg/version.py", 1, 1, "version-tuple", text, str(found), True, True)
    assert [item.stale for item in judge([tuple_reference], Version(canonical))] == [stale]


def test_a_dev_version_written_out_must_match_exactly() -> None:
    written = reference("dunder-version", "7.11.3a0", path="pkg/__init__.py")
    assert [item.stale for item in judge([written], Version("7.11.3a0.dev1"))] == [True]


@pytest.mark.parametrize(
    ("text", "canonical", "stale"),
    [
        ("1", "7.11.3a0.dev1", False),
        ("0", "7.11.3", False),
        ("1", "7.11.3", True),
        ("0", "7.11.4a0.dev1", True),
        ("2", "7.11.4.dev2", False),
        ("0", "7.11.4.dev0", True),
    ],
    ids=["dev1", "none", "left-at-dev1", "left-at-none", "dev2", "dev0-is-not-none"],
)
def test_a_dev_counter_is_the_dev_number(text: str, canonical: str, stale: bool) -> None:
    counter = VersionReference("pkg/version.py", 2, 8, "dev-counter", text, text)
    assert [item.stale for item in judge([counter], Version(canonical))] == [stale]


def test_a_stale_dev_counter_says_which_number_it_expects() -> None:
    counter = VersionReference("pkg/version.py", 2, 8, "dev-counter", "1", "1")
    assert stale_finding(counter, Version("7.11.3")).render() == (
        "pkg/version.py:2:8: RK001 stale dev counter 1, expected 0 for 7.11.3 (dev-counter)"
    )
    assert stale_finding(counter, Version("7.11.3.dev0")).render() == (
        "pkg/version.py:2:8: RK001 stale dev counter 1, and no counter can say .dev0 for 7.11.3.dev0 (dev-counter)"
    )


def test_a_dev_counter_in_a_bundled_older_copy_does_not_count() -> None:
    counter = VersionReference("pkg/v6/version.py", 2, 8, "dev-counter", "1", "1")
    assert judge([counter], Version("7.11.3")) == []


DEVELOPMENT = Version("7.11.3a0.dev1")
LAST_RELEASE = Version("7.11.2")


class DocsVerdict(NamedTuple):
    id: str
    reference: VersionReference
    canonical: Version
    previous: Version | None
    stale: bool


DOCS_VERDICTS = [
    # During development, the docs' conf.py may describe the latest release (coverage.py's convention).
    DocsVerdict(
        "conf-at-previous", reference("sphinx-conf", "7.11.2", path="doc/conf.py"), DEVELOPMENT, LAST_RELEASE, False
    ),
    DocsVerdict(
        "conf-short-at-previous",
        reference("sphinx-conf", "7.11", path="doc/conf.py"),
        Version("7.12.0b1"),
        LAST_RELEASE,
        False,
    ),
    DocsVerdict("conf-older", reference("sphinx-conf", "7.11.1", path="doc/conf.py"), DEVELOPMENT, LAST_RELEASE, True),
    DocsVerdict(
        "conf-previous-unknown", reference("sphinx-conf", "7.11.2", path="doc/conf.py"), DEVELOPMENT, None, True
    ),
    DocsVerdict(
        "conf-after-release",
        reference("sphinx-conf", "7.11.2", path="doc/conf.py"),
        Version("7.11.3"),
        LAST_RELEASE,
        True,
    ),
    DocsVerdict("conf-ahead", reference("sphinx-conf", "7.11.4", path="doc/conf.py"), DEVELOPMENT, LAST_RELEASE, True),
    # Only what describes the built docs: the package's own version, its tests and its README move with it.
    DocsVerdict(
        "dunder-at-previous",
        reference("dunder-version", "7.11.2", path="pkg/__init__.py"),
        DEVELOPMENT,
        LAST_RELEASE,
        True,
    ),
    DocsVerdict(
        "field-at-previous", reference("docs-field", "7.11.2", path="README.rst"), DEVELOPMENT, LAST_RELEASE, True
    ),
    DocsVerdict("pin-at-previous", reference("pip-pin", "7.11.2", path="README.md"), DEVELOPMENT, LAST_RELEASE, True),
    DocsVerdict(
        "test-at-previous",
        reference("test-assertion", "7.11.2", path="tests/test_version.py"),
        DEVELOPMENT,
        LAST_RELEASE,
        True,
    ),
]


@pytest.mark.parametrize("verdict", DOCS_VERDICTS, ids=[verdict.id for verdict in DOCS_VERDICTS])
def test_docs_may_describe_the_previous_release_during_development(verdict: DocsVerdict) -> None:
    judged = judge([verdict.reference], verdict.canonical, lambda: verdict.previous)
    assert [item.stale for item in judged] == [verdict.stale]


def test_an_agreeing_conf_py_never_asks_for_the_previous_release() -> None:
    def previous() -> Version | None:
        raise AssertionError("asked")

    conf = reference("sphinx-conf", "7.11.3a0.dev1", path="doc/conf.py")
    assert [item.stale for item in judge([conf], DEVELOPMENT, previous)] == [False]


def test_loose_kinds_are_the_free_text_ones() -> None:
    assert (
        {kind.id for kind in KINDS if kind.loose}
        == LOOSE_KIND_IDS
        == {
            "docs-mention",
            "pip-pin",
            "release-link",
            "supported-series",
            "test-assertion",
            "action-pin",
            "pre-commit-rev",
            "fallback-version",
            "template-answers",
            "docs-substitution",
        }
    )


@pytest.mark.parametrize(
    ("text", "canonical", "in_development", "stale"),
    [
        ("(9, 1, 1, 'beta', 0)", "9.1.1", True, False),
        ("(9, 1, 0, 'beta', 1)", "9.1.0", True, False),
        ("(9, 1, 1, 'alpha', 0)", "9.1.1", True, False),
        ("(9, 1, 1, 'candidate', 2)", "9.1.1", True, False),
        ("(9, 1, 1, 'final', 0)", "9.1.1", True, False),
        # A forgotten bump: the tuple still at the release before.
        ("(9, 1, 1, 'beta', 0)", "9.1.2", True, True),
        ("(9, 1, 0, 'final', 0)", "9.1.1", True, True),
        ("(9, 2, 0, 'beta', 0)", "9.1.1", True, True),
        # At a release candidate the tuple can say it exactly; another level is left behind.
        ("(9, 1, 1, 'beta', 0)", "9.1.1rc1", True, True),
        ("(9, 1, 1, 'candidate', 1)", "9.1.1rc1", True, False),
        # Without _in_development = True a pre-release tuple of a final release is stale, as always.
        ("(9, 1, 1, 'beta', 0)", "9.1.1", False, True),
    ],
    ids=[
        "beta",
        "beta-serial",
        "alpha",
        "candidate",
        "final",
        "left-at-previous-beta",
        "left-at-previous-final",
        "ahead",
        "canonical-candidate",
        "canonical-candidate-exact",
        "not-in-development",
    ],
)
def test_a_tuple_in_development_may_say_a_pre_release_of_the_canonical_release(
    text: str, canonical: str, in_development: bool, stale: bool
) -> None:
    found = parse_tuple(text)
    assert found is not None
    tuple_reference = VersionReference(
        "sphinx/__init__.py", 25, 23, "version-tuple", text, str(found), True, True, in_development
    )
    assert [item.stale for item in judge([tuple_reference], Version(canonical))] == [stale]


RELEASES = frozenset({(1, 34, 8), (1, 34, 9), (1, 33)})


@pytest.mark.parametrize(
    ("text", "path", "stale"),
    [
        # urllib3's ssl_match_hostname backport, idna's Unicode tables, pycparser's bundled ply.
        ("3.5.0.1", "src/pkg/util/ssl_match_hostname.py", None),
        ("17.0.0", "pkg/idnadata.py", None),
        ("3.10", "pkg/ply/yacc.py", None),
        ("0.9.1", "pkg/transport/__init__.py", None),
        # The same shape left behind by a forgotten bump: a release, or one since the newest recorded.
        ("1.34.9", "pkg/__init__.py", True),
        ("1.34.8", "pkg/__init__.py", True),
        # A bump half done: the next patch, minor or major release.
        ("1.34.11", "pkg/__init__.py", True),
        ("1.35.0", "pkg/__init__.py", True),
        ("2.0.0", "pkg/__init__.py", True),
        ("1.34.10", "pkg/__init__.py", False),
    ],
)
def test_a_component_version_that_never_was_a_release_is_another_things(
    text: str, path: str, stale: bool | None
) -> None:
    judged = judge([reference("dunder-version", text, path=path)], CANONICAL, lambda: PREVIOUS, lambda: RELEASES)
    assert [item.stale for item in judged] == ([] if stale is None else [stale])


def test_without_known_releases_a_component_version_counts() -> None:
    judged = judge([reference("dunder-version", "3.5.0.1", path="pkg/x.py")], CANONICAL, lambda: PREVIOUS)
    assert [item.stale for item in judged] == [True]


@pytest.mark.parametrize("text", ["0.0.0", "0.0.0.dev0", "0"])
def test_an_all_zero_version_is_a_placeholder(text: str) -> None:
    judged = judge([reference("dunder-version", text, path="pkg/__init__.py")], CANONICAL)
    assert judged == []


@pytest.mark.parametrize(
    ("canonical", "series", "previous", "stale"),
    [
        # During 5.6.0rc1 the newest supported series is still the previous release's.
        ("5.6.0rc1", "5.5", "5.5.3", False),
        ("5.6.0.dev1", "5.5", "5.5.3", False),
        ("5.6.0rc1", "5.5", None, False),
        ("5.6.0rc1", "5.6", "5.5.3", False),
        # Once 5.6.0 is out, the table must say 5.6.x; without a known previous release, 5.4 is stale.
        ("5.6.0", "5.5", "5.5.3", True),
        ("5.6.0", "5.4", None, True),
        # An older series than the previous release's is an example, as for every loose kind.
        ("5.6.0rc1", "5.4", "5.5.3", None),
    ],
)
def test_a_support_table_during_a_pre_release(
    canonical: str, series: str, previous: str | None, stale: bool | None
) -> None:
    found = reference("supported-series", series, path="SECURITY.md")
    judged = judge([found], Version(canonical), lambda: Version(previous) if previous else None)
    assert [item.stale for item in judged] == ([] if stale is None else [stale])
