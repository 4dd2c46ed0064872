"""Background and periodic jobs of the cases app (periodic ones scheduled in
``CELERY_BEAT_SCHEDULE``). Arguments hold ids only, never personal data; each job is safe to
run twice."""

from celery import shared_task

from awaz.cases.services.notifications import (
    notification_send,
    notifications_send_digests,
    notify_overdue_tasks,
    notify_risk_reviews_due,
)


@shared_task(name="awaz.cases.tasks.send_notification")
def send_notification(notification_id: int) -> bool:
    """E-mail one notice straight away (queued after the raising transaction commits)."""
    return notification_send(notification_id=notification_id)


@shared_task(name="awaz.cases.tasks.notify_overdue_tasks")
def overdue_tasks() -> int:
    """Daily: a notice for each task past its due date (once per task)."""
    return notify_overdue_tasks()


@shared_task(name="awaz.cases.tasks.notify_risk_reviews_due")
def risk_reviews_due() -> int:
    """Daily: a notice for each open case whose risk review is due (once per assessment)."""
    return notify_risk_reviews_due()


@shared_task(name="awaz.cases.tasks.send_notification_digests")
def send_digests() -> int:
    """Daily: one summary e-mail per user who chose the digest."""
    return notifications_send_digests()


# Jobs kept in their own modules; imported here so the worker's autodiscovery finds them.
from awaz.cases.tasks_consent import consent_withdrawal_tasks  # noqa: E402, F401
from awaz.cases.tasks_messages import send_new_message_email  # noqa: E402, F401
