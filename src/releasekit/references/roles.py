"""What a path is for discovery: history, vendored, a test, data, never-read binary."""

from __future__ import annotations

import re
from collections.abc import Iterable

# History files are the project's own record (previous_release reads them too): they live in project/.
# Re-exported (the `as` form) for the scanners that ask roles about them.
from releasekit.project.history_files import DOCS_DIRS, is_history_parts
from releasekit.project.history_files import basename as basename  # noqa: PLC0414
from releasekit.project.history_files import is_changelog_file as is_changelog_file  # noqa: PLC0414
from releasekit.project.history_files import is_history as is_history  # noqa: PLC0414

_VENDORED_DIRS = frozenset(
    {
        "vendor",
        "vendored",
        "_vendor",
        "_vendored",
        "_third_party",
        "3rdparty",
        "external",
        "_external",
        "_extern",
        # Type stubs describe other packages, at their versions (typeshed's stubs/<pkg>/METADATA.toml).
        "stubs",
        "typeshed",
        "third_party",
        "thirdparty",
        "third-party",
        "extern",
        "externals",
        "node_modules",
        "site-packages",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "__pypackages__",
    }
)
_TEST_DIRS = frozenset({"tests", "test", "testing"})
# Inside a test tree: data, fixtures and sample projects, which carry their own versions.
_FIXTURE_DIRS = frozenset(
    {
        "fixtures",
        "fixture",
        "data",
        "testdata",
        "test_data",
        "test-data",
        "samples",
        "sample",
        "sample_projects",
        "resources",
        "snapshots",
        "__snapshots__",
        "cassettes",
        "golden",
        "expected",
        "files",
        "templates",
        "roots",
    }
)
# Example, tutorial and demo programs: their ``__version__`` is the example's, not the project's.
# At the top (plural: a package may itself be named ``demo`` or ``example``), or under the docs.
_EXAMPLE_DIRS = frozenset({"examples", "tutorials", "demos", "samples"})
_DOCS_EXAMPLE_DIRS = _EXAMPLE_DIRS | {"example", "tutorial", "demo", "sample"}
_SERIES_FOLDER = re.compile(r"_?[vV](\d{1,3})")
_PYLOCK = re.compile(r"^pylock\.(?:[^.]+\.)?toml$")
# Never read: binaries, generated data, translations, notebooks (their outputs are history).
SKIPPED_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".ico",
    ".bmp",
    ".webp",
    ".svg",
    ".pdf",
    ".zip",
    ".gz",
    ".bz2",
    ".xz",
    ".tar",
    ".tgz",
    ".whl",
    ".egg",
    ".so",
    ".dll",
    ".dylib",
    ".pyd",
    ".pyc",
    ".pyo",
    ".exe",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".mp3",
    ".mp4",
    ".mov",
    ".wav",
    ".ogg",
    ".ipynb",
    ".po",
    ".pot",
    ".mo",
    ".db",
    ".sqlite",
    ".parquet",
    ".pickle",
    ".pkl",
    ".npy",
    ".npz",
    ".min.js",
    ".map",
    ".jar",
    ".class",
    ".bin",
    ".dat",
    ".pem",
    ".crt",
    ".der",
    ".p12",
    ".icns",
    ".psd",
    ".xcf",
)
# Read only for their own kinds, never for docs mentions: data and lock files.
DATA_SUFFIXES = (".json", ".lock", ".csv", ".tsv", ".xml", ".yaml.lock", ".sum")
SPECIAL_NAMES = frozenset(
    {
        "pyproject.toml",
        "setup.cfg",
        "setup.py",
        "conf.py",
        ".bumpversion.cfg",
        ".bumpversion.toml",
        "tbump.toml",
        ".cz.toml",
        "cz.toml",
        "citation.cff",
        "codemeta.json",
        "package.json",
        "package-lock.json",
        "uv.lock",
        "version",
        "version.txt",
        "security.md",
        "security.rst",
    }
)
VERSION_MODULES = frozenset({"_version.py", "version.py", "__about__.py", "__version__.py"})


def older_copy_major(path: str) -> int | None:
    """N for a file inside a folder named ``vN`` / ``_vN``: a frozen copy of the N.x series.

    pydantic 2 ships the last pydantic 1 as ``pydantic/v1/``, with its own ``VERSION``.
    """
    for part in path.split("/")[:-1]:
        match = _SERIES_FOLDER.fullmatch(part)
        if match:
            return int(match[1])
    return None


def is_environment_lock(path: str) -> bool:
    """A PEP 751 lock file (``pylock.toml``, ``pylock.<name>.toml``): pins of an environment, not of the project."""
    return bool(_PYLOCK.match(basename(path).lower()))


def is_vendored(path: str) -> bool:
    """Vendored or third-party code, which carries other projects' versions."""
    return bool(_VENDORED_DIRS.intersection(path.split("/")[:-1]))


def is_fixture(path: str) -> bool:
    """Test data: a fixture, data or sample folder inside a test tree, or a top-level ``testdata``.

    hatch's ``tests/helpers/templates``, twine's ``tests/fixtures/*.whl``, Sphinx's ``tests/roots``.
    """
    lowered = path.lower()
    if "test" not in lowered:  # the common case, decided without splitting (a cold scan asks 50,000 times)
        return False
    parts = lowered.split("/")[:-1]
    for index, part in enumerate(parts):
        if part in ("testdata", "test_data", "test-data"):
            return True
        if part in _TEST_DIRS and _FIXTURE_DIRS.intersection(parts[index + 1 :]):
            return True
    return False


def is_example(path: str) -> bool:
    """An example, tutorial or demo program (``examples/``, ``docs/tutorial/``), whose assignments are its own."""
    parts = path.lower().split("/")[:-1]
    if len(parts) > 1 and parts[0] in DOCS_DIRS:
        return parts[1] in _DOCS_EXAMPLE_DIRS
    return bool(parts) and parts[0] in _EXAMPLE_DIRS


def is_stub_package(path: str) -> bool:
    """A ``<pkg>-stubs`` folder: type stubs of a package, maybe another's."""
    return "-stubs/" in path


def is_test(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    return (
        bool(_TEST_DIRS.intersection(parts[:-1]))
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


def is_dockerfile(path: str) -> bool:
    name = basename(path).lower()
    return name.startswith(("dockerfile", "containerfile")) or name.endswith(".dockerfile")


def never_read(path: str) -> bool:
    """Files that cannot hold a reference: history, vendored, test data, stubs, binary or generated.

    Asked for every tracked file on a cold scan (50,000 in a large tree): the path is split once.
    """
    lowered = path.lower()
    if lowered.endswith(SKIPPED_SUFFIXES):
        return True
    parts = lowered.split("/")
    if is_history_parts(parts):
        return True
    if len(parts) > 1 and not _VENDORED_DIRS.isdisjoint(parts[:-1]):
        return True
    return ("test" in lowered and is_fixture(path)) or "-stubs/" in lowered


def always_read(path: str) -> bool:
    """Files whose own kinds need no keyword to be present (their names say it all)."""
    return basename(path).lower() in SPECIAL_NAMES or is_dockerfile(path)


PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def nested_project_prefixes(paths: Iterable[str]) -> tuple[str, ...]:
    """Folders below the root that hold a project of their own (examples, fixtures, plugins).

    Their versions are theirs, not the project's: ``examples/app/pyproject.toml`` at 1.0.0.
    """
    prefixes = {path.rpartition("/")[0] + "/" for path in paths if "/" in path and path.endswith(PROJECT_FILES)}
    return tuple(sorted(prefix for prefix in prefixes if basename(prefix[:-1]) != "src"))
