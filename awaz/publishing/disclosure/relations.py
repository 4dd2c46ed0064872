"""Cells and the relations between them (a total is the sum of its parts), the common
language of the attacker and of suppression. No Django."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Key = Hashable

# Numerical tolerance of the linear programmes: counts are whole numbers, so anything closer
# than this to a bound is at the bound.
TOLERANCE = 1e-6


class DisclosureError(Exception):
    """Protection could not be achieved: nothing may be published."""


@dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``."""

    total: Key
    parts: tuple[Key, ...]

    def coefficients(self) -> dict[Key, int]:
        found = {part: -1 for part in self.parts}
        found[self.total] = 1
        return found


def one_way(parts: Sequence[Key], total: Key) -> list[Relation]:
    """A one-way table: its categories add up to its total."""
    return [Relation(total, tuple(parts))]


def two_way(grid: Sequence[Sequence[Key]]) -> list[Relation]:
    """A two-way table with margins. ``grid[i][j]`` is a cell's key; the last column holds
    the row totals, the last row the column totals, and ``grid[-1][-1]`` the grand total."""
    width = len(grid[0])
    if any(len(row) != width for row in grid):
        raise ValueError("every row of a two-way table needs the same number of cells")
    rows = [Relation(row[-1], tuple(row[:-1])) for row in grid]
    columns = [
        Relation(grid[-1][j], tuple(grid[i][j] for i in range(len(grid) - 1))) for j in range(width)
    ]
    return rows + columns


def check_relations(values: Mapping[Any, int], relations: Iterable[Relation]) -> None:
    """Every value is a whole number of at least 0 and every total is the sum of its parts."""
    for key, value in values.items():
        if int(value) != value or value < 0:
            raise ValueError(f"{key!r}: a count must be a whole number of at least 0")
    for relation in relations:
        missing = [k for k in (relation.total, *relation.parts) if k not in values]
        if missing:
            raise ValueError(f"no value for {missing!r}")
        if values[relation.total] != sum(values[p] for p in relation.parts):
            raise ValueError(f"{relation.total!r} is not the sum of its parts")


def components(relations: Sequence[Relation]) -> dict[Key, int]:
    """Which connected set of relations each key belongs to (keys in none are absent)."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    for relation in relations:
        first = find(relation.total)
        for part in relation.parts:
            parent[find(part)] = first
    roots: dict[Key, int] = {}
    return {key: roots.setdefault(find(key), len(roots)) for key in list(parent)}


def grouped(
    relations: Sequence[Relation],
) -> tuple[dict[Key, int], dict[int, list[Relation]]]:
    component = components(relations)
    groups: dict[int, list[Relation]] = defaultdict(list)
    for relation in relations:
        groups[component[relation.total]].append(relation)
    return component, groups
