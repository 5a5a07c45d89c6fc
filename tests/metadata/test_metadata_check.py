"""`check-metadata` as a library: a table of broken pyproject.toml files, each with its exact codes and lines."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from releasekit.errors import ReleasekitError
from releasekit.metadata.check import check_metadata, check_pyproject
from releasekit.metadata.codes import CODES
from tests.helpers.git_repos import write_files

HEAD = '[project]\nname = "good-pkg"\nversion = "1.0.0"\n'  # lines 1-3; each case's own lines start at 4
CLASSIFIERS = 'classifiers = ["Development Status :: 4 - Beta", {}]'


class Case(NamedTuple):
    """A pyproject.toml (HEAD plus ``lines``, unless ``text`` replaces it), other files, and (line, code) expected."""

    id: str
    lines: str
    expected: list[tuple[int, str]]
    files: dict[str, str] = {}  # noqa: RUF012 - never mutated
    text: str | None = None


CASES = [
    Case("clean", 'description = "A tidy package."', []),
    # Schema (validate-pyproject): structure, tool sections, dependency groups, dynamic.
    Case("schema-unknown-author-key", 'authors = [{ name = "A", emial = "a@example.org" }]', [(4, "RK100")]),
    Case("schema-no-version", "", [(1, "RK100")], text='[project]\nname = "good-pkg"\n'),
    Case("schema-static-and-dynamic", 'dynamic = ["version"]', [(3, "RK100")]),
    Case("schema-tool-section", "[tool.setuptools]\npackages = 3", [(5, "RK100")]),
    Case("schema-dependency-group", '[dependency-groups]\ndev = [{ include-group = "lint" }]', [(5, "RK100")]),
    Case("schema-build-system-type", "", [(2, "RK100")], text='[build-system]\nrequires = "hatchling"\n' + HEAD),
    # Name and version.
    Case("name-invalid", "", [(2, "RK101")], text='[project]\nname = "-pkg-"\nversion = "1.0.0"\n'),
    Case("name-stdlib", "", [(2, "RK151")], text='[project]\nname = "asyncio"\nversion = "1.0.0"\n'),
    Case("version-invalid", "", [(3, "RK102")], text='[project]\nname = "pkg"\nversion = "1.0-final!"\n'),
    Case("version-local", "", [(3, "RK103")], text='[project]\nname = "pkg"\nversion = "1.0.0+ubuntu1"\n'),
    Case("version-not-normalized", "", [(3, "RK152")], text='[project]\nname = "pkg"\nversion = "1.0.0-RC1"\n'),
    # Summary.
    Case("summary-two-lines", 'description = "one\\ntwo"', [(4, "RK105")]),
    Case("summary-too-long", f'description = "{"x" * 513}"', [(4, "RK106")]),
    Case("summary-512-is-fine", f'description = "{"x" * 512}"', []),
    # Readme.
    Case("readme-missing", 'readme = "README.md"', [(4, "RK107")]),
    Case("readme-no-type", 'readme = "README"', [(4, "RK108")], {"README": "Hello\n"}),
    Case(
        "readme-charset",
        'readme = { file = "README.md", content-type = "text/markdown; charset=latin-1" }',
        [(4, "RK108")],
        {"README.md": "# Hello\n"},
    ),
    Case(
        "readme-variant",
        'readme = { file = "README.md", content-type = "text/markdown; variant=Pandoc" }',
        [(4, "RK108")],
        {"README.md": "# Hello\n"},
    ),
    Case(
        "readme-unknown-type",
        'readme = { file = "README.html", content-type = "text/html" }',
        [(4, "RK108")],
        {"README.html": "<p>Hello</p>\n"},
    ),
    Case("readme-rst-broken", 'readme = "README.rst"', [(4, "RK109")], {"README.rst": "Hello `world\n"}),
    Case("readme-rst-empty-renders-nothing", 'readme = "README.rst"', [(4, "RK109")], {"README.rst": "\n"}),
    Case("readme-markdown-empty-renders-nothing", 'readme = "README.md"', [(4, "RK109")], {"README.md": "\n"}),
    Case("readme-empty-file-is-no-description", 'readme = "README.md"', [], {"README.md": ""}),
    Case(
        "readme-type-disagrees-with-extension",
        'readme = { file = "README.md", content-type = "text/x-rst" }',
        [(4, "RK153")],
        {"README.md": "Hello\n"},
    ),
    Case("readme-inline-rst-broken", 'readme = { text = "Hello `x", content-type = "text/x-rst" }', [(4, "RK109")]),
    Case("readme-markdown-gfm", 'readme = "README.md"', [], {"README.md": "| a |\n|---|\n| ~~b~~ |\n"}),
    # License.
    Case("license-invalid", 'license = "MIT License"', [(4, "RK110")]),
    Case("license-not-canonical", 'license = "mit OR apache-2.0"', [(4, "RK154")]),
    Case(
        "license-with-classifier",
        'license = "MIT"\n' + CLASSIFIERS.format('"License :: OSI Approved :: MIT License"'),
        [(5, "RK111")],
    ),
    # setuptools refuses to build what PyPI would accept: an error only with that backend.
    Case(
        "license-with-classifier-setuptools",
        "",
        [(9, "RK126")],
        text='[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n\n'
        + HEAD
        + 'license = "MIT"\n'
        + CLASSIFIERS.format('"License :: OSI Approved :: MIT License"'),
    ),
    Case(
        "license-legacy-table-with-classifier",
        'license = { text = "MIT" }\n' + CLASSIFIERS.format('"License :: OSI Approved :: MIT License"'),
        [],
    ),
    Case("license-files-match-nothing", 'license = "MIT"\nlicense-files = ["LICEN[CS]E*"]', [(5, "RK112")]),
    Case("license-files-bad-glob", 'license = "MIT"\nlicense-files = ["LICENSE**"]', [(5, "RK112")], {"LICENSE": "x"}),
    Case("license-files-outside", 'license = "MIT"\nlicense-files = ["../LICENSE"]', [(5, "RK112")]),
    Case(
        "license-files-match",
        'license = "MIT"\nlicense-files = ["LICEN[CS]E*", "licenses/**/*.txt"]',
        [],
        {"LICENSE": "MIT\n", "licenses/a/b.txt": "x\n"},
    ),
    # Classifiers.
    Case("classifier-invalid", CLASSIFIERS.format('"Programming Language :: Cobol :: Python"'), [(4, "RK113")]),
    Case("classifier-deprecated", CLASSIFIERS.format('"Natural Language :: Ukranian"'), [(4, "RK114")]),
    Case("classifier-private", CLASSIFIERS.format('"Private :: Do Not Upload"'), [(4, "RK156")]),
    Case("classifier-no-development-status", 'classifiers = ["Typing :: Typed"]', [(4, "RK155")]),
    Case(
        "classifier-python-excluded",
        'requires-python = ">=3.9"\n' + CLASSIFIERS.format('"Programming Language :: Python :: 3.8"'),
        [(5, "RK115")],
    ),
    Case(
        "classifier-python-2-excluded",
        'requires-python = ">=3.8"\n' + CLASSIFIERS.format('"Programming Language :: Python :: 2"'),
        [(5, "RK115")],
    ),
    Case(
        "classifier-python-3-only-but-2-allowed",
        'requires-python = ">=2.7"\n' + CLASSIFIERS.format('"Programming Language :: Python :: 3 :: Only"'),
        [(5, "RK115")],
    ),
    Case(
        "classifier-python-patch-floor-is-fine",
        'requires-python = ">=3.8.1"\n'
        + CLASSIFIERS.format('"Programming Language :: Python :: 3.8", "Programming Language :: Python :: 3 :: Only"'),
        [],
    ),
    # requires-python.
    Case("requires-python-invalid", 'requires-python = ">=3.x"', [(4, "RK116")]),
    Case("requires-python-cap", 'requires-python = ">=3.9,<4"', [(4, "RK157")]),
    Case("requires-python-compatible-cap", 'requires-python = "~=3.9"', [(4, "RK157")]),
    # Dependencies.
    Case("dependency-invalid", 'dependencies = ["requests >= "]', [(4, "RK117")]),
    Case("dependency-direct-url", 'dependencies = ["pkg @ https://example.org/pkg-1.0.tar.gz"]', [(4, "RK118")]),
    Case("dependency-exact-pin", 'dependencies = [\n    "attrs>=23",\n    "requests==2.31.0",\n]', [(6, "RK158")]),
    Case("dependency-wildcard-pin-is-fine", 'dependencies = ["httpcore==1.*"]', []),
    Case(
        "optional-dependency-url-and-pin",
        '[project.optional-dependencies]\ntest = ["pytest==8.3.0", "x @ git+https://example.org/x.git"]',
        [(5, "RK118")],
    ),
    Case("optional-dependency-invalid-extra", '[project.optional-dependencies]\n"two words" = ["x"]', [(5, "RK119")]),
    Case(
        "build-requirement-wrong-type-is-the-schemas",
        "",
        [(2, "RK100")],
        text='[build-system]\nrequires = ["hatchling", 3]\nbuild-backend = "hatchling.build"\n' + HEAD,
    ),
    Case("build-requirement-invalid", "", [(2, "RK125")], text='[build-system]\nrequires = ["hatchling >="]\n' + HEAD),
    # URLs.
    Case("url-label-too-long", f'[project.urls]\n"{"L" * 33}" = "https://example.org"', [(5, "RK121")]),
    Case("url-not-http", '[project.urls]\nSource = "ftp://example.org/pkg"', [(5, "RK120")]),
    Case("url-no-host", 'urls = { Source = "https://" }', [(4, "RK120")]),
    Case("url-plain-http", '[project.urls]\nSource = "http://example.org/pkg"', [(5, "RK159")]),
    # People.
    Case("author-email-invalid", 'authors = [{ name = "A", email = "a@localhost" }]', [(4, "RK122")]),
    Case(
        "maintainer-email-invalid",
        'maintainers = [\n    { name = "A", email = "a@example.org" },\n    { email = "b at example.org" },\n]',
        [(6, "RK122")],
    ),
    # Entry points.
    Case("script-invalid", '[project.scripts]\ntool = "pkg.cli: main()"', [(5, "RK123")]),
    Case("entry-point-invalid", '[project.entry-points."pkg.plugins"]\nfoo = "1pkg:x"', [(5, "RK123")]),
    Case("script-with-extras-is-fine", '[project.gui-scripts]\ntool = "pkg.gui:main [gui]"', []),
    # Keywords and types.
    Case("keyword-with-comma", 'keywords = ["release, version"]', [(4, "RK160")]),
    Case("keywords-not-a-list", 'keywords = "release, version"', [(4, "RK124")]),
    Case("classifiers-not-a-list", 'classifiers = "Typing :: Typed"', [(4, "RK124")]),
    # The canonical version: `[tool.releasekit] version-source` outranks [project].version.
    Case(
        "version-disagrees-with-version-source",
        '[tool.releasekit]\nversion-source = "VERSION"',
        [(3, "RK104")],
        {"VERSION": "1.1.0\n"},
    ),
    Case(
        "invalid-version-is-not-compared",
        "",
        [(3, "RK102")],
        {"VERSION": "1.1.0\n"},
        '[project]\nname = "good-pkg"\nversion = "one"\n[tool.releasekit]\nversion-source = "VERSION"\n',
    ),
    Case(
        "version-agrees-with-version-source",
        '[tool.releasekit]\nversion-source = "VERSION"',
        [],
        {"VERSION": "1.0.0\n"},
    ),
    Case(
        "dynamic-version-is-not-compared",
        "",
        [],
        {"VERSION": "9.9.9\n"},
        '[project]\nname = "good-pkg"\ndynamic = ["version"]\n',
    ),
    # The import package's name.
    Case("import-name-surprising", "", [(2, "RK150")], {"src/other_thing/__init__.py": ""}),
    Case("import-name-matches", "", [], {"src/good_pkg/__init__.py": "", "tests/__init__.py": ""}),
    Case(
        "import-name-without-python-prefix",
        "",
        [],
        {"dateutil/__init__.py": ""},
        '[project]\nname = "python-dateutil"\nversion = "1.0.0"\n',
    ),
    Case("import-names-several-packages", "", [], {"src/one/__init__.py": "", "src/two/__init__.py": ""}),
    # Several at once: every problem, in file order.
    Case(
        "combined",
        'description = "a\\nb"\n'
        'license = "MIT"\n'
        'requires-python = ">=3.10"\n'
        "classifiers = [\n"
        '    "License :: OSI Approved :: MIT License",\n'
        '    "Programming Language :: Python :: 3.9",\n'
        "]\n"
        'dependencies = ["x @ https://example.org/x.whl"]\n'
        'authors = [{ email = "nobody" }]',
        [(3, "RK103"), (4, "RK105"), (8, "RK111"), (8, "RK155"), (9, "RK115"), (11, "RK118"), (12, "RK122")],
        text='[project]\nname = "good-pkg"\nversion = "1.0.0+dev"\n',
    ),
]


def _write(root: Path, case: Case) -> Path:
    text = case.text if case.text is not None else HEAD
    if case.lines:
        text += case.lines + "\n"
    write_files(root, {"pyproject.toml": text, **case.files})
    return root / "pyproject.toml"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_pyproject(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, case)
    report = check_pyproject(path, "pyproject.toml")
    assert [(finding.line, finding.code) for finding in report.findings] == case.expected
    for finding in report.findings:
        assert finding.hint == CODES[finding.code].hint


def test_every_code_is_exercised_by_the_table() -> None:
    exercised = {code for case in CASES for _, code in case.expected}
    assert exercised == set(CODES)


def test_findings_carry_the_column_of_the_item(tmp_path: Path) -> None:
    case = Case("columns", 'classifiers = [\n    "Development Status :: 4 - Beta", "Nope :: Nope",\n]', [])
    report = check_pyproject(_write(tmp_path, case), "pyproject.toml")
    assert [finding.render() for finding in report.findings] == [
        "pyproject.toml:5:39: RK113 classifier 'Nope :: Nope' is not a valid trove classifier "
        "(pick one from https://pypi.org/classifiers/)"
    ]


def test_no_project_table_checks_only_the_schema(tmp_path: Path) -> None:
    write_files(tmp_path, {"pyproject.toml": "[tool.ruff]\nline-length = 100\n[build-system]\nrequires = 3\n"})
    report = check_pyproject(tmp_path / "pyproject.toml", "pyproject.toml")
    assert not report.has_project
    assert [(finding.line, finding.code) for finding in report.findings] == [(4, "RK100")]


def test_malformed_toml_is_a_finding_and_other_files_are_still_checked(tmp_path: Path) -> None:
    write_files(tmp_path, {"a/pyproject.toml": '[project]\nname = "x"\nversion = 1.0.0\n', "b/pyproject.toml": HEAD})
    report = check_metadata([str(tmp_path / "a/pyproject.toml"), str(tmp_path / "b/pyproject.toml")])
    assert report.malformed
    assert [finding.code for finding in report.findings] == ["RK903"]
    assert [len(file.findings) for file in report.files] == [1, 0]


def test_missing_files_are_a_usage_error_before_anything_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ReleasekitError) as caught:
        check_metadata([str(tmp_path / "nope.toml"), str(tmp_path / "gone.toml")])
    assert caught.value.message == f"no such file: {tmp_path / 'nope.toml'}, {tmp_path / 'gone.toml'}"
