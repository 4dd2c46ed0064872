"""Background and periodic jobs of the strategy app (the periodic one is scheduled in
``CELERY_BEAT_SCHEDULE``). Arguments hold ids only; each job is safe to run twice."""

from celery import shared_task

from awaz.strategy.services.quarterly import quarterly_report_make as make
from awaz.strategy.services.quarterly import quarterly_reports_periodic


@shared_task(name="awaz.strategy.tasks.quarterly_report_make")
def quarterly_report_make(report_id: int) -> str:
    """Make a queued quarterly report (queued after the request commits). A report already
    ready or failed is left as it is."""
    return make(report_id)


@shared_task(name="awaz.strategy.tasks.quarterly_reports_periodic")
def quarterly_reports_periodic_run() -> list[int]:
    """Daily: queue the latest complete quarter's report where there is none yet (once per
    strategy and quarter); the ids of the reports queued."""
    return [report.pk for report in quarterly_reports_periodic()]
