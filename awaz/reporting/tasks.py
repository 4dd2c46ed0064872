"""Periodic jobs of the reporting app (scheduled in ``CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from awaz.reporting.services.drafts import drafts_purge_expired


@shared_task(name="awaz.reporting.tasks.purge_expired_drafts")
def purge_expired_drafts() -> int:
    """Delete report drafts past their expiry, with their evidence files; return how many."""
    return drafts_purge_expired()


@shared_task(name="awaz.reporting.tasks.send_followup_code")
def send_followup_code(report_id: int, sealed_code: str, followup_url: str) -> bool:
    """E-mail a re-issued follow-up code (see ``services.followup.followup_code_send``)."""
    from awaz.reporting.services.followup import followup_code_send

    return followup_code_send(
        report_id=report_id, sealed_code=sealed_code, followup_url=followup_url
    )


@shared_task(name="awaz.reporting.tasks.facts_statistics")
def facts_statistics() -> None:
    """Refresh the planner's statistics daily (``services.facts.facts_statistics_refresh``)."""
    from awaz.reporting.services.facts import facts_statistics_refresh

    facts_statistics_refresh()
