"""Finding identity: a package plus the union of its ids and aliases, so a new alias is not a new finding."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version


@dataclass(frozen=True)
class Identity:
    """Who a finding is: its package and every id it goes by."""

    package: str
    ids: frozenset[str]

    def same_as(self, other: Identity) -> bool:
        return self.package == other.package and bool(self.ids & other.ids)


def merge_ids(groups: Iterable[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """Join the id sets of one package that share any id, transitively (A~B and B~C make one finding).

    Each merged set keeps the first id it was seen under as its primary id.
    """
    merged: list[tuple[str, set[str]]] = []
    for primary, ids in groups:
        overlapping = [index for index, (_, known) in enumerate(merged) if known & ids]
        if not overlapping:
            merged.append((primary, set(ids)))
            continue
        keep = overlapping[0]
        for index in reversed(overlapping[1:]):
            merged[keep][1].update(merged.pop(index)[1])
        merged[keep][1].update(ids)
    return [(primary, frozenset(ids)) for primary, ids in merged]


def find_match(identity: Identity, candidates: Sequence[Identity]) -> int | None:
    """The index of the first candidate that is the same finding, or None."""
    for index, candidate in enumerate(candidates):
        if identity.same_as(candidate):
            return index
    return None


def _version_key(text: str) -> tuple[int, Version | str]:
    try:
        return (0, Version(text))
    except InvalidVersion:
        return (1, text)


def sorted_versions(versions: Iterable[str]) -> tuple[str, ...]:
    """Distinct versions, lowest first (PEP 440 order; anything else after, as text)."""
    return tuple(sorted(set(versions), key=_version_key))
