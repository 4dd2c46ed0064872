"""Two-way messages between caseworkers and the reporter, through the follow-up code.

- A caseworker writes (``message_to_reporter_send``); the reporter reads it on their
  follow-up pages. If the reporter gave an e-mail address and consent to be contacted, an
  e-mail says only that there is a new message, with the follow-up link: no message text,
  no reference, nothing about the report. It is queued after commit.
- The reporter answers (``message_from_reporter_receive``); the case owner is notified.
- Who may read and write on the staff side (``messages_allowed``): the lead organisation,
  or an organisation holding an accepted referral that sees the full report now (messages
  are the reporter's own words: personal data that an anonymised view hides).
- A reporter sees only the messages of their own report, never those of another report
  in the same case (that may be another person).
- The timeline records that a message went or came (``details``: ``message_id``,
  ``report_id``), never its text: the text is shown only on the messages page, to those
  ``messages_allowed`` lets in, with a ``MESSAGE_READ`` audit row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from awaz.audit.events import AuditEventType
from awaz.audit.services import PUBLIC, audit_record
from awaz.cases.access import is_lead, require, user_can
from awaz.cases.models import (
    Case,
    CaseEvent,
    CaseReport,
    EventKind,
    Message,
    MessageDirection,
    ReferralStatus,
)
from awaz.cases.selectors_messages import ThreadMessage, messages_unread, thread_with_read_times
from awaz.cases.services.notifications import notify_reporter_message
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.cases.sharing import ViewLevel, case_primary_report, view_level_for, viewer_referral
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.partners.selectors import membership_for_user
from awaz.reporting.models import ConsentPurpose, RecipientKind, Report
from awaz.reporting.selectors import consent_allows

MAX_MESSAGE_CHARS = 5000


class MessageEmpty(ApplicationError):
    default_message = gettext_lazy("Enter your message")


def messages_allowed(*, user: Any, case: Case) -> bool:
    """Whether ``user`` (already authorised to see ``case``) may read and write the
    messages with the reporter."""
    if not user_can(user, "case.message"):
        return False
    if is_lead(user, case):
        return True
    referral = viewer_referral(user=user, case=case)
    if referral is None or referral.status != ReferralStatus.ACCEPTED:
        return False
    level, _reason = view_level_for(user=user, case=case)
    return level == ViewLevel.FULL


def message_list_for_case(*, case: Case) -> QuerySet[Message]:
    """The case's messages, oldest first, with the writer and their organisation."""
    return (
        Message.objects.filter(case=case)
        .select_related("sent_by", "organisation", "report")
        .order_by("sent_at", "id")
    )


def reporter_can_be_emailed(report: Report) -> bool:
    """An e-mail may say "you have a new message" only to a reporter who gave an address
    and consent to be contacted (in force now)."""
    return bool(
        not report.is_anonymous
        and report.contact_email
        and consent_allows(
            report=report,
            purpose=ConsentPurpose.CONTACT,
            recipient=RecipientKind.RECEIVING_ORGANISATION,
        )
    )


