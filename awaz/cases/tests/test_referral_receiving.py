"""Receiving referrals: accepting, declining and withdrawing them, who may see the case
afterwards, audit rows and timeline entries, and the receiver's pages (the list, the
referral, the report full or anonymised, the case page). Sending them is in
``test_referral``."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.access import access_case_by_id, cases_visible_to
from awaz.cases.models import CaseStatus, EventKind, ReferralStatus
from awaz.cases.services import (
    referral_accept,
    referral_decline,
    referral_withdraw,
    triage_make_case,
)
from awaz.cases.tests.consent_support import (
    FICTIONAL_ACCOUNT,
    FICTIONAL_NAME,
    accepted_referral,
    audits,
    events,
    police_org,
    police_worker,
    refer,
    report_with_details,
    shared_case,
    shared_report,
    signed_in,
)
from awaz.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFound,
    PermissionDenied,
)

__all__ = [  # fixtures used below
    "accepted_referral",
    "police_org",
    "police_worker",
    "shared_case",
    "shared_report",
]


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


def test_receiver_report_page_keeps_the_date_when_still_happening(
    shared_case, shared_report, org_b, caseworker_a, caseworker_b
):
    shared_report.incident_date = datetime.date(2026, 3, 3)
    shared_report.is_ongoing = True
    shared_report.save(update_fields=["incident_date", "is_ongoing"])
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    url = reverse("cases:case_report", args=[shared_case.pk, shared_report.pk])
    html = signed_in(caseworker_b).get(url).content.decode()
    assert "3 March 2026, and it is still happening" in html


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
