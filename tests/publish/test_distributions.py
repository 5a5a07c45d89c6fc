from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from releasekit.cli.publish import validate_gate
from releasekit.errors import Category, ReleasekitError
from releasekit.findings import Finding
from releasekit.publish.distributions import find_distributions, read_distribution


def test_default_is_every_distribution_in_dist(tmp_path: Path, never_uploaded_release: list[Path]) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    for path in never_uploaded_release:
        (dist / path.name).write_bytes(path.read_bytes())
    (dist / "publish-report.json").write_text("{}", encoding="utf-8")
    assert [path.name for path in find_distributions([], dist)] == [path.name for path in never_uploaded_release]
    distribution, package = read_distribution(dist / never_uploaded_release[0].name)
    assert (distribution.name, distribution.version) == ("rkpubdemo", "0.0.1")
    assert distribution.sha256 == package.sha2_digest


@pytest.mark.parametrize(
    ("setup", "words", "category"),
    [
        (lambda folder: None, "does not exist", Category.USAGE),
        (lambda folder: folder.mkdir(), "no distributions (.whl, .tar.gz)", Category.USAGE),
    ],
    ids=["no-dist", "empty-dist"],
)
def test_nothing_to_publish(tmp_path: Path, setup: object, words: str, category: Category) -> None:
    folder = tmp_path / "dist"
    setup(folder)  # type: ignore[operator]
    with pytest.raises(ReleasekitError) as raised:
        find_distributions([], folder)
    assert words in raised.value.message
    assert raised.value.category is category
    assert "python -m build" in raised.value.hint


def test_a_broken_or_foreign_file_is_a_validation_error(tmp_path: Path) -> None:
    broken = tmp_path / "demo-1.0.tar.gz"
    broken.write_bytes(b"not a tarball")
    foreign = tmp_path / "demo-1.0.zip"
    foreign.write_bytes(b"")
    for path in (broken, foreign):
        with pytest.raises(ReleasekitError) as raised:
            read_distribution(path)
        assert raised.value.category is Category.VALIDATION
    with pytest.raises(ReleasekitError, match="does not exist"):
        find_distributions([tmp_path / "missing.whl"], tmp_path)


def _validate_module(passed: bool, calls: list[tuple[list[Path], Path]]) -> types.ModuleType:
    module = types.ModuleType("releasekit.validate.api")
    finding = Finding("dist/demo-1.0.tar.gz", 1, 1, "RK300", "a distribution problem", "")

    def validate(paths: list[Path], *, root: Path | None = None, strict: bool = False) -> object:
        calls.append((paths, root or Path()))
        return types.SimpleNamespace(passed=passed, errors=[] if passed else [finding], findings=[finding])

    module.validate = validate  # type: ignore[attr-defined]
    return module


def test_the_validate_gate_calls_validate_with_the_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[list[Path], Path]] = []
    monkeypatch.setitem(sys.modules, "releasekit.validate.api", _validate_module(True, calls))
    validate_gate(tmp_path)([tmp_path / "a.whl"])
    assert calls == [([tmp_path / "a.whl"], tmp_path)]
    monkeypatch.setitem(sys.modules, "releasekit.validate.api", _validate_module(False, calls))
    with pytest.raises(ReleasekitError) as raised:
        validate_gate(tmp_path)([tmp_path / "a.whl"])
    assert raised.value.category is Category.VALIDATION
    assert raised.value.message == (
        "the distributions do not pass validation (1 errors):\ndist/demo-1.0.tar.gz:1:1: RK300 a distribution problem"
    )
    assert "nothing was uploaded" in raised.value.hint


def test_without_validate_the_gate_says_how_to_skip_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "releasekit.validate.api", None)
    with pytest.raises(ReleasekitError) as raised:
        validate_gate(tmp_path)([])
    assert raised.value.category is Category.CONFIGURATION
    assert "--no-validate" in raised.value.hint
