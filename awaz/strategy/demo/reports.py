"""The demo's quarterly reports: those the daily job would have made since the demo
strategy began, one for each quarter of it that has ended.

The job (``tasks.quarterly_reports_periodic``) runs every morning and asks for the latest
complete quarter's report once; here the same service, ``quarterly_reports_periodic``, is
called as on the day after each ended quarter, oldest first, and each report it asks for is
made at once by the job's own ``quarterly_report_make`` (the queued job that also follows
the commit finds it ready and leaves it, as it does when run twice). Each report describes
its quarter as the plan stood at the end of it, so making them now gives what the job
would have given then; they are dated today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from awaz.strategy.models import QuarterlyReport, Strategy
from awaz.strategy.reports.content import complete_quarters
from awaz.strategy.services.quarterly import quarterly_report_make, quarterly_reports_periodic

DAY = datetime.timedelta(days=1)


def demo_quarterly_reports_seed(
    *, today: datetime.date | None = None, progress: Callable[[str], None] | None = None
) -> list[QuarterlyReport]:
    """Make the demo strategy's reports on its ended quarters (none if there is no demo
    strategy, and none twice: the job asks once per quarter). Returns the reports made."""
    today = today or timezone.localdate()
    say = progress or (lambda _message: None)
    strategy = Strategy.objects.filter(is_demo=True).order_by("pk").first()
    if strategy is None:
        return []
    quarters = complete_quarters(strategy, today=today)[::-1]
    say(f"Quarterly reports: {len(quarters)} ended quarters, as the daily job makes them")
    made: list[QuarterlyReport] = []
    for quarter in quarters:
        for report in quarterly_reports_periodic(today=quarter.end + DAY):
            quarterly_report_make(report.pk)
            report.refresh_from_db()
            made.append(report)
    return made
