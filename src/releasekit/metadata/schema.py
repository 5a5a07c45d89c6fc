"""pyproject.toml against its schema with validate-pyproject: structure and types, tool sections it knows.

Value formats the metadata rules check themselves (versions, requirements, classifiers, URLs,
emails, licenses, entry points) are accepted here, so each problem is reported once, by the rule
with its own code, and all of them at once (the schema stops at its first error).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from releasekit._util.toml_locator import TomlLocator
from releasekit.findings import Finding
from releasekit.metadata.codes import CODES

if TYPE_CHECKING:
    from validate_pyproject.api import Validator

RULE_FORMATS = (
    "pep440",
    "pep508",
    "pep508-identifier",
    "pep508-versionspec",
    "trove-classifier",
    "url",
    "SPDX",
    "idn-email",
    "python-entrypoint-reference",
)
# validate-pyproject names a few tables by their Python spelling.
_SPELLINGS = {"dependency_groups": "dependency-groups", "build_system": "build-system"}


def _accept(value: object) -> bool:
    return True


@cache
def _validator() -> Validator:
    from validate_pyproject import api  # noqa: PLC0415 - heavy, and only this check needs it

    formats = {**api.FORMAT_FUNCTIONS, **dict.fromkeys(RULE_FORMATS, _accept)}
    return api.Validator(format_validators=formats)


def _key_path(name: str) -> list[str]:
    parts = name.strip("`").removeprefix("data.").split(".")
    return [_SPELLINGS.get(part, part) for part in parts if part]


def schema_finding(data: dict[str, Any], text: str, path: str) -> Finding | None:
    """The schema's first complaint about ``data``, at the line of the key it names, or None."""
    from fastjsonschema import JsonSchemaValueException  # noqa: PLC0415

    try:
        _validator()(data)
    except JsonSchemaValueException as error:
        summary = getattr(error, "summary", "") or error.message
        message = summary.strip().splitlines()[0].rstrip(":").replace("`", "")
        position = TomlLocator(text).path(_key_path(str(error.name)))
        return Finding(path, position.line, position.column, "RK100", f"schema: {message}", CODES["RK100"].hint)
    return None
