"""Rewriting references: each in its own spelling, every byte outside the edits exactly as it was."""

from __future__ import annotations

import codecs

import pytest
from packaging.version import Version

from releasekit.bump.rewrite import Edit, RewriteError, apply_edits, edits_for, respell, rewrite_files
from releasekit.project.versions import parse_tuple
from releasekit.references.discovery import VersionReference

OLD, NEW = Version("1.2.3"), Version("1.3.0")


@pytest.mark.parametrize(
    ("path", "before", "edits", "after"),
    [
        (
            "pkg/__init__.py",
            b'"""Doc."""\r\n__version__ = "1.2.3"\r\n',
            [Edit(2, 16, "1.2.3", "1.3.0")],
            b'"""Doc."""\r\n__version__ = "1.3.0"\r\n',
        ),
        (
            "README.md",
            b"# pkg 1.2.3\r\nline\nother\rpkg 1.2.3\n",
            [Edit(1, 7, "1.2.3", "1.3.0"), Edit(3, 11, "1.2.3", "1.3.0")],
            b"# pkg 1.3.0\r\nline\nother\rpkg 1.3.0\n",
        ),
        (
            "pyproject.toml",
            codecs.BOM_UTF8 + b'[project]\nversion = "1.2.3"\n',
            [Edit(2, 12, "1.2.3", "1.3.0")],
            codecs.BOM_UTF8 + b'[project]\nversion = "1.3.0"\n',
        ),
        (
            "pkg/legacy.py",
            b'# -*- coding: latin-1 -*-\nAUTHOR = "Jos\xe9 M\xfcller"  # caf\xe9\n__version__ = "1.2.3"\n',
            [Edit(3, 16, "1.2.3", "1.3.0")],
            b'# -*- coding: latin-1 -*-\nAUTHOR = "Jos\xe9 M\xfcller"  # caf\xe9\n__version__ = "1.3.0"\n',
        ),
        (
            "docs/index.md",
            "Stra\u00dfe \u2014 pkg 1.2.3 \U0001f680 pkg 1.2.3".encode(),
            [Edit(1, 14, "1.2.3", "1.3.0"), Edit(1, 26, "1.2.3", "1.3.0")],
            "Stra\u00dfe \u2014 pkg 1.3.0 \U0001f680 pkg 1.3.0".encode(),
        ),
        (
            "VERSION",
            b"1.2.3",
            [Edit(1, 1, "1.2.3", "1.10.0")],
            b"1.10.0",
        ),
        (
            "docs/conf.py",
            b'release = "1.2.3"\r\n\r\n\r\n',
            [],
            b'release = "1.2.3"\r\n\r\n\r\n',
        ),
    ],
    ids=["crlf", "mixed-endings", "bom", "latin-1-python", "multibyte-no-trailing-newline", "longer", "no-edit"],
)
def test_bytes_outside_the_edits_are_kept(path: str, before: bytes, edits: list[Edit], after: bytes) -> None:
    assert apply_edits(path, before, edits) == after


@pytest.mark.parametrize(
    ("data", "edit", "message"),
    [
        (b'__version__ = "1.2.4"\n', Edit(1, 16, "1.2.3", "1.3.0"), "p.py:1:16: expected '1.2.3' there, found '1.2.4'"),
        (b'__version__ = "1.2.3"\n', Edit(3, 1, "1.2.3", "1.3.0"), "p.py:3:1: expected '1.2.3', the file is shorter"),
        (b"\x00\xff\xfe binary", Edit(1, 1, "1.2.3", "1.3.0"), "p.py:1:1: the file is no longer readable text"),
    ],
    ids=["moved", "shorter", "undecodable"],
)
def test_never_writes_a_guess(data: bytes, edit: Edit, message: str) -> None:
    with pytest.raises(RewriteError) as caught:
        apply_edits("p.py", data, [edit])
    assert caught.value.message == message


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(RewriteError, match="two references overlap"):
        apply_edits("a.txt", b"1.2.3.4", [Edit(1, 1, "1.2.3", "1.3.0"), Edit(1, 3, "2.3.4", "3.0.0")])


def test_a_seven_bit_codec_is_read_as_discovery_reads_it() -> None:
    data = '# coding: iso2022_jp\nNAME = "\u65e5\u672c"; V = "1.2.3"\n'.encode("iso2022_jp")
    column = data.decode("utf-8").split("\n")[1].index("1.2.3") + 1  # its escapes are ASCII: UTF-8 reads it
    assert apply_edits("j.py", data, [Edit(2, column, "1.2.3", "1.3.0")]) == data.replace(b"1.2.3", b"1.3.0")


