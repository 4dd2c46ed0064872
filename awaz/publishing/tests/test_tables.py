"""From counts to a release's cells (``tables.plan_release``), without the database."""

from __future__ import annotations

import pytest

from awaz.publishing.disclosure import attacker_bounds, two_way
from awaz.publishing.periods import Quarter
from awaz.publishing.tables import (
    FINANCIAL_YEAR,
    PRIMARY,
    QUARTER,
    SECONDARY,
    TOTAL,
    Category,
    PlannedCell,
    plan_release,
)

RACE, RELIGION, DISABILITY = (
    Category("race", "Race"),
    Category("religion", "Religion"),
    Category("disability", "Disability"),
)
LOCAL = Category("subculture", "Alternative subculture")


def counts(*pairs: tuple[Category, int]) -> dict:
    return {("strand", "partner"): list(pairs)}


def by_category(cells: list[PlannedCell], period_type: str = QUARTER) -> dict[str, PlannedCell]:
    return {c.category: c for c in cells if c.period_type == period_type}


def test_a_quarter_is_a_one_way_table_with_its_total():
    quarter = Quarter(2025, 1)
    cells = plan_release(
        quarter, counts((RACE, 20), (RELIGION, 3), (DISABILITY, 0)), suppress_below=5
    )
    found = by_category(cells)
    assert [c.category for c in cells] == ["race", "religion", "disability", TOTAL]
    assert [c.position for c in cells] == [0, 1, 2, 3]
    assert found[TOTAL].count == 23
    assert {c.period_start for c in cells} == {quarter.start}
    assert {c.period_end for c in cells} == {quarter.end}
    assert found["religion"].suppression == PRIMARY
    assert found["race"].suppression == SECONDARY  # 3 = 23 - 20 otherwise
    assert not found["disability"].hidden and not found[TOTAL].hidden


def test_year_totals_only_with_a_fourth_quarter():
    with pytest.raises(ValueError):
        plan_release(Quarter(2025, 3), counts((RACE, 9)), suppress_below=5, with_year=True)


def _publish_year(quarters: list[dict]) -> list[PlannedCell]:
    """Publish the four quarters of 2025-26 in order, as the service does."""
    published: list[PlannedCell] = []
    for number, counted in enumerate(quarters, start=1):
        published += plan_release(
            Quarter(2025, number),
            counted,
            suppress_below=5,
            earlier=published,
            with_year=number == 4,
        )
    return published


def test_the_fourth_quarter_adds_the_year_and_keeps_every_earlier_cell():
    quarters = [
        counts((RACE, 12), (RELIGION, 2), (DISABILITY, 7)),
        counts((RACE, 15), (RELIGION, 0), (DISABILITY, 6)),
        counts((RACE, 9), (RELIGION, 0), (DISABILITY, 8)),
        # A new local strand, first listed in the fourth quarter.
        counts((RACE, 11), (RELIGION, 1), (DISABILITY, 9), (LOCAL, 6)),
    ]
    first_three = _publish_year([*quarters[:3], counts((RACE, 1))])[:12]
    published = _publish_year(quarters)
    assert published[:12] == first_three  # earlier quarters are not changed by later ones
    year = by_category(published, FINANCIAL_YEAR)
    assert [c.category for c in sorted(year.values(), key=lambda c: c.position)] == [
        "race",
        "religion",
        "disability",
        "subculture",
        TOTAL,
    ]
    assert year["race"].count == 47
    assert year["religion"].count == 3
    assert year["subculture"].count == 6  # absent earlier: nothing then
    assert year[TOTAL].count == 47 + 3 + 30 + 6
    assert year["religion"].suppression == PRIMARY

    # Every small number of the year and its quarters stays protected, and no hidden
    # number is pinned, using every relation of the year's two-way table.
    values = {(c.period_type, c.period_start, c.category): c.count for c in published}
    codes = ["race", "religion", "disability", "subculture", TOTAL]
    grid = []
    for code in codes:
        row = []
        for number in (1, 2, 3, 4):
            key = (QUARTER, Quarter(2025, number).start, code)
            values.setdefault(key, 0)  # subculture before Q4: shown by omission as 0
            row.append(key)
        row.append((FINANCIAL_YEAR, Quarter(2025, 1).start, code))
        grid.append(row)
    hidden = {(c.period_type, c.period_start, c.category) for c in published if c.hidden}
    bounds = attacker_bounds(values, two_way(grid), hidden)
    for cell in published:
        key = (cell.period_type, cell.period_start, cell.category)
        if cell.suppression == PRIMARY:
            assert bounds[key].lower <= 0 and bounds[key].upper >= 5, key
        if cell.hidden:
            assert not bounds[key].pinned, key
