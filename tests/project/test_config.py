"""`[tool.releasekit]` validation: every problem at once, each at its key's line."""

from __future__ import annotations

import pytest

from releasekit._util.toml_text import MalformedTomlError, load_toml
from releasekit.project.config import Config, ConfigurationError, ExtraReference, VersionSource, parse_config


def parse(text: str) -> Config:
    data = load_toml(text, "pyproject.toml")
    return parse_config(data["tool"]["releasekit"], text, "pyproject.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigurationError) as caught:
        parse(text)
    return [finding.render() for finding in caught.value.findings]


def test_every_key_parses() -> None:
    config = parse(
        "[tool.releasekit]\n"
        'version-source = {file = "meta.txt", pattern = "v=(?P<version>.+)"}\n'
        'exclude = ["docs/legacy/**"]\n'
        'extra-references = ["my-{version}.tar.gz", {template = "tag {version}", files = ["*.md"]}]\n'
        'ignore-kinds = ["docs-mention"]\n'
        'names = ["MyPkg"]\n'
        "max-file-size = 1000\n"
    )
    assert config == Config(
        version_source=VersionSource("meta.txt", "v=(?P<version>.+)"),
        exclude=("docs/legacy/**",),
        extra_references=(ExtraReference("my-{version}.tar.gz"), ExtraReference("tag {version}", ("*.md",))),
        ignore_kinds=("docs-mention",),
        names=("MyPkg",),
        max_file_size=1000,
    )


def test_version_source_as_string() -> None:
    assert parse('[tool.releasekit]\nversion-source = "VERSION"\n').version_source == VersionSource("VERSION")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[project]\nname = "x"\n\n[tool.releasekit]\nexlude = ["a"]\n',
            ["pyproject.toml:5:1: RK901 unknown key 'exlude' in [tool.releasekit] (did you mean 'exclude'?)"],
        ),
        (
            "[tool.releasekit]\nexclude = 3\n",
            ["pyproject.toml:2:1: RK902 'exclude' in [tool.releasekit] must be a list of strings, not int"],
        ),
        (
            '[tool.releasekit]\nignore-kinds = ["docs-mentoin"]\n',
            ["pyproject.toml:2:1: RK904 unknown reference kind 'docs-mentoin' (did you mean 'docs-mention'?)"],
        ),
        (
            '[tool.releasekit]\nmax-file-size = "big"\n',
            ["pyproject.toml:2:1: RK902 'max-file-size' in [tool.releasekit] must be a positive integer"],
        ),
        (
            '[tool.releasekit]\nextra-references = ["no placeholder"]\n',
            ["pyproject.toml:2:1: RK904 template 'no placeholder' must contain '{version}' once"],
        ),
        (
            "[tool.releasekit]\nextra-references = [3]\n",
            [
                "pyproject.toml:2:1: RK902 'extra-references' in [tool.releasekit] must be a "
                "string or table with a 'template' string, not int"
            ],
        ),
        (
            '[tool.releasekit.version-source]\nfile = "x"\npatern = "y"\n',
            [
                "pyproject.toml:1:1: RK901 unknown key 'patern' in [tool.releasekit.version-source] "
                "(did you mean 'pattern'?)"
            ],
        ),
        (
            '[tool.releasekit]\nversion-source = {file = "x", pattern = "("}\n',
            [
                "pyproject.toml:2:1: RK904 'version-source' pattern is not a valid regex: "
                "missing ), unterminated subpattern at position 0"
            ],
        ),
        (
            '[tool.releasekit]\nversion-source = {file = "x", pattern = "v=.+"}\n',
            ["pyproject.toml:2:1: RK904 'version-source' pattern needs a group capturing the version"],
        ),
        (
            "[tool.releasekit]\nversion-source = {pattern = 'x'}\n",
            ["pyproject.toml:2:1: RK902 'version-source' needs 'file' as a string"],
        ),
        (
            "[tool]\nreleasekit.exclude = 1\nreleasekit.colour = 2\n",
            [
                "pyproject.toml:2:1: RK902 'exclude' in [tool.releasekit] must be a list of strings, not int",
                "pyproject.toml:3:1: RK901 unknown key 'colour' in [tool.releasekit]",
            ],
        ),
    ],
    ids=[
        "unknown-key",
        "wrong-type",
        "unknown-kind",
        "bad-size",
        "template-without-placeholder",
        "template-wrong-type",
        "unknown-subkey",
        "bad-regex",
        "regex-without-group",
        "source-without-file",
        "dotted-keys-all-at-once",
    ],
)
def test_problems(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def test_malformed_toml_names_file_and_line() -> None:
    with pytest.raises(MalformedTomlError) as caught:
        load_toml('[project]\nname = "x"\nversion = 1.2.3\n', "pyproject.toml")
    assert [finding.render() for finding in caught.value.findings] == [
        "pyproject.toml:3:14: RK903 malformed TOML: Expected newline or end of document after a statement"
    ]


def test_bump_keys_parse() -> None:
    config = parse(
        "[tool.releasekit]\n"
        'verify-command = "pytest -q"\n'
        'commit-message = "release {new} (from {old})"\n'
        'tag-name = "release-{version}"\n'
        "push = false\n"
        'pre-release-start = "rc"\n'
    )
    assert (config.verify_command, config.commit_message, config.tag_name, config.push, config.pre_release_start) == (
        "pytest -q",
        "release {new} (from {old})",
        "release-{version}",
        False,
        "rc",
    )


def test_bump_key_defaults() -> None:
    config = Config()
    assert (config.verify_command, config.commit_message, config.tag_name, config.push, config.pre_release_start) == (
        "",
        "chore(release): bump version {old} \u2192 {new}",
        "v{version}",
        True,
        "a",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("verify-command = 3", "RK902 'verify-command' in [tool.releasekit] must be a non-empty string, not int"),
        ("verify-command = ''", "RK902 'verify-command' in [tool.releasekit] must be a non-empty string, not str"),
        ("verify-command = 'pytest \"-q'", "RK904 'verify-command' is not a valid command line: No closing quotation"),
        ("commit-message = ['x']", "RK902 'commit-message' in [tool.releasekit] must be a string, not list"),
        (
            "commit-message = 'bump to {neww}'",
            "RK904 'commit-message' template 'bump to {neww}' is invalid (KeyError('neww')); "
            "it may use {old}, {new}, {version}",
        ),
        ("tag-name = 'latest'", "RK904 'tag-name' template 'latest' must contain '{version}'"),
        (
            "tag-name = 'v{version'",
            "RK904 'tag-name' template 'v{version' is invalid "
            "(ValueError(\"expected '}' before end of string\")); it may use {version}",
        ),
        ("push = 'no'", "RK902 'push' in [tool.releasekit] must be a boolean, not str"),
        ("pre-release-start = 'c'", "RK904 'pre-release-start' must be one of 'a', 'b', 'rc', not 'c'"),
        ("pre-release-start = 1", "RK904 'pre-release-start' must be one of 'a', 'b', 'rc', not 1"),
        (
            "verify_command = 'x'",
            "RK901 unknown key 'verify_command' in [tool.releasekit] (did you mean 'verify-command'?)",
        ),
    ],
    ids=[
        "gate-type",
        "gate-empty",
        "gate-unbalanced-quote",
        "message-type",
        "message-unknown-field",
        "tag-without-version",
        "tag-malformed",
        "push-type",
        "pre-start-value",
        "pre-start-type",
        "underscore-typo",
    ],
)
def test_bump_key_problems(text: str, expected: str) -> None:
    assert problems(f"[tool.releasekit]\n{text}\n") == [f"pyproject.toml:2:1: {expected}"]