def reference(text: str, value: str = "1.2.3", *, is_tuple: bool = False, short_ok: bool = False) -> VersionReference:
    return VersionReference("f.txt", 1, 1, "kind", text, value, is_tuple, short_ok)


@pytest.mark.parametrize(
    ("spelled", "value", "is_tuple", "short_ok", "new", "expected"),
    [
        ("1.2.3", "1.2.3", False, False, "1.3.0", "1.3.0"),
        ("v1.2.3", "1.2.3", False, False, "1.3.0", "v1.3.0"),
        ("V1.2.3", "1.2.3", False, False, "1.3.0rc1", "V1.3.0rc1"),
        ("1.2.3-rc.1", "1.2.3rc1", False, False, "1.2.3rc2", "1.2.3-rc.2"),
        ("1.2.3-rc.1", "1.2.3rc1", False, False, "1.2.3", "1.2.3"),
        ("1.2.3-beta.1", "1.2.3b1", False, False, "1.2.3rc1", "1.2.3-rc.1"),
        ("1.2", "1.2", False, True, "1.2.4", "1.2"),
        ("1.2", "1.2", False, True, "1.3.0", "1.3"),
        ("1.2", "1.2", False, True, "1.3.0rc1", "1.3"),
        ("1.2", "1.2", False, False, "1.2.4", "1.2.4"),
        ("(1, 2, 3)", "1.2.3", True, True, "1.3.0", "(1, 3, 0)"),
        ("(1,2)", "1.2", True, True, "1.3.0", "(1,3)"),
        ("(1, 2, 3, 'final', 0)", "1.2.3", True, True, "1.3.0rc1", "(1, 3, 0, 'candidate', 1)"),
        ('(1, 2, 3, "final", 0)', "1.2.3", True, True, "1.3.0.dev2", '(1, 3, 0, "dev", 2)'),
        # A tuple has no room for .devN beside a pre-release; as judged, it agrees without it.
        ('(1, 2, 3, "final", 0)', "1.2.3", True, True, "1.3.0a0.dev1", '(1, 3, 0, "alpha", 0)'),
        ("(1, 2, 3)", "1.2.3", True, True, "1.2.4.dev1", "(1, 2, 4)"),
        ("1.2.3", "1.1.0", False, False, "1.3.0", "1.3.0"),
    ],
    ids=[
        "plain",
        "v-prefix",
        "upper-v",
        "semver-rc",
        "semver-rc-to-final",
        "long-name-walks",
        "short-stays-on-patch",
        "short-follows-minor",
        "short-of-a-candidate",
        "two-part-canonical-is-not-short",
        "tuple",
        "short-tuple",
        "tuple-release-level",
        "tuple-dev-level",
        "tuple-pre-dev",
        "plain-tuple-dev",
        "stale-fixed",
    ],
)
def test_respell(  # noqa: PLR0917 - one argument per column of the table
    spelled: str, value: str, is_tuple: bool, short_ok: bool, new: str, expected: str
) -> None:
    current = Version("1.2") if spelled == "1.2" and not short_ok else OLD
    found = reference(spelled, value, is_tuple=is_tuple, short_ok=short_ok)
    assert respell(found, current, Version(new)) == expected


@pytest.mark.parametrize(
    ("spelled", "new"),
    [("(1, 2, 3)", "1.3.0rc1"), ("(1, 2, 3, 'final', 0)", "1.3.0.post1")],
    ids=["plain-tuple-cannot-hold-rc", "level-tuple-cannot-hold-post"],
)
def test_a_spelling_that_cannot_hold_the_version_is_refused(spelled: str, new: str) -> None:
    with pytest.raises(RewriteError) as caught:
        respell(reference(spelled, is_tuple=True, short_ok=True), OLD, Version(new))
    assert caught.value.message == f"f.txt:1:1: {spelled} (kind) cannot be written as {new} in the same spelling"
    assert "releasekit: ignore" in caught.value.hint


def test_rewrite_files_skips_unchanged_references() -> None:
    short = VersionReference("docs/conf.py", 2, 12, "sphinx-conf", "1.2", "1.2", False, True)
    full = VersionReference("docs/conf.py", 1, 12, "sphinx-conf", "1.2.3", "1.2.3")
    contents = {"docs/conf.py": b'release = "1.2.3"\nversion = "1.2"\n'}
    assert edits_for([short, full], OLD, Version("1.2.4")) == {"docs/conf.py": [Edit(1, 12, "1.2.3", "1.2.4")]}
    assert rewrite_files(contents, [short, full], OLD, Version("1.2.4")) == {
        "docs/conf.py": b'release = "1.2.4"\nversion = "1.2"\n'
    }
    assert rewrite_files(contents, [short], OLD, Version("1.2.4")) == {}


