"""The attacker: the tightest bounds anyone can put on a hidden cell from every published
number and relation (two linear programmes per cell). No Django."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from awaz.publishing.disclosure.relations import (
    TOLERANCE,
    DisclosureError,
    Key,
    Relation,
    grouped,
)


@dataclass(frozen=True)
class Interval:
    """What an attacker can know about one hidden cell: lower <= value <= upper."""

    lower: float
    upper: float  # math.inf when nothing bounds it

    def protects(self, threshold: int) -> bool:
        return self.lower <= TOLERANCE and self.upper >= threshold - TOLERANCE

    @property
    def pinned(self) -> bool:
        return self.upper - self.lower < TOLERANCE


def attacker_bounds(
    values: Mapping[Any, int],
    relations: Sequence[Relation],
    hidden: Iterable[Key],
    *,
    cells: Iterable[Key] | None = None,
    integer: bool = False,
) -> dict[Key, Interval]:
    """The tightest bounds an attacker can put on each hidden cell (or on ``cells``) from
    every shown value and every relation, with counts at least 0: two linear programmes per
    cell (``integer=True``: whole-number programmes, which can only be tighter)."""
    hidden = frozenset(hidden)
    targets = sorted(hidden if cells is None else frozenset(cells) & hidden, key=repr)
    systems = Systems(values, relations, hidden, integer=integer)
    return {cell: Interval(systems.lowest(cell), systems.highest(cell)) for cell in targets}


class Systems:
    """The attacker's equations, one system per connected set of relations, built once:
    ``lowest`` and ``highest`` solve one programme each (or use the closed form)."""

    def __init__(
        self,
        values: Mapping[Any, int],
        relations: Sequence[Relation],
        hidden: frozenset[Key],
        *,
        integer: bool,
    ) -> None:
        self.values, self.hidden, self.integer = values, hidden, integer
        self.component, self.groups = grouped(relations)
        self.built: dict[int, tuple[dict[Key, int], np.ndarray, np.ndarray]] = {}

    def _rows(self, cell: Key) -> list[Relation]:
        return self.groups[self.component[cell]] if cell in self.component else []

    def _system(self, cell: Key) -> tuple[dict[Key, int], np.ndarray, np.ndarray]:
        number = self.component[cell]
        if number not in self.built:
            rows = self.groups[number]
            unknown = sorted(
                {k for r in rows for k in (r.total, *r.parts) if k in self.hidden}, key=repr
            )
            index = {key: i for i, key in enumerate(unknown)}
            a_eq = np.zeros((len(rows), len(unknown)))
            b_eq = np.zeros(len(rows))
            for row, relation in enumerate(rows):
                for key, sign in relation.coefficients().items():
                    if key in index:
                        a_eq[row, index[key]] += sign
                    else:
                        b_eq[row] -= sign * self.values[key]
            self.built[number] = (index, a_eq, b_eq)
        return self.built[number]

    def _extreme(self, cell: Key, sign: float) -> float:
        rows = self._rows(cell)
        if not rows:  # in no relation: nothing bounds it
            return 0.0 if sign > 0 else math.inf
        if len(rows) == 1:
            interval = one_relation_bounds(cell, rows[0], self.values, self.hidden)
            return interval.lower if sign > 0 else interval.upper
        index, a_eq, b_eq = self._system(cell)
        objective = np.zeros(len(index))
        objective[index[cell]] = sign
        return sign * optimum(objective, a_eq, b_eq, integer=self.integer)

    def lowest(self, cell: Key) -> float:
        return self._extreme(cell, 1.0)

    def highest(self, cell: Key) -> float:
        return self._extreme(cell, -1.0)


def one_relation_bounds(
    target: Key, relation: Relation, values: Mapping[Any, int], hidden: frozenset[Key]
) -> Interval:
    """The same bounds as the linear programmes, in closed form, for a cell whose only link
    is one total (a one-way table): most cells, so most releases need no solver."""
    shown_parts = sum(values[p] for p in relation.parts if p not in hidden)
    hidden_parts = [p for p in relation.parts if p in hidden]
    if relation.total in hidden:
        # The total is free: the parts can be anything, the total no less than what is shown.
        return Interval(float(shown_parts if target == relation.total else 0), math.inf)
    rest = float(values[relation.total] - shown_parts)  # what the hidden parts add up to
    return Interval(0.0 if len(hidden_parts) > 1 else rest, rest)


def optimum(objective: np.ndarray, a_eq: np.ndarray, b_eq: np.ndarray, *, integer: bool) -> float:
    """min objective.y subject to a_eq y = b_eq, y >= 0 (-inf when unbounded below)."""
    relaxed = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if relaxed.status == 3:
        # Unbounded over real numbers, so over whole numbers too (the data are whole
        # numbers: a feasible whole-number table exists, and rational rays scale).
        return -math.inf
    if relaxed.status != 0:
        raise DisclosureError(f"the attacker's programme failed: {relaxed.message}")
    if not integer:
        return float(relaxed.fun)
    outcome = milp(
        objective,
        constraints=LinearConstraint(a_eq, b_eq, b_eq),
        integrality=np.ones_like(objective),
        bounds=Bounds(0, np.inf),
    )
    if outcome.status != 0:
        raise DisclosureError(f"the attacker's programme failed: {outcome.message}")
    return float(outcome.fun)
