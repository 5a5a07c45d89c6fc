"""A distribution file read into memory once: its kind, its members (names, types, sizes, bytes)."""

from __future__ import annotations

import stat
import tarfile
import zipfile
from pathlib import Path
from typing import Literal, NamedTuple

Kind = Literal["wheel", "sdist", "other"]
MemberType = Literal["file", "dir", "symlink", "hardlink", "device"]

# A member is a bomb when it expands past both bounds: this many times its compressed size, and this
# many bytes. Real text compresses 3-10x; a bomb 1000x and more. A whole archive, by PyPI's own bound
# (warehouse's COMPRESSION_RATIO_THRESHOLD and _MIN_SIZE): 50x and 64 MiB.
RATIO_LIMIT, SIZE_LIMIT = 100, 16 * 1024 * 1024
ARCHIVE_RATIO_LIMIT, ARCHIVE_SIZE_LIMIT = 50, 64 * 1024 * 1024
_ZIP_UTF8_FLAG = 0x800


class Member(NamedTuple):
    """One archive entry; ``data`` is None for anything not a regular file, or not read (a bomb)."""

    name: str
    type: MemberType
    size: int
    compressed: int
    data: bytes | None
    utf8: bool
    error: str = ""
    compression: int = 0


class Distribution(NamedTuple):
    """A wheel or sdist as read from disk; ``display`` is how findings name it."""

    path: Path
    display: str
    kind: Kind
    members: tuple[Member, ...]
    compressed_size: int
    bomb: bool = False

    def member(self, name: str) -> Member | None:
        return next((item for item in self.members if item.name == name), None)

    def read(self, name: str) -> bytes | None:
        found = self.member(name)
        return found.data if found is not None else None

    def text(self, name: str) -> str | None:
        data = self.read(name)
        return data.decode("utf-8", "replace") if data is not None else None

    @property
    def files(self) -> list[Member]:
        return [item for item in self.members if item.type == "file"]


def kind_of(path: Path) -> Kind:
    if path.name.endswith(".whl"):
        return "wheel"
    if path.name.endswith(".tar.gz"):
        return "sdist"
    return "other"


def is_bomb(size: int, compressed: int) -> bool:
    return size > SIZE_LIMIT and size > RATIO_LIMIT * max(compressed, 1)


def is_archive_bomb(size: int, compressed: int) -> bool:
    return size > ARCHIVE_SIZE_LIMIT and size > ARCHIVE_RATIO_LIMIT * max(compressed, 1)


def _zip_type(info: zipfile.ZipInfo) -> MemberType:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "device"
    return "dir" if info.is_dir() else "file"


def _read_zip(path: Path) -> list[Member]:
    members = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            kind = _zip_type(info)
            utf8 = bool(info.flag_bits & _ZIP_UTF8_FLAG) or info.filename.isascii()
            data, error = None, ""
            if kind == "file" and not is_bomb(info.file_size, info.compress_size):
                try:
                    with archive.open(info) as stream:
                        data = stream.read()
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as failure:
                    error = str(failure)
            members.append(
                Member(info.filename, kind, info.file_size, info.compress_size, data, utf8, error, info.compress_type)
            )
    return members


def _tar_type(info: tarfile.TarInfo) -> MemberType:
    if info.issym():
        return "symlink"
    if info.islnk():
        return "hardlink"
    if info.isdir():
        return "dir"
    return "file" if info.isfile() else "device"


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # tarfile keeps undecodable bytes as surrogates
        return False
    return True


def _read_tar(path: Path) -> tuple[list[Member], bool]:
    with tarfile.open(path, "r:gz") as archive:
        infos = archive.getmembers()
        total = sum(info.size for info in infos if info.isfile())
        bomb = is_archive_bomb(total, path.stat().st_size)
        members = []
        for info in infos:
            kind = _tar_type(info)
            data = None
            if kind == "file" and not bomb:
                stream = archive.extractfile(info)
                data = stream.read() if stream is not None else None
            members.append(Member(info.name, kind, info.size, 0, data, _utf8(info.name)))
    return members, bomb


def read_distribution(path: Path, display: str) -> Distribution:
    """Read ``path``; raises ``OSError``, ``zipfile.BadZipFile`` or ``tarfile.TarError`` when it is not readable."""
    kind = kind_of(path)
    bomb = False
    if kind == "wheel" or path.name.endswith(".zip"):
        members = _read_zip(path)
    elif kind == "sdist":
        members, bomb = _read_tar(path)
    else:
        members = []
    size = path.stat().st_size
    bomb = bomb or is_archive_bomb(sum(member.size for member in members), size)
    return Distribution(path, display, kind, tuple(members), size, bomb)
