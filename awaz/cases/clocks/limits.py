"""Working-day calendar (English bank holidays) and the time limits in force on a date."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import lru_cache

import holidays as holidays_lib

from awaz.cases import workdays
from awaz.cases.models import TimeLimitSet

# Bank holidays ------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _england(first_year: int, last_year: int) -> frozenset[datetime.date]:
    years = list(range(first_year, last_year + 1))
    return frozenset(holidays_lib.country_holidays("GB", subdiv="ENG", years=years).keys())


def england_bank_holidays(years: Iterable[int]) -> frozenset[datetime.date]:
    """Bank holidays of England (with substitute days) for the span of ``years``, cached."""
    span = list(years)
    if not span:
        return frozenset()
    return _england(min(span), max(span))


def holidays_from(day: datetime.date, *, now: datetime.datetime) -> frozenset[datetime.date]:
    """Holidays from ``day``'s year to two years after now: enough for any deadline."""
    last = max(day.year, now.year) + 2
    return england_bank_holidays(range(min(day.year, now.year), last + 1))


def at_risk_horizon(now: datetime.datetime) -> datetime.datetime:
    """The end of the next working day after ``now`` (Europe/London): clocks due by then
    are at risk of breaching."""
    today = workdays.local_date(now)
    return workdays.add_working_days(now, 1, holidays=holidays_from(today, now=now))


# Time limits in force -----------------------------------------------------------------


def time_limit_sets() -> list[TimeLimitSet]:
    """Every version, newest first (a handful of rows)."""
    return list(TimeLimitSet.objects.order_by("-effective_from"))


def limits_in(sets: Sequence[TimeLimitSet], day: datetime.date) -> TimeLimitSet:
    """The newest of ``sets`` (newest first) in force on ``day``; the oldest for a day
    before any (the default row starts on 1 April 2021)."""
    if not sets:
        raise LookupError("no time limits configured")
    for row in sets:
        if row.effective_from <= day:
            return row
    return sets[-1]


def time_limits_on(day: datetime.date) -> TimeLimitSet:
    """The time limits in force on ``day``: the newest set with ``effective_from <= day``."""
    row = TimeLimitSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return row if row is not None else limits_in(time_limit_sets(), day)
