"""What `releasekit init` writes: the pre-commit entry, the tox environments and the caller workflows."""

from __future__ import annotations

from typing import NamedTuple

from releasekit.init.source import Source

HOOK_IDS = ("version-consistency", "check-metadata")
PUBLISH_WORKFLOW = "pypi-publish.yml"
STATUS_WORKFLOW = "security-status.yml"
PUBLISH_ENVIRONMENT = "pypi-publishing"
PAGES_ENVIRONMENT = "github-pages"


POSARGS = "{posargs}"


class ToxEnvironment(NamedTuple):
    """One tox environment that runs releasekit: what tox.ini and native TOML both say."""

    name: str
    description: str
    pass_env: tuple[str, ...]
    commands: tuple[tuple[str, ...], ...]  # POSARGS marks where `tox -e NAME -- ...` arguments go
    ignore_errors: bool = False
    extra: str = ""  # releasekit's extra the environment installs (the scanners for security)


# Each environment passes what its command reads: git's identity and credentials for bump, the
# OIDC request variables for Trusted Publishing, twine's and PyPI's credentials, GitHub's
# variables (GITHUB_ACTIONS, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_TOKEN, GITHUB_REF, ...),
# where the OSV records come from.
_GITHUB = ("CI", "GITHUB_*")
ENVIRONMENTS = (
    ToxEnvironment(
        "bump",
        "bump the version, commit, tag and push: tox -e bump -- patch (or minor, major, --new-version X, --dry-run)",
        # git's identity, configuration, signing and SSH, for the commit, the tag and the push.
        (*_GITHUB, "GIT_AUTHOR_*", "GIT_COMMITTER_*", "GIT_CONFIG_*", "GIT_SSH_COMMAND", "GNUPGHOME", "SSH_AUTH_SOCK"),
        (("releasekit", "bump", POSARGS),),
    ),
    ToxEnvironment(
        "build",
        "build the sdist, then the wheel from it, into dist/ with SHA256SUMS and build-report.json",
        (*_GITHUB, "SOURCE_DATE_EPOCH"),
        (("releasekit", "build", POSARGS),),
    ),
    ToxEnvironment(
        "validate",
        "check the distributions in dist/ as PyPI will, and against the project and its tag",
        _GITHUB,
        (("releasekit", "validate", POSARGS),),
    ),
    ToxEnvironment(
        "publish",
        "upload dist/ to PyPI (Trusted Publishing in GitHub Actions), verify what landed; -- --dry-run to try",
        # Trusted Publishing, an API token, twine's variables, and keyring's backend and session bus.
        (
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            *_GITHUB,
            "PYPI_API_TOKEN",
            "TWINE_*",
            "PYTHON_KEYRING_BACKEND",
            "DBUS_SESSION_BUS_ADDRESS",
            "XDG_RUNTIME_DIR",
        ),
        (("releasekit", "publish", POSARGS),),
    ),
    ToxEnvironment(
        "security",
        "scan the dependencies, then write the live security status (security/status/) and its page (site/)",
        (*_GITHUB, "RELEASEKIT_OSV_*"),
        (
            ("releasekit", "security", "scan", POSARGS),
            ("releasekit", "security", "status", "--scan", "security/scan"),
            ("releasekit", "security", "site"),
        ),
        # A scan that fails still gets a status and a page that say so; the environment still fails.
        ignore_errors=True,
        extra="security",
    ),
)


def pre_commit_entry(source: Source, *, key: int = 0, dash: int = 2, item: int = 4) -> str:
    """The releasekit repository as one item of `repos:` in the file's own indentation.

    ``key`` is the column of `repos:`, ``dash`` that of its items' `-`, ``item`` that of their keys;
    the nested `hooks:` list repeats the same offsets.
    """
    hook_dash = item + dash - key
    lines = [f"{' ' * dash}- repo: {source.repository_url}", f"{' ' * item}rev: {source.revision}"]
    lines.append(f"{' ' * item}hooks:")
    lines += [f"{' ' * hook_dash}- id: {hook}" for hook in HOOK_IDS]
    return "\n".join(lines) + "\n"


