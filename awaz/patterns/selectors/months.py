"""Calendar months for the dashboard's counts, and a ledger that counts whole months from
one source and the remaining days from another.

``MonthlyCount`` holds incidents per month, area and strand, so a count over whole calendar
months costs a few thousand rows instead of hundreds of thousands of facts. A period rarely
starts on the 1st, so the ledger cuts each range at month ends: months a range covers whole
come from the monthly counts, the days of part-covered months from the facts. Both are
written in the report's transaction, so the two ways always agree. No Django here: the
caller passes the two ways of counting.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable

Range = tuple[datetime.date, datetime.date]


def add_months(month: datetime.date, n: int) -> datetime.date:
    """The first day of the month ``n`` months after (negative: before) ``month``."""
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_last(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def merge_ranges(ranges: list[Range]) -> list[Range]:
    """The same days as ``ranges``, as sorted ranges that neither overlap nor touch."""
    merged: list[Range] = []
    for lo, hi in sorted(r for r in ranges if r[0] <= r[1]):
        if merged and lo <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def month_parts(lo: datetime.date, hi: datetime.date, whole: bool) -> list[tuple[Range, bool]]:
    """``lo``..``hi`` cut at month ends, each part marked whether it is a whole month
    (never, unless ``whole`` months may be counted as such)."""
    parts = []
    month = lo.replace(day=1)
    while month <= hi:
        last = month_last(month)
        if whole and lo <= month and last <= hi:
            parts.append(((month, last), True))
        else:
            parts.append(((max(lo, month), min(hi, last)), False))
        month = add_months(month, 1)
    return parts


def whole_months(lo: datetime.date, hi: datetime.date) -> tuple[list[datetime.date], list[Range]]:
    """The months ``lo``..``hi`` covers whole, and the days left over as ranges."""
    months, rest = [], []
    for (first, last), whole in month_parts(lo, hi, True):
        if whole:
            months.append(first)
        else:
            rest.append((first, last))
    return months, merge_ranges(rest)


class Ledger:
    """Counts in each of ``ranges``: a month a range covers whole from ``by_month`` (when
    ``whole``), every other day from ``by_day``, asked once per stretch of days.

    ``by_month(months)`` returns ``{month: n}``; ``by_day(first, last)`` returns
    ``{day: n}`` for the days from ``first`` to ``last``."""

    def __init__(
        self,
        ranges: list[Range],
        *,
        whole: bool,
        by_month: Callable[[list[datetime.date]], dict[datetime.date, int]],
        by_day: Callable[[datetime.date, datetime.date], dict[datetime.date, int]],
    ) -> None:
        self.whole = whole
        wanted: set[datetime.date] = set()
        days: list[Range] = []
        for lo, hi in ranges:
            for (first, last), is_whole in month_parts(lo, hi, whole):
                if is_whole:
                    wanted.add(first)
                else:
                    days.append((first, last))
        self.monthly = by_month(sorted(wanted)) if wanted else {}
        self.daily: dict[datetime.date, int] = {}
        for first, last in merge_ranges(days):
            self.daily.update(by_day(first, last))

    def _days(self, first: datetime.date, last: datetime.date) -> int:
        return sum(n for day, n in self.daily.items() if first <= day <= last)

    def by_month(self, lo: datetime.date, hi: datetime.date) -> dict[datetime.date, int]:
        """Counts per month (first day) in ``lo``..``hi``, one of the ranges given."""
        return {
            first.replace(day=1): self.monthly.get(first, 0) if whole else self._days(first, last)
            for (first, last), whole in month_parts(lo, hi, self.whole)
        }

    def by_week(self, lo: datetime.date, hi: datetime.date) -> dict[datetime.date, int]:
        """Counts per ISO week (Monday) in ``lo``..``hi`` (a ledger without whole months)."""
        weeks: dict[datetime.date, int] = defaultdict(int)
        for day, n in self.daily.items():
            if lo <= day <= hi:
                weeks[day - datetime.timedelta(days=day.weekday())] += n
        return weeks

    def total(self, lo: datetime.date, hi: datetime.date) -> int:
        return sum(self.by_month(lo, hi).values())
