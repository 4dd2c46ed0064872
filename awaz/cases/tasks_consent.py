"""Periodic job: turn reporters' consent withdrawals into tasks for the organisations that
hold their case (scheduled in ``CELERY_BEAT_SCHEDULE``; imported by ``cases.tasks`` so the
worker finds it)."""

from celery import shared_task

from awaz.cases.services.consent import consent_withdrawal_tasks_create


@shared_task(name="awaz.cases.tasks_consent.consent_withdrawal_tasks")
def consent_withdrawal_tasks() -> int:
    """Create the missing "consent withdrawn" tasks; return how many were created."""
    return len(consent_withdrawal_tasks_create())