def new_message_email_send(*, report_id: int, followup_url: str) -> bool:
    """Send "you have a new message" (run by a background job). Asks again whether the
    reporter may be e-mailed, since consent can be withdrawn in between. The e-mail holds
    no message text, no reference and nothing about the report."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not reporter_can_be_emailed(report):
        return False
    context = {"followup_url": followup_url, "service_name": settings.AWAZ_SERVICE_NAME}
    send_mail(
        render_to_string("cases/messages/email/new_message_subject.txt", context).strip(),
        render_to_string("cases/messages/email/new_message.txt", context),
        None,
        [report.contact_email],
    )
    return True


def _queue_new_message_email(*, report_id: int, followup_url: str) -> None:
    from awaz.cases.tasks_messages import send_new_message_email

    send_new_message_email.delay(report_id, followup_url)


@transaction.atomic(durable=True)
def message_to_reporter_send(
    *,
    case: Case,
    body: str,
    followup_url: str,
    actor: Any,
    report: Report | None = None,
    at: datetime.datetime | None = None,
) -> Message:
    """A caseworker's message to the reporter of ``report`` (default: the primary report),
    read through their follow-up code. ``followup_url`` is the absolute address of the
    follow-up start page, for the e-mail. ``at`` (default now) is for demo data and imports only."""
    require(actor, "case.message")
    if not messages_allowed(user=actor, case=case):
        raise PermissionDenied()
    body = body.strip()
    if not body:
        raise MessageEmpty()
    if report is None:
        report = case_primary_report(case)
    elif not CaseReport.objects.filter(case=case, report=report).exists():
        report = None
    if report is None:
        raise NotFound()
    membership = membership_for_user(actor)
    now = at or timezone.now()
    message = Message.objects.create(
        case=case,
        report=report,
        direction=MessageDirection.TO_REPORTER,
        body=body,
        sent_at=now,
        sent_by=actor,
        organisation_id=membership.organisation_id if membership else None,
    )
    case_audit(
        event_type=AuditEventType.MESSAGE_SENT,
        case_id=case.pk,
        user=actor,
        details={"message_id": message.pk, "report_id": report.pk, "characters": len(body)},
    )
    case_event_record(
        case=case,
        kind=EventKind.MESSAGE_TO_REPORTER,
        user=actor,
        details={"message_id": message.pk, "report_id": report.pk},
        occurred_at=now,
    )
    if reporter_can_be_emailed(report):
        report_id = report.pk
        transaction.on_commit(
            lambda: _queue_new_message_email(report_id=report_id, followup_url=followup_url)
        )
    return message


def case_for_report(report: Report) -> Case | None:
    link = CaseReport.objects.select_related("case").filter(report=report).first()
    return link.case if link is not None else None


@transaction.atomic(durable=True)
def message_from_reporter_receive(
    *, report: Report, body: str, at: datetime.datetime | None = None
) -> Message:
    """The reporter's answer, written on their follow-up page (signed in with the code).
    ``at`` (default now) is for demo data and imports only."""
    body = body.strip()
    if not body:
        raise MessageEmpty()
    case = case_for_report(report)
    if case is None:
        raise NotFound()
    now = at or timezone.now()
    message = Message.objects.create(
        case=case,
        report=report,
        direction=MessageDirection.FROM_REPORTER,
        body=body,
        sent_at=now,
    )
    case_audit(
        event_type=AuditEventType.MESSAGE_RECEIVED,
        case_id=case.pk,
        details={"message_id": message.pk, "report_id": report.pk, "characters": len(body)},
    )
    case_event_record(
        case=case,
        kind=EventKind.MESSAGE_FROM_REPORTER,
        details={"message_id": message.pk, "report_id": report.pk},
        occurred_at=now,
    )
    notify_reporter_message(message)  # e-mails after commit
    return message


@transaction.atomic(durable=True)
def messages_read_by_reporter(*, report: Report) -> int:
    """The reporter opened their messages: the ``MESSAGE_READ`` audit row listing the
    caseworkers' messages they had not read yet is the record that they read them (written
    once per opening that found unread ones; nothing else is written). Returns how many."""
    unread = messages_unread(
        messages=Message.objects.filter(report=report, direction=MessageDirection.TO_REPORTER)
    )
    ids = [message.pk for message in unread]
    if not ids:
        return 0
    audit_record(
        event_type=AuditEventType.MESSAGE_READ,
        actor=PUBLIC,
        target_type="reporting.report",
        target_id=report.pk,
        details={"message_ids": ids, "by": "reporter"},
    )
    return len(ids)


@transaction.atomic(durable=True)
def messages_open_for_staff(*, case: Case, user: Any) -> list[ThreadMessage]:
    """A caseworker opens the messages with the reporter: authorise, read, and audit the
    view, in one transaction. The audit row lists the reporter's messages read for the
    first time (``newly_read``): that is the record that staff read them, so nothing else
    is written. Each message comes with when the reporter read it (for caseworkers' ones)."""
    require(user, "case.message")
    if not messages_allowed(user=user, case=case):
        raise PermissionDenied()
    thread = thread_with_read_times(messages=message_list_for_case(case=case))
    unread = [
        item.message.pk
        for item in thread
        if item.message.direction == MessageDirection.FROM_REPORTER and item.read_at is None
    ]
    case_audit(
        event_type=AuditEventType.MESSAGE_READ,
        case_id=case.pk,
        user=user,
        details={"messages": len(thread), "newly_read": unread, "by": "staff"},
    )
    return thread


# What the reporter sees -----------------------------------------------------------------


def reporter_messages(*, report: Report) -> list[Message]:
    """The messages of this report only (not of other reports in the same case)."""
    return list(
        Message.objects.filter(report=report)
        .select_related("organisation")
        .order_by("sent_at", "id")
    )


def reporter_shared_notes(*, report: Report) -> list[CaseEvent]:
    """Notes the caseworkers shared with the reporter: those naming this report in
    ``details["report_id"]``, and, for the case's primary report, those naming none."""
    link = CaseReport.objects.filter(report=report).first()
    if link is None:
        return []
    events = CaseEvent.objects.filter(
        case_id=link.case_id, shared_with_reporter=True, kind=EventKind.NOTE
    ).order_by("-occurred_at", "-id")
    shown = []
    for event in events:
        named = (event.details or {}).get("report_id")
        if named == report.pk or (named is None and link.is_primary):
            shown.append(event)
    return shown
