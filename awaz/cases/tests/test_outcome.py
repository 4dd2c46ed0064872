"""Closing a case with its outcome, and the victim's satisfaction survey answered with
their follow-up code."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, CaseStatus, EventKind, SatisfactionResponse
from awaz.cases.services.case import CASE_IS_CLOSED
from awaz.cases.services.outcome import (
    ALREADY_ANSWERED,
    NOT_CLASSIFIED,
    SCORE_RANGE,
    case_close,
    satisfaction_answer,
)
from awaz.cases.tests.timers_support import CONTACT_OK, london, make_case, refer
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SURVEY = reverse("cases:satisfaction_survey")
FOLLOWUP_START = reverse("reporting:followup_start")
FOLLOWUP_REPORT = reverse("reporting:followup_report")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def close_url(case):
    return reverse("cases:case_close", args=[case.pk])


def closed_case(org, actor, *, consents=CONTACT_OK, outcome="support_given"):
    case = make_case(organisation=org, code="partner_incident", consents=consents)
    closed = case_close(case=case, outcome=outcome, actor=actor)
    closed.report_code = case.report_code
    return closed


# Closing ----------------------------------------------------------------------------------


def test_closing_records_outcome_retention_timeline_audit_and_report_status(
    client, org_a, caseworker_a
):
    case = make_case(organisation=org_a, code="police_crime", consents=CONTACT_OK)
    report = case.case_reports.get().report
    client.force_login(caseworker_a)
    assert client.get(close_url(case)).status_code == 200
    with time_machine.travel(london(2024, 2, 29, 15), tick=False):
        response = client.post(close_url(case), {"outcome": "charge"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome == "charge"
    assert case.closed_at == london(2024, 2, 29, 15)
    # 72 months for police-recorded crime; 29 February lands on 28 February.
    assert case.retention_review_on == datetime.date(2030, 2, 28)
    outcome = CaseEvent.objects.get(case=case, kind=EventKind.OUTCOME)
    assert outcome.details == {"outcome": "charge", "from": "open", "survey_invited": True}
    assert outcome.created_by == caseworker_a
    audit = AuditEvent.objects.get(event_type=AuditEventType.CASE_CLOSED, target_id=str(case.pk))
    assert audit.details["outcome"] == "charge"
    assert audit.details["retention_review_on"] == "2030-02-28"
    assert audit.details["survey_invited"] is True
    report.refresh_from_db()
    assert report.status == "closed"
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.REPORT_STATUS_CHANGED, target_id=str(report.pk)
    ).exists()
    survey = SatisfactionResponse.objects.get(case=case)
    assert survey.invited_at == london(2024, 2, 29, 15)
    assert survey.answered_at is None


def test_no_survey_where_contact_is_not_allowed(org_a, caseworker_a):
    refused = closed_case(org_a, caseworker_a, consents={("contact", "receiving"): False})
    none_given = closed_case(org_a, caseworker_a, consents=None)
    assert not SatisfactionResponse.objects.filter(case__in=[refused, none_given]).exists()
    assert (
        CaseEvent.objects.get(case=refused, kind=EventKind.OUTCOME).details["survey_invited"]
        is False
    )


def test_an_unclassified_case_cannot_close(client, org_a, caseworker_a):
    case = make_case(organisation=org_a)
    client.force_login(caseworker_a)
    response = client.post(close_url(case), {"outcome": "support_given"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Classify the case before you close it" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    with pytest.raises(ApplicationError) as error:
        case_close(case=case, outcome="support_given", actor=caseworker_a)
    assert error.value.message == NOT_CLASSIFIED


def test_an_outcome_must_be_chosen(client, org_a, caseworker_a):
    case = make_case(organisation=org_a, code="asb")
    client.force_login(caseworker_a)
    response = client.post(close_url(case), {"outcome": ""})
    assert response.status_code == 200
    assert "Choose the outcome" in response.content.decode()
    response = client.post(close_url(case), {"outcome": "locked_up_forever"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_a_closed_case_cannot_close_again(client, org_a, caseworker_a):
    case = closed_case(org_a, caseworker_a)
    with pytest.raises(ApplicationError) as error:
        case_close(case=case, outcome="charge", actor=caseworker_a)
    assert error.value.message == CASE_IS_CLOSED
    client.force_login(caseworker_a)
    response = client.get(close_url(case))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type=AuditEventType.CASE_CLOSED).count() == 1


def test_only_the_lead_organisation_closes(client, org_a, caseworker_a, caseworker_b):
    lead = OrganisationFactory(kind="council", name="Fictional Lead Council")
    case = make_case(organisation=lead, code="asb")
    refer(case, org_a, london(2024, 3, 1, 9))
    client.force_login(caseworker_a)  # referred: sees the case, may not close it
    assert client.get(close_url(case)).status_code == 403
    assert client.post(close_url(case), {"outcome": "charge"}).status_code == 403
    client.force_login(caseworker_b)  # neither lead nor referred: not found
    assert client.get(close_url(case)).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


# The survey -------------------------------------------------------------------------------


def sign_in_reporter(client, case):
    report = case.case_reports.get().report
    response = client.post(
        FOLLOWUP_START, {"reference": report.reference, "code": case.report_code}
    )
    assert response.status_code == 302
    return report


def test_reporter_answers_the_survey_once(client, org_a, caseworker_a):
    case = closed_case(org_a, caseworker_a)
    report = sign_in_reporter(client, case)
    page = client.get(FOLLOWUP_REPORT).content.decode()
    assert f'href="{SURVEY}"' in page  # the closed report links to the survey
    response = client.get(SURVEY)
    assert response.status_code == 200
    assert "Tell us how we did" in response.content.decode()
    assert 'class="govuk-exit-this-page' in response.content.decode()
    response = client.post(
        SURVEY, {"overall": "4", "felt_listened_to": "5", "would_report_again": "yes"}
    )
    assert response.status_code == 200
    assert "We have your answers" in response.content.decode()
    survey = SatisfactionResponse.objects.get(case=case)
    assert (survey.overall, survey.felt_listened_to, survey.would_report_again) == (4, 5, True)
    assert survey.answered_at is not None
    audit = AuditEvent.objects.get(event_type=AuditEventType.SATISFACTION_ANSWERED)
    assert audit.target_id == str(case.pk)
    assert audit.details == {"via": "followup_code", "report_id": report.pk}
    # Only once.
    again = client.post(
        SURVEY, {"overall": "1", "felt_listened_to": "1", "would_report_again": "no"}
    )
    assert "You have already answered" in again.content.decode()
    survey.refresh_from_db()
    assert survey.overall == 4
    with pytest.raises(ConflictError) as error:
        satisfaction_answer(report=report, overall=1, felt_listened_to=1, would_report_again=False)
    assert error.value.message == ALREADY_ANSWERED


def test_survey_errors_keep_the_answers(client, org_a, caseworker_a):
    case = closed_case(org_a, caseworker_a)
    sign_in_reporter(client, case)
    response = client.post(SURVEY, {"overall": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Choose whether you felt listened to" in html
    assert 'value="3" checked' in html
    assert SatisfactionResponse.objects.get(case=case).answered_at is None


def test_survey_service_checks_the_scores(org_a, caseworker_a):
    case = closed_case(org_a, caseworker_a)
    report = case.case_reports.get().report
    with pytest.raises(ApplicationError) as error:
        satisfaction_answer(report=report, overall=9, felt_listened_to=3, would_report_again=True)
    assert error.value.message == SCORE_RANGE


def test_no_survey_before_closing_or_without_consent(client, org_a, caseworker_a):
    open_case = make_case(organisation=org_a, code="asb", consents=CONTACT_OK)
    sign_in_reporter(client, open_case)
    response = client.get(SURVEY)
    assert response.status_code == 200
    assert "No questions for you yet" in response.content.decode()
    assert f'href="{SURVEY}"' not in client.get(FOLLOWUP_REPORT).content.decode()
    response = client.post(
        SURVEY, {"overall": "4", "felt_listened_to": "5", "would_report_again": "yes"}
    )
    assert "No questions for you yet" in response.content.decode()
    assert not SatisfactionResponse.objects.exists()


def test_survey_needs_the_follow_up_code(client, org_a, caseworker_a):
    closed_case(org_a, caseworker_a)
    response = client.get(SURVEY)
    assert response.status_code == 302
    assert response["Location"] == FOLLOWUP_START
    client.force_login(caseworker_a)  # staff sign-in is not a follow-up code
    assert client.get(SURVEY)["Location"] == FOLLOWUP_START
