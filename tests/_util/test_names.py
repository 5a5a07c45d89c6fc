"""The check path's PEP 503 normalization agrees with packaging's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from packaging.utils import canonicalize_name

from releasekit._util.names import canonical_name


@given(st.text(alphabet="aZ09-_.İß", max_size=12))
def test_canonical_name_is_packagings(name: str) -> None:
    assert canonical_name(name) == canonicalize_name(name)


def test_examples() -> None:
    assert [canonical_name(name) for name in ("My_Pkg", "oslo.concurrency", "a-_.b", "Django")] == [
        "my-pkg",
        "oslo-concurrency",
        "a-b",
        "django",
    ]
