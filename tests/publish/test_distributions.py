from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from releasekit.cli.publish import validate_gate
from releasekit.errors import Category, ReleasekitError
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


def test_the_validate_gate_passes_a_good_release(tmp_path: Path, never_uploaded_release: list[Path]) -> None:
    validate_gate(tmp_path)(never_uploaded_release)


def test_the_validate_gate_stops_a_broken_wheel_before_upload(
    tmp_path: Path, never_uploaded_release: list[Path]
) -> None:
    """A duplicate ZIP entry, which PyPI refuses and twine passes, stops publishing before any upload."""
    wheel = next(path for path in never_uploaded_release if path.suffix == ".whl")
    broken = tmp_path / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        first = source.infolist()[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name on purpose
            target.writestr(first, source.read(first))
    with pytest.raises(ReleasekitError) as raised:
        validate_gate(tmp_path)([broken])
    assert raised.value.category is Category.VALIDATION
    assert raised.value.message.startswith("the distributions do not pass validation (")
    assert f"{broken.name}:" in raised.value.message
    assert "nothing was uploaded" in raised.value.hint
