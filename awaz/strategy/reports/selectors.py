"""Reading the quarterly reports: a strategy's reports, newest quarter first, and when the
daily job will make the next one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from awaz.core.quarters import Quarter
from awaz.strategy.models import QuarterlyReport, Strategy

LIST_LIMIT = 100
# The daily job's entry in CELERY_BEAT_SCHEDULE (services.quarterly.quarterly_reports_periodic).
SCHEDULE_ENTRY = "strategy-quarterly-reports"


def quarterly_report_list(strategy: Strategy) -> QuerySet[QuarterlyReport]:
    """The strategy's reports (one query, whoever asked for them), newest quarter first and,
    within a quarter, the latest asked for first."""
    return (
        QuarterlyReport.objects.filter(strategy=strategy)
        .select_related("requested_by")
        .order_by("-quarter_start", "-created_at", "-id")[:LIST_LIMIT]
    )


@dataclass(frozen=True)
class NextReport:
    """The report the daily job will make next: its quarter and when (local time)."""

    quarter: Quarter
    at: datetime.datetime


def _runs_on(schedule: Any, day: datetime.date) -> bool:
    return (
        day.month in schedule.month_of_year
        and day.day in schedule.day_of_month
        and day.isoweekday() % 7 in schedule.day_of_week  # crontab counts Sunday as 0
    )


def _next_run(schedule: Any, start: datetime.datetime) -> datetime.datetime | None:
    """The first time at or after ``start`` when the job's ``crontab`` fires (in the local
    time zone, which is ``CELERY_TIMEZONE``), within a year."""
    start = timezone.localtime(start)
    for offset in range(367):
        day = start.date() + datetime.timedelta(days=offset)
        if not _runs_on(schedule, day):
            continue
        for hour in sorted(schedule.hour):
            for minute in sorted(schedule.minute):
                at = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(hour, minute))
                )
                if at >= start:
                    return at
    return None


def _covers(strategy: Strategy, quarter: Quarter) -> bool:
    return strategy.starts_on <= quarter.end and strategy.ends_on >= quarter.start


def quarterly_report_next(strategy: Strategy, *, now: datetime.datetime) -> NextReport | None:
    """When the daily job will next make a report for ``strategy``, and on which quarter.

    At each run the job makes the latest complete quarter's report if the strategy covers
    that quarter and has none on it yet, in any state. So the next report is that quarter's
    at the next run if it is still missing then, else the following quarter's at the first
    run after that quarter ends. None when the strategy has no quarter left to report on or
    the job is not scheduled.
    """
    entry = settings.CELERY_BEAT_SCHEDULE.get(SCHEDULE_ENTRY)
    if entry is None:
        return None
    schedule = entry["schedule"]
    run = _next_run(schedule, now)
    if run is None:
        return None
    quarter = Quarter.latest_complete(run.date())
    if (
        _covers(strategy, quarter)
        and not QuarterlyReport.objects.filter(
            strategy=strategy, quarter_start=quarter.start
        ).exists()
    ):
        return NextReport(quarter=quarter, at=run)
    quarter = max(quarter.shift(1), Quarter.of(strategy.starts_on))
    if not _covers(strategy, quarter):
        return None
    day_after = quarter.end + datetime.timedelta(days=1)
    run = _next_run(
        schedule, timezone.make_aware(datetime.datetime.combine(day_after, datetime.time()))
    )
    return None if run is None else NextReport(quarter=quarter, at=run)
