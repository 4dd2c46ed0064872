"""Primary and secondary suppression (the rules in ``disclosure/__init__.py``). No Django."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog

from awaz.publishing.disclosure.attacker import Systems, one_relation_bounds
from awaz.publishing.disclosure.relations import (
    TOLERANCE,
    DisclosureError,
    Key,
    Relation,
    check_relations,
    grouped,
)

# Weight of the total amount changed, small enough never to outweigh hiding one more cell;
# it makes the cheapest changes as small as possible, so no hidden cell changes needlessly.
_STEP_WEIGHT = 1e-3


@dataclass(frozen=True)
class Suppression:
    """The outcome of ``protect``: every hidden cell, and why."""

    hidden: frozenset[Key]
    primary: frozenset[Key]  # protected cells (small counts, now or when first published)
    secondary: frozenset[Key]  # hidden now to protect them (not hidden before, not primary)


# --- rule 1 -----------------------------------------------------------------------------------


def primary_suppression(values: Mapping[Any, int], *, threshold: int) -> frozenset[Key]:
    """Cells holding a count from 1 to ``threshold - 1``; zeros are shown."""
    if threshold < 2:
        raise ValueError("the threshold must be at least 2")
    return frozenset(key for key, value in values.items() if 0 < value < threshold)


# --- rules 2 to 6 -----------------------------------------------------------------------------


def protect(
    values: Mapping[Any, int],
    relations: Sequence[Relation],
    *,
    threshold: int,
    published: Iterable[Key] = (),
    hidden: Iterable[Key] = (),
    sensitive: Iterable[Key] = (),
) -> Suppression:
    """Choose the cells to hide (rules 1 to 6 in ``disclosure/__init__.py``).

    ``values`` holds every cell's true count (new cells and those of earlier releases);
    ``published`` and ``hidden`` the earlier cells already shown or hidden, which keep their
    state; ``sensitive`` the earlier cells that were primary when published.
    """
    relations = list(relations)
    check_relations(values, relations)
    published, hidden = frozenset(published), frozenset(hidden)
    if published & hidden:
        raise ValueError("a cell cannot be both published and hidden already")
    primary = (primary_suppression(values, threshold=threshold) | frozenset(sensitive)) - published
    now_hidden = set(hidden | primary)
    component, groups = grouped(relations)

    def secure(cell: Key, raise_by: int, lower_by: int) -> None:
        rows = groups[component[cell]] if cell in component else []
        if not rows:
            return  # in no relation: nothing bounds it
        if len(rows) == 1:
            interval = one_relation_bounds(cell, rows[0], values, frozenset(now_hidden))
            if interval.lower <= values[cell] - lower_by + TOLERANCE and (
                interval.upper >= values[cell] + raise_by - TOLERANCE
            ):
                return  # the complements of an earlier cell protect it already
        now_hidden.update(
            _complements(
                cell,
                rows,
                values,
                changes=(raise_by, -lower_by),
                published=published,
                hidden=frozenset(now_hidden),
            )
        )

    for cell in sorted(primary, key=repr):
        secure(cell, threshold - values[cell], values[cell])
    # A cell hidden earlier but not small must still never be pinned by the new numbers.
    for cell in sorted(hidden - primary, key=repr):
        secure(cell, 1, 0)
    exposed, pinned = _audit(values, relations, frozenset(now_hidden), primary, threshold)
    if exposed or pinned:
        raise DisclosureError(f"cells left unprotected: {exposed!r}; pinned: {pinned!r}")
    return Suppression(
        hidden=frozenset(now_hidden),
        primary=primary,
        secondary=frozenset(now_hidden) - primary - hidden,
    )


def _audit(
    values: Mapping[Any, int],
    relations: Sequence[Relation],
    hidden: frozenset[Key],
    primary: frozenset[Key],
    threshold: int,
) -> tuple[list[Key], list[Key]]:
    """Rule 6: the primary cells not protected, and the hidden cells pinned. The same
    programmes as ``attacker_bounds``, stopping once the answer is known (a cell whose
    maximum is above its value is not pinned, whatever its minimum)."""
    systems = Systems(values, relations, hidden, integer=False)
    exposed, pinned = [], []
    for cell in sorted(hidden, key=repr):
        highest = systems.highest(cell)
        if cell in primary:
            if highest < threshold - TOLERANCE or systems.lowest(cell) > TOLERANCE:
                exposed.append(cell)
        elif highest - values[cell] < TOLERANCE and values[cell] - systems.lowest(cell) < TOLERANCE:
            pinned.append(cell)
    return exposed, pinned


def _complements(
    cell: Key,
    rows: Sequence[Relation],
    values: Mapping[Any, int],
    *,
    changes: tuple[int, ...],
    published: frozenset[Key],
    hidden: frozenset[Key],
) -> set[Key]:
    """The shown cells to hide so that ``cell`` can change by each of ``changes`` (for a
    primary cell: up to ``threshold`` and down to 0) in a table that keeps every relation
    and every published value.

    For each change c and each changeable cell i (every cell of the component not published
    earlier, except ``cell``) the programme has a rise and a fall (a fall never exceeds the
    cell's value: counts stay at least 0); ``use_i`` is at least the share of each change
    passing through i. Cost: ``use_i * (1 + value_i)`` for a shown cell, 0 for a hidden one,
    plus a small weight on every step.
    """
    changes = tuple(c for c in changes if c)
    keys = sorted({k for r in rows for k in (r.total, *r.parts)} - published - {cell}, key=repr)
    n, m = len(keys), len(changes)
    if n == 0:
        raise DisclosureError(f"{cell!r}: every cell linked to it is published already")
    # Columns: for change j, rises at [2jn, 2jn + n) and falls at [2jn + n, 2(j+1)n); then use.
    use = 2 * m * n
    a_eq, b_eq = [], []
    for relation in rows:
        coefficients = relation.coefficients()
        if not any(k in coefficients for k in keys) and cell not in coefficients:
            continue  # every cell in it was published: nothing can change
        for j, change in enumerate(changes):
            row = np.zeros(use + n)
            for i, key in enumerate(keys):
                sign = coefficients.get(key, 0)
                row[2 * j * n + i] = sign
                row[2 * j * n + n + i] = -sign
            a_eq.append(row)
            b_eq.append(-coefficients.get(cell, 0) * change)
    a_ub = []
    for j, change in enumerate(changes):
        for i in range(n):
            row = np.zeros(use + n)
            row[2 * j * n + i] = row[2 * j * n + n + i] = 1.0 / abs(change)
            row[use + i] = -1.0
            a_ub.append(row)
    cost = np.full(use + n, _STEP_WEIGHT)
    bounds: list[tuple[float, float | None]] = []
    for _j in changes:
        bounds += [(0.0, None)] * n + [(0.0, float(values[key])) for key in keys]
    for i, key in enumerate(keys):
        cost[use + i] = 0.0 if key in hidden else 1.0 + values[key]
    bounds += [(0.0, None)] * n
    outcome = linprog(
        cost,
        A_ub=np.array(a_ub),
        b_ub=np.zeros(len(a_ub)),
        A_eq=np.array(a_eq),
        b_eq=np.array(b_eq),
        bounds=bounds,
        method="highs",
    )
    if outcome.status != 0:
        raise DisclosureError(f"{cell!r} cannot be protected: {outcome.message}")
    shares = outcome.x[use:]
    return {key for i, key in enumerate(keys) if key not in hidden and shares[i] > TOLERANCE}
