"""Periodic jobs (eager Celery): overdue tasks, risk reviews due and the daily digest. Each
is safe to run again: a second run raises and sends nothing new."""

import datetime

import pytest
import time_machine
from celery import current_app
from django.conf import settings
from django.core import mail
from django.utils import timezone

from awaz.cases import tasks
from awaz.cases.models import (
    CaseStatus,
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationPreference,
    RiskAssessment,
    Task,
)
from awaz.cases.tests.timers_support import london, make_case
from awaz.partners.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 3, 6)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(london(2024, 3, 6, 7), tick=False):
        yield


def task(**fields):
    fields.setdefault("title", "Fictional task")
    return Task.objects.create(**fields)


def test_overdue_tasks_notify_once(caseworker_a, org_a, django_capture_on_commit_callbacks):
    colleague = StaffFactory(organisation=org_a, role="centre_caseworker")
    case = make_case(organisation=org_a)
    mine = task(case=case, assignee_user=caseworker_a, due_on=TODAY - datetime.timedelta(days=1))
    ours = task(assignee_organisation=org_a, due_on=TODAY - datetime.timedelta(days=3))
    task(assignee_user=caseworker_a, due_on=TODAY)  # due today: not overdue yet
    task(
        assignee_user=caseworker_a,
        due_on=TODAY - datetime.timedelta(days=5),
        done_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.overdue_tasks.delay().get() == 3
    notices = Notification.objects.filter(kind=NotificationKind.TASK_OVERDUE)
    assert {(n.user_id, n.source_key) for n in notices} == {
        (caseworker_a.pk, f"task:{mine.pk}:overdue"),
        (caseworker_a.pk, f"task:{ours.pk}:overdue"),
        (colleague.pk, f"task:{ours.pk}:overdue"),
    }
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.overdue_tasks.delay().get() == 0
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3


def assess(case, by, *, due, at):
    return RiskAssessment.objects.create(
        case=case,
        answers={},
        score=10,
        scored_level="medium",
        level="medium",
        assessed_at=at,
        assessed_by=by,
        review_due_on=due,
    )


def test_risk_reviews_due_notify_the_owner_once(org_a, caseworker_a):
    owner = StaffFactory(organisation=org_a, role="partner_caseworker")
    due = make_case(organisation=org_a, owner=owner)
    latest = assess(due, caseworker_a, due=TODAY, at=london(2024, 2, 7, 9))
    reviewed = make_case(organisation=org_a, owner=owner)
    assess(reviewed, caseworker_a, due=TODAY - datetime.timedelta(days=1), at=london(2024, 2, 1))
    assess(reviewed, caseworker_a, due=TODAY + datetime.timedelta(days=28), at=london(2024, 3, 5))
    closed = make_case(
        organisation=org_a, owner=owner, status=CaseStatus.CLOSED, closed_at=timezone.now()
    )
    assess(closed, caseworker_a, due=TODAY, at=london(2024, 2, 7))
    unowned = make_case(organisation=org_a)
    assess(unowned, caseworker_a, due=TODAY, at=london(2024, 2, 7))

    assert tasks.risk_reviews_due.delay().get() == 3
    notices = list(Notification.objects.filter(kind=NotificationKind.REVIEW_DUE))
    assert {(n.user_id, n.source_key) for n in notices} == {
        (owner.pk, f"risk:{latest.pk}:review_due"),
        # No owner: the lead organisation's caseworkers.
        (caseworker_a.pk, f"risk:{unowned.risk_assessments.get().pk}:review_due"),
        (owner.pk, f"risk:{unowned.risk_assessments.get().pk}:review_due"),
    }
    assert tasks.risk_reviews_due.delay().get() == 0
    assert Notification.objects.count() == 3


def test_daily_digest_job_is_idempotent(caseworker_a, caseworker_b):
    for user in (caseworker_a, caseworker_b):
        NotificationPreference.objects.create(user=user, mode=NotificationMode.DIGEST)
        Notification.objects.create(
            user=user, kind=NotificationKind.TASK_OVERDUE, link="/cases/", created_at=timezone.now()
        )
    assert tasks.send_digests.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([caseworker_a.email, caseworker_b.email])
    assert tasks.send_digests.delay().get() == 0
    assert len(mail.outbox) == 2


def test_beat_schedule_names_registered_tasks():
    schedule = settings.CELERY_BEAT_SCHEDULE
    names = {
        "cases-notify-overdue-tasks": "awaz.cases.tasks.notify_overdue_tasks",
        "cases-notify-risk-reviews-due": "awaz.cases.tasks.notify_risk_reviews_due",
        "cases-send-notification-digests": "awaz.cases.tasks.send_notification_digests",
    }
    for entry, task_name in names.items():
        assert schedule[entry]["task"] == task_name
        assert task_name in current_app.tasks
