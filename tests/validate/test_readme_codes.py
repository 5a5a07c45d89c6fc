"""The README documents every RK2xx code `validate` reports, in order, with its severity and meaning."""

from __future__ import annotations

import re

from releasekit.validate.codes import CODES, is_warning
from tests.metadata.test_readme import section


def test_every_distribution_code_is_documented_in_order() -> None:
    body = section("Building and validating distributions")
    rows = re.findall(r"^\| (RK2\d\d) \| (error|warning) \| (.+) \|$", body, re.MULTILINE)
    assert rows == [
        (code.code, "warning" if is_warning(code.code) else "error", code.meaning) for code in CODES.values()
    ]


def test_every_distribution_code_is_in_its_range() -> None:
    for code in CODES.values():
        number = int(code.code.removeprefix("RK"))
        assert 200 <= number < 300
        assert is_warning(code.code) == (number >= 250)
        assert code.hint
