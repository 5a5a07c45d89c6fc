"""The first step of a check: git starts listing the files before the rest of the check is even imported."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from releasekit.project.files import IndexSnapshot, PendingListing, start_listing
from releasekit.references.cache import CacheFile


class StartedCheck(NamedTuple):
    """A check's listing under way, and the scan cache it reuses (see ``start_check``)."""

    listing: PendingListing
    cache_file: CacheFile | None


def start_check(root: Path, *, use_cache: bool = True) -> StartedCheck:
    """Start listing ``root``'s files, so that git stats the work tree while the caller goes on.

    With the cache, an index whose file is unchanged since the last check is not listed again.
    """
    holder: list[CacheFile] = []

    def remembered(git_dir: Path) -> IndexSnapshot | None:
        holder.append(CacheFile(git_dir))
        return holder[0].snapshot(git_dir)

    listing = start_listing(root, remembered) if use_cache else start_listing(root)
    return StartedCheck(listing, holder[0] if holder else None)
