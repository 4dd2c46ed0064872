"""Working-day arithmetic for time limits. Pure functions: no Django, no database.

A working day is a weekday that is not a bank holiday (the caller passes the holidays, see
``awaz.cases.clocks.england_bank_holidays``). A deadline of "n working days" falls at the
END of the nth working day after the day the clock starts, in local time (Europe/London):
a report received on a Friday evening, plus 2 working days, is due by the end of Tuesday.
The day the clock starts never counts, whether or not it is a working day. Local dates and
times go through ``zoneinfo``, so the change to and from British Summer Time is handled.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from zoneinfo import ZoneInfo

LONDON = "Europe/London"
END_OF_DAY = datetime.time(23, 59, 59, 999999)


def is_working_day(d: datetime.date, holidays: Collection[datetime.date]) -> bool:
    """Monday to Friday, and not a bank holiday."""
    return d.weekday() < 5 and d not in holidays


def local_date(moment: datetime.datetime, tz: str = LONDON) -> datetime.date:
    """The calendar date of an aware ``moment`` in ``tz``."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(ZoneInfo(tz)).date()


def end_of_day(d: datetime.date, tz: str = LONDON) -> datetime.datetime:
    """23:59:59.999999 local time on ``d`` (aware, in ``tz``)."""
    return datetime.datetime.combine(d, END_OF_DAY, tzinfo=ZoneInfo(tz))


def next_working_day(d: datetime.date, holidays: Collection[datetime.date]) -> datetime.date:
    """The first working day strictly after ``d``."""
    day = d + datetime.timedelta(days=1)
    while not is_working_day(day, holidays):
        day += datetime.timedelta(days=1)
    return day


def working_day_on_or_after(d: datetime.date, holidays: Collection[datetime.date]) -> datetime.date:
    """``d`` if it is a working day, else the next one."""
    return d if is_working_day(d, holidays) else next_working_day(d, holidays)


def add_working_days_to_date(
    d: datetime.date, n: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The nth working day after ``d`` (``d`` itself never counts). ``n`` 0 gives ``d`` if
    it is a working day, else the next working day."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return working_day_on_or_after(d, holidays)
    day = d
    for _ in range(n):
        day = next_working_day(day, holidays)
    return day


def add_working_days(
    start: datetime.datetime,
    n: int,
    *,
    holidays: Collection[datetime.date],
    tz: str = LONDON,
) -> datetime.datetime:
    """The end (23:59:59.999999 local) of the nth working day after ``start``'s local date.

    ``start`` must be aware. ``n`` 0 means the end of the start day if it is a working day,
    else the end of the next working day. The result is aware, in ``tz``.
    """
    return end_of_day(add_working_days_to_date(local_date(start, tz), n, holidays), tz)


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """How many working days fall after ``start`` up to and including ``end``; negative
    when ``end`` is before ``start``. The inverse of ``add_working_days_to_date``:
    ``working_days_between(d, add_working_days_to_date(d, n, h), h) == n`` for n >= 1."""
    if end < start:
        return -working_days_between(end, start, holidays)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count
