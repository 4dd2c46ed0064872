"""Referrals: consent checked at the moment of sending (given, withdrawn, expired, no
recipient kind), anonymised referrals, answering and withdrawing, who may see the case
afterwards, audit rows, timeline entries, notices after commit, and the pages."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.access import access_case_by_id, cases_visible_to
from awaz.cases.models import (
    CaseEvent,
    CaseStatus,
    EventKind,
    Notification,
    NotificationKind,
    Referral,
    ReferralStatus,
)
from awaz.cases.services import (
    referral_accept,
    referral_decline,
    referral_withdraw,
    triage_make_case,
)
from awaz.cases.tests.consent_support import (
    FICTIONAL_ACCOUNT,
    FICTIONAL_NAME,
    SHARE_COUNCIL,
    SHARE_POLICE,
    accepted_referral,
    police_org,
    police_worker,
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
    NotFound,
    PermissionDenied,
)

__all__ = [  # fixtures used below
    "accepted_referral",
    "police_org",
    "police_worker",
    "shared_case",
    "shared_report",
    "third_sector_org",
]

NOW = datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC)


def events(case, kind):
    return list(CaseEvent.objects.filter(case=case, kind=kind))


def audits(event_type):
    return list(AuditEvent.objects.filter(event_type=int(event_type)))


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

    monkeypatch.setattr(module, "_case_status_set", fail)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        refer(shared_case, org_b, caseworker_a)
    assert callbacks == []
    assert mail.outbox == []
    assert not Referral.objects.exists()
    assert not Notification.objects.exists()


# Answering ----------------------------------------------------------------------------


def test_accept_moves_case_to_active_support(shared_case, org_b, caseworker_a, caseworker_b):
    referral = referral_accept(referral=refer(shared_case, org_b, caseworker_a), actor=caseworker_b)
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.decided_by == caseworker_b
    shared_case.refresh_from_db()
    assert shared_case.status == CaseStatus.ACTIVE_SUPPORT
    [accepted] = audits(AuditEventType.REFERRAL_ACCEPTED)
    assert accepted.actor_id == caseworker_b.pk
    assert accepted.organisation_id == org_b.pk
    assert len(events(shared_case, EventKind.REFERRAL_ACCEPTED)) == 1
    with pytest.raises(ConflictError):
        referral_accept(referral=referral, actor=caseworker_b)


def test_only_the_receiver_answers(shared_case, org_b, caseworker_a, police_worker):
    referral = refer(shared_case, org_b, caseworker_a)
    with pytest.raises(PermissionDenied):
        referral_accept(referral=referral, actor=caseworker_a)
    with pytest.raises(PermissionDenied):
        referral_decline(referral=referral, reason="Fictional.", actor=police_worker)


def test_decline_needs_a_reason_and_removes_access(shared_case, org_b, caseworker_a, caseworker_b):
    referral = refer(shared_case, org_b, caseworker_a)
    assert access_case_by_id(caseworker_b, shared_case.pk) == shared_case
    with pytest.raises(ApplicationError):
        referral_decline(referral=referral, reason="  ", actor=caseworker_b)
    referral = referral_decline(
        referral=referral, reason="Fictional: outside our area.", actor=caseworker_b
    )
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "Fictional: outside our area."
    assert len(audits(AuditEventType.REFERRAL_DECLINED)) == 1
    assert len(events(shared_case, EventKind.REFERRAL_DECLINED)) == 1
    with pytest.raises(NotFound):
        access_case_by_id(caseworker_b, shared_case.pk)


def test_withdraw_removes_access(accepted_referral, caseworker_a, caseworker_b):
    case = accepted_referral.case
    assert case in cases_visible_to(caseworker_b)
    with pytest.raises(PermissionDenied):
        referral_withdraw(referral=accepted_referral, actor=caseworker_b)
    referral_withdraw(referral=accepted_referral, actor=caseworker_a)
    assert case not in cases_visible_to(caseworker_b)
    assert len(audits(AuditEventType.REFERRAL_WITHDRAWN)) == 1


# Pages ----------------------------------------------------------------------------------


def test_an_organisation_cannot_read_a_case_it_was_not_referred(
    shared_case, shared_report, caseworker_b
):
    client = signed_in(caseworker_b)
    for url in (
        reverse("cases:case_detail", args=[shared_case.pk]),
        reverse("cases:case_report", args=[shared_case.pk, shared_report.pk]),
        reverse("cases:referral_new", args=[shared_case.pk]),
        reverse("cases:consent_record", args=[shared_case.pk]),
        reverse("cases:messages", args=[shared_case.pk]),
    ):
        assert client.get(url).status_code == 404, url


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


def test_receiver_lists_opens_and_accepts(shared_case, org_b, caseworker_a, caseworker_b):
    referral = refer(shared_case, org_b, caseworker_a)
    client = signed_in(caseworker_b)
    listing = client.get(reverse("cases:referrals_received")).content.decode()
    assert shared_case.reference in listing
    detail = client.get(reverse("cases:referral_detail", args=[referral.pk]))
    assert "Fictional reason: please offer support." in detail.content.decode()
    viewed = AuditEvent.objects.filter(event_type=int(AuditEventType.CASE_VIEWED)).last()
    assert viewed.details == {"page": "referral", "referral_id": referral.pk}
    response = client.post(reverse("cases:referral_accept", args=[referral.pk]))
    assert response["Location"] == reverse("cases:case_detail", args=[shared_case.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert client.get(reverse("cases:case_detail", args=[shared_case.pk])).status_code == 200


def test_receiver_declines_with_a_reason_on_the_page(
    shared_case, org_b, caseworker_a, caseworker_b
):
    referral = refer(shared_case, org_b, caseworker_a)
    client = signed_in(caseworker_b)
    url = reverse("cases:referral_decline", args=[referral.pk])
    response = client.post(url, {"reason": ""})
    assert "Enter why you are declining the referral" in response.content.decode()
    response = client.post(url, {"reason": "Fictional: full this month."})
    assert response["Location"] == reverse("cases:referrals_received")
    assert client.get(reverse("cases:case_detail", args=[shared_case.pk])).status_code == 404


def test_received_list_query_count_does_not_grow(
    org_a, org_b, caseworker_a, caseworker_b, django_assert_max_num_queries
):
    client = signed_in(caseworker_b)
    url = reverse("cases:referrals_received")

    def make(n):
        for _ in range(n):
            report = report_with_details(org_a)
            refer(triage_make_case(report_id=report.pk, actor=caseworker_a), org_b, caseworker_a)

    make(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make(6)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("govuk-table__row") == 8  # header + 7


def test_receiver_report_page_full_with_consent(accepted_referral, shared_report, caseworker_b):
    url = reverse("cases:case_report", args=[accepted_referral.case_id, shared_report.pk])
    html = signed_in(caseworker_b).get(url).content.decode()
    assert FICTIONAL_NAME in html
    assert FICTIONAL_ACCOUNT in html
    viewed = AuditEvent.objects.filter(event_type=int(AuditEventType.REPORT_VIEWED)).last()
    assert viewed.target_id == str(shared_report.pk)
    assert viewed.details["view"] == "full"


def test_receiver_report_page_anonymised_hides_and_says_why(
    shared_case, shared_report, org_b, caseworker_a, caseworker_b
):
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    url = reverse("cases:case_report", args=[shared_case.pk, shared_report.pk])
    html = signed_in(caseworker_b).get(url).content.decode()
    assert FICTIONAL_NAME not in html
    assert FICTIONAL_ACCOUNT not in html
    assert "fictional.reporter@example.org" not in html
    assert "CA3 9ZZ" not in html
    assert "Fictional Borough" in html
    assert "The case was referred to you anonymised." in html
    viewed = AuditEvent.objects.filter(event_type=int(AuditEventType.REPORT_VIEWED)).last()
    assert viewed.details["view"] == "anonymised"


def test_case_page_panels_for_lead_and_receiver(
    shared_case, shared_report, org_b, caseworker_a, caseworker_b
):
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    lead = signed_in(caseworker_a).get(reverse("cases:case_detail", args=[shared_case.pk]))
    html = lead.content.decode()
    for text in ("Consent in force now", "Referrals", "Messages with the reporter"):
        assert text in html
    assert reverse("cases:consent_record", args=[shared_case.pk]) in html
    assert reverse("cases:referral_new", args=[shared_case.pk]) in html
    receiver = signed_in(caseworker_b).get(reverse("cases:case_detail", args=[shared_case.pk]))
    html = receiver.content.decode()
    assert "The case was referred to you anonymised." in html
    assert reverse("cases:consent_record", args=[shared_case.pk]) not in html
    assert reverse("cases:case_report", args=[shared_case.pk, shared_report.pk]) in html
    assert FICTIONAL_NAME not in html
    assert FICTIONAL_ACCOUNT not in html
