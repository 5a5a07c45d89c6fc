"""Chained assignments of the version: ``version = release = '3.8.0'`` (Sphinx), ``__version__ = VERSION = "1.2"``."""

from __future__ import annotations

from collections.abc import Iterator

from releasekit.references import roles as file_roles
from releasekit.references.scanners.primitives import QUOTED_V, RawReference, lazy_pattern

_NAME = r"(?:__version__|VERSION|version|release)"
_CHAIN = lazy_pattern(rf"^(?P<names>(?:{_NAME}[ \t]*=[ \t]*){{2,}}){QUOTED_V}")


def chained_references(path: str, text: str) -> Iterator[RawReference]:
    """Module-level chains of two or more version names bound to one string."""
    name = file_roles.basename(path)
    for match in _CHAIN.finditer(text):
        names = {part.strip() for part in match["names"].split("=") if part.strip()}
        if "__version__" in names:
            yield RawReference("dunder-version", match.start("v"), match["v"])
        elif name == "conf.py" and not file_roles.is_test(path) and names <= {"version", "release"}:
            yield RawReference("sphinx-conf", match.start("v"), match["v"])
        elif name in file_roles.VERSION_MODULES:
            yield RawReference("version-module", match.start("v"), match["v"])
