#!/usr/bin/env python3
"""Catch rate on the broken corpus: `releasekit validate --strict`, `twine check --strict`, check-wheel-contents.

The corpus is the one the tests use (tests/validate/test_corpus.py): the tiny project built once with
the real backend, then each case rewritten with zipfile/tarfile. For every case the three tools run on
the same files; a tool "catches" a case when it exits non-zero. Each case also says whether PyPI's
upload (warehouse `forklift/legacy.py`, `forklift/metadata.py`, `utils/zipfiles.py`, `utils/wheel.py`)
rejects it. Prints a Markdown report (bench/README.md quotes it).

    python bench/catch_rate.py [--tools DIR]

``--tools`` is a virtual environment holding twine and check-wheel-contents (created when missing).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.git_repos import make_repo  # noqa: E402
from tests.validate.conftest import Built  # noqa: E402
from tests.validate.corpus import SDIST, TINY_FILES, WHEEL  # noqa: E402
from tests.validate.test_corpus import CASES, Case  # noqa: E402

from releasekit.build.builder import build_project  # noqa: E402
from releasekit.build.report import write_records  # noqa: E402
from releasekit.validate.api import validate  # noqa: E402

# What PyPI's upload answers for each broken case: its words, or "" when it takes the file.
PYPI_REJECTS = {
    "rk200-not-a-zip": "Invalid distribution file. File is not a zipfile",
    "rk200-not-a-tar": "Invalid distribution file. File is not a tarfile",
    "rk201-duplicate-entry": "ZIP archive not accepted: Duplicate filename in local headers",
    "rk202-dot-dot": "",
    "rk202-absolute": "Incorrect number of top-level directories in sdist",
    "rk203-symlink": "",
    "rk204-latin-1-name": "",
    "rk205-bomb": "",
    "rk206-two-top-folders": "Incorrect number of top-level directories in sdist",
    "rk206-folder-named-otherwise": "",
    "rk207-bzip2-member": "File does not use a supported compression type",
    "rk210-wheel-name-without-tags": "Invalid wheel filename",
    "rk211-not-tar-gz": "Invalid file extension",
    "rk211-sdist-name-without-version": "Invalid source distribution filename",
    "rk212-name-not-normalized": "Filename 'Tiny-1.0.0.tar.gz' is invalid, should be 'tiny-1.0.0.tar.gz'",
    "rk212-version-not-normalized": "Filename 'tiny-01.0.0.tar.gz' is invalid, should be 'tiny-1.0.0.tar.gz'",
    "rk213-version-disagrees": "Version in filename should be '1.0.0' not '1.0.1'",
    "rk214-two-sdists-of-one-release": "File already exists / Only one sdist may be uploaded per release",
    "rk214-two-releases": "",
    "rk215-linux-platform": "Binary wheel has an unsupported platform tag 'linux_x86_64'",
    "rk220-two-dist-info": "",
    "rk221-no-wheel-file": "WHEEL not found at tiny-1.0.0.dist-info/WHEEL",
    "rk221-no-pkg-info": "PKG-INFO not found at tiny-1.0.0/PKG-INFO",
    "rk222-content-changed": "",
    "rk223-unrecorded-member": "",  # accepted; the maintainers get an e-mail
    "rk223-recorded-member-missing": "",  # accepted; the maintainers get an e-mail
    "rk224-wheel-version-2": "",
    "rk225-entry-points-not-ini": "Wheel has invalid entry points defined",
    "rk225-script-name-is-a-path": "Wheel has invalid entry points defined",
    "rk123-entry-point-not-an-object-reference": "",
    "rk226-license-file-missing": "License-File LICENSE does not exist in distribution file",
    "rk226-license-file-missing-from-sdist": "License-File LICENSE does not exist in distribution file",
    "rk230-metadata-version-2-0": "'2.0' is not a valid metadata version",
    "rk231-field-newer-than-metadata-version": "license-expression introduced in metadata version 2.4, not 2.3",
    "rk231-unknown-field": "unrecognized or malformed field 'home-town'",
    "rk231-name-twice": "'name' has invalid data",
    "rk231-license-and-expression": "License is deprecated when License-Expression is present",
    "rk103-local-version-from-the-backend": "The use of local versions is not allowed",
    "rk109-description-does-not-render": "The description failed to render for 'text/x-rst'",
    "rk113-invalid-classifier": "'Nope :: Nope' is not a valid classifier",
    "rk118-direct-url-dependency": "Can't have direct dependency",
    "rk122-invalid-email": "is not a valid email address",
    "rk235-wheel-has-a-dependency-the-sdist-lacks": "",
    "rk240-dunder-version-stale": "",
    "rk241-pypirc": "",
    "rk241-dotenv": "",
    "rk241-pypi-token": "",
    "rk241-private-key": "",
    "rk254-private-key-in-the-tests": "",
    "rk244-file-changed-after-sha256sums": "",
    "rk250-bytecode": "",
    "rk251-top-level-tests": "",
    "rk252-empty-wheel": "",
    "rk253-module-twice": "",
}


def tools(folder: Path) -> Path:
    if not (folder / "bin" / "twine").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        pip = [str(folder / "bin" / "pip"), "install", "--quiet", "twine", "check-wheel-contents"]
        subprocess.run(pip, check=True)
    return folder / "bin"


def _fails(argv: list[str], cwd: Path) -> bool:
    return subprocess.run(argv, cwd=cwd, capture_output=True, check=False).returncode != 0


def judge(case: Case, built: Built, folder: Path, bin_folder: Path) -> tuple[bool, bool, bool | None]:
    """(releasekit, twine, check-wheel-contents) each failing the case; None where the tool cannot look."""
    folder.mkdir(parents=True)
    paths = [path.relative_to(folder) for path in case.make(built, folder)]
    import os  # noqa: PLC0415

    here = Path.cwd()
    os.chdir(folder)
    try:
        releasekit = not validate(paths, strict=True).passed
    finally:
        os.chdir(here)
    twine = _fails([str(bin_folder / "twine"), "check", "--strict", *map(str, paths)], folder)
    wheels = [str(path) for path in paths if str(path).endswith(".whl")]
    wheel_contents = _fails([str(bin_folder / "check-wheel-contents"), *wheels], folder) if wheels else None
    return releasekit, twine, wheel_contents


def _mark(value: bool | None) -> str:
    return "n/a" if value is None else ("**caught**" if value else "-")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, default=Path(tempfile.gettempdir()) / "releasekit-bench-tools")
    args = parser.parse_args()
    bin_folder = tools(args.tools)
    with tempfile.TemporaryDirectory(prefix="releasekit-catch-") as scratch:
        work = Path(scratch)
        project = make_repo(work / "tiny", TINY_FILES)
        write_records(build_project(project, work / "dist"), work / "dist")
        built = Built(project, work / "dist" / SDIST, work / "dist" / WHEEL)
        rows = [(case, judge(case, built, work / "cases" / case.id, bin_folder)) for case in CASES]
    print("| case | PyPI's upload | releasekit validate --strict | twine check --strict | check-wheel-contents |")
    print("| --- | --- | --- | --- | --- |")
    for case, verdicts in rows:
        pypi = "accepts" if not case.expected else (PYPI_REJECTS[case.id] and "rejects") or "accepts"
        print(f"| `{case.id}` | {pypi} | " + " | ".join(_mark(value) for value in verdicts) + " |")
    broken = [(case, verdicts) for case, verdicts in rows if case.expected]
    near = [(case, verdicts) for case, verdicts in rows if not case.expected]
    rejected = [(case, verdicts) for case, verdicts in broken if PYPI_REJECTS[case.id]]
    print()
    print("| | releasekit validate --strict | twine check --strict | check-wheel-contents |")
    print("| --- | --- | --- | --- |")
    for title, group in (
        (f"broken cases caught (of {len(broken)})", broken),
        (f"cases PyPI rejects caught (of {len(rejected)})", rejected),
        (f"near misses failed wrongly (of {len(near)})", near),
    ):
        counts = [sum(1 for _, verdicts in group if verdicts[index]) for index in range(3)]
        print(f"| {title} | " + " | ".join(str(count) for count in counts) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
