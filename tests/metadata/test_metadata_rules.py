"""The rules read core metadata fields only, so they judge a wheel's METADATA as they judge pyproject.toml."""

from __future__ import annotations

from releasekit._util.toml_locator import Position
from releasekit.metadata.fields import CoreMetadata, FieldValue
from releasekit.metadata.rules import RULES, Problem, run_rules


def metadata(*fields: tuple[str, str] | tuple[str, str, str]) -> CoreMetadata:
    """Fields as a METADATA file lists them, one per line (line n, column 1)."""
    return CoreMetadata(
        tuple(FieldValue(field[0], field[1], Position(line, 1), *field[2:]) for line, field in enumerate(fields, 1))
    )


def test_rules_judge_fields_from_a_wheel_metadata_file() -> None:
    wheel = metadata(
        ("Name", "my-pkg"),
        ("Version", "2.0.0+cu121"),
        ("Home-page", "http://example.org"),
        ("Download-URL", "example.org/download"),
        ("Requires-Dist", "torch==2.3.0", "gpu"),
        ("Requires-Dist", "numpy==2.0.0"),
        ("Classifier", "Development Status :: 5 - Production/Stable"),
        ("Author-email", "Ann <ann@example.org>, bob@localhost"),
    )
    assert run_rules(wheel) == [
        Problem("RK103", "version '2.0.0+cu121' has a local part '+cu121'", Position(2, 1)),
        Problem("RK159", "Home-page 'http://example.org' uses plain http", Position(3, 1)),
        Problem("RK120", "Download-URL 'example.org/download' is not an http or https URL", Position(4, 1)),
        Problem("RK158", "dependency 'numpy==2.0.0' is pinned to one version", Position(6, 1)),
        Problem("RK122", "author-email 'bob@localhost' is not a valid email address", Position(8, 1)),
    ]


def test_rules_need_no_field_at_all() -> None:
    assert run_rules(CoreMetadata(())) == []


def test_a_subset_of_rules_can_run() -> None:
    (name_rules,) = (rule for rule in RULES if rule.__name__ == "name_rules")
    assert run_rules(metadata(("Name", "bad name"), ("Version", "x")), (name_rules,)) == [
        Problem("RK101", "name 'bad name' is not a valid distribution name", Position(1, 1))
    ]
