"""A publishing run: read, gate, resolve credentials, upload through faults, verify, all into one report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests
from twine.package import PackageFile

from releasekit import __version__
from releasekit.errors import Category, ReleasekitError
from releasekit.publish import credentials as credential_sources
from releasekit.publish.distributions import Distribution, read_distribution
from releasekit.publish.gates import Gate, check_index, check_tag
from releasekit.publish.index import IndexClient, IndexFile, IndexUnreachableError
from releasekit.publish.oidc import TokenSource, default_token_source, trusted_publishing_token
from releasekit.publish.report import (
    ALREADY_PRESENT,
    FAILED,
    NOT_ATTEMPTED,
    PLANNED,
    SUCCESSFUL,
    FileRecord,
    PublishReport,
    timestamp,
)
from releasekit.publish.resolution import Presence
from releasekit.publish.retry import RetryPolicy
from releasekit.publish.seams import Seams
from releasekit.publish.secrets import Secrets
from releasekit.publish.settings import PublishSettings
from releasekit.publish.uploader import UploadContext, upload_with_retries
from releasekit.publish.verification import verify

# Environment variables whose values are secrets wherever they show up.
SECRET_VARIABLES = ("TWINE_PASSWORD", "PYPI_API_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "GITHUB_TOKEN")


@dataclass(frozen=True)
class PublishOptions:
    """How to publish: where (settings), whether for real, and the gates to pass first."""

    settings: PublishSettings
    dry_run: bool = False
    gates: Sequence[Gate] = ()
    tag_template: str = "v{version}"


@dataclass
class Connections:
    """The HTTP sessions (uploads carry credentials, index queries never do) and the credential seams."""

    upload: requests.Session = field(default_factory=requests.Session)
    index: requests.Session = field(default_factory=requests.Session)
    keyring: credential_sources.KeyringLookup = credential_sources.keyring_lookup
    token_source: TokenSource = default_token_source
    on_secret: Callable[[str], None] = lambda _secret: None


def new_report(settings: PublishSettings, dry_run: bool, seams: Seams) -> PublishReport:
    return PublishReport(settings.repository_url, settings.index_url, dry_run, timestamp(seams.now()))


class _Run:
    def __init__(
        self,
        options: PublishOptions,
        *,
        environ: Mapping[str, str],
        connections: Connections,
        seams: Seams,
        secrets: Secrets,
        report: PublishReport,
    ) -> None:
        self.options = options
        self.settings = options.settings
        self.environ = environ
        self.connections = connections
        self.seams = seams
        self.secrets = secrets
        self.report = report
        self.policy = RetryPolicy(retries=self.settings.retries, max_delay=self.settings.max_delay)
        self.index = IndexClient(
            connections.index, self.settings.index_url, timeout=self.settings.timeout, policy=self.policy, seams=seams
        )
        self.items: list[tuple[Distribution, PackageFile, FileRecord]] = []
        user_agent = f"releasekit/{__version__} {requests.utils.default_user_agent()}"
        connections.upload.headers["User-Agent"] = user_agent
        connections.index.headers["User-Agent"] = user_agent

    def fail(self, error: ReleasekitError, file: str | None = None) -> None:
        self.report.add_error(error, self.secrets, file)

    def read(self, paths: Sequence[Path]) -> None:
        for path in paths:
            try:
                distribution, package = read_distribution(path)
            except ReleasekitError as error:
                self.fail(error, path.name)
                continue
            record = FileRecord(distribution.filename, distribution.name, distribution.version, distribution.sha256)
            self.report.files.append(record)
            self.items.append((distribution, package, record))

    def gate(self, paths: Sequence[Path]) -> credential_sources.Credentials | None:
        """Every gate, all reported together; the credentials when they resolve."""
        for gate in self.options.gates:
            try:
                gate(paths)
            except ReleasekitError as error:
                self.fail(error)
        distributions = [item[0] for item in self.items]
        try:
            check_tag(self.environ, distributions, self.options.tag_template)
        except ReleasekitError as error:
            self.fail(error)
        found = None
        try:
            found = credential_sources.discover(self.environ, self.settings.repository_url, self.connections.keyring)
        except ReleasekitError as error:
            self.fail(error)
        else:
            self.secrets.add(found.password)
            self.report.credentials = found.source
        self.check_index()
        return found

    def check_index(self) -> None:
        listings: dict[str, dict[str, IndexFile]] = {}
        for distribution, _package, record in self.items:
            try:
                if distribution.name not in listings:
                    listings[distribution.name] = self.index.files(distribution.name)
                if check_index(distribution, listings[distribution.name]) is Presence.SAME:
                    record.outcome = ALREADY_PRESENT
            except ReleasekitError as error:
                self.fail(error, distribution.filename)

    def login(self, found: credential_sources.Credentials) -> None:
        password = found.password
        if found.trusted_publishing:
            password = trusted_publishing_token(
                self.connections.upload,
                self.settings.repository_url,
                self.secrets,
                timeout=self.settings.timeout,
                token_source=self.connections.token_source,
                on_secret=self.connections.on_secret,
            )
        self.secrets.add(password)
        self.connections.upload.auth = (found.username, password)

    def upload(self) -> None:
        context = UploadContext(
            self.connections.upload,
            self.settings.repository_url,
            self.settings.timeout,
            self.policy,
            self.index,
            self.seams,
            self.secrets,
        )
        for distribution, package, record in self.items:
            if record.outcome == ALREADY_PRESENT:
                continue
            try:
                upload_with_retries(context, distribution, package, record)
            except ReleasekitError as error:
                record.outcome = FAILED
                self.fail(error, distribution.filename)
                if error.category is Category.AUTHENTICATION:
                    return  # the next file would be refused the same way

    def verify(self) -> None:
        uploaded = [(item[0], item[2]) for item in self.items if item[2].outcome in SUCCESSFUL]
        for filename, error in verify(self.index, uploaded, timeout=self.settings.verify_timeout, seams=self.seams):
            self.report.record(filename).outcome = FAILED
            self.fail(error, filename)


def publish(
    paths: Sequence[Path],
    options: PublishOptions,
    *,
    environ: Mapping[str, str],
    report: PublishReport,
    connections: Connections | None = None,
    seams: Seams | None = None,
    secrets: Secrets | None = None,
) -> PublishReport:
    """Publish ``paths``; every failure lands in ``report.errors`` (raised only for Ctrl-C), nothing is printed."""
    secrets = secrets if secrets is not None else Secrets()
    for variable in SECRET_VARIABLES:
        secrets.add(environ.get(variable))
    run = _Run(
        options,
        environ=environ,
        connections=connections or Connections(),
        seams=seams or Seams(),
        secrets=secrets,
        report=report,
    )
    try:
        run.read(paths)
        found = run.gate(paths)
        if report.errors or found is None:
            report.outcome = "failed"
            return report
        if options.dry_run:
            for record in report.files:
                if record.outcome == NOT_ATTEMPTED:
                    record.outcome = PLANNED
            report.outcome = "dry-run"
            return report
        try:
            run.login(found)
        except ReleasekitError as error:
            run.fail(error)
            report.outcome = "failed"
            return report
        run.upload()
        run.verify()
        every_file_verified = all(record.verified_sha256 == record.sha256 for record in report.files)
        report.outcome = "published" if not report.errors and every_file_verified else "failed"
        return report
    except IndexUnreachableError as error:
        run.fail(error)
        report.outcome = "failed"
        return report
    finally:
        report.finished = timestamp(run.seams.now())
