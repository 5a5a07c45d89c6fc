"""The `releasekit` command line: parses arguments, calls the library, prints, returns exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from releasekit import __version__
from releasekit.errors import Category, ReleasekitError

if TYPE_CHECKING:
    from packaging.version import Version

    from releasekit.bump.engine import BumpOptions

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNEXPECTED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _check(args: argparse.Namespace) -> int:
    from releasekit.bump.journal import interrupted, pending_error  # noqa: PLC0415
    from releasekit.references.check import check_project  # noqa: PLC0415 - keep `--help` fast
    from releasekit.references.judge import stale_finding  # noqa: PLC0415
    from releasekit.references.report import as_json, write_github, write_text  # noqa: PLC0415

    journal = interrupted(Path(args.path), os.environ)
    if journal is not None:
        from releasekit.bump.recovery import clear_finished  # noqa: PLC0415 - only when a bump left a journal

        cleared = clear_finished(Path(args.path), journal)
        if cleared is None:
            raise pending_error(journal)
        sys.stderr.write(f"releasekit: warning: {cleared}\n")
    counted = args.verbose or args.format == "json"
    result = check_project(Path(args.path), use_cache=not args.no_cache, count_files=counted)
    if args.format == "json":
        sys.stdout.write(as_json(result) + "\n")
    else:
        write_text(result, sys.stdout, list_all=args.list, verbose=args.verbose)
    findings = [stale_finding(item.reference, result.canonical.version) for item in result.stale]
    write_github(findings, os.environ, sys.stdout, "releasekit: stale version references")
    return EXIT_FINDINGS if findings else EXIT_OK


def _version(args: argparse.Namespace) -> int:
    from releasekit.project.canonical import project_version  # noqa: PLC0415

    canonical = project_version(Path(args.path))
    if args.json:
        import json  # noqa: PLC0415

        document = {
            "version": str(canonical.version),
            "text": canonical.text,
            "path": canonical.path,
            "line": canonical.line,
            "method": canonical.method,
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(f"{canonical.version}\n")
    return EXIT_OK


def _check_metadata(args: argparse.Namespace) -> int:
    from releasekit.metadata.check import check_metadata, summary_line  # noqa: PLC0415 - validate-pyproject, docutils
    from releasekit.metadata.codes import is_warning  # noqa: PLC0415
    from releasekit.references.report import write_github  # noqa: PLC0415

    report = check_metadata(args.paths or ["pyproject.toml"])
    for finding in report.findings:
        sys.stdout.write(finding.render() + "\n")
    for file in report.files:
        if not file.has_project:
            sys.stdout.write(f"releasekit: {file.path} has no [project] table; only its schema was checked\n")
    sys.stdout.write(summary_line(report) + "\n")
    write_github(
        report.findings, os.environ, sys.stdout, "releasekit: package metadata", is_warning=lambda f: is_warning(f.code)
    )
    if report.malformed:
        for file in report.files:
            if file.malformed:
                sys.stderr.write(f"releasekit: configuration error: {file.path} is not valid TOML\n")
        sys.stderr.write("releasekit: hint: fix the TOML syntax at that line\n")
        return EXIT_USAGE
    return EXIT_FINDINGS if report.errors or (args.strict and report.warnings) else EXIT_OK


def _kinds(args: argparse.Namespace) -> int:
    from releasekit.references.kinds import KINDS  # noqa: PLC0415

    for kind in KINDS:
        sys.stdout.write(f"{kind.id}\t{kind.description}\n")
    return EXIT_OK


def _bump(args: argparse.Namespace) -> int:
    from releasekit.bump.engine import BumpOptions, PushInterrupted, bump  # noqa: PLC0415 - the check path never loads the bump
    from releasekit.cli.bump_output import write_recovery, write_result  # noqa: PLC0415

    root = Path.cwd()
    if args.recover:
        from releasekit.bump.recovery import recover_bump  # noqa: PLC0415

        write_recovery(recover_bump(root), sys.stdout)
        return EXIT_OK
    if args.kind is not None and args.new_version is not None:
        raise ReleasekitError(
            "give either a bump kind or --new-version, not both",
            category=Category.USAGE,
            hint=f"for example `releasekit bump {args.kind}` or `releasekit bump --new-version {args.new_version}`",
        )
    options = BumpOptions(
        kind=args.kind,
        new_version=args.new_version,
        allow_downgrade=args.allow_downgrade,
        dry_run=args.dry_run,
        comment=args.comment,
        commit=not args.no_commit,
        tag=not (args.no_commit or args.no_tag),
        push=not (args.no_commit or args.no_push),
        allow_dirty=args.allow_dirty,
        fix_stale=args.fix_stale,
    )
    if args.kind is None and args.new_version is None:
        from releasekit.cli.bump_prompt import is_interactive  # noqa: PLC0415

        if args.yes or not is_interactive(sys.stdin, os.environ):
            raise ReleasekitError(
                "no version to bump to, and no terminal to ask at",
                category=Category.USAGE,
                hint="pass a kind (major, minor, patch, pre, post, dev, release) or --new-version X",
            )
        answered = _ask(root, options)
        if answered is None:
            sys.stderr.write("releasekit: bump cancelled; nothing changed\n")
            return EXIT_OK
        options = answered
    try:
        result = bump(root, options)
    except PushInterrupted as interruption:  # the commit and tag are kept: say so, and how to push them
        write_result(interruption.result, sys.stdout)
        sys.stderr.write(f"releasekit: {interruption.message}\nreleasekit: hint: {interruption.hint}\n")
        raise
    write_result(result, sys.stdout)
    if result.push_error is not None:
        raise result.push_error
    return EXIT_OK


def _ask(root: Path, options: BumpOptions) -> BumpOptions | None:
    """Ask at the terminal for the new version and a comment, showing the planned diff first.

    Returns the options to bump with, or None when the person declines.
    """
    from releasekit.bump.engine import bump  # noqa: PLC0415
    from releasekit.bump.next_version import candidates  # noqa: PLC0415
    from releasekit.cli.bump_prompt import ask  # noqa: PLC0415
    from releasekit.project.canonical import project_version  # noqa: PLC0415
    from releasekit.project.identity import load_config, load_pyproject  # noqa: PLC0415

    current = project_version(root).version
    pre_start = load_config(load_pyproject(root)).pre_release_start
    choices: dict[str, Version] = {
        item.kind: item.version for item in candidates(current, pre_start=pre_start) if item.version
    }

    def describe_plan(new: Version) -> str:
        # A dry run also runs git's preflight: a refusal (dirty tree, existing tag) comes before the confirmation.
        return bump(root, options._replace(kind=None, new_version=str(new), dry_run=True)).plan.diff()

    answer = ask(current, choices, describe_plan=describe_plan, stdin=sys.stdin, stdout=sys.stdout)
    if answer is None:
        return None
    return options._replace(kind=None, new_version=str(answer.new_version), comment=answer.comment)


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without ``shutil``: argparse builds one for every argument
    added, and ``shutil`` pulls in bz2 and lzma, a few milliseconds on every commit."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS") else os.get_terminal_size().columns
        except (OSError, ValueError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 20))


class _Parser(argparse.ArgumentParser):
    """An argument parser (and, through ``add_subparsers``, every sub-parser) using ``_Formatter``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(**kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="releasekit", description="Release engineering for Python projects.")
    parser.add_argument("--version", action="version", version=f"releasekit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="block stale references to the project's own version")
    check.add_argument("path", nargs="?", default=".", help="project folder (default: the current one)")
    check.add_argument("--list", action="store_true", help="print every reference found, not only stale ones")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--verbose", "-v", action="store_true", help="also count and list skipped files")
    check.add_argument("--no-cache", action="store_true", help="read every file, ignoring the scan cache")
    check.set_defaults(handler=_check)

    version = commands.add_parser("version", help="print the canonical version")
    version.add_argument("path", nargs="?", default=".")
    version.add_argument("--json", action="store_true", help="also say where the version came from")
    version.set_defaults(handler=_version)

    metadata = commands.add_parser("check-metadata", help="check pyproject.toml against the schema and PyPI's rules")
    metadata.add_argument("paths", nargs="*", metavar="PATH", help="pyproject.toml files (default: ./pyproject.toml)")
    metadata.add_argument("--strict", action="store_true", help="warnings (RK150-RK199) fail the check too")
    metadata.set_defaults(handler=_check_metadata)

    kinds = commands.add_parser("kinds", help="list the built-in reference kinds")
    kinds.set_defaults(handler=_kinds)

    bump = commands.add_parser("bump", help="move every reference to a new version, all or nothing")
    bump.add_argument(
        "kind", nargs="?", choices=("major", "minor", "patch", "pre", "post", "dev", "release"), help="what to bump"
    )
    bump.add_argument("--new-version", metavar="X", help="bump to this PEP 440 version instead of a kind")
    bump.add_argument("--allow-downgrade", action="store_true", help="accept a --new-version lower than the current")
    bump.add_argument("--dry-run", action="store_true", help="print the diff of every file it would change")
    bump.add_argument("--yes", "-y", action="store_true", help="never prompt")
    bump.add_argument("--comment", default="", metavar="TEXT", help="body of the release commit")
    bump.add_argument("--no-commit", action="store_true", help="write the files only (implies --no-tag --no-push)")
    bump.add_argument("--no-tag", action="store_true", help="commit without tagging")
    bump.add_argument("--no-push", action="store_true", help="commit and tag locally")
    bump.add_argument("--allow-dirty", action="store_true", help="bump with unrelated local changes present")
    bump.add_argument("--fix-stale", action="store_true", help="also rewrite references that are already stale")
    bump.add_argument("--recover", action="store_true", help="restore (or finish) an interrupted bump")
    bump.set_defaults(handler=_bump)
    return parser


def _write_crash_log() -> Path:
    import tempfile  # noqa: PLC0415 - only after a crash
    import traceback  # noqa: PLC0415

    handle, name = tempfile.mkstemp(prefix="releasekit-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(traceback.format_exc())
    return Path(name)


def run_handler(handler: Callable[[], int]) -> int:
    """The one place errors turn into messages and exit codes."""
    try:
        return handler()
    except KeyboardInterrupt:
        sys.stderr.write("releasekit: interrupted\n")
        return EXIT_INTERRUPTED
    except ReleasekitError as error:
        findings = getattr(error, "findings", ())
        for finding in findings:
            sys.stdout.write(finding.render() + "\n")
        message = f"{error.category.value} error: {error.message}" if findings else f"error: {error.message}"
        sys.stderr.write(f"releasekit: {message}\n")
        if error.hint:
            sys.stderr.write(f"releasekit: hint: {error.hint}\n")
        return EXIT_USAGE if error.category in (Category.CONFIGURATION, Category.USAGE) else EXIT_FINDINGS
    except Exception as error:  # noqa: BLE001 - the CLI edge reports every unexpected failure
        log = _write_crash_log()
        sys.stderr.write(f"releasekit: unexpected error: {error!r}\nreleasekit: details in {log}\n")
        return EXIT_UNEXPECTED


def parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """Parsed arguments, or the exit code argparse wanted (0 for --help, 2 for usage)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exit_request:
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(argv if argv is not None else sys.argv[1:])
    args = parse(build_parser(), arguments)
    if isinstance(args, int):
        return args
    handler: Callable[[argparse.Namespace], int] = args.handler
    return run_handler(lambda: handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
