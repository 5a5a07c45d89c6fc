"""The small decisions inside the rules, as tables: platform tags, secret file names, METADATA positions."""

from __future__ import annotations

import pytest

from releasekit.metadata.built_fields import EntryPointsError, from_core_metadata, from_entry_points
from releasekit.validate.filenames import accepted_platform
from releasekit.validate.secrets import credential_file

PLATFORMS = [
    ("any", True),
    ("win_amd64", True),
    ("manylinux2014_aarch64", True),
    ("manylinux_2_28_x86_64", True),
    ("manylinux_2_17_ppc64", True),
    ("musllinux_1_2_aarch64", True),
    ("musllinux_1_2_ppc64", False),
    ("macosx_10_9_x86_64", True),
    ("macosx_11_0_arm64", True),
    ("macosx_11_3_arm64", False),
    ("macosx_14_0_sparc", False),
    ("ios_13_0_arm64_iphoneos", True),
    ("android_21_arm64_v8a", True),
    ("pyemscripten_2024_0_wasm32", True),
    ("linux_x86_64", False),
    ("linux_armv7l", True),
    ("cygwin_x86_64", False),
]


@pytest.mark.parametrize(("tag", "accepted"), PLATFORMS, ids=[tag for tag, _ in PLATFORMS])
def test_platform_tags_as_pypi_takes_them(tag: str, accepted: bool) -> None:
    assert accepted_platform(tag) is accepted


SECRET_NAMES = [
    ("pkg-1.0/.pypirc", True),
    ("pkg-1.0/.env", True),
    ("pkg-1.0/deploy/.env.staging", True),
    ("pkg-1.0/.env.example", False),
    ("pkg-1.0/.env.sample", False),
    ("pkg-1.0/keys/id_ed25519", True),
    ("pkg-1.0/keys/id_ed25519.pub", False),
    ("pkg-1.0/docs/environment.md", False),
]


@pytest.mark.parametrize(("name", "secret"), SECRET_NAMES, ids=[name for name, _ in SECRET_NAMES])
def test_credential_files_by_name(name: str, secret: bool) -> None:
    assert (credential_file(name) is not None) is secret


def test_metadata_fields_are_placed_at_their_header_lines() -> None:
    text = (
        "Metadata-Version: 2.4\nName: pkg\nVersion: 1.0\nRequires-Dist: a\n"
        'Requires-Dist: b>=2; extra == "fast"\nProject-URL: Docs, https://example.org\n'
        "Keywords: one,two\n\nThe description.\n"
    )
    built = from_core_metadata(text)
    placed = [(value.field, value.value, value.position.line, value.label) for value in built.metadata.fields]
    assert placed == [
        ("Metadata-Version", "2.4", 1, ""),
        ("Name", "pkg", 2, ""),
        ("Version", "1.0", 3, ""),
        ("Requires-Dist", "a", 4, ""),
        ("Requires-Dist", 'b>=2; extra == "fast"', 5, "fast"),
        ("Project-URL", "https://example.org", 6, "Docs"),
        ("Keywords", "one", 7, ""),
        ("Keywords", "two", 7, ""),
        ("Description", "The description.\n", 9, ""),
    ]
    assert built.unparsed == {}


def test_entry_points_keep_their_group_name_and_line() -> None:
    entries = from_entry_points("[console_scripts]\nPkg-Tool = pkg.cli:main\n\n[pkg.plugins]\nfast one = pkg:f\n")
    assert [(group, entry.label, entry.value, entry.position.line) for group, entry in entries] == [
        ("console_scripts", "Pkg-Tool", "pkg.cli:main", 2),
        ("pkg.plugins", "fast one", "pkg:f", 5),
    ]
    with pytest.raises(EntryPointsError):
        from_entry_points("tool = pkg:main\n")
