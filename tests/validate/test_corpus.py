"""Every rule fails on a distribution broken in its one way, at the right member, and passes its near miss."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.validate.api import validate
from releasekit.validate.codes import CODES
from tests.validate.conftest import Built
from tests.validate.corpus import (
    DIST_INFO,
    INIT,
    SDIST,
    SDIST_ROOT,
    WHEEL,
    Edit,
    add,
    change,
    drop,
    header,
    rename,
    replace_text,
    rewritten,
    sdist_entries,
    wheel_entries,
    write_sdist,
    write_wheel,
)

METADATA = f"{DIST_INFO}/METADATA"
PKG_INFO = f"{SDIST_ROOT}/PKG-INFO"
W, S = WHEEL, SDIST
# Built at run time so that no file of releasekit's own holds a token shape.
PYPI_TOKEN = "pypi-" + "AgEIcHlwaS5vcmc" + "x" * 60
PRIVATE_KEY = "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"

Make = Callable[[Built, Path], list[Path]]


class Case(NamedTuple):
    id: str
    make: Make
    expected: list[str]  # "PLACE CODE", PLACE as printed: FILE[:MEMBER][:LINE]


def wheel(*edits: Edit, name: str = WHEEL, record: bool = True) -> Make:
    """The real wheel with ``edits`` applied, written as ``name``, validated alone."""
    return lambda built, folder: [
        write_wheel(rewritten(wheel_entries(built.wheel), *edits), folder / name, record=record)
    ]


def sdist(*edits: Edit, name: str = SDIST, encoding: str = "utf-8") -> Make:
    return lambda built, folder: [
        write_sdist(rewritten(sdist_entries(built.sdist), *edits), folder / name, encoding=encoding)
    ]


def both(wheel_make: Make, sdist_make: Make) -> Make:
    return lambda built, folder: [*wheel_make(built, folder), *sdist_make(built, folder)]


def garbage(name: str) -> Make:
    def make(built: Built, folder: Path) -> list[Path]:
        (folder / name).write_bytes(b"this is not an archive\n" * 10)
        return [folder / name]

    return make


def original(built: Built, folder: Path) -> list[Path]:
    return [Path(shutil.copy(built.wheel, folder)), Path(shutil.copy(built.sdist, folder))]


def two_sdists(built: Built, folder: Path) -> list[Path]:
    return [Path(shutil.copy(built.sdist, folder)), *sdist()(built, folder / "b")]


def changed_after_sums(built: Built, folder: Path) -> list[Path]:
    """The build's SHA256SUMS beside a wheel rewritten since."""
    shutil.copy(built.wheel.parent / "SHA256SUMS", folder)
    return wheel(add("tiny/extra.py", "x = 1\n"))(built, folder)


ZEROS = bytes(20 * 1024 * 1024)
TWIN = "def twin() -> str:\n    return 'the same module, shipped twice by a layout mistake'\n"

