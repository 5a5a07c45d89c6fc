"""Who uploads: Trusted Publishing, then TWINE_USERNAME/TWINE_PASSWORD or PYPI_API_TOKEN, then keyring."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from releasekit.errors import Category, ReleasekitError, Severity

TOKEN_USER = "__token__"  # noqa: S105 - the user name of API tokens, not a password
OIDC_VARIABLES = ("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN")

# (repository URL, user name or None) -> (user name, password) or None, as keyring.get_credential answers.
KeyringLookup = Callable[[str, str | None], tuple[str, str] | None]


@dataclass(frozen=True)
class Credentials:
    """A user name and password for the upload, and where they came from (for the report)."""

    username: str
    password: str = ""
    source: str = ""
    trusted_publishing: bool = False  # the password is minted at upload time, not known yet


def keyring_lookup(system: str, username: str | None) -> tuple[str, str] | None:
    """Ask keyring as twine does (the repository URL as the service); no backend means no answer."""
    try:
        import keyring  # noqa: PLC0415 - only when the environment gives no credentials
        from keyring.errors import KeyringError  # noqa: PLC0415
    except ImportError:
        return None
    try:
        credential = keyring.get_credential(system, username)
    except (KeyringError, RuntimeError):
        return None
    if credential is None or not credential.password:
        return None
    return credential.username or username or TOKEN_USER, credential.password


def discover(environ: Mapping[str, str], repository_url: str, lookup: KeyringLookup = keyring_lookup) -> Credentials:
    """The first source that gives credentials, in the documented order; never prompts."""
    if all(environ.get(name) for name in OIDC_VARIABLES):
        return Credentials(TOKEN_USER, source="trusted publishing (GitHub OIDC)", trusted_publishing=True)
    password = environ.get("TWINE_PASSWORD")
    if password:
        return Credentials(environ.get("TWINE_USERNAME") or TOKEN_USER, password, "TWINE_USERNAME/TWINE_PASSWORD")
    token = environ.get("PYPI_API_TOKEN")
    if token:
        return Credentials(TOKEN_USER, token, "PYPI_API_TOKEN")
    found = lookup(repository_url, environ.get("TWINE_USERNAME") or None)
    if found:
        return Credentials(found[0], found[1], f"keyring ({repository_url})")
    raise ReleasekitError(
        f"no credentials for {repository_url}",
        category=Category.CONFIGURATION,
        severity=Severity.CRITICAL,
        hint="in GitHub Actions give the job `permissions: id-token: write` and register a trusted publisher; "
        "otherwise set PYPI_API_TOKEN (or TWINE_USERNAME and TWINE_PASSWORD), or store the token with "
        f"`keyring set {repository_url} __token__`",
    )
