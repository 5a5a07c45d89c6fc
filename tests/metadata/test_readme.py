"""The README's tables stay in step with the code they document."""

from __future__ import annotations

import re
from pathlib import Path

from releasekit.metadata.codes import CODES, DEMOTED_TO_WARNINGS
from releasekit.project.config import KEYS
from releasekit.references.kinds import KINDS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(?P<body>.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match is not None, f"README has no section {title!r}"
    return match["body"]


def test_every_reference_kind_is_documented_in_order() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \|", section("Reference kinds"), re.MULTILINE)
    assert rows == [kind.id for kind in KINDS]
    for kind in KINDS:
        assert f"| `{kind.id}` | {kind.description} | `{kind.example}` |" in README


def test_the_loose_kinds_are_listed_where_the_recency_gate_is_explained() -> None:
    match = re.search(r"The loose kinds \((?P<kinds>[^)]*)\)", section("Reference kinds"))
    assert match is not None
    assert re.findall(r"`([a-z-]+)`", match["kinds"]) == [kind.id for kind in KINDS if kind.loose]


def test_every_configuration_key_is_documented() -> None:
    for key, (expected_type, description) in KEYS.items():
        assert f"| `{key}` | {expected_type} | {description} |" in README


def test_quick_start_is_two_commands_that_ci_runs() -> None:
    block = re.search(r"## Quick start.*?```bash\n(?P<commands>.*?)```", README, re.DOTALL)
    assert block is not None
    commands = block["commands"].strip().splitlines()
    assert len(commands) == 2
    ci_script = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    # Besides the two commands, CI may only prepare the machine: set-up lines and system packages.
    ci_commands = [
        line
        for line in ci_script.splitlines()
        if line and not line.startswith(("#", "set ", "cd ", "rm ")) and "apt-get install" not in line
    ]
    assert ci_commands == commands


def test_every_metadata_code_is_documented_in_order() -> None:
    rows = re.findall(r"^\| (RK1\d\d) \| (error|warning) \| (.+) \|$", section("Metadata checks"), re.MULTILINE)
    assert rows == [(code.code, "warning" if code.is_warning else "error", code.meaning) for code in CODES.values()]


def test_metadata_codes_are_in_their_ranges() -> None:
    for code in CODES.values():
        number = int(code.code.removeprefix("RK"))
        assert 100 <= number < 200
        assert code.is_warning == (number >= 150 or code.code in DEMOTED_TO_WARNINGS), code.code
        assert code.hint and "\n" not in code.hint, code.code
