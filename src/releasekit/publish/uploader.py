"""Upload one file through faults: retry what can succeed, and ask the index after every ambiguous failure."""

from __future__ import annotations

from dataclasses import dataclass

import requests
from twine.package import PackageFile

from releasekit.errors import Category, ReleasekitError, Severity
from releasekit.publish.distributions import Distribution
from releasekit.publish.index import IndexClient
from releasekit.publish.report import (
    ALREADY_PRESENT,
    LANDED_DESPITE_ERROR,
    UPLOADED,
    Attempt,
    FileRecord,
    timestamp,
)
from releasekit.publish.resolution import Presence, conflict_error, presence
from releasekit.publish.retry import RetryPolicy, possibly_stored, retry_after_seconds
from releasekit.publish.seams import Seams
from releasekit.publish.secrets import Secrets
from releasekit.publish.upload import response_reason, send_upload

RERUN_HINT = (
    "run publish again: files that reached the index are recognised by their sha256 and skipped, "
    "so a rerun never uploads one twice"
)


@dataclass(frozen=True)
class UploadContext:
    """What every upload of a run shares."""

    session: requests.Session
    repository_url: str
    timeout: float
    policy: RetryPolicy
    index: IndexClient
    seams: Seams
    secrets: Secrets


def authentication_error(status: int, reason: str, repository_url: str) -> ReleasekitError:
    return ReleasekitError(
        f"the index refused the credentials ({reason})",
        category=Category.AUTHENTICATION,
        severity=Severity.CRITICAL,
        hint=f"check the token for {repository_url}: it must be valid, not expired, and scoped to this project "
        "(user __token__ with a PyPI API token); with Trusted Publishing, check the publisher's settings"
        if status in (401, 403)
        else "check the credentials",
    )


def _rejected(distribution: Distribution, reason: str) -> ReleasekitError:
    return ReleasekitError(
        f"the index rejected {distribution.filename}: {reason}",
        category=Category.UPLOAD,
        severity=Severity.HIGH,
        hint="read the index's message above: a metadata problem needs a fix and a new build "
        "(releasekit check-metadata, releasekit validate); retrying the same file would be rejected again",
    )


def upload_with_retries(
    context: UploadContext, distribution: Distribution, package: PackageFile, record: FileRecord
) -> None:
    """Upload until the index has the file, or raise; ``record`` gets every attempt and the outcome."""
    policy, seams = context.policy, context.seams
    ambiguous_before = False
    last_reason = ""
    for retry in range(policy.retries + 1):
        attempt = Attempt(time=timestamp(seams.now()), status=None)
        record.attempts.append(attempt)
        retry_after: float | None = None
        ambiguous = False
        try:
            response = send_upload(context.session, context.repository_url, package, context.timeout)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as error:
            ambiguous = True
            attempt.error_category = Category.NETWORK.value
            last_reason = f"{type(error).__name__}"
        except requests.RequestException as error:
            raise ReleasekitError(
                f"cannot upload to {context.repository_url}: {type(error).__name__}: {error}",
                category=Category.CONFIGURATION,
                hint="check --repository-url",
            ) from error
        else:
            status = attempt.status = response.status_code
            last_reason = context.secrets.redact(response_reason(response))
            if 200 <= status < 300:
                record.outcome = UPLOADED
                return
            attempt.message = last_reason
            if status in (401, 403):
                attempt.error_category = Category.AUTHENTICATION.value
                raise authentication_error(status, last_reason, context.repository_url)
            if status in (400, 409):
                # "File already exists" (400 on PyPI, 409 elsewhere), or a real rejection: the hash decides.
                attempt.error_category = Category.UPLOAD.value
                found, entry = presence(context.index, distribution)
                if found is Presence.SAME:
                    record.outcome = LANDED_DESPITE_ERROR if ambiguous_before else ALREADY_PRESENT
                    return
                if found is Presence.DIFFERENT:
                    raise conflict_error(distribution, entry)
                raise _rejected(distribution, last_reason)
            if status != 429 and not possibly_stored(status):
                attempt.error_category = Category.UPLOAD.value
                raise _rejected(distribution, last_reason)
            attempt.error_category = Category.NETWORK.value
            ambiguous = possibly_stored(status)
            retry_after = retry_after_seconds(response.headers, seams.now())
        if ambiguous:
            ambiguous_before = True
            found, entry = presence(context.index, distribution)
            if found is Presence.SAME:
                record.outcome = LANDED_DESPITE_ERROR
                return
            if found is Presence.DIFFERENT:
                raise conflict_error(distribution, entry)
        if retry == policy.retries:
            break
        if retry_after is not None and retry_after > policy.max_retry_after:
            raise ReleasekitError(
                f"the index asks to wait {retry_after:.0f} s before uploading {distribution.filename} again",
                category=Category.NETWORK,
                severity=Severity.MEDIUM,
                hint=f"run publish again after that time; {RERUN_HINT}",
            )
        attempt.delay = round(policy.delay(retry, seams.random, retry_after), 3)
        seams.sleep(attempt.delay)
    raise ReleasekitError(
        f"{distribution.filename} did not upload after {policy.retries + 1} attempts (last: {last_reason})",
        category=Category.NETWORK,
        severity=Severity.HIGH,
        hint=RERUN_HINT,
    )
