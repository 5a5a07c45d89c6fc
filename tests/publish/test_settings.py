from __future__ import annotations

import pytest

from releasekit.errors import Category, ReleasekitError
from releasekit.publish.settings import PublishSettings, resolve_settings


def test_defaults_are_pypi() -> None:
    assert resolve_settings({}, {}) == PublishSettings("https://upload.pypi.org/legacy/", "https://pypi.org/simple/")


def test_testpypi_and_a_custom_index() -> None:
    assert resolve_settings({}, {"repository": "testpypi"}).index_url == "https://test.pypi.org/simple/"
    custom = resolve_settings({"repository-url": "http://127.0.0.1:8080"}, {})
    assert (custom.repository_url, custom.index_url) == ("http://127.0.0.1:8080", "http://127.0.0.1:8080/simple/")


def test_flags_win_over_the_table() -> None:
    table = {"repository-url": "https://example.org/upload/", "index-url": "https://example.org/simple", "retries": 5}
    settings = resolve_settings(table, {"repository": "pypi", "retries": 1, "timeout": None})
    assert settings.repository_url == "https://upload.pypi.org/legacy/"
    assert settings.index_url == "https://pypi.org/simple/"
    assert settings.retries == 1
    assert resolve_settings(table, {}).index_url == "https://example.org/simple/"


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ({"retrys": 2}, "unknown key 'retrys'"),
        ({"retries": "3"}, "'retries' has the wrong type (str)"),
        ({"timeout": -1}, "'timeout' must not be negative"),
        ({"repository": "warehouse"}, "unknown repository 'warehouse'"),
        ({"repository-url": "ftp://x"}, "is not an http(s) URL"),
    ],
)
def test_bad_settings_are_configuration_errors(table: dict[str, object], words: str) -> None:
    with pytest.raises(ReleasekitError) as raised:
        resolve_settings(table, {})
    assert raised.value.category is Category.CONFIGURATION
    assert words in raised.value.message
    assert raised.value.hint


def test_every_key_is_in_the_readme() -> None:
    from pathlib import Path

    from releasekit.publish.settings import KEYS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for key, (_type, meaning) in KEYS.items():
        assert f"| `{key}` |" in readme
        assert f"| {meaning} |" in readme
