"""A corpus of broken distributions: a tiny project built for real, then rewritten with zipfile and tarfile.

Each rewrite changes one thing; ``write_wheel`` writes a correct RECORD for what it is given unless
told otherwise, so a case's only defect is the one it means to make.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import tarfile
import warnings
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

NAME, VERSION = "tiny", "1.0.0"
WHEEL = f"{NAME}-{VERSION}-py3-none-any.whl"
SDIST = f"{NAME}-{VERSION}.tar.gz"
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
SDIST_ROOT = f"{NAME}-{VERSION}"
INIT = (
    '"""tiny: a project to break."""\n\n__version__ = "1.0.0"\n\n\n'
    "def main() -> int:\n    print(__version__)\n    return 0\n"
)

TINY_FILES = {
    "pyproject.toml": (
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        '[project]\nname = "tiny"\nversion = "1.0.0"\ndescription = "A project to break."\nreadme = "README.md"\n'
        'license = "MIT"\nrequires-python = ">=3.11"\nclassifiers = ["Development Status :: 4 - Beta"]\n\n'
        '[project.scripts]\ntiny = "tiny:main"\n'
    ),
    "README.md": "# tiny\n\nA project to break.\n",
    "LICENSE": "MIT License\n",
    "src/tiny/__init__.py": INIT,
}


class Entry(NamedTuple):
    """One archive member to write: a file (with its zip compression) or a symlink to ``target``."""

    name: str
    data: bytes = b""
    symlink_to: str = ""
    compression: int = zipfile.ZIP_DEFLATED


Edit = Callable[[list[Entry]], list[Entry]]


def wheel_entries(path: Path) -> list[Entry]:
    with zipfile.ZipFile(path) as archive:
        return [Entry(info.filename, archive.read(info)) for info in archive.infolist()]


def sdist_entries(path: Path) -> list[Entry]:
    with tarfile.open(path, "r:gz") as archive:
        entries = []
        for info in archive.getmembers():
            stream = archive.extractfile(info)
            entries.append(Entry(info.name, stream.read() if stream else b""))
        return entries


def record_for(entries: Iterable[Entry], record: str) -> bytes:
    """A RECORD listing every entry with its sha256 and size, and itself without either."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for entry in entries:
        if entry.name != record:
            digest = base64.urlsafe_b64encode(hashlib.sha256(entry.data).digest()).rstrip(b"=").decode()
            writer.writerow([entry.name, f"sha256={digest}", len(entry.data)])
    writer.writerow([record, "", ""])
    return buffer.getvalue().encode()


def write_wheel(entries: list[Entry], destination: Path, *, record: bool = True) -> Path:
    """Write ``entries`` as a zip; with ``record``, the RECORD entry is recomputed from the others first."""
    if record:
        records = [entry.name for entry in entries if entry.name.endswith(".dist-info/RECORD")]
        entries = [
            entry._replace(data=record_for(entries, entry.name)) if entry.name in records[:1] else entry
            for entry in entries
        ]
    destination.parent.mkdir(parents=True, exist_ok=True)
    # zipfile warns before writing a second entry of one name; writing one is what some cases are for.
    with warnings.catch_warnings(), zipfile.ZipFile(destination, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = entry.compression
            info.external_attr = (0o120777 if entry.symlink_to else 0o100644) << 16
            archive.writestr(info, entry.symlink_to.encode() if entry.symlink_to else entry.data)
    return destination


def write_sdist(entries: list[Entry], destination: Path, *, encoding: str = "utf-8") -> Path:
    """Write ``entries`` as a gzipped tar; ``encoding`` is how member names are stored."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tar_format = tarfile.PAX_FORMAT if encoding == "utf-8" else tarfile.GNU_FORMAT
    with tarfile.open(destination, "w:gz", format=tar_format, encoding=encoding) as archive:
        for entry in entries:
            info = tarfile.TarInfo(entry.name)
            info.mtime = 1577836800
            if entry.symlink_to:
                info.type, info.linkname = tarfile.SYMTYPE, entry.symlink_to
                archive.addfile(info)
            else:
                info.size, info.mode = len(entry.data), 0o644
                archive.addfile(info, io.BytesIO(entry.data))
    return destination


def add(name: str, data: bytes | str, **fields: object) -> Edit:
    encoded = data.encode() if isinstance(data, str) else data
    return lambda entries: [*entries, Entry(name, encoded, **fields)]  # type: ignore[arg-type]


def drop(name: str) -> Edit:
    return lambda entries: [entry for entry in entries if entry.name != name]


def change(name: str, edit: Callable[[str], str]) -> Edit:
    """Rewrite the text of member ``name``."""

    def apply(entries: list[Entry]) -> list[Entry]:
        assert any(entry.name == name for entry in entries), f"no member {name}"
        return [
            entry._replace(data=edit(entry.data.decode()).encode()) if entry.name == name else entry
            for entry in entries
        ]

    return apply


def rename(old: str, new: str) -> Edit:
    """Every member under ``old`` (a folder prefix or a name) moved to ``new``."""
    return lambda entries: [
        entry._replace(name=new + entry.name[len(old) :]) if entry.name.startswith(old) else entry for entry in entries
    ]


def header(field: str, value: str) -> Callable[[str], str]:
    """Add a header line to a METADATA / PKG-INFO text, after the existing headers."""
    return lambda text: text.replace("\n\n", f"\n{field}: {value}\n\n", 1)


def replace_text(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, f"{old!r} not in {text!r}"
        return text.replace(old, new, 1)

    return apply


def rewritten(entries: list[Entry], *edits: Edit) -> list[Entry]:
    for edit in edits:
        entries = edit(entries)
    return entries
