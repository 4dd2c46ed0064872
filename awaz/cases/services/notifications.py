"""Notifications for staff: a row per notice, e-mailed straight away or in a daily digest.

An e-mail carries only the kind of notice and a link (``AWAZ_BASE_URL`` + the row's path),
never personal data: the reader signs in to see more. Immediate e-mails are queued in
``transaction.on_commit``, so a change that rolls back notifies nobody.

Helpers other services call, inside their own transaction (each raises a notice at most
once per recipient, through ``source_key``):

- ``notify_referral_received(referral)``: the receiving organisation's caseworkers.
- ``notify_task_assigned(task)``: the assignee, or the assigned organisation's caseworkers.
- ``notify_high_risk(case)``: the lead organisation's caseworkers (once per assessment).
- ``notify_reporter_message(message)``: the case owner, or the lead organisation's
  caseworkers when the case has no owner.

Periodic jobs (``awaz.cases.tasks``, scheduled in ``CELERY_BEAT_SCHEDULE``), each safe to
run again: ``notify_overdue_tasks``, ``notify_risk_reviews_due``, ``notifications_send_digests``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import CASEWORKERS
from awaz.cases.models import (
    Case,
    CaseStatus,
    Message,
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationPreference,
    Referral,
    RiskAssessment,
    Task,
)
from awaz.partners.models import Membership
from awaz.reporting.services.triage import staff_actor

# Unsent notices older than this go out with the next digest whatever the user's choice
# (the immediate e-mail failed or its job was lost).
STALE_AFTER = datetime.timedelta(hours=1)


# Links ----------------------------------------------------------------------------------


def _path(names: Iterable[str], args: Iterable[Any] = ()) -> str:
    """The first of the URL ``names`` that exists; the notifications page otherwise."""
    for name in names:
        try:
            return reverse(name, args=list(args))
        except NoReverseMatch:
            continue
    return reverse("cases:notification_list")


def case_path(case_id: int) -> str:
    """The case page (its id is not personal data)."""
    return _path(["cases:case_detail", "cases:case_clocks"], [case_id])


def absolute_url(path: str) -> str:
    return settings.AWAZ_BASE_URL.rstrip("/") + path


# Recipients -----------------------------------------------------------------------------


def caseworkers_of(organisation_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Active caseworkers of each organisation, in one query."""
    found: dict[int, list[Any]] = {}
    rows = Membership.objects.filter(
        organisation_id__in=set(organisation_ids),
        role__in=list(CASEWORKERS),
        user__is_active=True,
    ).select_related("user")
    for membership in rows.order_by("user_id"):
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found


def _owner_or_lead(case: Case) -> list[Any]:
    if case.owner is not None and case.owner.is_active:
        return [case.owner]
    return caseworkers_of([case.lead_organisation_id]).get(case.lead_organisation_id, [])


# Raising a notice -------------------------------------------------------------------------


def notification_mode(user: Any) -> str:
    pref = NotificationPreference.objects.filter(user=user).only("mode").first()
    return pref.mode if pref is not None else NotificationMode.IMMEDIATE


def _queue_send(notification_id: int) -> None:
    from awaz.cases.tasks import send_notification  # the task module imports this one

    send_notification.delay(notification_id)


@transaction.atomic
def notify(
    *, user: Any, kind: NotificationKind, link: str, source_key: str = ""
) -> Notification | None:
    """Raise a notice for ``user`` (a path in ``link``, no personal data). With a
    ``source_key``, at most once per user: a second call returns None. Immediate e-mails
    are queued after commit; digest users get it in the daily summary."""
    if user is None or not user.is_active:
        return None
    if source_key and Notification.objects.filter(user=user, source_key=source_key).exists():
        return None
    try:
        with transaction.atomic():
            notice = Notification.objects.create(
                user=user,
                kind=kind,
                link=link,
                created_at=timezone.now(),
                source_key=source_key,
            )
    except IntegrityError:  # raised at the same moment by another job
        return None
    if notification_mode(user) == NotificationMode.IMMEDIATE:
        notice_id = notice.pk
        transaction.on_commit(lambda: _queue_send(notice_id))
    return notice


