"""Notifications: rows per notice, immediate e-mails after commit (none on rollback), the
daily digest, the helpers other services call, and the settings page. E-mails hold only the
kind of notice and a link."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import (
    Message,
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationPreference,
    RiskAssessment,
    Task,
)
from awaz.cases.services.notifications import (
    notifications_send_digests,
    notify,
    notify_high_risk,
    notify_referral_received,
    notify_reporter_message,
    notify_task_assigned,
)
from awaz.cases.tests.timers_support import make_case, refer
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

LINK = "/cases/1/"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.AWAZ_BASE_URL = "https://awaz.example.org/"


def digest(user):
    NotificationPreference.objects.create(user=user, mode=NotificationMode.DIGEST)


# notify ---------------------------------------------------------------------------------


def test_immediate_notice_is_emailed_after_commit_with_only_a_link(
    caseworker_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = notify(user=caseworker_a, kind=NotificationKind.TASK_ASSIGNED, link=LINK)
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [caseworker_a.email]
    assert message.subject == "Awaz: A task was assigned"
    assert "https://awaz.example.org/cases/1/" in message.body
    assert caseworker_a.full_name not in message.body
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_a_rolled_back_change_sends_no_email(
    caseworker_a, org_a, django_capture_on_commit_callbacks
):
    case = make_case(organisation=OrganisationFactory(kind="council"))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        referral = refer(case, org_a, timezone.now())
        assert notify_referral_received(referral)
        raise RuntimeError("the referral failed after the notice was raised")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_source_key_raises_a_notice_once_per_user(
    caseworker_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            user=caseworker_a, kind=NotificationKind.TASK_OVERDUE, link=LINK, source_key="task:1"
        )
        again = notify(
            user=caseworker_a, kind=NotificationKind.TASK_OVERDUE, link=LINK, source_key="task:1"
        )
    assert first is not None
    assert again is None
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_inactive_users_are_not_notified(caseworker_a):
    caseworker_a.is_active = False
    caseworker_a.save()
    assert notify(user=caseworker_a, kind=NotificationKind.HIGH_RISK, link=LINK) is None
    assert not Notification.objects.exists()


def test_a_sent_notice_is_not_sent_twice(caseworker_a, django_capture_on_commit_callbacks):
    from awaz.cases.tasks import send_notification

    with django_capture_on_commit_callbacks(execute=True):
        notice = notify(user=caseworker_a, kind=NotificationKind.HIGH_RISK, link=LINK)
    assert send_notification.delay(notice.pk).get() is False
    assert len(mail.outbox) == 1


# Digest ---------------------------------------------------------------------------------


def test_digest_users_get_one_email_a_day(caseworker_a, django_capture_on_commit_callbacks):
    digest(caseworker_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(user=caseworker_a, kind=NotificationKind.TASK_ASSIGNED, link="/cases/1/")
        notify(user=caseworker_a, kind=NotificationKind.REFERRAL_RECEIVED, link="/cases/2/")
    assert callbacks == []
    assert mail.outbox == []
    assert notifications_send_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "2 things in Awaz need your attention" in body
    assert "A task was assigned" in body and "https://awaz.example.org/cases/1/" in body
    assert "A referral was received" in body and "https://awaz.example.org/cases/2/" in body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert notifications_send_digests() == 0  # nothing left to send
    assert len(mail.outbox) == 1


def test_digest_sweeps_up_immediate_notices_left_unsent(caseworker_a, caseworker_b):
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    Notification.objects.create(
        user=caseworker_a, kind=NotificationKind.HIGH_RISK, link=LINK, created_at=long_ago
    )
    Notification.objects.create(
        user=caseworker_b, kind=NotificationKind.HIGH_RISK, link=LINK, created_at=timezone.now()
    )
    assert notifications_send_digests() == 1
    assert mail.outbox[0].to == [caseworker_a.email]


# Helpers for other services -----------------------------------------------------------------


def test_referral_received_goes_to_the_receiving_caseworkers(org_a, caseworker_a, caseworker_b):
    colleague = StaffFactory(organisation=org_a, role="centre_caseworker")
    StaffFactory(organisation=org_a, role="analyst")
    case = make_case(organisation=caseworker_b.membership.organisation)
    referral = refer(case, org_a, timezone.now())
    notices = notify_referral_received(referral)
    assert {notice.user for notice in notices} == {caseworker_a, colleague}
    assert {notice.kind for notice in notices} == {NotificationKind.REFERRAL_RECEIVED}
    assert notices[0].link == reverse("cases:case_detail", args=[case.pk])
    assert notify_referral_received(referral) == []  # once


def test_task_assigned_to_a_person_or_an_organisation(org_a, caseworker_a):
    case = make_case(organisation=org_a)
    mine = Task.objects.create(
        case=case, title="Fictional task", assignee_user=caseworker_a, due_on=timezone.localdate()
    )
    assert [n.user for n in notify_task_assigned(mine)] == [caseworker_a]
    org_b = OrganisationFactory(kind="council")
    worker = StaffFactory(organisation=org_b, role="partner_caseworker")
    theirs = Task.objects.create(
        title="Fictional task", assignee_organisation=org_b, due_on=timezone.localdate()
    )
    notices = notify_task_assigned(theirs)
    assert [n.user for n in notices] == [worker]
    assert notices[0].link == reverse("cases:my_tasks")
    mine.assignee_user = worker
    mine.save()
    assert [n.user for n in notify_task_assigned(mine)] == [worker]  # reassigned: told again


def test_high_risk_goes_to_the_lead_organisation_once_per_assessment(org_a, caseworker_a):
    case = make_case(organisation=org_a)

    def assess():
        return RiskAssessment.objects.create(
            case=case,
            answers={},
            score=20,
            scored_level="high",
            level="high",
            assessed_at=timezone.now(),
            assessed_by=caseworker_a,
        )

    assess()
    assert [n.user for n in notify_high_risk(case)] == [caseworker_a]
    assert notify_high_risk(case) == []
    assess()
    assert len(notify_high_risk(case)) == 1


def test_reporter_message_goes_to_the_owner_or_the_lead(org_a, caseworker_a):
    colleague = StaffFactory(organisation=org_a, role="partner_caseworker")
    owned = make_case(organisation=org_a, owner=colleague)
    unowned = make_case(organisation=org_a)

    def message(case):
        return Message.objects.create(
            case=case,
            report=case.case_reports.get().report,
            direction="from_reporter",
            body="Fictional message",
            sent_at=timezone.now(),
        )

    assert [n.user for n in notify_reporter_message(message(owned))] == [colleague]
    assert {n.user for n in notify_reporter_message(message(unowned))} == {
        caseworker_a,
        colleague,
    }


# Pages ----------------------------------------------------------------------------------


def test_settings_page_saves_the_choice_with_an_audit_row(client, caseworker_a):
    client.force_login(caseworker_a)
    url = reverse("cases:notification_settings")
    response = client.get(url)
    assert response.status_code == 200
    assert "In a daily summary" in response.content.decode()
    response = client.post(url, {"mode": "digest"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=caseworker_a).mode == "digest"
    event = AuditEvent.objects.get(
        event_type=AuditEventType.NOTIFICATION_PREFERENCE_CHANGED, target_id=str(caseworker_a.pk)
    )
    assert event.details == {"from": "immediate", "to": "digest"}
    client.post(url, {"mode": "digest"})  # no change: no second row
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.NOTIFICATION_PREFERENCE_CHANGED).count()
        == 1
    )


def test_settings_page_shows_errors(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post(reverse("cases:notification_settings"), {"mode": "weekly"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert not NotificationPreference.objects.exists()


def test_notification_pages_need_a_member_of_staff(client, django_user_model):
    user = django_user_model.objects.create_user(email="nobody@example.org", password="x" * 20)
    client.force_login(user)
    assert client.get(reverse("cases:notification_list")).status_code == 404
    assert client.get(reverse("cases:notification_settings")).status_code == 404


def test_notification_list_shows_own_notices_only(client, caseworker_a, caseworker_b):
    with time_machine.travel(datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)):
        notify(user=caseworker_a, kind=NotificationKind.TASK_OVERDUE, link="/cases/7/")
        notify(user=caseworker_b, kind=NotificationKind.HIGH_RISK, link="/cases/8/")
    client.force_login(caseworker_a)
    html = client.get(reverse("cases:notification_list")).content.decode()
    assert "A task is overdue" in html
    assert 'href="/cases/7/"' in html
    assert "/cases/8/" not in html
