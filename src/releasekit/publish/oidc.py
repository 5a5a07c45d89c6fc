"""Trusted Publishing: the index's audience, an OIDC token for it, exchanged for a short-lived upload token."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.secrets import Secrets

# PyPI's mint-token error codes (warehouse's oidc/views.py), in plain words, with what to do.
MINT_ERRORS: dict[str, tuple[str, str]] = {
    "not-enabled": (
        "the index has Trusted Publishing turned off",
        "wait until the index enables it again, or publish with an API token (PYPI_API_TOKEN) meanwhile",
    ),
    "invalid-payload": (
        "the index could not read the token request (a malformed JWT, or a CI provider it does not trust)",
        "publish from a CI provider the index supports for Trusted Publishing (GitHub Actions)",
    ),
    "invalid-token": (
        "the index rejected the OIDC token (bad signature, expired, or issued for another audience)",
        "run the job again so that a fresh token is requested; check that the repository URL is the index's",
    ),
    "invalid-pending-publisher": (
        "a pending publisher matched, but a project of that name already exists",
        "the project exists now: add a regular trusted publisher in its settings on the index",
    ),
    "invalid-reuse-token": (
        "this OIDC token was already exchanged once",
        "run the job again: every upload needs a token requested for it",
    ),
    "invalid-publisher": (
        "no trusted publisher registered on the index matches this workflow run",
        "on the index, open the project's Publishing settings and add (or correct) a GitHub publisher "
        "with exactly the values below",
    ),
}
# The claims a GitHub publisher is matched on, shown beside what the publisher must say.
CLAIMS = ("repository", "repository_owner", "workflow_ref", "job_workflow_ref", "environment", "ref", "sub")

TokenSource = Callable[[str], "str | None"]


def oidc_base(repository_url: str) -> str:
    """The index's OIDC endpoints live at the upload host's root (``https://upload.pypi.org/_/oidc/``)."""
    parts = urlsplit(repository_url)
    return f"{parts.scheme}://{parts.netloc}"


def _auth_error(message: str, hint: str) -> ReleasekitError:
    return ReleasekitError(message, category=Category.AUTHENTICATION, severity=Severity.CRITICAL, hint=hint)


def fetch_audience(session: requests.Session, base: str, timeout: float) -> str:
    url = f"{base}/_/oidc/audience"
    try:
        response = session.get(url, timeout=timeout)
    except requests.RequestException as error:
        raise ReleasekitError(
            f"could not ask {url} for the Trusted Publishing audience: {type(error).__name__}",
            category=Category.NETWORK,
            hint="check the repository URL and the network, then run the job again",
        ) from error
    if response.status_code == 403:
        raise _auth_error(f"{base} has Trusted Publishing turned off", MINT_ERRORS["not-enabled"][1])
    try:
        audience = response.json()["audience"] if response.ok else None
    except (ValueError, KeyError, TypeError):
        audience = None
    if not isinstance(audience, str):
        raise _auth_error(
            f"{url} gave no audience (HTTP {response.status_code}): the index may not support Trusted Publishing",
            "publish with an API token (PYPI_API_TOKEN), or check the repository URL",
        )
    return audience


def default_token_source(audience: str) -> str | None:
    """An OIDC token for ``audience`` from the CI's ambient credentials (the `id` package)."""
    import id as oidc_id  # noqa: PLC0415 - only under Trusted Publishing

    try:
        return oidc_id.detect_credential(audience)
    except oidc_id.IdentityError as error:
        raise _auth_error(
            f"could not get an OIDC token from the CI: {error}",
            "give the publishing job `permissions: id-token: write` (GitHub Actions)",
        ) from error


def token_claims(token: str) -> dict[str, Any]:
    """The unverified claims of a JWT (only to explain a refusal; the index verifies them)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def _claims_table(claims: dict[str, Any]) -> str:
    rows = [f"  {name}: {claims[name]}" for name in CLAIMS if name in claims]
    workflow = str(claims.get("job_workflow_ref") or claims.get("workflow_ref") or "")
    workflow_file = workflow.split("@", maxsplit=1)[0].rsplit("/", 1)[-1] if workflow else "?"
    owner, _, repository = str(claims.get("repository", "?/?")).partition("/")
    expected = (
        f"the publisher must say: owner {owner or '?'}, repository {repository or '?'}, "
        f"workflow {workflow_file}, environment {claims.get('environment') or '(any)'}"
    )
    return "this run's token claims:\n" + "\n".join(rows) + "\n" + expected


def mint_error(status: int, body: Any, oidc_token: str) -> ReleasekitError:
    """The index's refusal to mint, each error code explained; the claims beside an invalid-publisher."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return _auth_error(
            f"the index refused to mint an upload token (HTTP {status})",
            "check the index's status page, then run the job again",
        )
    lines, hints = [], []
    for error in errors:
        code = str(error.get("code", "")) if isinstance(error, dict) else ""
        description = str(error.get("description", "")) if isinstance(error, dict) else str(error)
        meaning, hint = MINT_ERRORS.get(code, ("the index gave an error releasekit does not know", ""))
        lines.append(f"{code or 'error'}: {meaning} ({description})")
        if code == "invalid-publisher":
            hint = f"{hint}\n{_claims_table(token_claims(oidc_token))}"
        if hint:
            hints.append(hint)
    return _auth_error("Trusted Publishing failed: " + "; ".join(lines), "\n".join(hints))


def mint_token(session: requests.Session, base: str, oidc_token: str, timeout: float) -> str:
    url = f"{base}/_/oidc/mint-token"
    try:
        response = session.post(url, json={"token": oidc_token}, timeout=timeout)
    except requests.RequestException as error:
        raise ReleasekitError(
            f"could not reach {url}: {type(error).__name__}",
            category=Category.NETWORK,
            hint="check the network, then run the job again",
        ) from error
    try:
        body = response.json()
    except ValueError:
        body = None
    if not response.ok:
        raise mint_error(response.status_code, body, oidc_token)
    token = body.get("token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise _auth_error(f"{url} answered without a token", "check the repository URL")
    return token


def trusted_publishing_token(
    session: requests.Session,
    repository_url: str,
    secrets: Secrets,
    *,
    timeout: float,
    token_source: TokenSource = default_token_source,
    on_secret: Callable[[str], None] = lambda _secret: None,
) -> str:
    """Audience, OIDC token, minted upload token; every token is a secret (and masked) at once."""
    base = oidc_base(repository_url)
    audience = fetch_audience(session, base, timeout)
    oidc_token = token_source(audience)
    if not oidc_token:
        raise _auth_error(
            "the CI gave no OIDC token for Trusted Publishing",
            "run in GitHub Actions with `permissions: id-token: write`, or set PYPI_API_TOKEN",
        )
    secrets.add(oidc_token)
    on_secret(oidc_token)
    minted = mint_token(session, base, oidc_token, timeout)
    secrets.add(minted)
    on_secret(minted)
    return minted
