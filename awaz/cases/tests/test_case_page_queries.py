"""The case page's query count is pinned: it does not grow with the number of timeline
entries, tasks, referrals, messages or risk assessments (no N+1 in any panel)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awaz.cases import risk
from awaz.cases.models import Case, CaseEvent, Message, Referral, RiskAssessment, Task
from awaz.cases.services import (
    ContactMethod,
    KeyDecision,
    case_assign,
    case_contact_record,
    case_decision_record,
    case_note_add,
    message_from_reporter_receive,
    message_to_reporter_send,
    referral_accept,
    referral_send,
    risk_assess,
    task_create,
    triage_make_case,
)
from awaz.cases.tests.consent_support import report_with_details
from awaz.partners.models import Organisation
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory

FOLLOWUP_URL = "https://awaz.example.org/report/follow-up/"
# What the page costs today, whatever the data: a ceiling, so a new panel that adds a
# query per row fails here, and one that adds a few fixed queries is noticed.
CEILING = 75


def answers(*yes: str) -> dict[str, str]:
    """Risk answers: every question "no" except those named."""
    result = {q.code: risk.NO for q in risk.QUESTIONS if q.code != "fear_level"}
    result.update({code: risk.YES for code in yes})
    result["fear_level"] = "not_afraid"
    return result


def _grow(case: Case, *, n: int, lead: Any, colleagues: list[Any], receivers: list[Any]) -> None:
    """Give ``case`` ``n`` of everything, each written by a different person where the page
    shows who (so a missing select_related shows up as one query per row)."""
    report = case.case_reports.get(is_primary=True).report
    yesterday = timezone.now() - datetime.timedelta(days=1)
    for i in range(n):
        colleague = colleagues[i]
        case_note_add(case=case, text=f"Fictional note {i}", actor=colleague)
        case_contact_record(
            case=case, method=ContactMethod.PHONE, text="", occurred_at=yesterday, actor=colleague
        )
        case_decision_record(case=case, decision=KeyDecision.ARREST, actor=lead)
        case_assign(case=case, owner=colleague, actor=lead)
        task_create(
            title=f"Fictional task {i}",
            due_on=timezone.localdate() + datetime.timedelta(days=i - 2),
            case=case,
            assignee_user=colleague,
            actor=lead,
        )
        organisation, receiver = receivers[i]
        referral = referral_send(
            case=case,
            to_organisation=organisation,
            reason=f"Fictional reason {i}",
            anonymised=bool(i % 2),
            actor=lead,
        )
        if i % 3 == 0:
            referral_accept(referral=referral, actor=receiver)
        message_to_reporter_send(
            case=case, body=f"Fictional message {i}", followup_url=FOLLOWUP_URL, actor=colleague
        )
        message_from_reporter_receive(report=report, body=f"Fictional answer {i}")
        risk_assess(
            case=case,
            answers=answers("threats_serious_harm") if i % 2 else answers(),
            actor=colleague,
        )


@pytest.fixture
def people(org_a: Organisation) -> dict[str, Any]:
    lead = StaffFactory(organisation=org_a, role="partner_caseworker", full_name="Fictional Lead")
    colleagues = [
        StaffFactory(organisation=org_a, role="partner_caseworker", full_name=f"Fictional C{i}")
        for i in range(8)
    ]
    receivers = []
    for i in range(8):
        organisation = OrganisationFactory(name=f"Fictional Council {i}", kind="council")
        receivers.append(
            (organisation, StaffFactory(organisation=organisation, role="partner_caseworker"))
        )
    return {"lead": lead, "colleagues": colleagues, "receivers": receivers}


def _queries(client: Client, case: Case) -> int:
    url = reverse("cases:case_detail", args=[case.pk])
    client.get(url)  # the first request of a session does a little more
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_case_page_queries_do_not_grow_with_its_contents(
    org_a: Organisation, people: dict[str, Any]
) -> None:
    lead = people["lead"]
    small = triage_make_case(report_id=report_with_details(org_a).pk, actor=lead)
    large = triage_make_case(report_id=report_with_details(org_a).pk, actor=lead)
    _grow(small, n=1, **people)
    _grow(large, n=8, **people)
    # Both pages have what the comparison needs.
    assert Task.objects.filter(case=large).count() == 8
    assert Referral.objects.filter(case=large).count() == 8
    assert Message.objects.filter(case=large).count() == 16
    assert RiskAssessment.objects.filter(case=large).count() == 8
    assert CaseEvent.objects.filter(case=large).count() > 8 * 5

    client = Client()
    client.force_login(lead)
    body = client.get(reverse("cases:case_detail", args=[large.pk])).content.decode()
    for shown in ("Fictional task 7", "Fictional Council 7", "Fictional C7", "16 messages"):
        assert shown in body, shown

    few = _queries(client, small)
    many = _queries(client, large)
    assert many == few, f"the case page made {many} queries with 8 of each, {few} with 1"
    assert few <= CEILING, few


def test_receiver_sees_the_case_page_in_the_same_number_of_queries(
    org_a: Organisation, people: dict[str, Any]
) -> None:
    """An organisation the case was referred to (and accepted) sees its own referral only,
    with the anonymised-or-full checks: they must not cost a query per row either."""
    lead = people["lead"]
    small = triage_make_case(report_id=report_with_details(org_a).pk, actor=lead)
    large = triage_make_case(report_id=report_with_details(org_a).pk, actor=lead)
    _grow(small, n=1, **people)
    _grow(large, n=8, **people)
    receiver = people["receivers"][0][1]  # accepted (i == 0), full report (consent covers)

    client = Client()
    client.force_login(receiver)
    body = client.get(reverse("cases:case_detail", args=[large.pk])).content.decode()
    assert "Fictional Council 0" in body and "Fictional Council 7" not in body
    few = _queries(client, small)
    many = _queries(client, large)
    assert many == few, f"the case page made {many} queries with 8 of each, {few} with 1"
    assert few <= CEILING, few
