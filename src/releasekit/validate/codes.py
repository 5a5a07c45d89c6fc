"""The codes `validate` reports: errors RK200-RK249, warnings RK250-RK299; the README's table comes from here."""

from __future__ import annotations

from typing import NamedTuple

WARNINGS_FROM, WARNINGS_UNTIL = 250, 300


class Code(NamedTuple):
    """A distribution finding's code, what it means, and the one-line hint printed with it."""

    code: str
    meaning: str
    hint: str


def is_warning(code: str) -> bool:
    """RK250-RK299 are warnings; the core metadata rules' RK1xx codes keep the severity `check-metadata` gives them."""
    number = int(code.removeprefix("RK"))
    if number < 200:
        from releasekit.metadata.codes import is_warning as is_metadata_warning  # noqa: PLC0415

        return is_metadata_warning(code)
    return WARNINGS_FROM <= number < WARNINGS_UNTIL


_CATALOG = (
    Code("RK200", "the file is not a readable wheel (zip) or sdist (gzipped tar)", "rebuild it"),
    Code("RK201", "an archive holds two entries with the same name", "rebuild it; a duplicate entry hides a file"),
    Code("RK202", "a member's path is absolute or climbs out with `..`", "rebuild it with relative member paths"),
    Code("RK203", "a member is a symlink, a hard link or a device", "ship the file itself; installers refuse links"),
    Code("RK204", "a member's name is not UTF-8", "rename the file with a UTF-8 name"),
    Code(
        "RK205",
        "a member expands far beyond its compressed size (a decompression bomb)",
        "leave generated or padded data out of the distribution",
    ),
    Code(
        "RK206",
        "the sdist is not one top-level `{name}-{version}/` folder holding PKG-INFO",
        "build the sdist with a PEP 517 backend (`releasekit build`)",
    ),
    Code(
        "RK207",
        "a wheel member uses a compression method PyPI rejects (only stored and deflated are accepted)",
        "rebuild the wheel with a PEP 517 backend",
    ),
    Code(
        "RK210",
        "the wheel's filename is not a valid PEP 427 name",
        "name it {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl",
    ),
    Code(
        "RK211",
        "the sdist's filename is not a valid PEP 625 name `{name}-{version}.tar.gz`",
        "build the sdist with a current backend; PyPI takes only .tar.gz sdists named {name}-{version}",
    ),
    Code(
        "RK212",
        "the filename's name or version is not in its normalized form, which PyPI rejects",
        "use a backend that writes normalized names (lowercase, _ for runs of -_.)",
    ),
    Code(
        "RK213",
        "the filename's name or version disagrees with the core metadata",
        "rebuild; never rename a distribution file",
    ),
    Code(
        "RK214",
        "the files are of several versions or projects, or hold two sdists of one version",
        "upload one release at a time: one sdist and its wheels",
    ),
    Code(
        "RK215",
        "a wheel's platform tag is one PyPI rejects (such as linux_x86_64)",
        "repair the wheel to a manylinux or musllinux tag (auditwheel)",
    ),
    Code(
        "RK220",
        "the wheel does not have exactly one `{name}-{version}.dist-info` folder named as the file",
        "rebuild the wheel with a PEP 517 backend",
    ),
    Code(
        "RK221",
        "a required file is missing: METADATA, WHEEL or RECORD in a wheel, PKG-INFO in an sdist",
        "rebuild it with a PEP 517 backend",
    ),
    Code(
        "RK222",
        "a RECORD entry's hash or size disagrees with the member, or is malformed",
        "rebuild the wheel; never edit a wheel by hand",
    ),
    Code(
        "RK223",
        "a member is missing from RECORD, or RECORD lists a member the wheel does not hold",
        "rebuild the wheel; never edit a wheel by hand",
    ),
    Code(
        "RK224",
        "the WHEEL file is not valid (Wheel-Version 1.x, Root-Is-Purelib true or false)",
        "rebuild the wheel with a PEP 517 backend",
    ),
    Code("RK225", "entry_points.txt does not parse", "fix [project.scripts] / [project.entry-points]"),
    Code(
        "RK226",
        "a License-File the metadata names is not in the distribution",
        "fix license-files in pyproject.toml or rebuild",
    ),
    Code(
        "RK230",
        "Metadata-Version is missing or one PyPI does not accept",
        "use a backend that writes Metadata-Version 2.1 to 2.5",
    ),
    Code(
        "RK231",
        "the core metadata does not parse (packaging.metadata: an unknown field, a repeated single field, ...)",
        "fix the field named; it comes from pyproject.toml or the backend's configuration",
    ),
    Code(
        "RK235",
        "the sdist's PKG-INFO and the wheel's METADATA disagree on name, version, dependencies or extras",
        "build the wheel from the sdist (`releasekit build`) so both say the same",
    ),
    Code(
        "RK240",
        "the version disagrees with the git tag at HEAD, the project's canonical version or the package's "
        "`__version__`",
        "bump every place together (`releasekit bump`), then rebuild",
    ),
    Code(
        "RK241",
        "an artifact holds a secret: .pypirc, .env, a private key, an API token",
        "remove the file, exclude it from the build, and revoke the secret",
    ),
    Code(
        "RK242",
        "smoke test: the wheel does not install, a package does not import or has another `__version__`, "
        "or a console script crashes on --version",
        "install the wheel in a fresh virtual environment and run it",
    ),
    Code(
        "RK243",
        "a second build of the same commit is not byte-identical",
        "make the build reproducible: no timestamps, random order or absolute paths in generated files",
    ),
    Code(
        "RK244",
        "the file's sha256 differs from the SHA256SUMS beside it",
        "the file changed after the build: rebuild, or find out what rewrote it",
    ),
    Code("RK250", "a wheel holds compiled bytecode (.pyc, .pyo, __pycache__)", "exclude __pycache__ from the build"),
    Code(
        "RK251",
        "a wheel installs a top-level `tests` or `test` package, which clashes across projects",
        "exclude the tests from the wheel, or put them inside your package",
    ),
    Code("RK252", "a wheel holds no Python module, package or data", "check the backend's package selection"),
    Code(
        "RK253",
        "a wheel holds the same module's content at several paths",
        "include each package once (a src/ layout built twice, say)",
    ),
    Code(
        "RK254",
        "a test file (under tests/, test/, testing/ or fixtures/) holds a private key or token shape",
        "make sure it is a throwaway fixture, never a real secret",
    ),
)

CODES: dict[str, Code] = {entry.code: entry for entry in _CATALOG}
