"""What the dashboard's user picked (``Filters``) and the area tree the area filter expands
through. Shared by the dashboard's counts (``dashboard.py``), areas of concern and hot spots
(``concern.py``), the near-repeat runs and the export."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from awaz.geo.models import Area

# The period the dashboard opens on: the last 12 months to today.
DEFAULT_DAYS = 365
# A period up to this long is charted by ISO week, a longer one by month.
WEEKLY_UP_TO_DAYS = 26 * 7


def year_earlier(day: datetime.date, years: int = 1) -> datetime.date:
    """The same calendar day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Filters:
    """What the user picked. Empty tuples mean "all"; several values mean "any of"."""

    start: datetime.date
    end: datetime.date
    strands: tuple[int, ...] = ()
    area: int | None = None
    incident_types: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Filled by ``area_scope``: the chosen area and every area inside it.
    area_ids: tuple[int, ...] = field(default=(), compare=False)

    @classmethod
    def default(cls, today: datetime.date) -> Filters:
        return cls(start=today - datetime.timedelta(days=DEFAULT_DAYS - 1), end=today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weekly(self) -> bool:
        return self.days <= WEEKLY_UP_TO_DAYS

    def last_year(self) -> Filters:
        """The same period a year earlier."""
        return replace(self, start=year_earlier(self.start), end=year_earlier(self.end))

    def with_area_scope(self) -> Filters:
        if self.area is None:
            return replace(self, area_ids=())
        return replace(self, area_ids=tuple(area_scope(self.area)))


@dataclass(frozen=True)
class AreaRow:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    population: int | None


def area_rows() -> dict[int, AreaRow]:
    """Every area without its boundary (a few hundred rows at most)."""
    return {
        row[0]: AreaRow(*row)
        for row in Area.objects.values_list(
            "id", "code", "name", "level", "parent_id", "population"
        )
    }


def area_scope(area_id: int, rows: dict[int, AreaRow] | None = None) -> list[int]:
    """``area_id`` and every area inside it, at any depth."""
    rows = rows if rows is not None else area_rows()
    children: dict[int | None, list[int]] = defaultdict(list)
    for row in rows.values():
        children[row.parent_id].append(row.id)
    found, stack = [], [area_id]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found