def pre_commit_config(source: Source) -> str:
    """A whole `.pre-commit-config.yaml` for a project that has none."""
    return (
        "# pre-commit: `pre-commit install` once per clone, then these hooks run on every commit.\n"
        "repos:\n" + pre_commit_entry(source)
    )


def tox_ini_section(environment: ToxEnvironment, source: Source) -> str:
    lines = [
        f"[testenv:{environment.name}]",
        f"description = {environment.description}",
        "skip_install = true",
        f"deps = {source.requirement(environment.extra)}",
        "pass_env =",
        *(f"    {variable}" for variable in environment.pass_env),
    ]
    if environment.ignore_errors:
        lines.append("ignore_errors = true")
    commands = [" ".join(command) for command in environment.commands]
    if len(commands) == 1:
        lines.append(f"commands = {commands[0]}")
    else:
        lines += ["commands =", *(f"    {command}" for command in commands)]
    return "\n".join(lines) + "\n"


def tox_ini(source: Source) -> str:
    """A whole tox.ini for a project that has none."""
    sections = [tox_ini_section(environment, source) for environment in ENVIRONMENTS]
    return "[tox]\nrequires = tox>=4.22\n\n" + "\n".join(sections)


def tag_pattern(tag_name: str) -> str:
    """The `on: push: tags:` glob for tags made from the ``tag_name`` template (`v{version}` gives `v*`)."""
    prefix = tag_name.split("{version}", 1)[0]
    return f"{prefix}*" if prefix else "[0-9]*"


def workflow_source(file: str, source: Source, *, here: bool) -> str:
    """The `uses:` of a reusable workflow: releasekit's, at ``source``'s revision, or (``here``) this repository's."""
    if here:
        return f"$/.github/workflows/reusable-{file}"
    return f"{source.workflows}/.github/workflows/reusable-{file}@{source.revision}"


def publish_workflow(source: Source, tag_name: str = "v{version}", *, here: bool = False) -> str:
    return f"""\
# Publish to PyPI on a version tag, or by hand (a dry run, or to TestPyPI): the caller `releasekit init`
# writes; the jobs are releasekit's reusable workflow. PyPI's Trusted Publisher names this file
# ({PUBLISH_WORKFLOW}) and the environment {PUBLISH_ENVIRONMENT}.
name: pypi-publish

on:
  push:
    tags: ["{tag_pattern(tag_name)}"]
  workflow_dispatch:
    inputs:
      dry-run:
        description: everything but the upload and the token exchange
        type: boolean
        default: true
      repository:
        description: where to publish
        type: choice
        options: [pypi, testpypi]
        default: pypi

permissions: {{}}

# One publication per ref at a time, never cancelled half-way.
concurrency:
  group: ${{{{ github.workflow }}}}-${{{{ github.ref }}}}
  cancel-in-progress: false

jobs:
  pypi-publish:
    uses: {workflow_source(PUBLISH_WORKFLOW, source, here=here)}
    permissions:
      contents: read
      id-token: write # the publish job's Trusted Publishing token
      issues: write # the notify job's issue when a release fails
    with:
      dry-run: ${{{{ inputs.dry-run == true }}}}
      repository: ${{{{ inputs.repository || 'pypi' }}}}
"""


def status_workflow(source: Source, *, here: bool = False) -> str:
    return f"""\
# The live security status: a weekly scan, the page on GitHub Pages, and a release when the change
# in findings calls for one: the caller `releasekit init` writes; the jobs are releasekit's reusable workflow.
name: security-status

on:
  schedule:
    - cron: "23 5 * * 1"
  workflow_dispatch:
    inputs:
      manual:
        description: release even without a security change
        type: boolean
        default: false

permissions: {{}}

concurrency:
  group: ${{{{ github.workflow }}}}
  cancel-in-progress: false

jobs:
  security-status:
    uses: {workflow_source(STATUS_WORKFLOW, source, here=here)}
    permissions:
      contents: write # the release job pushes the release commit and tag
      pages: write # the deploy job publishes the page
      id-token: write # the deploy job proves its origin to Pages
      actions: write # the release job dispatches {PUBLISH_WORKFLOW}
    with:
      manual: ${{{{ inputs.manual == true }}}}
"""
