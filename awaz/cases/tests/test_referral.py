"""Sending referrals: consent checked at the moment of sending (given, withdrawn, expired, no
recipient kind), anonymised referrals, who may refer, audit rows, timeline entries, notices
after commit, and the referral page. Answering and withdrawing them, and what the receiver
sees, are in ``test_referral_receiving``."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.cases.models import (
    CaseStatus,
    EventKind,
    Notification,
    NotificationKind,
    Referral,
    ReferralStatus,
)
from awaz.cases.services import triage_make_case
from awaz.cases.tests.consent_support import (
    FICTIONAL_NAME,
    SHARE_COUNCIL,
    SHARE_POLICE,
    audits,
    events,
    police_org,
    refer,
    report_with_details,
    reporter_decides,
    shared_case,
    shared_report,
    signed_in,
    staff_grants,
    third_sector_org,
)
from awaz.core.exceptions import (
    ApplicationError,
    ConflictError,
    ConsentRequired,
    PermissionDenied,
)

__all__ = [  # fixtures used below
    "police_org",
    "shared_case",
    "shared_report",
    "third_sector_org",
]

NOW = datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC)


# Sending ------------------------------------------------------------------------------


def test_referral_with_consent_is_sent_audited_and_on_the_timeline(
    shared_case, org_a, org_b, caseworker_a, caseworker_b
):
    referral = refer(shared_case, org_b, caseworker_a)
    assert referral.status == ReferralStatus.PENDING
    assert (referral.from_organisation_id, referral.to_organisation_id) == (org_a.pk, org_b.pk)
    assert referral.recipient_kind == "council"
    assert not referral.is_anonymised
    shared_case.refresh_from_db()
    assert shared_case.status == CaseStatus.REFERRED
    [sent] = audits(AuditEventType.REFERRAL_SENT)
    assert sent.target_type == "cases.case"
    assert sent.target_id == str(shared_case.pk)
    assert sent.actor_id == caseworker_a.pk
    assert sent.details == {
        "referral_id": referral.pk,
        "to_organisation_id": org_b.pk,
        "recipient_kind": "council",
        "anonymised": False,
    }
    [entry] = events(shared_case, EventKind.REFERRAL_SENT)
    assert entry.details["referral_id"] == referral.pk
    assert [e.details["to"] for e in events(shared_case, EventKind.STATUS_CHANGED)] == ["referred"]
    # The receiving organisation's caseworkers are told (a notice; no personal data).
    [notice] = Notification.objects.filter(user=caseworker_b)
    assert notice.kind == NotificationKind.REFERRAL_RECEIVED
    assert shared_case.reference not in notice.link


def test_no_consent_blocks_a_referral_and_writes_nothing(
    shared_case, police_org, caseworker_a, org_a
):
    report = report_with_details(org_a, consents={})
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    with pytest.raises(ConsentRequired) as caught:
        refer(case, police_org, caseworker_a)
    assert str(caught.value.message) == "Nobody has recorded consent to share with the police."
    assert not Referral.objects.filter(case=case).exists()
    assert audits(AuditEventType.REFERRAL_SENT) == []
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_withdrawn_consent_blocks_a_referral(shared_case, shared_report, police_org, caseworker_a):
    with time_machine.travel(NOW, tick=False):
        reporter_decides(shared_report, {SHARE_POLICE: False})
        with pytest.raises(ConsentRequired) as caught:
            refer(shared_case, police_org, caseworker_a)
    assert str(caught.value.message) == (
        "Consent to share with the police was withdrawn on 6 May 2031."
    )
    assert caught.value.extra == {"state": "withdrawn"}


def test_expired_consent_blocks_a_referral(org_a, org_b, caseworker_a):
    report = report_with_details(org_a, consents={})
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    with time_machine.travel(NOW, tick=False):
        staff_grants(report, SHARE_COUNCIL, expires_at=NOW + datetime.timedelta(hours=1))
    with (
        time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False),
        pytest.raises(ConsentRequired) as caught,
    ):
        refer(case, org_b, caseworker_a)
    assert caught.value.extra == {"state": "expired"}


def test_anonymised_referral_needs_no_consent(org_a, police_org, caseworker_a):
    report = report_with_details(org_a, consents={})
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    referral = refer(case, police_org, caseworker_a, anonymised=True)
    assert referral.is_anonymised
    assert referral.recipient_kind == "police"
    assert audits(AuditEventType.REFERRAL_SENT)[0].details["anonymised"] is True


def test_organisation_kind_without_consent_question_only_anonymised(
    shared_case, third_sector_org, caseworker_a
):
    with pytest.raises(ConsentRequired) as caught:
        refer(shared_case, third_sector_org, caseworker_a)
    assert caught.value.extra == {"state": "no_recipient_kind"}
    referral = refer(shared_case, third_sector_org, caseworker_a, anonymised=True)
    assert referral.recipient_kind == ""


def test_cannot_refer_to_own_organisation_twice_or_as_non_lead(
    shared_case, org_a, org_b, police_org, caseworker_a, caseworker_b
):
    with pytest.raises(ApplicationError):
        refer(shared_case, org_a, caseworker_a)
    refer(shared_case, org_b, caseworker_a)
    with pytest.raises(ConflictError):
        refer(shared_case, org_b, caseworker_a)
    # The receiver holds the case but does not lead it: it cannot pass it on.
    with pytest.raises(PermissionDenied):
        refer(shared_case, police_org, caseworker_b)


def test_referral_email_goes_only_after_commit(
    shared_case, org_b, caseworker_a, caseworker_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        refer(shared_case, org_b, caseworker_a)
    assert mail.outbox == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[caseworker_b.email]]
    assert FICTIONAL_NAME not in mail.outbox[0].body
    assert shared_case.reference not in mail.outbox[0].body


def test_rolled_back_referral_sends_no_email(
    shared_case, org_b, caseworker_a, monkeypatch, django_capture_on_commit_callbacks
):
    from awaz.cases.services import referral as module

    def fail(**kwargs):
        raise RuntimeError("fictional failure after the notice was raised")

    monkeypatch.setattr(module, "case_status_set", fail)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        refer(shared_case, org_b, caseworker_a)
    assert callbacks == []
    assert mail.outbox == []
    assert not Referral.objects.exists()
    assert not Notification.objects.exists()


# Referral page -----------------------------------------------------------------------


def test_referral_page_says_why_and_offers_consent_or_anonymised(org_a, police_org, caseworker_a):
    report = report_with_details(org_a, consents={})
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    client = signed_in(caseworker_a)
    url = reverse("cases:referral_new", args=[case.pk])
    assert client.get(url).status_code == 200
    data = {
        "to_organisation": police_org.pk,
        "reason": "Fictional: please record this.",
        "sharing": "full",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nobody has recorded consent to share with the police." in html
    assert reverse("cases:consent_record", args=[case.pk]) in html
    assert "Share anonymised instead" in html
    assert "Fictional: please record this." in html  # what was typed is kept
    assert not Referral.objects.exists()

    response = client.post(url, {**data, "anonymise_instead": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    [referral] = Referral.objects.all()
    assert referral.is_anonymised


def test_referral_page_sends_a_full_referral(shared_case, org_b, caseworker_a):
    response = signed_in(caseworker_a).post(
        reverse("cases:referral_new", args=[shared_case.pk]),
        {"to_organisation": org_b.pk, "reason": "Fictional reason.", "sharing": "full"},
    )
    assert response.status_code == 302
    assert not Referral.objects.get().is_anonymised


def test_own_organisation_is_not_offered(shared_case, org_a, caseworker_a):
    response = signed_in(caseworker_a).post(
        reverse("cases:referral_new", args=[shared_case.pk]),
        {"to_organisation": org_a.pk, "reason": "Fictional.", "sharing": "full"},
    )
    assert response.status_code == 200
    assert "Choose an organisation from the list" in response.content.decode()
