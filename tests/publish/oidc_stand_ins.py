"""Stand-ins for GitHub's OIDC token endpoint and PyPI's audience and mint-token endpoints."""

from __future__ import annotations

import base64
import json
from typing import Any

from tests.helpers.http_stubs import Reply, Request, Route
from tests.helpers.index_server import MINTED_TOKEN

AUDIENCE = "testindex"
REQUEST_TOKEN = "canary-request-token-5a8e1f0b2c"  # noqa: S105 - a canary
SIGNATURE = "canary-oidc-signature-9d7c3b1a6e"
CLAIMS = {
    "iss": "https://token.actions.githubusercontent.com",
    "repository": "octo-org/rkpubdemo",
    "repository_owner": "octo-org",
    "workflow_ref": "octo-org/rkpubdemo/.github/workflows/release.yml@refs/tags/v1.0.0",
    "job_workflow_ref": "octo-org/rkpubdemo/.github/workflows/release.yml@refs/tags/v1.0.0",
    "environment": "pypi",
    "ref": "refs/tags/v1.0.0",
    "sub": "repo:octo-org/rkpubdemo:environment:pypi",
}


def _segment(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def oidc_token(audience: str) -> str:
    return f"{_segment({'alg': 'RS256'})}.{_segment({**CLAIMS, 'aud': audience})}.{SIGNATURE}"


def routes(mint: Reply | None = None, audience: Reply | None = None) -> dict[tuple[str, str], Route]:
    def token(request: Request) -> Reply:
        if request.headers.get("Authorization") != f"bearer {REQUEST_TOKEN}":
            return Reply(401, {"message": "bad request token"})
        return Reply(200, {"value": oidc_token(request.query["audience"][0])})

    return {
        ("GET", "/oidc-token"): token,
        ("GET", "/_/oidc/audience"): lambda _r: audience or Reply(200, {"audience": AUDIENCE}),
        ("POST", "/_/oidc/mint-token"): lambda _r: mint or Reply(200, {"success": True, "token": MINTED_TOKEN}),
    }


def mint_refusal(code: str, description: str) -> Reply:
    return Reply(422, {"message": "Token request failed", "errors": [{"code": code, "description": description}]})
