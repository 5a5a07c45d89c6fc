"""One upload request, with the form built exactly as twine builds it."""

from __future__ import annotations

import re
from typing import Any

import requests
from requests_toolbelt import MultipartEncoder  # type: ignore[import-untyped]
from twine.package import PackageFile
from twine.repository import Repository

_STYLE = re.compile(r"<(style|script|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")


def upload_form(package: PackageFile) -> list[tuple[str, Any]]:
    """The metadata fields of twine's upload form (twine's own conversion), then the action and protocol."""
    # twine keeps this conversion on Repository; it is the form warehouse's forklift parses.
    fields = Repository._convert_metadata_to_list_of_tuples(package.metadata_dictionary())
    fields.append((":action", "file_upload"))
    fields.append(("protocol_version", "1"))
    return fields


def send_upload(session: requests.Session, url: str, package: PackageFile, timeout: float) -> requests.Response:
    """POST the distribution once (no redirects, as twine); connection errors and timeouts propagate."""
    with open(package.filename, "rb") as content:
        fields = [*upload_form(package), ("content", (package.basefilename, content, "application/octet-stream"))]
        encoder = MultipartEncoder(fields)
        response = session.post(
            url,
            data=encoder,
            allow_redirects=False,
            headers={"Content-Type": encoder.content_type},
            timeout=timeout,
        )
    response.close()
    return response


def response_reason(response: requests.Response, limit: int = 300) -> str:
    """The status line and the start of the body, on one line, for messages."""
    text = response.text if response.content else ""
    if "<" in text:  # an HTML error page: its words, not its markup
        text = _TAGS.sub(" ", _STYLE.sub(" ", text))
    body = " ".join(text.split())[:limit]
    reason = f"HTTP {response.status_code} {response.reason or ''}".strip()
    return f"{reason}: {body}" if body else reason
