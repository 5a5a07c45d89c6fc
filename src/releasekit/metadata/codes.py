"""The codes `check-metadata` reports: errors RK100-RK149, warnings RK150-RK199; the README's table comes from here."""

from __future__ import annotations

from typing import NamedTuple

WARNINGS_FROM, WARNINGS_UNTIL = 150, 200
# Numbered among the errors, but nothing refuses them: PyPI's upload endpoint (warehouse's
# ``warehouse/forklift/metadata.py::_validate_metadata``, run by ``forklift/legacy.py``) checks
# the metadata version, local versions, the summary's length, e-mails, that classifiers exist and
# are not deprecated, URLs, and direct references, and nothing else: License classifiers beside a
# license expression (RK111) and Python classifiers outside requires-python (RK115) upload fine
# (httpx, tox and mkdocs publish such metadata). Where the declared build backend refuses RK111's
# case (setuptools' ``dist.py`` raises InvalidConfigError), it is reported as the error RK126.
DEMOTED_TO_WARNINGS = frozenset({"RK111", "RK115"})


class Code(NamedTuple):
    """A metadata finding's code, what it means, and the one-line hint printed with it."""

    code: str
    meaning: str
    hint: str

    @property
    def is_warning(self) -> bool:
        return is_warning(self.code)


def is_warning(code: str) -> bool:
    """RK150-RK199, RK111 and RK115 are warnings: they never fail a check unless it is strict."""
    return code in DEMOTED_TO_WARNINGS or WARNINGS_FROM <= int(code.removeprefix("RK")) < WARNINGS_UNTIL


_CATALOG = (
    Code(
        "RK100", "pyproject.toml does not match the schema (validate-pyproject)", "see the pyproject.toml specification"
    ),
    Code(
        "RK101",
        "the name is not a valid distribution name",
        "use letters, digits and . _ -, starting and ending with a letter or digit",
    ),
    Code("RK102", "the version is not a valid PEP 440 version", "use a version such as 1.2.3, 1.2.3rc1 or 1.2.3.post1"),
    Code("RK103", "the version has a local part (+...), which PyPI rejects", "drop the +local part before releasing"),
    Code(
        "RK104",
        "the version disagrees with the canonical version (`releasekit version`)",
        "make both say the same version",
    ),
    Code("RK105", "the summary (description) spans several lines", "keep the description on one line"),
    Code(
        "RK106",
        "the summary (description) is longer than 512 characters, which PyPI rejects",
        "shorten the description; the readme holds the long text",
    ),
    Code("RK107", "the readme file does not exist", "fix the path (relative to pyproject.toml) or add the file"),
    Code(
        "RK108",
        "the readme's content type is missing, unknown or has an unsupported charset or variant",
        "use text/markdown (variant GFM or CommonMark), text/x-rst or text/plain, charset UTF-8",
    ),
    Code(
        "RK109", "the readme does not render as PyPI renders it (readme_renderer)", "fix the markup at the line named"
    ),
    Code(
        "RK110",
        "the license is not a valid SPDX license expression (PEP 639)",
        "use an SPDX expression such as MIT or Apache-2.0 OR MIT",
    ),
    Code(
        "RK111",
        "a license expression is combined with `License ::` classifiers",
        "drop the License :: classifiers; the expression replaces them",
    ),
    Code(
        "RK112",
        "a license-files glob matches no file, or is not a relative path inside the project",
        "fix the glob or add the license file",
    ),
    Code("RK113", "a classifier is not a valid trove classifier", "pick one from https://pypi.org/classifiers/"),
    Code("RK114", "a classifier is deprecated, which PyPI rejects", "use the classifier it was replaced by"),
    Code(
        "RK115",
        "a `Programming Language :: Python` version classifier is excluded by requires-python",
        "make the classifiers and requires-python agree",
    ),
    Code("RK116", "requires-python is not a valid version specifier", "use a specifier such as >=3.10"),
    Code("RK117", "a dependency is not a valid PEP 508 requirement", "write it as name[extras] (specifier); marker"),
    Code(
        "RK118",
        "a dependency is a direct URL reference, which PyPI rejects",
        "depend on a released version from the index",
    ),
    Code(
        "RK119",
        "an extra's name is not valid",
        "use letters, digits and . _ -, starting and ending with a letter or digit",
    ),
    Code("RK120", "a URL is not a valid http(s) URL", "write a full URL such as https://example.org/project"),
    Code(
        "RK121",
        "a project URL label is empty or longer than 32 characters, which PyPI rejects",
        "use a short label such as Documentation",
    ),
    Code(
        "RK122",
        "an author or maintainer email address is not valid, which PyPI rejects",
        "write a full address such as name@example.org",
    ),
    Code(
        "RK123",
        "an entry point or script is not a valid object reference",
        "write it as package.module:object.attribute",
    ),
    Code(
        "RK124",
        "a field has the wrong type (keywords must be a list of strings, ...)",
        "see the pyproject.toml specification",
    ),
    Code(
        "RK125", "a build-system requirement is not a valid PEP 508 requirement", "write it as name (specifier); marker"
    ),
    Code(
        "RK126",
        "`License ::` classifiers beside a license expression, which the declared build backend (setuptools) refuses",
        "drop the License :: classifiers; the expression replaces them",
    ),
    Code(
        "RK150",
        "the import package's name differs surprisingly from the distribution name",
        "rename one, or ignore if intended",
    ),
    Code(
        "RK151",
        "the name shadows a standard library module, which PyPI refuses for new projects",
        "choose a name that is not a standard library module",
    ),
    Code("RK152", "the version is not in its normalized form", "write it as its normalized form"),
    Code(
        "RK153",
        "the readme's declared content type disagrees with its file extension",
        "make the content type and the extension agree",
    ),
    Code("RK154", "the license expression is not in its canonical form", "write it as its canonical form"),
    Code(
        "RK155",
        "classifiers are listed, but no `Development Status` one",
        "add one, such as Development Status :: 4 - Beta",
    ),
    Code(
        "RK156",
        "a `Private ::` classifier: PyPI refuses the upload (on purpose)",
        "keep it only if the project must never reach PyPI",
    ),
    Code(
        "RK157", "requires-python has an upper cap", "drop the upper bound; caps break installs on new Python versions"
    ),
    Code("RK158", "a runtime dependency is pinned to an exact version", "use a range such as >=1.2,<2 in a library"),
    Code("RK159", "a URL uses plain http", "use https"),
    Code("RK160", "a keyword contains a comma, so the Keywords field splits it", "split it into separate keywords"),
)

CODES: dict[str, Code] = {entry.code: entry for entry in _CATALOG}