def _notify_all(
    users: Iterable[Any], *, kind: NotificationKind, link: str, source_key: str
) -> list[Notification]:
    raised = [notify(user=user, kind=kind, link=link, source_key=source_key) for user in users]
    return [notice for notice in raised if notice is not None]


def notify_referral_received(referral: Referral) -> list[Notification]:
    """Tell the receiving organisation's caseworkers that a referral arrived."""
    users = caseworkers_of([referral.to_organisation_id]).get(referral.to_organisation_id, [])
    return _notify_all(
        users,
        kind=NotificationKind.REFERRAL_RECEIVED,
        link=case_path(referral.case_id),
        source_key=f"referral:{referral.pk}:received",
    )


def _task_recipients(task: Task) -> list[Any]:
    if task.assignee_user_id is not None:
        return [task.assignee_user] if task.assignee_user.is_active else []  # type: ignore[union-attr]
    org_id = task.assignee_organisation_id
    return caseworkers_of([org_id]).get(org_id, []) if org_id is not None else []


def _task_path(task: Task) -> str:
    if task.case_id is not None:
        return case_path(task.case_id)
    return _path(["cases:task_list", "cases:my_tasks"])


def notify_task_assigned(task: Task) -> list[Notification]:
    """Tell the assignee (or the assigned organisation's caseworkers) of a task; again
    when it is given to someone else."""
    assignee = f"user{task.assignee_user_id}" if task.assignee_user_id else "org"
    return _notify_all(
        _task_recipients(task),
        kind=NotificationKind.TASK_ASSIGNED,
        link=_task_path(task),
        source_key=f"task:{task.pk}:assigned:{assignee}",
    )


def notify_high_risk(case: Case) -> list[Notification]:
    """Tell the lead organisation's caseworkers that the case was assessed as high risk
    (once per assessment)."""
    latest = RiskAssessment.objects.filter(case=case).order_by("-assessed_at", "-id").first()
    marker = latest.pk if latest is not None else "none"
    users = caseworkers_of([case.lead_organisation_id]).get(case.lead_organisation_id, [])
    return _notify_all(
        users,
        kind=NotificationKind.HIGH_RISK,
        link=case_path(case.pk),
        source_key=f"case:{case.pk}:high_risk:{marker}",
    )


def notify_reporter_message(message: Message) -> list[Notification]:
    """Tell the case owner (or the lead organisation's caseworkers) that the reporter wrote."""
    case = Case.objects.select_related("owner").get(pk=message.case_id)
    return _notify_all(
        _owner_or_lead(case),
        kind=NotificationKind.REPORTER_MESSAGE,
        link=case_path(case.pk),
        source_key=f"message:{message.pk}",
    )


# Sending --------------------------------------------------------------------------------


def _context(items: list[Notification]) -> dict[str, Any]:
    return {
        "service_name": settings.AWAZ_SERVICE_NAME,
        "items": [
            {"kind": NotificationKind(item.kind).label, "url": absolute_url(item.link)}
            for item in items
        ],
        "settings_url": absolute_url(reverse("cases:notification_settings")),
    }


def notification_send(*, notification_id: int) -> bool:
    """E-mail one notice if it has not gone yet; return whether it was sent. Run by the
    ``send_notification`` job after the raising transaction commits."""
    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notice is None or not notice.user.is_active:
            return False
        context = _context([notice])
        send_mail(
            render_to_string("cases/notifications/email/notice_subject.txt", context).strip(),
            render_to_string("cases/notifications/email/notice.txt", context),
            None,
            [notice.user.email],
        )
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


