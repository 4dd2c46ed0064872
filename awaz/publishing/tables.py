"""From a quarter's counts to the cells of its release: which tables exist, how their numbers
relate, and which are hidden (``disclosure.protect``). No database access, so the attacker
test can publish many quarters quickly.

The published tables, for each named table (strand, local authority, incident type) and
each recorder (police-recorded, partner-recorded), never added together:

- every quarter: one count per category and the quarter's total (a one-way table);
- with the fourth quarter of a financial year whose four quarters are all published: the
  year's count per category and the year's total. The year's table is then a two-way table
  (categories by quarters) with both margins, and its four quarter columns are the numbers
  published before, which stay as they were: the year's cells are chosen so that every cell
  hidden in any of its quarters stays protected.

Nothing else is published: no total across recorders or named tables, no running totals,
and no revision of a published quarter, so these are every relation an attacker can use.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from awaz.publishing import disclosure
from awaz.publishing.periods import Quarter

TOTAL = "total"
QUARTER = "quarter"
FINANCIAL_YEAR = "financial_year"
PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class Category:
    code: str
    label: str


# (table, recorded_by) -> the categories in order, each with its count.
Counts = Mapping[tuple[str, str], Sequence[tuple[Category, int]]]

CellKey = tuple[str, str, str, datetime.date, str]


@dataclass(frozen=True)
class PlannedCell:
    """One number of a release (mirrors ``models.ReleaseCell``)."""

    table: str
    recorded_by: str
    period_type: str
    period_start: datetime.date
    period_end: datetime.date
    category: str
    label: str
    position: int
    count: int
    suppression: str = ""

    @property
    def key(self) -> CellKey:
        return (self.table, self.recorded_by, self.period_type, self.period_start, self.category)

    @property
    def hidden(self) -> bool:
        return bool(self.suppression)


def _quarter_cells(
    quarter: Quarter, table: str, recorded_by: str, counted: Sequence[tuple[Category, int]]
) -> list[PlannedCell]:
    cells = [
        PlannedCell(table, recorded_by, QUARTER, quarter.start, quarter.end, c.code, c.label, i, n)
        for i, (c, n) in enumerate(counted)
    ]
    total = sum(n for _c, n in counted)
    end = quarter.end
    cells.append(
        PlannedCell(
            table, recorded_by, QUARTER, quarter.start, end, TOTAL, "Total", len(counted), total
        )
    )
    return cells


def _year_table(
    quarter: Quarter, new: Sequence[PlannedCell], earlier: Sequence[PlannedCell]
) -> tuple[list[PlannedCell], list[disclosure.Relation], dict[CellKey, int], set[CellKey]]:
    """The financial year's cells and the two-way table linking them to its quarters.
    Returns the year's cells, the relations, the values of cells absent from a quarter
    (categories it did not list: zeros, shown by omission) and their keys."""
    table, recorded_by = new[0].table, new[0].recorded_by
    year = quarter.year
    by_key = {c.key: c for c in (*earlier, *new)}
    order: dict[str, tuple[int, str]] = {}
    # This quarter's categories in its order, then any only earlier quarters listed.
    latest_first = sorted(earlier, key=lambda c: (-c.period_start.toordinal(), c.position))
    for cell in (*new, *latest_first):
        if cell.category != TOTAL:
            order.setdefault(cell.category, (len(order), cell.label))
    categories = [*order, TOTAL]
    quarters = year.quarters()
    absent: dict[CellKey, int] = {}
    grid: list[list[CellKey]] = []
    year_cells: list[PlannedCell] = []
    for position, code in enumerate(categories):
        row: list[CellKey] = []
        count = 0
        for q in quarters:
            key = (table, recorded_by, QUARTER, q.start, code)
            if key not in by_key:
                absent[key] = 0
            else:
                count += by_key[key].count
            row.append(key)
        label = order[code][1] if code != TOTAL else "Total"
        cell = PlannedCell(
            table, recorded_by, FINANCIAL_YEAR, year.start, year.end, code, label, position, count
        )
        year_cells.append(cell)
        row.append(cell.key)
        grid.append(row)
    return year_cells, disclosure.two_way(grid), absent, set(absent)


def plan_release(
    quarter: Quarter,
    counts: Counts,
    *,
    suppress_below: int,
    earlier: Iterable[PlannedCell] = (),
    with_year: bool = False,
) -> list[PlannedCell]:
    """Every cell of the release of ``quarter``, with its suppression decided.

    ``earlier`` holds the cells already published for the earlier quarters of the same
    financial year; ``with_year`` (fourth quarter, all four published) adds the year's
    totals. Raises ``disclosure.DisclosureError`` when protection is impossible.
    """
    if with_year and quarter.number != 4:
        raise ValueError("a financial year's totals come with its fourth quarter")
    earlier_by_table: dict[tuple[str, str], list[PlannedCell]] = {}
    for cell in earlier:
        if cell.period_type == QUARTER and cell.period_start < quarter.start:
            earlier_by_table.setdefault((cell.table, cell.recorded_by), []).append(cell)
    planned: list[PlannedCell] = []
    for (table, recorded_by), counted in counts.items():
        new = _quarter_cells(quarter, table, recorded_by, counted)
        values = {c.key: c.count for c in new}
        relations = disclosure.one_way([c.key for c in new[:-1]], new[-1].key)
        published: set[CellKey] = set()
        hidden: set[CellKey] = set()
        sensitive: set[CellKey] = set()
        if with_year:
            before = earlier_by_table.get((table, recorded_by), [])
            year_cells, relations, absent, zeros = _year_table(quarter, new, before)
            new = new + year_cells
            values |= {c.key: c.count for c in (*before, *year_cells)} | absent
            published = {c.key for c in before if not c.hidden} | zeros
            hidden = {c.key for c in before if c.hidden}
            sensitive = {c.key for c in before if c.suppression == PRIMARY}
        outcome = disclosure.protect(
            values,
            relations,
            threshold=suppress_below,
            published=published,
            hidden=hidden,
            sensitive=sensitive,
        )
        for cell in new:
            if cell.key in outcome.primary:
                planned.append(replace(cell, suppression=PRIMARY))
            elif cell.key in outcome.hidden:
                planned.append(replace(cell, suppression=SECONDARY))
            else:
                planned.append(cell)
    return planned