# coverage.py's coverage/version.py: the tuple holds all but the .devN part, the _dev counter holds that.
COVERAGE_VERSION = b'version_info = (7, 11, 3, "alpha", 0)\n_dev = 1\n'
COVERAGE_TUPLE = VersionReference(
    "coverage/version.py", 1, 16, "version-tuple", '(7, 11, 3, "alpha", 0)', "7.11.3a0", True, True
)
COVERAGE_COUNTER = VersionReference("coverage/version.py", 2, 8, "dev-counter", "1", "1")


@pytest.mark.parametrize(
    ("new", "after"),
    [
        ("7.11.3", b'version_info = (7, 11, 3, "final", 0)\n_dev = 0\n'),
        ("7.11.3a0.dev2", b'version_info = (7, 11, 3, "alpha", 0)\n_dev = 2\n'),
        ("7.11.4.dev1", b'version_info = (7, 11, 4, "final", 0)\n_dev = 1\n'),
        ("7.12.0b1", b'version_info = (7, 12, 0, "beta", 1)\n_dev = 0\n'),
    ],
    ids=["release", "next-dev", "dev-of-a-final", "beta"],
)
def test_a_dev_counter_takes_the_dev_part_from_its_tuple(new: str, after: bytes) -> None:
    contents = {"coverage/version.py": COVERAGE_VERSION}
    current = Version("7.11.3a0.dev1")
    assert rewrite_files(contents, [COVERAGE_TUPLE, COVERAGE_COUNTER], current, Version(new)) == {
        "coverage/version.py": after
    }


def test_a_tuple_without_a_counter_keeps_writing_its_dev_level() -> None:
    assert respell(COVERAGE_TUPLE, Version("7.11.3a0"), Version("7.11.4.dev1")) == '(7, 11, 4, "dev", 1)'


def test_a_dev_counter_cannot_say_dev0() -> None:
    with pytest.raises(RewriteError) as caught:
        edits_for([COVERAGE_TUPLE, COVERAGE_COUNTER], Version("7.11.3a0.dev1"), Version("7.11.4.dev0"))
    assert (
        caught.value.message
        == "coverage/version.py:2:8: 1 (dev-counter) cannot be written as 7.11.4.dev0 in the same spelling"
    )


@pytest.mark.parametrize(
    ("spelled", "current", "in_development", "new", "expected"),
    [
        ("(9, 1, 1, 'beta', 0)", "9.1.1", True, "9.1.2", "(9, 1, 2, 'beta', 0)"),
        ("(9, 1, 0, 'beta', 1)", "9.1.0", True, "9.2.0", "(9, 2, 0, 'beta', 1)"),
        ("(9, 1, 1, 'beta', 0)", "9.1.1", True, "9.2.0rc1", "(9, 2, 0, 'candidate', 1)"),
        ("(9, 1, 1, 'beta', 0)", "9.1.1", True, "9.1.2.dev1", "(9, 1, 2, 'dev', 1)"),
        # A tuple that says the current version exactly keeps saying the new one exactly.
        ("(9, 1, 1, 'final', 0)", "9.1.1", True, "9.1.2", "(9, 1, 2, 'final', 0)"),
        ("(9, 1, 1, 'candidate', 1)", "9.1.1rc1", True, "9.1.1", "(9, 1, 1, 'final', 0)"),
        ("(9, 1, 1, 'beta', 0)", "9.1.1b0", False, "9.1.2", "(9, 1, 2, 'final', 0)"),
    ],
    ids=[
        "patch-keeps-beta",
        "minor-keeps-level-and-serial",
        "to-a-candidate",
        "to-a-dev-release",
        "final-stays-final",
        "candidate-to-release",
        "not-in-development",
    ],
)
def test_a_tuple_in_development_keeps_its_level(
    spelled: str, current: str, in_development: bool, new: str, expected: str
) -> None:
    """Sphinx's ``(9, 1, 1, 'beta', 0)`` beside ``_in_development = True`` describes 9.1.1 being developed."""
    value = str(parse_tuple(spelled))
    found = VersionReference("sphinx/__init__.py", 25, 23, "version-tuple", spelled, value, True, True, in_development)
    assert respell(found, Version(current), Version(new)) == expected
