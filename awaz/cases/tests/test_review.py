"""ASB case review ("community trigger"): the threshold flag, the request and its steps,
the working-day clocks (weekends, bank holidays, frozen time), the pages and scoping."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.clocks import ClockState
from awaz.cases.models import (
    CaseEvent,
    CaseReview,
    CaseReviewStatus,
    CloseReason,
    EventKind,
    TimeLimitSet,
)
from awaz.cases.repeats import case_review_count, case_review_eligible
from awaz.cases.reviews import case_review_clocks
from awaz.cases.services import (
    case_review_acknowledge,
    case_review_decide,
    case_review_meeting_held,
    case_review_request,
    triage_close,
    triage_make_case,
)
from awaz.cases.services.review import MSG_REVIEW_OPEN, MSG_WRONG_STEP
from awaz.core.exceptions import ConflictError, NotFound
from awaz.reporting.tests.factories import make_report

LONDON = ZoneInfo("Europe/London")
EMAIL = "fictional.trigger@example.org"


def end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59, 999999), tzinfo=LONDON)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def case(org_a, caseworker_a):
    report, _ = make_report(organisation=org_a, email=EMAIL)
    return triage_make_case(report_id=report.pk, actor=caseworker_a)


def three_in_six() -> TimeLimitSet:
    return TimeLimitSet.objects.create(
        name="Fictional three-complaint rule",
        effective_from=timezone.localdate() - datetime.timedelta(days=365),
        trigger_incidents=3,
    )


# The threshold ---------------------------------------------------------------------------


def test_one_hate_incident_in_six_months_meets_the_default_threshold(case):
    assert case_review_count(case) == (1, 1, 6)
    assert case_review_eligible(case)


def test_a_configured_threshold_counts_the_victims_other_reports(case, org_a, org_b):
    three_in_six()
    assert not case_review_eligible(case)
    make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(40))
    assert not case_review_eligible(case)
    # Another organisation's report of the same victim counts (the review is multi-agency).
    make_report(organisation=org_b, email=EMAIL, submitted_at=days_ago(100))
    assert case_review_count(case)[0] == 3
    assert case_review_eligible(case)


def test_old_incidents_and_closed_reports_do_not_count(case, org_a, caseworker_a):
    three_in_six()
    make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(200))
    make_report(  # reported recently, but it happened eight months ago
        organisation=org_a,
        email=EMAIL,
        incident_date=timezone.localdate() - datetime.timedelta(days=240),
    )
    not_hate, _ = make_report(organisation=org_a, email=EMAIL, submitted_at=days_ago(3))
    triage_close(report_id=not_hate.pk, reason=CloseReason.NOT_HATE, actor=caseworker_a)
    make_report(organisation=org_a, email="someone.else@example.org")
    assert case_review_count(case)[0] == 1
    assert not case_review_eligible(case)


# The steps -------------------------------------------------------------------------------


def test_request_and_every_step_are_audited_and_on_the_timeline(case, caseworker_a):
    review = case_review_request(case=case, actor=caseworker_a)
    assert review.status == CaseReviewStatus.REQUESTED
    review = case_review_acknowledge(review_id=review.pk, actor=caseworker_a)
    assert review.status == CaseReviewStatus.ACKNOWLEDGED and review.acknowledged_at
    review = case_review_decide(review_id=review.pk, threshold_met=True, actor=caseworker_a)
    assert review.status == CaseReviewStatus.THRESHOLD_DECIDED and review.threshold_met is True
    review = case_review_meeting_held(review_id=review.pk, actor=caseworker_a)
    assert review.status == CaseReviewStatus.MEETING_HELD and review.met_at
    types = list(
        AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk))
        .filter(
            event_type__in=[
                AuditEventType.CASE_REVIEW_REQUESTED,
                AuditEventType.CASE_REVIEW_UPDATED,
            ]
        )
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert (
        types == [AuditEventType.CASE_REVIEW_REQUESTED] + [AuditEventType.CASE_REVIEW_UPDATED] * 3
    )
    steps = [
        e.details["case_review"]
        for e in CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).order_by("id")
    ]
    assert steps == ["requested", "acknowledged", "threshold_met", "meeting_held"]


def test_steps_run_in_order(case, caseworker_a):
    review = case_review_request(case=case, actor=caseworker_a)
    with pytest.raises(ConflictError) as excinfo:
        case_review_decide(review_id=review.pk, threshold_met=True, actor=caseworker_a)
    assert excinfo.value.message == MSG_WRONG_STEP
    with pytest.raises(ConflictError):
        case_review_meeting_held(review_id=review.pk, actor=caseworker_a)
    with pytest.raises(ConflictError) as excinfo:
        case_review_request(case=case, actor=caseworker_a)
    assert excinfo.value.message == MSG_REVIEW_OPEN


def test_threshold_not_met_closes_the_review_and_ends_the_meeting_clock(case, caseworker_a):
    review = case_review_request(case=case, actor=caseworker_a)
    case_review_acknowledge(review_id=review.pk, actor=caseworker_a)
    review = case_review_decide(review_id=review.pk, threshold_met=False, actor=caseworker_a)
    assert review.status == CaseReviewStatus.CLOSED
    assert case_review_clocks(review)[2].state == ClockState.ENDED
    with pytest.raises(ConflictError):
        case_review_meeting_held(review_id=review.pk, actor=caseworker_a)
    # A new request may follow.
    assert case_review_request(case=case, actor=caseworker_a).pk != review.pk


def test_another_organisation_cannot_touch_a_review(case, caseworker_a, caseworker_b):
    with pytest.raises(NotFound):
        case_review_request(case=case, actor=caseworker_b)
    review = case_review_request(case=case, actor=caseworker_a)
    with pytest.raises(NotFound):
        case_review_acknowledge(review_id=review.pk, actor=caseworker_b)


# The clocks ------------------------------------------------------------------------------


def test_clocks_count_working_days_from_the_request(case, caseworker_a):
    monday = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=LONDON)
    with time_machine.travel(monday, tick=False):
        review = case_review_request(case=case, actor=caseworker_a)
        clocks = case_review_clocks(review)
    assert [c.step for c in clocks] == ["acknowledge", "decide", "meet"]
    assert [c.due_at for c in clocks] == [
        end_of(datetime.date(2026, 3, 16)),
        end_of(datetime.date(2026, 3, 23)),
        end_of(datetime.date(2026, 3, 30)),
    ]
    assert {c.state for c in clocks} == {ClockState.RUNNING}


def test_clocks_skip_bank_holidays(case, caseworker_a):
    # Good Friday 3 April and Easter Monday 6 April 2026.
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0, tzinfo=LONDON), tick=False):
        review = case_review_request(case=case, actor=caseworker_a)
        acknowledge = case_review_clocks(review)[0]
    assert acknowledge.due_at == end_of(datetime.date(2026, 4, 17))


def test_clock_states_over_time(case, caseworker_a):
    monday = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=LONDON)
    with time_machine.travel(monday, tick=False):
        review = case_review_request(case=case, actor=caseworker_a)
    # The day before the acknowledgement is due: at risk.
    with time_machine.travel(datetime.datetime(2026, 3, 13, 12, 0, tzinfo=LONDON), tick=False):
        assert case_review_clocks(review)[0].state == ClockState.AT_RISK
        case_review_acknowledge(review_id=review.pk, actor=caseworker_a)
    review.refresh_from_db()
    # Long after: acknowledged in time (met), the decision never made (breached).
    with time_machine.travel(datetime.datetime(2026, 4, 20, 12, 0, tzinfo=LONDON), tick=False):
        clocks = case_review_clocks(review)
    assert [c.state for c in clocks] == [ClockState.MET, ClockState.BREACHED, ClockState.BREACHED]


def test_configured_limits_apply(case, caseworker_a):
    TimeLimitSet.objects.create(
        name="Fictional quicker rule",
        effective_from=datetime.date(2026, 1, 1),
        review_acknowledge_working_days=5,
    )
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=LONDON), tick=False):
        review = case_review_request(case=case, actor=caseworker_a)
        assert case_review_clocks(review)[0].due_at == end_of(datetime.date(2026, 3, 9))


# The pages -------------------------------------------------------------------------------


def test_case_page_flags_the_victim_and_offers_a_request(client, case, caseworker_a):
    client.force_login(caseworker_a)
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "meets the threshold for an ASB case review" in body
    assert reverse("cases:case_review_request", args=[case.pk]) in body


def test_request_page_starts_the_clocks_and_steps_follow(client, case, caseworker_a):
    client.force_login(caseworker_a)
    url = reverse("cases:case_review_request", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"requested_on-day": "", "requested_on-month": "", "requested_on-year": ""}
    )
    assert response.status_code == 302
    review = CaseReview.objects.get(case=case)
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Acknowledge the request" in body
    client.post(reverse("cases:case_review_acknowledge", args=[review.pk]))
    response = client.post(reverse("cases:case_review_decide", args=[review.pk]), {})
    assert "Select whether the threshold is met" in response.content.decode()
    client.post(reverse("cases:case_review_decide", args=[review.pk]), {"threshold_met": "yes"})
    client.post(reverse("cases:case_review_meeting", args=[review.pk]))
    review.refresh_from_db()
    assert review.status == CaseReviewStatus.MEETING_HELD


def test_a_request_recorded_late_keeps_its_date(client, case, caseworker_a):
    client.force_login(caseworker_a)
    day = timezone.localdate() - datetime.timedelta(days=3)
    client.post(
        reverse("cases:case_review_request", args=[case.pk]),
        {
            "requested_on-day": day.day,
            "requested_on-month": day.month,
            "requested_on-year": day.year,
        },
    )
    review = CaseReview.objects.get(case=case)
    assert timezone.localtime(review.requested_at).date() == day


def test_pages_are_404_for_another_organisation(client, case, caseworker_a, caseworker_b):
    review = case_review_request(case=case, actor=caseworker_a)
    client.force_login(caseworker_b)
    assert client.get(reverse("cases:case_review_request", args=[case.pk])).status_code == 404
    assert (
        client.post(reverse("cases:case_review_acknowledge", args=[review.pk])).status_code == 404
    )
    assert client.get(reverse("cases:case_review_decide", args=[review.pk])).status_code == 404
    review.refresh_from_db()
    assert review.status == CaseReviewStatus.REQUESTED
