"""Statistical disclosure control for published tables of counts: pure functions, no Django.

A *cell* is one published number, named by any hashable key; a *relation* says that one cell
(a total) is the sum of others (its parts). One-way tables with a total, and two-way tables
with both margins, are sets of relations (``one_way``, ``two_way``); tables that share cells
(the same quarter in a quarterly table and in a financial-year table) share keys, so
``protect`` sees every link between every number published, now and before.

The rules (``t`` is ``threshold``; Awaz's default is 5, see ``awaz.publishing.rules``):

1. **Primary suppression.** Every count from 1 to ``t - 1`` is hidden: cells and totals
   alike, because a small total is as revealing as a small cell. A zero is shown: it
   describes nobody. (A zero may still be hidden as a secondary cell, rule 2.)
2. **Secondary suppression.** More cells are hidden until every primary cell is
   *protected*: an attacker who knows every published number, every relation between them
   and that counts are whole numbers of at least 0 can rule out neither 0 nor ``t`` (or
   more) for it. The attacker's best bounds are two linear programmes per cell (minimise and
   maximise the cell subject to the relations, with published cells fixed at their values):
   we require ``lower <= 0`` and ``upper >= t``. So a hidden cell can never be pinned to one
   value, nor shown to be a small number, nor shown to be anything but possibly empty: it
   might hold no incident at all or as many as a number we would publish.
3. **No hidden cell is pinned.** Every hidden cell, secondary ones included, keeps an
   interval at least 1 wide: nobody can work out any hidden number exactly.
4. **Consistency across tables and releases.** Numbers published earlier cannot be hidden
   again, and numbers hidden earlier stay hidden: the caller passes them as ``published`` and
   ``hidden``, with the relations that link them to the new cells (for Awaz: a
   financial year's totals link its four quarters). Cells that were primary when they were
   published are passed as ``sensitive`` and stay protected by the new choice; the other
   cells hidden earlier stay unpinned (rule 3) although new numbers are shown beside them.
5. **Method.** Cells are taken one at a time in a fixed order (so the same data always give
   the same result). For a primary cell ``x`` with value ``v``, one linear programme looks for
   two changes to the hidden cells that keep every relation true and every count at least
   0: one raising ``x`` to ``t``, one lowering it to 0 (for an earlier hidden cell under
   rule 3: one raising it by 1). Already hidden cells may change for free; changing a shown
   cell ``i`` costs ``1 + value(i)`` (so small cells are hidden before large ones, and totals
   last), and every shown cell the cheapest changes use is hidden, so each of them changes
   too and is not pinned. The changed tables are consistent with everything published, so
   the attacker's interval contains 0 and ``t``; hiding more cells later only removes
   equations, so protection once found is never lost. A cell whose only link is one total
   (a one-way table) is checked in closed form instead of by a programme. The relations of
   tables with margins are network matrices, whose linear programmes have whole-number
   optima, so the real-valued attacker is as strong as the whole-number one here; the tests
   check both.
6. **Audit.** ``protect`` ends by playing the attacker on every hidden cell and raises
   ``DisclosureError`` if a primary cell is not protected or any hidden cell is pinned:
   publication fails closed.

``protect`` does not round (rounding to 5 is the other practice the field uses); it does not
know what the cells mean, so the caller decides which tables are published and how they
relate.
"""

from awaz.publishing.disclosure.attacker import Interval, attacker_bounds
from awaz.publishing.disclosure.relations import (
    TOLERANCE,
    DisclosureError,
    Key,
    Relation,
    check_relations,
    one_way,
    two_way,
)
from awaz.publishing.disclosure.suppression import Suppression, primary_suppression, protect

__all__ = [
    "TOLERANCE",
    "DisclosureError",
    "Interval",
    "Key",
    "Relation",
    "Suppression",
    "attacker_bounds",
    "check_relations",
    "one_way",
    "primary_suppression",
    "protect",
    "two_way",
]
