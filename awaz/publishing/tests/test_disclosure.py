"""The disclosure rules on small tables worked by hand (``disclosure``'s docstring)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import linprog

from awaz.publishing.disclosure import (
    DisclosureError,
    Interval,
    Relation,
    attacker_bounds,
    check_relations,
    one_way,
    primary_suppression,
    protect,
    two_way,
)

T = 5  # hide 1 to 4


def table(inner: list[list[int]]) -> tuple[dict, list[Relation]]:
    """A two-way table with margins from its inner cells: keys (row, column); the last row
    and column are the totals."""
    rows, cols = len(inner), len(inner[0])
    values: dict = {}
    for i in range(rows):
        for j in range(cols):
            values[(i, j)] = inner[i][j]
        values[(i, cols)] = sum(inner[i])
    for j in range(cols + 1):
        values[(rows, j)] = sum(values[(i, j)] for i in range(rows))
    grid = [[(i, j) for j in range(cols + 1)] for i in range(rows + 1)]
    return values, two_way(grid)


def row(*cells: int) -> tuple[dict, list[Relation]]:
    values = {f"c{i}": n for i, n in enumerate(cells)} | {"total": sum(cells)}
    return values, one_way([f"c{i}" for i in range(len(cells))], "total")


class TestPrimary:
    def test_counts_from_one_to_threshold_minus_one_are_hidden_zeros_shown(self):
        values = {"zero": 0, "one": 1, "four": 4, "five": 5, "twelve": 12}
        assert primary_suppression(values, threshold=5) == {"one", "four"}
        assert primary_suppression(values, threshold=10) == {"one", "four", "five"}

    def test_threshold_must_hide_something(self):
        with pytest.raises(ValueError):
            primary_suppression({"a": 1}, threshold=1)

    def test_totals_are_checked(self):
        values, relations = row(1, 2)
        check_relations(values, relations)
        with pytest.raises(ValueError, match="sum of its parts"):
            check_relations(values | {"total": 4}, relations)
        with pytest.raises(ValueError, match="whole number"):
            check_relations({"c0": -1, "c1": 1, "total": 0}, relations)
        with pytest.raises(ValueError, match="no value"):
            check_relations({"c0": 1, "total": 1}, relations)


class TestOneWay:
    def test_the_cheapest_partner_is_hidden_not_the_zero_or_the_total(self):
        # 3 | 20 | 0 || 23: alone, 3 = 23 - 20 - 0. Hiding the 20 too: 3 + x = 23, so the
        # hidden 3 could be anything from 0 to 23. The 0 cannot help (it cannot fall), and
        # the total costs more than the 20.
        values, relations = row(3, 20, 0)
        outcome = protect(values, relations, threshold=T)
        assert outcome.primary == {"c0"}
        assert outcome.secondary == {"c1"}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert bounds["c0"] == Interval(0.0, 23.0)

    def test_hidden_partners_must_add_up_to_the_threshold(self):
        # 1 and 2 hidden together add up to 3: each is known to be at most 3, below 5. The
        # cheapest cell that lifts the hidden sum to 5 or more is the 30.
        values, relations = row(1, 2, 30, 40)
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {"c0", "c1", "c2"}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert bounds["c0"] == Interval(0.0, 33.0)
        assert bounds["c1"] == Interval(0.0, 33.0)

    def test_two_small_cells_protect_each_other_when_they_add_up_to_the_threshold(self):
        values, relations = row(3, 4, 12)
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {"c0", "c1"}
        assert outcome.secondary == frozenset()

    def test_a_small_total_is_hidden_and_frees_its_parts(self):
        # 1 | 1 | 0 || 2: every non-zero number is small, the total too.
        values, relations = row(1, 1, 0)
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {"c0", "c1", "total"}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert bounds["c0"] == Interval(0.0, math.inf)
        assert bounds["total"] == Interval(0.0, math.inf)

    def test_nothing_small_nothing_hidden(self):
        values, relations = row(0, 5, 17)
        assert protect(values, relations, threshold=T).hidden == frozenset()

    def test_a_column_is_a_one_way_table_too(self):
        # A column of a two-way table whose rows are not published: the same rule.
        values, relations = row(2, 9, 6, 0)
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {"c0", "c2"}  # 6 costs less than 9


class TestTwoWay:
    def test_a_small_cell_needs_a_rectangle(self):
        #  1  8 |  9       x  y |  9
        #  9  7 | 16  ->   z  w | 16   a hidden row or column alone would be solved by the
        # 10 15 | 25      10 15 | 25   other margin: four cells move together.
        values, relations = table([[1, 8], [9, 7]])
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        # x = 9 - y, x = 10 - z, w = 7 - 1 + x: x from 0 (w >= 0 holds) to 9 (y >= 0).
        assert bounds[(0, 0)] == Interval(0.0, 9.0)

    def test_the_rectangle_avoids_a_zero_that_cannot_fall(self):
        values, relations = table([[2, 0, 10], [6, 7, 8]])
        outcome = protect(values, relations, threshold=T)
        assert outcome.hidden == {(0, 0), (0, 2), (1, 0), (1, 2)}

    def test_small_margins_are_hidden_and_protected(self):
        #  2  1 |  3   the row total 3 is small too: the whole first row is hidden, and the
        # 30 40 | 70   second row with it, or the column totals would give the first row.
        values, relations = table([[2, 1], [30, 40]])
        outcome = protect(values, relations, threshold=T)
        assert outcome.primary == {(0, 0), (0, 1), (0, 2)}
        assert outcome.hidden == {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert all(bounds[cell].protects(T) for cell in outcome.primary)

    def test_a_zero_may_be_hidden_to_protect_a_small_cell(self):
        values, relations = table([[0, 3, 9], [6, 0, 8], [7, 9, 0]])
        outcome = protect(values, relations, threshold=T)
        assert outcome.primary == {(0, 1)}
        assert (0, 0) in outcome.secondary and values[(0, 0)] == 0
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert bounds[(0, 1)].protects(T)

    def test_a_small_grand_total_is_protected_by_the_whole_table(self):
        values, relations = table([[3, 0], [0, 0]])
        outcome = protect(values, relations, threshold=T)
        assert outcome.primary == {(0, 0), (0, 2), (2, 0), (2, 2)}
        bounds = attacker_bounds(values, relations, outcome.hidden)
        assert all(bounds[cell].protects(T) for cell in outcome.primary)


class TestAcrossReleases:
    """Two quarters published earlier (one-way each); now the year's totals join them into
    a two-way table. Rows: categories a, b, c and the total; columns: Q1, Q2, year."""

    def setup_method(self):
        self.values = {
            ("a", "q1"): 2, ("b", "q1"): 9, ("c", "q1"): 7, ("t", "q1"): 18,
            ("a", "q2"): 0, ("b", "q2"): 12, ("c", "q2"): 6, ("t", "q2"): 18,
            ("a", "y"): 2, ("b", "y"): 21, ("c", "y"): 13, ("t", "y"): 36,
        }  # fmt: skip
        self.relations = two_way([[(r, c) for c in ("q1", "q2", "y")] for r in "abct"])
        # What was published with each quarter (q1 protected its 2 with the 7).
        self.hidden_before = {("a", "q1"), ("c", "q1")}
        self.published_before = {("b", "q1"), ("t", "q1")} | {(r, "q2") for r in "abct"}

    def test_earlier_numbers_keep_their_state_and_the_small_one_stays_protected(self):
        outcome = protect(
            self.values,
            self.relations,
            threshold=T,
            published=self.published_before,
            hidden=self.hidden_before,
            sensitive={("a", "q1")},
        )
        assert outcome.hidden >= self.hidden_before
        assert not outcome.hidden & self.published_before
        assert outcome.primary == {("a", "q1"), ("a", "y")}
        bounds = attacker_bounds(self.values, self.relations, outcome.hidden)
        assert bounds[("a", "q1")].protects(T)
        assert bounds[("a", "y")].protects(T)
        assert not any(bounds[cell].pinned for cell in outcome.hidden)

    def test_publishing_the_year_naively_would_reveal_the_quarter(self):
        # The year's "a" row is 2 = q1 + 0: hiding only the small year cell is not enough.
        naive = self.hidden_before | {("a", "y")}
        bounds = attacker_bounds(self.values, self.relations, naive)
        assert bounds[("a", "q1")].pinned or not bounds[("a", "q1")].protects(T)
        assert bounds[("c", "q1")] == Interval(7.0, 7.0)  # the year's "c" pins it


class TestFailsClosed:
    def test_a_small_cell_whose_partners_are_all_published_cannot_be_protected(self):
        values, relations = row(2, 10)
        with pytest.raises(DisclosureError):
            protect(values, relations, threshold=T, published={"c1", "total"}, sensitive={"c0"})

    def test_a_cell_both_published_and_hidden_is_refused(self):
        values, relations = row(2, 10)
        with pytest.raises(ValueError):
            protect(values, relations, threshold=T, published={"c1"}, hidden={"c1"})


class TestAttacker:
    def test_an_unlinked_hidden_cell_is_unbounded(self):
        assert attacker_bounds({"x": 3}, [], {"x"}) == {"x": Interval(0.0, math.inf)}

    def test_interval_rules(self):
        assert Interval(0.0, 5.0).protects(5)
        assert not Interval(0.0, 4.0).protects(5)
        assert not Interval(1.0, 9.0).protects(5)
        assert Interval(3.0, 3.0).pinned and not Interval(0.0, 1.0).pinned

    def test_one_way_closed_form_agrees_with_linear_programming(self):
        rng = np.random.default_rng(20261125)
        for _ in range(20):
            cells = rng.integers(0, 9, size=5).tolist()
            values, relations = row(*cells)
            keys = list(values)
            hidden = {k for k in keys if rng.random() < 0.5}
            if not hidden:
                continue
            closed = attacker_bounds(values, relations, hidden)
            unknown = sorted(hidden)
            a_eq = np.array([[relations[0].coefficients()[k] for k in unknown]], dtype=float)
            shown = sum(relations[0].coefficients()[k] * values[k] for k in keys if k not in hidden)
            for k in unknown:
                c = np.array([1.0 if u == k else 0.0 for u in unknown])
                low = linprog(c, A_eq=a_eq, b_eq=[-shown], bounds=(0, None))
                high = linprog(-c, A_eq=a_eq, b_eq=[-shown], bounds=(0, None))
                assert closed[k].lower == pytest.approx(low.fun)
                assert closed[k].upper == (
                    math.inf if high.status == 3 else pytest.approx(-high.fun)
                )

    def test_whole_number_attacker_is_no_stronger_on_tables_with_margins(self):
        values, relations = table([[0, 3, 9], [6, 0, 8], [7, 9, 0]])
        hidden = protect(values, relations, threshold=T).hidden
        real = attacker_bounds(values, relations, hidden)
        whole = attacker_bounds(values, relations, hidden, integer=True)
        for cell in hidden:
            assert whole[cell].lower == pytest.approx(real[cell].lower)
            assert whole[cell].upper == pytest.approx(real[cell].upper)


def test_same_data_same_result():
    values, relations = table([[1, 2, 11], [4, 30, 0], [6, 5, 3]])
    first = protect(values, relations, threshold=T)
    again = protect(dict(reversed(values.items())), list(reversed(relations)), threshold=T)
    assert first == again


def test_no_django():
    """Like patterns/stats: the rules stand alone, so they can be read and tested alone."""
    from pathlib import Path

    import awaz.publishing.disclosure as package

    for module in Path(package.__file__).parent.glob("*.py"):
        text = module.read_text()
        assert "import django" not in text and "from django" not in text, module.name
