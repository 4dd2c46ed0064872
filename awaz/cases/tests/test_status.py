"""The reporter's plain-words status follows their case: referred, in active support,
closed; a report linked to a case takes the state the case has reached. Seen the way the
reporter sees it, with the follow-up code."""

from __future__ import annotations

import re

from django.urls import reverse

from awaz.cases.models import CaseStatus
from awaz.cases.services import (
    case_close,
    case_status_change,
    referral_accept,
    triage_link_case,
    triage_make_case,
)
from awaz.cases.services.classification import case_classify
from awaz.cases.services.status import REPORTER_STATUS, reporter_status_for
from awaz.cases.tests.consent_support import refer, report_with_details, reporter_client
from awaz.cases.tests.timers_support import classification
from awaz.reporting.models import ReportStatus
from awaz.reporting.tests.factories import make_report

FOLLOWUP_REPORT = reverse("reporting:followup_report")


def reporter_sees(report, code) -> str:
    html = reporter_client(report, code).get(FOLLOWUP_REPORT).content.decode()
    match = re.search(
        r'What is happening</h2>\s*<p[^>]*><strong class="govuk-tag[^"]*">([^<]+)<', html
    )
    assert match is not None
    return match.group(1).strip() + " | " + re.sub(r"\s+", " ", html)


def test_every_case_status_has_a_reporter_status():
    assert set(REPORTER_STATUS) == set(CaseStatus)
    assert reporter_status_for(CaseStatus.ACTIVE_SUPPORT) == ReportStatus.IN_SUPPORT


def test_reporter_status_follows_referral_and_active_support(
    org_a, org_b, caseworker_a, caseworker_b
):
    report, code = make_report(
        organisation=org_a, consents={("share", "council"): True, ("contact", "receiving"): True}
    )
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    assert reporter_sees(report, code).startswith("Being looked at |")

    referral = refer(case, org_b, caseworker_a)
    report.refresh_from_db()
    assert report.status == ReportStatus.PASSED_TO_SUPPORT
    assert reporter_sees(report, code).startswith("Passed to support |")

    referral_accept(referral=referral, actor=caseworker_b)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_SUPPORT
    seen = reporter_sees(report, code)
    assert seen.startswith("Being supported |")
    assert "Someone is supporting you." in seen


def test_reporter_status_follows_a_status_set_by_hand_and_closing(org_a, caseworker_a):
    report, code = make_report(organisation=org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    case_status_change(case=case, status=CaseStatus.ACTIVE_SUPPORT, actor=caseworker_a)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_SUPPORT
    case_classify(case=case, classification=classification("partner_incident"), actor=caseworker_a)
    case_close(case=case, outcome="support_given", actor=caseworker_a)
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert reporter_sees(report, code).startswith("Closed |")


def test_every_report_in_the_case_follows_it(org_a, caseworker_a):
    first, _first_code = make_report(organisation=org_a)
    second, second_code = make_report(organisation=org_a)
    case = triage_make_case(report_id=first.pk, actor=caseworker_a)
    case_status_change(case=case, status=CaseStatus.ACTIVE_SUPPORT, actor=caseworker_a)
    # A report linked later takes the state the case has reached.
    triage_link_case(report_id=second.pk, case_id=case.pk, actor=caseworker_a)
    second.refresh_from_db()
    assert second.status == ReportStatus.IN_SUPPORT
    case_status_change(case=case, status=CaseStatus.OPEN, actor=caseworker_a)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == ReportStatus.IN_REVIEW
    assert reporter_sees(second, second_code).startswith("Being looked at |")


def test_staff_inbox_shows_the_status_the_reporter_sees(client, org_a, caseworker_a):
    report = report_with_details(org_a)
    case = triage_make_case(report_id=report.pk, actor=caseworker_a)
    case_status_change(case=case, status=CaseStatus.ACTIVE_SUPPORT, actor=caseworker_a)
    client.force_login(caseworker_a)
    html = client.get(reverse("reporting:triage_inbox") + "?status=in_support").content.decode()
    assert report.reference in html
    assert "Being supported" in html