CASES = [
    Case("original-release-passes", original, []),
    # Archives
    Case("rk200-not-a-zip", garbage(WHEEL), [f"{W} RK200"]),
    Case("rk200-not-a-tar", garbage(SDIST), [f"{S} RK200"]),
    Case("rk201-duplicate-entry", wheel(add("tiny/__init__.py", INIT)), [f"{W}:tiny/__init__.py RK201"]),
    Case("rk201-near-same-name-other-folder", wheel(add("tiny/sub/__init__.py", "")), []),
    Case("rk202-dot-dot", wheel(add("tiny/../../evil.py", "x = 1\n")), [f"{W}:tiny/../../evil.py RK202"]),
    Case("rk202-absolute", sdist(add("/etc/evil.cfg", "x")), [f"{S}:/etc/evil.cfg RK202", f"{S} RK206"]),
    Case("rk202-near-dots-inside-a-name", wheel(add("tiny/..hidden..py", "x = 1\n")), []),
    Case(
        "rk203-symlink",
        sdist(add(f"{SDIST_ROOT}/link", b"", symlink_to="README.md")),
        [f"{S}:{SDIST_ROOT}/link RK203"],
    ),
    Case("rk203-near-regular-file", sdist(add(f"{SDIST_ROOT}/link", "README.md")), []),
    Case(
        "rk204-latin-1-name",
        sdist(add(f"{SDIST_ROOT}/caf\xe9.txt", "x"), encoding="latin-1"),
        [f"{S}:{SDIST_ROOT}/caf\udce9.txt RK204"],
    ),
    Case("rk204-near-utf-8-name", sdist(add(f"{SDIST_ROOT}/caf\xe9.txt", "x")), []),
    Case("rk205-bomb", wheel(add("tiny/zeros.bin", ZEROS)), [f"{W}:tiny/zeros.bin RK205"]),
    Case("rk205-near-compressible-data", wheel(add("tiny/zeros.bin", bytes(4 * 1024 * 1024))), []),
    Case("rk206-two-top-folders", sdist(add("other/file.txt", "x")), [f"{S} RK206"]),
    Case("rk206-folder-named-otherwise", sdist(rename(SDIST_ROOT, "tiny-2.0")), [f"{S} RK206"]),
    Case(
        "rk207-bzip2-member",
        wheel(add("tiny/data.txt", "x" * 100, compression=zipfile.ZIP_BZIP2)),
        [f"{W}:tiny/data.txt RK207"],
    ),
    Case("rk207-near-stored-member", wheel(add("tiny/data.txt", "x" * 100, compression=zipfile.ZIP_STORED)), []),
    # File names
    Case("rk210-wheel-name-without-tags", wheel(name="tiny-1.0.0-py3-none.whl"), ["tiny-1.0.0-py3-none.whl RK210"]),
    Case("rk211-not-tar-gz", sdist(name="tiny-1.0.0.tar.bz2"), ["tiny-1.0.0.tar.bz2 RK211"]),
    Case("rk211-sdist-name-without-version", sdist(name="tiny.tar.gz"), ["tiny.tar.gz RK211"]),
    Case("rk212-name-not-normalized", sdist(name="Tiny-1.0.0.tar.gz"), ["Tiny-1.0.0.tar.gz RK212"]),
    Case("rk212-version-not-normalized", sdist(name="tiny-01.0.0.tar.gz"), ["tiny-01.0.0.tar.gz RK212"]),
    Case(
        "rk213-version-disagrees",
        wheel(rename(DIST_INFO, "tiny-1.0.1.dist-info"), name="tiny-1.0.1-py3-none-any.whl"),
        ["tiny-1.0.1-py3-none-any.whl RK213"],
    ),
    Case("rk214-two-sdists-of-one-release", two_sdists, [f"b/{S} RK214"]),
    Case(
        "rk214-two-releases",
        both(
            wheel(),
            sdist(
                rename(SDIST_ROOT, "tiny-1.0.1"),
                change(  # the sdist is of 1.0.1
                    "tiny-1.0.1/PKG-INFO", replace_text("Version: 1.0.0", "Version: 1.0.1")
                ),
                name="tiny-1.0.1.tar.gz",
            ),
        ),
        [f"{W} RK214"],
    ),
    Case(
        "rk215-linux-platform",
        wheel(name="tiny-1.0.0-py3-none-linux_x86_64.whl"),
        ["tiny-1.0.0-py3-none-linux_x86_64.whl RK215"],
    ),
    Case("rk215-near-manylinux", wheel(name="tiny-1.0.0-py3-none-manylinux_2_17_x86_64.whl"), []),
    # Wheel internals
    Case("rk220-two-dist-info", wheel(add("other-1.0.dist-info/METADATA", "x")), [f"{W} RK220"]),
    Case("rk221-no-wheel-file", wheel(drop(f"{DIST_INFO}/WHEEL")), [f"{W}:{DIST_INFO}/WHEEL RK221"]),
    Case("rk221-no-pkg-info", sdist(drop(PKG_INFO)), [f"{S}:{PKG_INFO} RK221"]),
    Case(
        "rk222-content-changed",
        wheel(change("tiny/__init__.py", replace_text("1.0.0", "1.0.0 ")), record=False),
        [f"{W}:tiny/__init__.py RK222", f"{W}:tiny/__init__.py RK222"],
    ),
    Case(
        "rk223-unrecorded-member",
        wheel(add("tiny/extra.py", "x = 1\n"), record=False),
        [f"{W}:tiny/extra.py RK223"],
    ),
    Case(
        "rk223-recorded-member-missing",
        wheel(drop("tiny/__init__.py"), record=False),
        [f"{W}:{DIST_INFO}/RECORD RK223", f"{W} RK252"],
    ),
    Case(
        "rk224-wheel-version-2",
        wheel(change(f"{DIST_INFO}/WHEEL", replace_text("Wheel-Version: 1.0", "Wheel-Version: 2.0"))),
        [f"{W}:{DIST_INFO}/WHEEL RK224"],
    ),
    Case(
        "rk225-entry-points-not-ini",
        wheel(change(f"{DIST_INFO}/entry_points.txt", lambda text: "tiny = tiny:main\n" + text)),
        [f"{W}:{DIST_INFO}/entry_points.txt RK225"],
    ),
    Case(
        "rk225-script-name-is-a-path",
        wheel(change(f"{DIST_INFO}/entry_points.txt", replace_text("tiny =", "../tiny ="))),
        [f"{W}:{DIST_INFO}/entry_points.txt:2 RK225"],
    ),
    Case(
        "rk123-entry-point-not-an-object-reference",
        wheel(change(f"{DIST_INFO}/entry_points.txt", replace_text("tiny:main", "tiny:main()"))),
        [f"{W}:{DIST_INFO}/entry_points.txt:2 RK123"],
    ),
    Case(
        "rk226-license-file-missing",
        wheel(drop(f"{DIST_INFO}/licenses/LICENSE")),
        [f"{W}:{DIST_INFO}/licenses/LICENSE RK226"],
    ),
    Case(
        "rk226-license-file-missing-from-sdist",
        sdist(drop(f"{SDIST_ROOT}/LICENSE")),
        [f"{S}:{SDIST_ROOT}/LICENSE RK226"],
    ),
    # Core metadata: what only a build gets wrong, and the check-metadata rules PyPI enforces at upload
    Case(
        "rk230-metadata-version-2-0",
        wheel(change(METADATA, replace_text("Metadata-Version: 2.5", "Metadata-Version: 2.0"))),
        [f"{W}:{METADATA}:1 RK230"],
    ),
    Case(
        "rk231-field-newer-than-metadata-version",
        wheel(change(METADATA, replace_text("Metadata-Version: 2.5", "Metadata-Version: 2.3"))),
        [f"{W}:{METADATA}:5 RK231", f"{W}:{METADATA}:6 RK231"],
    ),
    Case(
        "rk231-unknown-field", wheel(change(METADATA, header("Home-Town", "Springfield"))), [f"{W}:{METADATA}:10 RK231"]
    ),
    Case("rk231-name-twice", wheel(change(METADATA, header("Name", "tiny"))), [f"{W}:{METADATA}:2 RK231"]),
    Case(
        "rk231-license-and-expression",
        wheel(change(METADATA, header("License", "MIT"))),
        [f"{W}:{METADATA}:10 RK231"],
    ),
    Case(
        "rk103-local-version-from-the-backend",
        wheel(change(METADATA, replace_text("Version: 1.0.0", "Version: 1.0.0+dirty"))),
        [f"{W} RK213", f"{W}:{METADATA}:3 RK103", f"{W}:tiny/__init__.py:3 RK240"],
    ),
    Case(
        "rk109-description-does-not-render",
        sdist(change(PKG_INFO, lambda text: text.replace("text/markdown", "text/x-rst") + "Broken `rst\n")),
        [f"{S}:{PKG_INFO}:11 RK109"],
    ),
    Case(
        "rk113-invalid-classifier",
        wheel(change(METADATA, header("Classifier", "Nope :: Nope"))),
        [f"{W}:{METADATA}:10 RK113"],
    ),
    Case(
        "rk118-direct-url-dependency",
        wheel(change(METADATA, header("Requires-Dist", "requests @ https://example.org/r.whl"))),
        [f"{W}:{METADATA}:10 RK118"],
    ),
    Case(
        "rk122-invalid-email",
        wheel(change(METADATA, header("Author-email", "Someone <someone@>"))),
        [f"{W}:{METADATA}:10 RK122"],
    ),
    # Across the sdist and the wheel
    Case(
        "rk235-wheel-has-a-dependency-the-sdist-lacks",
        both(wheel(change(METADATA, header("Requires-Dist", "requests>=2"))), sdist()),
        [f"{W}:{METADATA} RK235"],
    ),
    Case(
        "rk235-near-sdist-says-dependencies-are-dynamic",
        both(
            wheel(change(METADATA, header("Requires-Dist", "requests>=2"))),
            sdist(change(PKG_INFO, header("Dynamic", "Requires-Dist"))),
        ),
        [],
    ),
    # The version everywhere
    Case(
        "rk240-dunder-version-stale",
        wheel(change("tiny/__init__.py", replace_text('"1.0.0"', '"0.9.0"'))),
        [f"{W}:tiny/__init__.py:3 RK240"],
    ),
    Case(
        "rk240-near-dunder-version-short-form", wheel(change("tiny/__init__.py", replace_text('"1.0.0"', '"1.0"'))), []
    ),
    # Secrets
    Case("rk241-pypirc", sdist(add(f"{SDIST_ROOT}/.pypirc", "[pypi]\n")), [f"{S}:{SDIST_ROOT}/.pypirc RK241"]),
    Case(
        "rk241-dotenv",
        sdist(add(f"{SDIST_ROOT}/.env.production", "A=1\n")),
        [f"{S}:{SDIST_ROOT}/.env.production RK241"],
    ),
    Case(
        "rk241-pypi-token",
        wheel(add("tiny/config.py", f"# settings\nTOKEN = '{PYPI_TOKEN}'\n")),
        [f"{W}:tiny/config.py:2 RK241"],
    ),
    Case(
        "rk241-private-key",
        sdist(add(f"{SDIST_ROOT}/deploy/key", PRIVATE_KEY)),
        [f"{S}:{SDIST_ROOT}/deploy/key:1 RK241"],
    ),
    Case(
        "rk254-private-key-in-the-tests",
        sdist(add(f"{SDIST_ROOT}/tests/certs/server.key", PRIVATE_KEY)),
        [f"{S}:{SDIST_ROOT}/tests/certs/server.key:1 RK254"],
    ),
    Case(
        "rk241-near-template-and-short-token",
        sdist(
            add(f"{SDIST_ROOT}/.env.example", "TOKEN=\n"), add(f"{SDIST_ROOT}/doc.txt", "tokens start with pypi-AgE\n")
        ),
        [],
    ),
    # Checksums written by the build
    Case(
        "rk244-file-changed-after-sha256sums",
        changed_after_sums,
        [f"{W} RK244"],
    ),
    # Warnings
    Case(
        "rk250-bytecode",
        wheel(add("tiny/__pycache__/__init__.cpython-311.pyc", b"\x00")),
        [f"{W}:tiny/__pycache__/__init__.cpython-311.pyc RK250"],
    ),
    Case(
        "rk251-top-level-tests",
        wheel(add("tests/__init__.py", ""), add("tests/test_tiny.py", "")),
        [f"{W}:tests/__init__.py RK251"],
    ),
    Case("rk251-near-tests-inside-the-package", wheel(add("tiny/tests/test_tiny.py", "")), []),
    Case("rk252-empty-wheel", wheel(drop("tiny/__init__.py")), [f"{W} RK252"]),
    Case(
        "rk253-module-twice",
        wheel(add("tiny/twin.py", TWIN), add("build/lib/tiny/twin.py", TWIN)),
        [f"{W}:tiny/twin.py RK253"],
    ),
    Case(
        "rk253-near-same-name-other-content",
        wheel(add("tiny/twin.py", TWIN), add("tiny/sub/twin.py", TWIN + "# else\n")),
        [],
    ),
]


def place(finding_path: str, line: int) -> str:
    return f"{finding_path}:{line}" if line else finding_path


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_distribution(tiny_build: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    monkeypatch.chdir(tmp_path)
    paths = [path.relative_to(tmp_path) for path in case.make(tiny_build, tmp_path)]
    result = validate(paths)
    found = sorted(f"{place(finding.path, finding.line)} {finding.code}" for finding in result.findings)
    assert found == sorted(case.expected), "\n".join(finding.render() for finding in result.findings)
    assert result.passed == (not result.errors)


def test_every_rule_fails_somewhere_and_has_a_near_miss() -> None:
    failing = {entry.split()[-1] for case in CASES for entry in case.expected}
    decided_elsewhere = {"RK242", "RK243"}  # smoke and reproducible: tests/validate/test_validate_cli.py
    assert set(CODES) - decided_elsewhere <= failing
    near_misses = {case.id.split("-")[0].upper() for case in CASES if not case.expected and case.id.startswith("rk")}
    assert {
        "RK201",
        "RK202",
        "RK203",
        "RK204",
        "RK205",
        "RK207",
        "RK215",
        "RK235",
        "RK240",
        "RK241",
        "RK251",
        "RK253",
    } <= near_misses
