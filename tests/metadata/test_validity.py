"""Email addresses, URLs and object references as PyPI's upload checks judge them."""

from __future__ import annotations

import pytest

from releasekit.metadata.validity import is_valid_email, is_valid_object_reference, url_problem


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("me@kennethreitz.org", True),
        ("first.last+tag@sub.example.co.uk", True),
        ("łukasz@langa.pl", True),
        ("user@bücher.de", True),
        ("nobody", False),
        ("a@b", False),
        ("@example.org", False),
        (".a@example.org", False),
        ("a..b@example.org", False),
        ("a b@example.org", False),
        ("a@-example.org", False),
        ("a@example.123", False),
        ("a@localhost", False),
        ("a@host.local", False),
        ("a@example.invalid", False),
        (f"{'x' * 65}@example.org", False),
        ("a@" + "x" * 64 + ".org", False),
        ("a@xn--.org", False),
    ],
)
def test_email(address: str, *, valid: bool) -> None:
    assert is_valid_email(address) is valid


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/pkg", None),
        ("http://example.org", None),
        ("HTTPS://EXAMPLE.ORG", None),
        ("", "is empty"),
        ("   ", "is empty"),
        ("https://example.org/a b", "contains spaces"),
        ("https://example.org:99999", "is not a valid URL"),
        ("https://[::1", "is not a valid URL"),
        ("ftp://example.org", "is not an http or https URL"),
        ("example.org", "is not an http or https URL"),
        ("https://", "has no host"),
        ("https:///path", "has no host"),
    ],
)
def test_url(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize(
    ("reference", "valid"),
    [
        ("pkg", True),
        ("pkg.cli:main", True),
        ("pkg.cli:App.run", True),
        ("blackd:patched_main [d]", True),
        ("pkg : main", True),
        ("pkg.cli:main()", False),
        ("1pkg:main", False),
        ("pkg-cli:main", False),
        ("pkg:", False),
        ("", False),
    ],
)
def test_object_reference(reference: str, *, valid: bool) -> None:
    assert is_valid_object_reference(reference) is valid
