"""The journal's manifest: one frozen, versioned type that round-trips through JSON, and reads format 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from releasekit.bump.journal import FORMAT, GitRecord, JournalFile, Manifest, read_manifest
from releasekit.bump.transaction import begin, retire_journal, retired_folder
from releasekit.cli.main import main
from releasekit.errors import ReleasekitError
from tests.helpers.bump_projects import changes, make_project, snapshot

FILE = JournalFile("pyproject.toml", 0o644, "0.before", "0.after", "a" * 64, "b" * 64)
RECORD = GitRecord("c" * 40, "v1.1.0", "Release 1.1.0", ("git", "push", "--atomic", "origin", "main", "v1.1.0"))
MANIFESTS = [
    Manifest("/p", "1.0.0", "1.1.0", (FILE,)),
    Manifest("/p", "1.0.0", "1.1.0", (FILE,), state="done", git=RECORD, commit="d" * 40),
    Manifest("/p", "1.1.0", "1.1.0", (FILE,), state="verified", operation="sync"),
]


@pytest.mark.parametrize("manifest", MANIFESTS, ids=["planned", "push-owed", "sync"])
def test_the_manifest_round_trips_through_json(manifest: Manifest) -> None:
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert json.loads(manifest.to_json())["format"] == FORMAT


def test_push_owed_only_once_committed_with_a_push_to_make() -> None:
    assert [manifest.push_owed for manifest in MANIFESTS] == [False, True, False]


def test_a_format_1_journal_reads_as_a_bump() -> None:
    document = {
        "format": 1,
        "root": "/p",
        "old": "1.0.0",
        "new": "1.1.0",
        "state": "committing",
        "files": [FILE._asdict()],
        "git": {"head": "c" * 40, "tag": "v1.1.0", "tag_message": "Release 1.1.0", "push": list(RECORD.push)},
    }
    manifest = Manifest.from_json(json.dumps(document))
    assert manifest == Manifest("/p", "1.0.0", "1.1.0", (FILE,), state="committing", git=RECORD, format=FORMAT)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[]", "the manifest is not a JSON object"),
        ('{"format": 9}', "unknown journal format 9"),
        ('{"format": 2, "root": "/p"}', "the manifest lacks or misspells 'old'"),
        (MANIFESTS[0].to_json().replace('"planned"', '"halfway"'), "unknown journal state 'halfway'"),
    ],
    ids=["not-an-object", "future-format", "missing-key", "unknown-state"],
)
def test_a_manifest_this_releasekit_cannot_read_is_an_error(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "journal.json").write_text(text, encoding="utf-8")
    with pytest.raises(ReleasekitError) as caught:
        read_manifest(tmp_path)
    assert caught.value.message == f"the bump journal {tmp_path / 'journal.json'} is unreadable: {reason}"


def test_states_only_move_forward() -> None:
    with pytest.raises(ValueError, match="cannot go back from done to writing"):
        MANIFESTS[1].moved_to("writing")


def test_retiring_renames_the_journal_away_first(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    retired = retired_folder(transaction.folder)
    retired.mkdir()  # a retired journal an interruption left: the next retirement replaces it
    (retired / "0.before").write_bytes(b"old")
    retire_journal(transaction.folder)
    assert not transaction.folder.exists()
    assert not retired.exists()


def test_recovering_a_bump_that_wrote_nothing_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", in_git=True)
    monkeypatch.chdir(root)
    before = snapshot(root)
    transaction = begin(root, changes(root), old="1.0.0", new="1.1.0")
    transaction._save("writing")  # killed before the first file was replaced
    capsys.readouterr()
    assert main(["bump", "--recover"]) == 0
    assert capsys.readouterr().out == (
        "releasekit: nothing had been written (the bump to 1.1.0 was interrupted); cleared its journal\n"
    )
    assert snapshot(root) == before
