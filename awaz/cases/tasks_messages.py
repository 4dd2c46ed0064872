"""Background e-mail to a reporter: "you have a new message" (queued after commit by
``services.messages``; imported by ``cases.tasks`` so the worker finds it)."""

from celery import shared_task

from awaz.cases.services.messages import new_message_email_send


@shared_task(name="awaz.cases.tasks_messages.send_new_message_email")
def send_new_message_email(report_id: int, followup_url: str) -> bool:
    """E-mail the reporter that a message is waiting; the arguments hold no personal data."""
    return new_message_email_send(report_id=report_id, followup_url=followup_url)