def notifications_send_digests(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per user with every unsent notice of digest users (and any notice left
    unsent for more than ``STALE_AFTER``); return how many e-mails went. Safe to repeat."""
    now = now or timezone.now()
    digest_users = NotificationPreference.objects.filter(
        user_id=OuterRef("user_id"), mode=NotificationMode.DIGEST
    )
    pending = Notification.objects.filter(sent_at__isnull=True, user__is_active=True).filter(
        Q(Exists(digest_users)) | Q(created_at__lt=now - STALE_AFTER)
    )
    user_ids = sorted(set(pending.values_list("user_id", flat=True)))
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            items = list(
                pending.filter(user_id=user_id)
                .select_for_update()
                .select_related("user")
                .order_by("created_at", "id")
            )
            if not items:
                continue
            send_mail(
                render_to_string("cases/notifications/email/digest_subject.txt").strip(),
                render_to_string("cases/notifications/email/digest.txt", _context(items)),
                None,
                [items[0].user.email],
            )
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=now)
            sent += 1
    return sent


# Periodic notices -------------------------------------------------------------------------


def notify_overdue_tasks(*, today: datetime.date | None = None) -> int:
    """A notice for each task past its due date and not done: to its assignee, or the
    assigned organisation's caseworkers; once per task. Returns how many were raised."""
    today = today or timezone.localdate()
    tasks = list(
        Task.objects.filter(due_on__lt=today, done_at__isnull=True)
        .select_related("assignee_user")
        .only(
            "id",
            "case",
            "due_on",
            "assignee_user",
            "assignee_organisation",
        )
        .order_by("due_on", "id")
    )
    org_users = caseworkers_of(
        task.assignee_organisation_id
        for task in tasks
        if task.assignee_user_id is None and task.assignee_organisation_id is not None
    )
    raised = 0
    for task in tasks:
        if task.assignee_user_id is not None:
            users = [task.assignee_user]
        else:
            users = org_users.get(task.assignee_organisation_id or 0, [])
        with transaction.atomic():
            raised += len(
                _notify_all(
                    users,
                    kind=NotificationKind.TASK_OVERDUE,
                    link=_task_path(task),
                    source_key=f"task:{task.pk}:overdue",
                )
            )
    return raised


def notify_risk_reviews_due(*, today: datetime.date | None = None) -> int:
    """A notice for each open case whose latest risk assessment's review is due (today or
    earlier): to the case owner, or the lead organisation's caseworkers; once per
    assessment. Returns how many were raised."""
    today = today or timezone.localdate()
    newer = RiskAssessment.objects.filter(case_id=OuterRef("case_id")).filter(
        Q(assessed_at__gt=OuterRef("assessed_at"))
        | Q(assessed_at=OuterRef("assessed_at"), id__gt=OuterRef("id"))
    )
    due = list(
        RiskAssessment.objects.filter(review_due_on__lte=today)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(~Exists(newer))
        .select_related("case", "case__owner")
        .only(
            "id",
            "assessed_at",
            "review_due_on",
            "case__id",
            "case__owner",
            "case__lead_organisation",
            "case__status",
        )
        .order_by("review_due_on", "id")
    )
    raised = 0
    for assessment in due:
        case = assessment.case
        with transaction.atomic():
            raised += len(
                _notify_all(
                    _owner_or_lead(case),
                    kind=NotificationKind.REVIEW_DUE,
                    link=case_path(case.pk),
                    source_key=f"risk:{assessment.pk}:review_due",
                )
            )
    return raised


# Preferences ----------------------------------------------------------------------------


@transaction.atomic(durable=True)
def notification_preference_set(*, user: Any, mode: NotificationMode, actor: Any) -> str:
    """Choose immediate e-mails or a daily digest (for oneself only)."""
    mode = NotificationMode(mode)
    pref, created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user, defaults={"mode": mode}
    )
    previous = NotificationMode.IMMEDIATE if created else pref.mode
    if pref.mode != mode:
        pref.mode = mode
        pref.save(update_fields=["mode"])
    if previous != mode:
        audit_record(
            event_type=AuditEventType.NOTIFICATION_PREFERENCE_CHANGED,
            actor=staff_actor(actor),
            target_type="core.user",
            target_id=user.pk,
            details={"from": str(previous), "to": str(mode)},
        )
    return mode


def notification_list_for_user(*, user: Any, limit: int = 50) -> list[Notification]:
    """The user's newest notices (kinds and links only)."""
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id")[:limit])
